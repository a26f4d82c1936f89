"""The vocabulary of unvotes: closed code lists, their display names and typed records.

Every enum value is the exact word used in SQL columns, JSON keys, CSV cells and CLI options
(bodies, decision kinds, adoption methods, votes, finding kinds, file roles ...). Records are
frozen dataclasses: what a reader makes of a source (:class:`SourceBatch` and its parts, each
file naming the :class:`FileRole` it plays) and which decisions a question is about
(:class:`Selection`). Positions, which number in the millions, travel as
:class:`PositionColumns` (parallel numpy arrays of small integer codes) rather than one object
per row; :data:`VOTE_CODES` and :data:`REASON_CODES` fix those codes.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

__all__ = [
    "BODY_NAMES",
    "FINDING_MEANINGS",
    "METHOD_NAMES",
    "REASON_CODES",
    "ROLE_FALLBACK",
    "RULE_CONDITION_KINDS",
    "SOURCE_DATASET",
    "SOURCE_PRIORITY",
    "TOPIC_NAMES",
    "VOTE_CODES",
    "Acknowledgement",
    "AcknowledgementRule",
    "AdoptionMethod",
    "Body",
    "ContextEvent",
    "Coverage",
    "CoverageNote",
    "CoveredFact",
    "Decision",
    "DecisionKind",
    "DecisionLink",
    "Disassociation",
    "FileRole",
    "FindingKind",
    "LinkRelation",
    "MandateHolder",
    "NonVotingReason",
    "Outcome",
    "PositionColumns",
    "RecordedName",
    "RuleCondition",
    "Selection",
    "Series",
    "SkipCount",
    "SortOrder",
    "SourceBatch",
    "SourceFile",
    "SourceKind",
    "SponsorCount",
    "SponsorRole",
    "Sponsorship",
    "StateStatement",
    "StatementKind",
    "Vote",
    "country_keys",
]


class Body(StrEnum):
    """The UN organ that took a decision."""

    GA = "ga"  #: General Assembly plenary
    C3 = "c3"  #: General Assembly Third Committee
    CHR = "chr"  #: Commission on Human Rights (1946-2006)
    HRC = "hrc"  #: Human Rights Council (2006-)
    SC = "sc"  #: Security Council


#: What each body is called on pages and in tables.
BODY_NAMES: dict[Body, str] = {
    Body.GA: "General Assembly (plenary)",
    Body.C3: "General Assembly Third Committee",
    Body.CHR: "Commission on Human Rights",
    Body.HRC: "Human Rights Council",
    Body.SC: "Security Council",
}


class DecisionKind(StrEnum):
    """What was decided."""

    RESOLUTION = "resolution"  #: a resolution (or decision) as a whole, in the body that adopts it
    DRAFT = "draft"  #: a committee's action on a draft it sends on to the plenary
    AMENDMENT = "amendment"  #: a vote on a proposed amendment
    PARAGRAPH = "paragraph"  #: a separate vote on a paragraph or part of a text
    PROCEDURAL = "procedural"  #: a procedural vote (agenda, adjournment, no-action motion ...)


class AdoptionMethod(StrEnum):
    """How the body reached the decision."""

    RECORDED_VOTE = "recorded_vote"
    WITHOUT_VOTE = "without_vote"
    NON_RECORDED_VOTE = "non_recorded_vote"


#: How each adoption method reads on pages.
METHOD_NAMES: dict[AdoptionMethod, str] = {
    AdoptionMethod.RECORDED_VOTE: "recorded vote",
    AdoptionMethod.WITHOUT_VOTE: "without a vote",
    AdoptionMethod.NON_RECORDED_VOTE: "vote not recorded",
}


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"


class Vote(StrEnum):
    """A member state's position on a recorded decision."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    NON_VOTING = "non_voting"


class NonVotingReason(StrEnum):
    """Why a member state has no yes/no/abstain position, when a source says or it is inferred."""

    ABSENT = "absent"  #: the source marks the state absent
    DID_NOT_PARTICIPATE = "did_not_participate"  #: present or not, recorded as not voting
    INELIGIBLE = "ineligible"  #: barred from voting (Charter Art. 19 arrears)
    NOT_LISTED = "not_listed"  #: a member that day but not in the source's yes/no/abstain lists


class SponsorRole(StrEnum):
    INITIAL = "initial"  #: listed on the draft as first issued
    ADDITIONAL = "additional"  #: joined later (revision, or announced at adoption)


class LinkRelation(StrEnum):
    """How one decision relates to another (``from`` -> ``to``)."""

    BECAME = "became"  #: a committee draft that became the plenary resolution
    AMENDS = "amends"  #: an amendment vote on the text of the other decision
    PART_OF = "part_of"  #: a separate paragraph vote within the other decision


class FindingKind(StrEnum):
    """What an audit or a build finds worth a look, in the order findings are listed."""

    INTEGRITY = "integrity"
    TOTALS_VS_ROLL = "totals_vs_roll"
    SOURCES_DISAGREE_TOTALS = "sources_disagree_totals"
    SOURCES_DISAGREE_POSITIONS = "sources_disagree_positions"
    SOURCES_DISAGREE_METHOD = "sources_disagree_method"
    OUTSIDE_MEMBERSHIP = "outside_membership"
    PROBABLE_DUPLICATE = "probable_duplicate"
    ROLL_MISSING = "roll_missing"
    TALLY_WITHOUT_VOTE = "tally_without_vote"
    SOURCE_WITHOUT_CITATION = "source_without_citation"
    DOSSIER_ROW_WITHOUT_SOURCE = "dossier_row_without_source"


#: What each kind of finding means, in a few words.
FINDING_MEANINGS: dict[FindingKind, str] = {
    FindingKind.INTEGRITY: "the database file fails SQLite's check or a reference points nowhere",
    FindingKind.TOTALS_VS_ROLL: "official totals differ from the counted roll",
    FindingKind.SOURCES_DISAGREE_TOTALS: "two sources give different official totals",
    FindingKind.SOURCES_DISAGREE_POSITIONS: "two sources give different rolls",
    FindingKind.SOURCES_DISAGREE_METHOD: "two sources give different adoption methods",
    FindingKind.OUTSIDE_MEMBERSHIP: "a position of a state that was not a UN member that day (GA, Third Committee)",
    FindingKind.PROBABLE_DUPLICATE: "two decisions of one body, day and kind with the same roll and no symbol "
    "telling them apart: probably one decision stored twice",
    FindingKind.ROLL_MISSING: "a recorded vote whose roll no source gives (its totals, if known, are kept)",
    FindingKind.TALLY_WITHOUT_VOTE: "adopted without a vote, yet a source gives a tally (kept as given)",
    FindingKind.SOURCE_WITHOUT_CITATION: "a file read has no citation",
    FindingKind.DOSSIER_ROW_WITHOUT_SOURCE: "a row of the shipped dossier has no source",
}


class SourceKind(StrEnum):
    """Each file format unvotes reads; one reader per kind."""

    VOETEN_2021 = "voeten2021"
    VOETEN_2017 = "voeten2017"
    UNXML = "unxml"
    OHCHR = "ohchr"
    C3_DPRK = "c3_dprk"
    UNDL_GA = "undl_ga"
    UNDL_SC = "undl_sc"
    DOSSIER = "dossier"


#: Preference among sources (lower first) for a decision's canonical fields and for the roll shown:
#: curated before official extracts before research datasets, newer releases of one dataset first
#: only where they keep more (Voeten 2017 keeps absences, 2021 drops them).
SOURCE_PRIORITY: dict[SourceKind, int] = {
    SourceKind.DOSSIER: 1,
    SourceKind.UNXML: 2,
    SourceKind.UNDL_GA: 3,
    SourceKind.UNDL_SC: 3,
    SourceKind.C3_DPRK: 4,
    SourceKind.OHCHR: 5,
    SourceKind.VOETEN_2017: 6,
    SourceKind.VOETEN_2021: 7,
}

#: The dataset whose record ids a kind's ``Decision.ref`` values are: both Voeten releases number
#: roll calls by the same ``rcid``, so one roll call read from either release, or from the same
#: release in other bytes, is matched by (dataset, ref) even where it has no symbol.
SOURCE_DATASET: dict[SourceKind, str] = {kind: kind.value for kind in SourceKind} | {
    SourceKind.VOETEN_2017: "voeten",
    SourceKind.VOETEN_2021: "voeten",
}

#: Storage codes of :class:`Vote` in :class:`PositionColumns` (never 0, so 0 can mean "unset").
VOTE_CODES: dict[Vote, int] = {Vote.YES: 1, Vote.ABSTAIN: 2, Vote.NO: 3, Vote.NON_VOTING: 8}
#: Storage codes of :class:`NonVotingReason`; 0 means "no reason given".
REASON_CODES: dict[NonVotingReason, int] = {
    NonVotingReason.ABSENT: 1,
    NonVotingReason.DID_NOT_PARTICIPATE: 2,
    NonVotingReason.INELIGIBLE: 3,
    NonVotingReason.NOT_LISTED: 4,
}


class FileRole(StrEnum):
    """What a file gives the batch it belongs to; each kind of record is stored citing its file."""

    DECISIONS = "decisions"  #: the decisions, with their links, topics, series, acknowledgements and context
    POSITIONS = "positions"  #: the rolls, with the names as recorded and the count of rows skipped
    SPONSORSHIPS = "sponsorships"
    SPONSOR_COUNTS = "sponsor_counts"
    DISASSOCIATIONS = "disassociations"
    COVERAGE = "coverage"  #: how complete the lists of sponsors or disassociations are
    STATEMENTS = "statements"  #: what sources say of one state's part (co-sponsored or not, ...)


#: The role whose file stands in for a role that no file of a batch plays (every batch has a
#: decisions file): a one-file source cites that file for everything.
ROLE_FALLBACK: dict[FileRole, FileRole] = {
    FileRole.POSITIONS: FileRole.DECISIONS,
    FileRole.SPONSORSHIPS: FileRole.POSITIONS,
    FileRole.DISASSOCIATIONS: FileRole.POSITIONS,
    FileRole.SPONSOR_COUNTS: FileRole.SPONSORSHIPS,
    FileRole.COVERAGE: FileRole.DECISIONS,
    FileRole.STATEMENTS: FileRole.DECISIONS,
}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file a reader read: what it is, which bytes, how to cite it, and what it gives the batch.

    A file without roles adds to what another file gives (Voeten's issues file adds the decisions'
    topics, which are stored citing the decisions file).
    """

    kind: SourceKind
    file_name: str
    sha256: str
    rows_read: int
    citation: str
    roles: frozenset[FileRole] = frozenset()


@dataclass(frozen=True, slots=True)
class Decision:
    """One action of one body at one meeting, as one source describes it.

    ``ref`` identifies the decision inside its source (a roll-call id, record id or symbol) and is
    how positions, sponsorships and links of the same batch point to it. Totals are the official
    (announced) figures where the source gives them, else ``None``.
    """

    ref: str
    body: Body
    kind: DecisionKind
    adoption_method: AdoptionMethod
    symbol: str | None
    date: dt.date | None
    outcome: Outcome | None = None
    draft_symbol: str | None = None
    session: int | None = None
    title: str | None = None
    description: str | None = None
    meeting_symbol: str | None = None
    yes_count: int | None = None
    no_count: int | None = None
    abstain_count: int | None = None
    non_voting_count: int | None = None
    is_important: bool | None = None
    url: str | None = None
    topics: tuple[str, ...] = ()
    line: int | None = None  #: line (or record number) in the source file, for messages

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True, eq=False)
class PositionColumns:
    """Positions of member states, column-wise: entry ``i`` of every array is one position.

    ``decision`` indexes :attr:`SourceBatch.decisions`; ``country`` holds ISO 3166-1 alpha-3
    codes; ``vote`` and ``reason`` hold :data:`VOTE_CODES` / :data:`REASON_CODES`; ``line`` is
    the 1-based line in the source file (0 for inferred rows).
    """

    decision: npt.NDArray[np.int32]
    country: npt.NDArray[np.str_]
    vote: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int8]
    is_inferred: npt.NDArray[np.bool_]
    line: npt.NDArray[np.int64]

    def __post_init__(self) -> None:
        n = len(self.decision)
        lengths = {len(a) for a in (self.country, self.vote, self.reason, self.is_inferred, self.line)}
        if lengths != {n}:
            raise ValueError("PositionColumns arrays must all have the same length")

    def __len__(self) -> int:
        return len(self.decision)

    @classmethod
    def empty(cls) -> PositionColumns:
        return cls(
            decision=np.zeros(0, np.int32),
            country=np.zeros(0, "<U3"),
            vote=np.zeros(0, np.int8),
            reason=np.zeros(0, np.int8),
            is_inferred=np.zeros(0, np.bool_),
            line=np.zeros(0, np.int64),
        )


@dataclass(frozen=True, slots=True)
class Sponsorship:
    decision_ref: str
    country_code: str
    role: SponsorRole | None  #: None: the source says the state sponsored, not whether initially
    name_as_recorded: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SponsorCount:
    """How many states sponsored a draft, where a source gives the number but not the names."""

    decision_ref: str
    initial_count: int | None
    additional_count: int | None
    total_count: int | None
    note: str | None
    citation: str


@dataclass(frozen=True, slots=True)
class Disassociation:
    """A state that dissociated itself from (or said it did not join) an adoption without a vote."""

    decision_ref: str
    country_code: str
    is_partial_list: bool
    note: str | None = None


class Coverage(StrEnum):
    """How complete what is held about one fact of a decision is."""

    COMPLETE = "complete"  #: a full official list (a UN roll, a DGACM sponsor list, a full list in a UN record)
    PARTIAL = "partial"  #: a source names some states; others may belong
    UNKNOWN = "unknown"  #: nothing is known


class CoveredFact(StrEnum):
    """The facts of a decision whose coverage is recorded."""

    SPONSORS = "sponsors"
    DISASSOCIATIONS = "disassociations"


class StatementKind(StrEnum):
    """What a source says of one state's part in a decision, beyond its vote."""

    SPONSORED = "sponsored"  #: it co-sponsored the text
    NOT_SPONSOR = "not_sponsor"  #: it did not co-sponsor the text
    DISASSOCIATED = "disassociated"  #: it dissociated itself from the adoption without a vote
    DID_NOT_JOIN = "did_not_join"  #: it said it did not join the consensus
    SPOKE_AGAINST = "spoke_against"  #: it spoke against the text or rejected it


@dataclass(frozen=True, slots=True)
class CoverageNote:
    """A source's word on how complete what is known of one fact of a decision is."""

    decision_ref: str
    fact: CoveredFact
    coverage: Coverage
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StateStatement:
    """What one source (``citation``) says of one state's part in a decision; ``is_secondary``
    marks a secondary source's claim, shown as that source's, never merged silently."""

    decision_ref: str
    country_code: str
    statement: StatementKind
    is_secondary: bool
    citation: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionLink:
    from_ref: str
    to_ref: str
    relation: LinkRelation


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A curated explanation of a finding the build will make (e.g. announced totals that differ
    from the published roll), so that an audit can tell explained findings from new ones."""

    decision_ref: str
    kind: FindingKind
    explanation: str


class RuleCondition(StrEnum):
    """What a finding must meet for an audit rule to explain it."""

    #: ``outside_membership``: a position dated at most ``max_days`` days before the state's admission.
    DAYS_BEFORE_ADMISSION = "days_before_admission"
    #: ``totals_vs_roll``: the official totals compared are those of the roll's own source, so the
    #: source contradicts itself (and the roll stored is the roll the source gives).
    TOTALS_AND_ROLL_OF_ONE_SOURCE = "totals_and_roll_of_one_source"
    #: ``roll_missing``: the source that records the vote gives no roll for it (with
    #: ``max_days`` unused).
    RECORDED_WITHOUT_ROLL = "recorded_without_roll"
    #: ``tally_without_vote``: the source that records the decision gives both the adoption without
    #: a vote and the tally.
    TALLY_GIVEN_WITHOUT_VOTE = "tally_given_without_vote"


#: The kind of finding each condition can explain.
RULE_CONDITION_KINDS: dict[RuleCondition, FindingKind] = {
    RuleCondition.DAYS_BEFORE_ADMISSION: FindingKind.OUTSIDE_MEMBERSHIP,
    RuleCondition.TOTALS_AND_ROLL_OF_ONE_SOURCE: FindingKind.TOTALS_VS_ROLL,
    RuleCondition.RECORDED_WITHOUT_ROLL: FindingKind.ROLL_MISSING,
    RuleCondition.TALLY_GIVEN_WITHOUT_VOTE: FindingKind.TALLY_WITHOUT_VOTE,
}


@dataclass(frozen=True, slots=True)
class AcknowledgementRule:
    """A curated explanation of a whole class of findings of one kind: those that one source kind
    gives in one body and that meet ``condition`` (with ``max_days`` for
    :attr:`RuleCondition.DAYS_BEFORE_ADMISSION`). ``citation`` says where the explanation comes from."""

    rule: str
    kind: FindingKind
    source_kind: SourceKind
    body: Body
    condition: RuleCondition
    explanation: str
    citation: str
    max_days: int | None = None


@dataclass(frozen=True, slots=True)
class ContextEvent:
    """A dated event that gives a series its context (a mandate created, a report, a meeting).

    ``date`` is ISO 8601, possibly only ``YYYY-MM`` or ``YYYY`` when the day is not known.
    """

    date: str
    kind: str
    title: str
    description: str | None
    symbol: str | None
    source: str


@dataclass(frozen=True, slots=True)
class MandateHolder:
    """A special rapporteur or commission member; term dates may be partial (``YYYY-MM``, ``YYYY``)."""

    name: str
    country_code: str | None
    mandate: str
    term_start: str | None
    term_end: str | None
    appointed_by: str | None
    note: str | None
    source: str


@dataclass(frozen=True, slots=True)
class RecordedName:
    """A spelling of a state's name as a source printed it, and over which dates."""

    country_code: str
    name: str
    rows: int
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class SkipCount:
    """Rows a reader read but did not turn into records, with the reason. Never silent."""

    reason: str
    rows: int


@dataclass(frozen=True, slots=True)
class Series:
    """A named set of decisions followed together (e.g. ``dprk-human-rights``)."""

    series: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class SourceBatch:
    """Everything one reader produced from one source (one or more files of one dataset).

    Each file lists its :class:`FileRole`; one file gives the decisions, and no role is played by
    two files. :meth:`file_for` names the file each kind of record comes from.
    """

    kind: SourceKind
    files: tuple[SourceFile, ...]
    decisions: tuple[Decision, ...]
    positions: PositionColumns = field(default_factory=PositionColumns.empty)
    sponsorships: tuple[Sponsorship, ...] = ()
    sponsor_counts: tuple[SponsorCount, ...] = ()
    disassociations: tuple[Disassociation, ...] = ()
    coverage: tuple[CoverageNote, ...] = ()
    statements: tuple[StateStatement, ...] = ()
    links: tuple[DecisionLink, ...] = ()
    recorded_names: tuple[RecordedName, ...] = ()
    skipped: tuple[SkipCount, ...] = ()
    #: True when absent members are simply not listed, so the ingest infers ``non_voting`` rows.
    lists_only_voters: bool = False
    #: When set, every decision of the batch belongs to this series (its ``ref`` is the series key).
    series: Series | None = None
    acknowledgements: tuple[Acknowledgement, ...] = ()
    events: tuple[ContextEvent, ...] = ()
    mandate_holders: tuple[MandateHolder, ...] = ()

    def __post_init__(self) -> None:
        for role in FileRole:
            playing = [f.file_name for f in self.files if role in f.roles]
            if len(playing) > 1:
                raise ValueError(f"{self.kind.value}: files {', '.join(playing)} all play the role {role.value}")
        if not any(FileRole.DECISIONS in f.roles for f in self.files):
            raise ValueError(f"{self.kind.value}: no file plays the role {FileRole.DECISIONS.value}")

    def file_index(self, role: FileRole) -> int:
        """The place in :attr:`files` of the file playing ``role``, else of the one standing in
        for it (:data:`ROLE_FALLBACK`)."""
        while not any(role in f.roles for f in self.files):
            role = ROLE_FALLBACK[role]  # ends at the decisions file, which every batch has
        return next(n for n, f in enumerate(self.files) if role in f.roles)

    def file_for(self, role: FileRole) -> SourceFile:
        """The file the records of ``role`` come from (see :meth:`file_index`)."""
        return self.files[self.file_index(role)]


def country_keys(codes: npt.NDArray[np.str_]) -> npt.NDArray[np.int64]:
    """One integer per alpha-3 code, equal for equal codes and ordered like the codes.

    Comparing and sorting these is far cheaper than comparing strings in bulk.

    >>> k = country_keys(np.array(["USA", "PRK", "USA"])).tolist()
    >>> k[0] == k[2] != k[1]
    True
    >>> a, b, c = country_keys(np.array(["CHN", "PRK", "USA"])).tolist()
    >>> a < b < c
    True
    """
    chars = np.ascontiguousarray(codes, dtype="<U3").view(np.uint32).reshape(-1, 3).astype(np.int64)
    return (chars[:, 0] << 42) | (chars[:, 1] << 21) | chars[:, 2]


#: Voeten's issue codes (``decision_topics.topic``) and what each covers.
TOPIC_NAMES: dict[str, str] = {
    "me": "Middle East",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}


class SortOrder(StrEnum):
    """How a list of decisions is ordered: by how well they match a search, or by date."""

    RELEVANCE = "relevance"  #: best match first (the default when searching), then by date
    DATE = "date"  #: oldest first (the default otherwise)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which decisions a question is about; every criterion is optional and they combine with AND.

    ``year_from``/``year_to`` are inclusive calendar years; ``search`` is what a person types,
    searched in the symbols, title and description (words stemmed, states known by any of their
    names); ``topic`` is one of Voeten's issue codes (:data:`TOPIC_NAMES`). The one parser of query
    strings and of command options is :mod:`unvotes.reports.selection`; the store turns a
    selection into SQL.

    >>> Selection(series="dprk-human-rights", body=Body.GA, year_from=2014, year_to=2016).describe()
    'series dprk-human-rights, body ga, years 2014-2016'
    """

    series: str | None = None
    body: Body | None = None
    kind: DecisionKind | None = None
    adoption_method: AdoptionMethod | None = None
    topic: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    search: str | None = None
    sort: SortOrder | None = None  #: None: by relevance when searching, else by date

    def describe(self) -> str:
        """The criteria in a few words (``every decision`` when there are none)."""
        parts = [
            f"series {self.series}" if self.series else "",
            f"body {self.body}" if self.body else "",
            f"kind {self.kind}" if self.kind else "",
            f"adopted by {self.adoption_method}" if self.adoption_method else "",
            f"topic {self.topic} ({TOPIC_NAMES.get(self.topic, '?')})" if self.topic else "",
        ]
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"years {self.year_from or '…'}-{self.year_to or '…'}")
        parts.append(f"matching {self.search!r}" if self.search else "")
        return ", ".join(p for p in parts if p) or "every decision"
