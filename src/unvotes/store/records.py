"""The typed rows the store's named reads return: one frozen dataclass per row kind, each with the
one decoder (``of``) that turns a row of its query into it.

Closed vocabularies arrive as the model's enums (``Body``, ``Vote``, ``FindingKind`` ...); dates
stay ISO 8601 text, as stored; ``0``/``1`` flags become booleans. Nothing above the store reads a
query's columns by position: the decoders here are the only code that knows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from unvotes.model import (
    AdoptionMethod,
    Body,
    Coverage,
    CoveredFact,
    DecisionKind,
    FindingKind,
    LinkRelation,
    NonVotingReason,
    Outcome,
    SourceKind,
    SponsorRole,
    StatementKind,
    Vote,
)

__all__ = [
    "AccountRecord",
    "CountryRecord",
    "DecisionRecord",
    "DisassociationRecord",
    "DiscrepancyRecord",
    "DuplicatePair",
    "EstimateRecord",
    "EstimateRunRecord",
    "EventRecord",
    "LinkRecord",
    "MandateHolderRecord",
    "NonMemberPosition",
    "ParticipationRecord",
    "QuestionRecord",
    "RollEntry",
    "SeriesRecord",
    "SourceRecord",
    "SponsorCountRecord",
    "SponsorRecord",
    "StateSponsorship",
]


#: A row as SQLite returns it (values of any type, by position); only the decoders below read one.
Row = Sequence[Any]


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A decision's canonical fields (each the preferred source's value); totals are the official
    announced figures where a source gives them. ``roll_source_id`` names the source whose roll is
    shown (None: no roll); ``source_id`` the source of the canonical fields."""

    decision_id: int
    body: Body
    year: int | None
    date: str | None
    symbol: str | None
    draft_symbol: str | None
    kind: DecisionKind
    adoption_method: AdoptionMethod
    outcome: Outcome | None
    yes_count: int | None
    no_count: int | None
    abstain_count: int | None
    non_voting_count: int | None
    title: str | None
    meeting_symbol: str | None
    roll_source_id: int | None
    source_id: int

    #: The columns of ``decisions`` this record is read from, in the order :meth:`of` expects.
    COLUMNS = (
        "decision_id",
        "body",
        "year",
        "date",
        "symbol",
        "draft_symbol",
        "kind",
        "adoption_method",
        "outcome",
        "yes_count",
        "no_count",
        "abstain_count",
        "non_voting_count",
        "title",
        "meeting_symbol",
        "roll_source_id",
        "source_id",
    )

    @classmethod
    def of(cls, row: Row) -> DecisionRecord:
        (
            did,
            body,
            year,
            date,
            symbol,
            draft,
            kind,
            method,
            outcome,
            yes,
            no,
            abstain,
            nv,
            title,
            meeting,
            roll,
            src,
        ) = row
        return cls(
            decision_id=int(did),
            body=Body(body),
            year=_int(year),
            date=_text(date),
            symbol=_text(symbol),
            draft_symbol=_text(draft),
            kind=DecisionKind(kind),
            adoption_method=AdoptionMethod(method),
            outcome=Outcome(outcome) if outcome else None,
            yes_count=_int(yes),
            no_count=_int(no),
            abstain_count=_int(abstain),
            non_voting_count=_int(nv),
            title=_text(title),
            meeting_symbol=_text(meeting),
            roll_source_id=_int(roll),
            source_id=int(src),
        )

    @property
    def label(self) -> str:
        """The symbol, else the draft symbol, else the body and date (Third Committee actions
        without a symbol)."""
        return self.symbol or self.draft_symbol or f"{self.body.value} {self.date or self.year or ''}".strip()

    @property
    def has_official_totals(self) -> bool:
        return self.yes_count is not None or self.no_count is not None or self.abstain_count is not None


@dataclass(frozen=True, slots=True)
class RollEntry:
    """One state's position in the roll shown for a decision, under the name it bore that day."""

    country_code: str
    country_name: str
    vote: Vote
    reason: NonVotingReason | None
    is_inferred: bool

    @classmethod
    def of(cls, row: Row) -> RollEntry:
        code, name, vote, reason, inferred = row
        return cls(str(code), str(name), Vote(vote), NonVotingReason(reason) if reason else None, bool(inferred))


@dataclass(frozen=True, slots=True)
class SponsorRecord:
    """A state named as a sponsor, from the preferred source naming it; ``sources`` counts the
    sources that name it. ``role`` None: the source says it sponsored, not whether initially."""

    country_code: str
    country_name: str
    role: SponsorRole | None
    name_as_recorded: str | None
    note: str | None
    source_id: int
    sources: int

    @classmethod
    def of(cls, row: Row) -> SponsorRecord:
        code, name, role, recorded, note, source_id, sources = row
        return cls(
            country_code=str(code),
            country_name=str(name),
            role=SponsorRole(role) if role else None,
            name_as_recorded=_text(recorded),
            note=_text(note),
            source_id=int(source_id),
            sources=int(sources),
        )


@dataclass(frozen=True, slots=True)
class StateSponsorship:
    """One state's sponsorship of one decision (the preferred source's role)."""

    decision_id: int
    country_code: str
    role: SponsorRole | None

    @classmethod
    def of(cls, row: Row) -> StateSponsorship:
        decision_id, code, role = row
        return cls(int(decision_id), str(code), SponsorRole(role) if role else None)


@dataclass(frozen=True, slots=True)
class SponsorCountRecord:
    """How many states sponsored a draft, where a source gives numbers but not names."""

    initial_count: int | None
    additional_count: int | None
    total_count: int | None
    note: str | None
    citation: str

    @classmethod
    def of(cls, row: Row) -> SponsorCountRecord:
        initial, additional, total, note, citation = row
        return cls(_int(initial), _int(additional), _int(total), _text(note), str(citation))


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """What tells whether a decision repeats a question of another year: its kind, title and
    description, and the curated series it belongs to (None when in none)."""

    decision_id: int
    kind: DecisionKind
    title: str | None
    description: str | None
    series: str | None

    @classmethod
    def of(cls, row: Row) -> QuestionRecord:
        decision_id, kind, title, description, series = row
        return cls(int(decision_id), DecisionKind(kind), _text(title), _text(description), _text(series))


@dataclass(frozen=True, slots=True)
class DisassociationRecord:
    """A state that dissociated itself from an adoption without a vote, as one source says."""

    decision_id: int
    country_code: str
    country_name: str
    is_partial_list: bool
    note: str | None
    source_id: int

    @classmethod
    def of(cls, row: Row) -> DisassociationRecord:
        decision_id, code, name, partial, note, source_id = row
        return cls(int(decision_id), str(code), str(name), bool(partial), _text(note), int(source_id))


@dataclass(frozen=True, slots=True)
class DiscrepancyRecord:
    """A finding of the build about one decision, and whether a curated note explains it."""

    decision_id: int
    body: Body
    date: str | None
    symbol: str | None
    kind: FindingKind
    detail: str
    is_acknowledged: bool
    explanation: str | None
    #: The source whose roll (or totals) the finding is about, if one.
    source_id: int | None = None
    #: A file of the same source kind (the same release) gives the official totals the finding
    #: compares: the source's own totals against its own roll, so the difference lies inside it.
    is_within_source: bool = False

    @classmethod
    def of(cls, row: Row) -> DiscrepancyRecord:
        decision_id, body, date, symbol, kind, detail, acknowledged, explanation, source_id, within = row
        return cls(
            decision_id=int(decision_id),
            body=Body(body),
            date=_text(date),
            symbol=_text(symbol),
            kind=FindingKind(kind),
            detail=str(detail),
            is_acknowledged=bool(acknowledged),
            explanation=_text(explanation),
            source_id=None if source_id is None else int(source_id),
            is_within_source=bool(within),
        )


def sponsorship_word(roles: str | None, statements: Sequence[str], *, complete: bool) -> str:
    """A state's sponsorship of a decision in one word: its role words (``initial``,
    ``additional``, ``sponsor`` for a role not stated) when a list names it; ``sponsor`` when a
    source (not a secondary one) says it co-sponsored; ``no`` when the list is complete without it
    or a source says it did not; else ``unknown``.

    >>> sponsorship_word(None, [], complete=False), sponsorship_word(None, [], complete=True)
    ('unknown', 'no')
    >>> sponsorship_word(None, ["not_sponsor"], complete=False), sponsorship_word("initial", [], complete=True)
    ('no', 'initial')
    """
    if roles:
        return roles
    if "sponsored" in statements:
        return "sponsor"
    if complete or "not_sponsor" in statements:
        return "no"
    return "unknown"


@dataclass(frozen=True, slots=True)
class ParticipationRecord:
    """One state's part in a decision: its position in the roll shown (None: no position), its
    sponsorship role words (``initial``, ``additional`` or ``sponsor``, joined by commas; None: not
    named as a sponsor), whether a source (not a secondary one) says it dissociated or did not join
    the consensus, what sources say of it (``statements``: ``sponsored``, ``not_sponsor``,
    ``spoke_against`` ..., a secondary source's marked so), and whether the lists of sponsors and of
    disassociations are complete, so that its absence from them means "no"."""

    decision: DecisionRecord
    vote: Vote | None
    reason: NonVotingReason | None
    is_inferred: bool | None
    sponsorship: str | None
    has_disassociated: bool
    statements: tuple[str, ...] = ()
    sponsors_complete: bool = False
    disassociations_complete: bool = False

    @classmethod
    def of(cls, row: Row) -> ParticipationRecord:
        n = len(DecisionRecord.COLUMNS)
        vote, reason, inferred, sponsorship, dissociated, stated, sponsors_complete, dis_complete = row[n:]
        return cls(
            decision=DecisionRecord.of(row[:n]),
            vote=Vote(vote) if vote else None,
            reason=NonVotingReason(reason) if reason else None,
            is_inferred=None if inferred is None else bool(inferred),
            sponsorship=_text(sponsorship),
            has_disassociated=bool(dissociated),
            statements=tuple(sorted(str(stated).split(","))) if stated else (),
            sponsors_complete=bool(sponsors_complete),
            disassociations_complete=bool(dis_complete),
        )

    @property
    def sponsorship_word(self) -> str:
        """See :func:`sponsorship_word`."""
        return sponsorship_word(self.sponsorship, self.statements, complete=self.sponsors_complete)

    @property
    def disassociation_word(self) -> str:
        """``yes`` when a source says the state dissociated itself or did not join the consensus;
        ``no`` only when a complete list leaves it out; ``n/a`` for a decision not adopted without a
        vote; else ``unknown``."""
        if self.has_disassociated:
            return "yes"
        if self.decision.adoption_method is not AdoptionMethod.WITHOUT_VOTE:
            return "n/a"
        return "no" if self.disassociations_complete else "unknown"


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """``from_decision_id`` relates to ``to_decision_id`` (a draft became a resolution, an
    amendment amends a draft ...); ``source_id`` None where the links of several sources are merged."""

    from_decision_id: int
    to_decision_id: int
    relation: LinkRelation
    source_id: int | None = None

    @classmethod
    def of(cls, row: Row) -> LinkRecord:
        a, b, relation, *source = row
        return cls(int(a), int(b), LinkRelation(relation), _int(source[0]) if source else None)


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """One source's own account of a decision, as kept beside the canonical fields."""

    source_id: int
    kind: SourceKind
    file_name: str
    citation: str | None
    source_ref: str
    priority: int
    line: int | None
    adoption_method: AdoptionMethod
    yes_count: int | None
    no_count: int | None
    abstain_count: int | None
    non_voting_count: int | None
    url: str | None
    shares_roll: bool
    positions_source_id: int | None

    @classmethod
    def of(cls, row: Row) -> AccountRecord:
        (source_id, kind, file_name, citation, ref, priority, line, method, yes, no, abstain, nv, url, shares, pos) = (
            row
        )
        return cls(
            source_id=int(source_id),
            kind=SourceKind(kind),
            file_name=str(file_name),
            citation=_text(citation),
            source_ref=str(ref),
            priority=int(priority),
            line=_int(line),
            adoption_method=AdoptionMethod(method),
            yes_count=_int(yes),
            no_count=_int(no),
            abstain_count=_int(abstain),
            non_voting_count=_int(nv),
            url=_text(url),
            shares_roll=bool(shares),
            positions_source_id=_int(pos),
        )


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One file read into the database: what it is, which bytes, and how to cite it."""

    source_id: int
    kind: SourceKind
    file_name: str
    sha256: str
    rows_read: int
    citation: str | None
    priority: int
    ingested_at: str

    COLUMNS = ("source_id", "kind", "file_name", "sha256", "rows_read", "citation", "priority", "ingested_at")

    @classmethod
    def of(cls, row: Row) -> SourceRecord:
        source_id, kind, file_name, sha256, rows_read, citation, priority, ingested_at = row
        return cls(
            source_id=int(source_id),
            kind=SourceKind(kind),
            file_name=str(file_name),
            sha256=str(sha256),
            rows_read=int(rows_read),
            citation=_text(citation),
            priority=int(priority),
            ingested_at=str(ingested_at),
        )


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """A state of the reference table: codes and its UN membership (ISO dates; None: never, or
    still a member)."""

    country_code: str
    name: str
    iso2: str | None
    m49: int | None
    un_member_from: str | None
    un_member_to: str | None

    COLUMNS = ("country_code", "name", "iso2", "m49", "un_member_from", "un_member_to")

    @classmethod
    def of(cls, row: Row) -> CountryRecord:
        code, name, iso2, m49, member_from, member_to = row
        return cls(str(code), str(name), _text(iso2), _int(m49), _text(member_from), _text(member_to))


@dataclass(frozen=True, slots=True)
class SeriesRecord:
    """A named set of decisions followed together."""

    series: str
    title: str
    description: str | None

    @classmethod
    def of(cls, row: Row) -> SeriesRecord:
        series, title, description = row
        return cls(str(series), str(title), _text(description))


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A dated event of a series' context; ``date`` may be partial (``YYYY-MM``, ``YYYY``)."""

    event_id: int
    date: str
    kind: str
    title: str
    description: str | None
    symbol: str | None
    citation: str | None
    source_id: int

    @classmethod
    def of(cls, row: Row) -> EventRecord:
        event_id, date, kind, title, description, symbol, citation, source_id = row
        return cls(
            event_id=int(event_id),
            date=str(date),
            kind=str(kind),
            title=str(title),
            description=_text(description),
            symbol=_text(symbol),
            citation=_text(citation),
            source_id=int(source_id),
        )


@dataclass(frozen=True, slots=True)
class MandateHolderRecord:
    """A special rapporteur or commission member of a series; term dates may be partial."""

    holder_id: int
    name: str
    country_code: str | None
    mandate: str
    term_start: str | None
    term_end: str | None
    appointed_by: str | None
    note: str | None
    citation: str | None
    source_id: int

    @classmethod
    def of(cls, row: Row) -> MandateHolderRecord:
        holder_id, name, code, mandate, start, end, appointed_by, note, citation, source_id = row
        return cls(
            holder_id=int(holder_id),
            name=str(name),
            country_code=_text(code),
            mandate=str(mandate),
            term_start=_text(start),
            term_end=_text(end),
            appointed_by=_text(appointed_by),
            note=_text(note),
            citation=_text(citation),
            source_id=int(source_id),
        )


@dataclass(frozen=True, slots=True)
class NonMemberPosition:
    """A position a source gives (not inferred) in the GA plenary or Third Committee for a state
    that was not a UN member that day, with a curated explanation where one exists."""

    decision_id: int
    body: Body
    date: str | None
    symbol: str | None
    source_id: int
    country_code: str
    vote: Vote
    reason: NonVotingReason | None
    un_member_from: str | None
    un_member_to: str | None
    explanation: str | None

    @classmethod
    def of(cls, row: Row) -> NonMemberPosition:
        decision_id, body, date, symbol, source_id, code, vote, reason, member_from, member_to, explanation = row
        return cls(
            decision_id=int(decision_id),
            body=Body(body),
            date=_text(date),
            symbol=_text(symbol),
            source_id=int(source_id),
            country_code=str(code),
            vote=Vote(vote),
            reason=NonVotingReason(reason) if reason else None,
            un_member_from=_text(member_from),
            un_member_to=_text(member_to),
            explanation=_text(explanation),
        )


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two decisions of one body, day and kind whose rolls are identical, state by state, and whose
    symbols do not tell them apart."""

    decision_id: int
    other_decision_id: int
    body: Body
    date: str
    kind: DecisionKind
    symbol: str | None
    other_symbol: str | None

    @classmethod
    def of(cls, row: Row) -> DuplicatePair:
        first, second, body, date, kind, symbol, other_symbol = row
        return cls(
            int(first), int(second), Body(body), str(date), DecisionKind(kind), _text(symbol), _text(other_symbol)
        )


@dataclass(frozen=True, slots=True)
class FlaggedDecision:
    """A decision the audit flags (a recorded vote whose roll no source gives, an adoption without a
    vote given a tally): the decision, the kind of the source that records it, and whether official
    totals are known."""

    decision_id: int
    body: Body
    date: str | None
    symbol: str | None
    source_id: int
    source_kind: SourceKind
    has_totals: bool

    @classmethod
    def of(cls, row: Row) -> FlaggedDecision:
        decision_id, body, date, symbol, source_id, kind, has_totals = row
        return cls(
            int(decision_id), Body(body), _text(date), _text(symbol), int(source_id), SourceKind(kind), bool(has_totals)
        )


@dataclass(frozen=True, slots=True)
class SponsorSummary:
    """What is known of the sponsors of one decision: how many states are named (by a list or by a
    source's statement), whether the list is complete, the totals sources report, and the coverage
    a source gives."""

    decision_id: int
    named: int
    is_complete: bool
    totals: tuple[int, ...]  #: the distinct total counts sources report
    initial: tuple[int, ...]  #: the distinct counts of initial sponsors sources report
    coverage_note: str | None

    @classmethod
    def of(cls, row: Row) -> SponsorSummary:
        decision_id, named, complete, totals, initial, note = row
        return cls(int(decision_id), int(named), bool(complete), _ints(totals), _ints(initial), _text(note))


def _ints(text: object) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in str(text).split(",")})) if text is not None else ()


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """What one source says of one state's part in a decision (``statements``)."""

    decision_id: int
    country_code: str
    country_name: str
    statement: StatementKind
    is_secondary: bool
    note: str | None
    citation: str

    @classmethod
    def of(cls, row: Row) -> StatementRecord:
        decision_id, code, name, statement, secondary, note, citation = row
        return cls(
            int(decision_id),
            str(code),
            str(name),
            StatementKind(statement),
            bool(secondary),
            _text(note),
            str(citation),
        )


@dataclass(frozen=True, slots=True)
class CoverageRecord:
    """A source's word on how complete the list of one fact of a decision is."""

    decision_id: int
    fact: CoveredFact
    coverage: Coverage
    note: str | None

    @classmethod
    def of(cls, row: Row) -> CoverageRecord:
        decision_id, fact, coverage, note = row
        return cls(int(decision_id), CoveredFact(fact), Coverage(coverage), _text(note))


@dataclass(frozen=True, slots=True)
class SponsorshipWords:
    """States' sponsorships of several decisions in one word each: ``named`` holds every state a
    list or a source names (decision id -> code -> word); ``complete`` the decisions whose list is
    complete, where every other state is ``no``; elsewhere an unnamed state is ``unknown``."""

    named: dict[int, dict[str, str]]
    complete: frozenset[int]

    def word(self, decision_id: int, country_code: str) -> str:
        named = self.named.get(decision_id, {}).get(country_code)
        if named is not None:
            return named
        return "no" if decision_id in self.complete else "unknown"


@dataclass(frozen=True, slots=True)
class EstimateRunRecord:
    """One stored run of the dynamic ideal-point model over a scope: the model version, its
    parameters (JSON text), the selection in words and what the fit used and did."""

    run_id: int
    scope: str
    model: str
    parameters: str
    selection: str
    anchor: str
    n_decisions: int
    n_dropped_decisions: int
    n_repeated_decisions: int
    n_repeat_groups: int
    n_state_years: int
    iterations: int
    is_converged: bool
    is_warm_start: bool
    created: str
    raw_centre: float
    raw_scale: float

    COLUMNS = (
        "run_id",
        "scope",
        "model",
        "parameters",
        "selection",
        "anchor",
        "n_decisions",
        "n_dropped_decisions",
        "n_repeated_decisions",
        "n_repeat_groups",
        "n_state_years",
        "iterations",
        "is_converged",
        "is_warm_start",
        "created",
        "raw_centre",
        "raw_scale",
    )

    @classmethod
    def of(cls, row: Row) -> EstimateRunRecord:
        (run_id, scope, model, params, selection, anchor, *counts, converged, warm, created, centre, scale) = row
        used, dropped, repeated, groups, cells, iterations = (int(n) for n in counts)
        return cls(
            int(run_id),
            str(scope),
            str(model),
            str(params),
            str(selection),
            str(anchor),
            used,
            dropped,
            repeated,
            groups,
            cells,
            iterations,
            bool(converged),
            bool(warm),
            str(created),
            float(centre),
            float(scale),
        )


@dataclass(frozen=True, slots=True)
class EstimateRecord:
    """A state's estimated position in one year of a run (a model estimate, not a record)."""

    run_id: int
    country_code: str
    year: int
    ideal_point: float
    std_error: float
    n_votes: int
    n_non_voting: int

    COLUMNS = ("run_id", "country_code", "year", "ideal_point", "std_error", "n_votes", "n_non_voting")

    @classmethod
    def of(cls, row: Row) -> EstimateRecord:
        run_id, code, year, point, error, votes, absent = row
        return cls(int(run_id), str(code), int(year), float(point), float(error), int(votes), int(absent))
