"""Reader of the shipped DPRK human-rights dossier (``unvotes/data/dprk``): the whole folder in,
one batch out, every decision in the series ``dprk-human-rights``.

Hand-curated facts live in ``facts/`` (decisions, Security Council rolls, disassociations,
sponsors found in documents, events, mandate holders): the decisions are read here, the facts
that hang off them by :mod:`.facts`. ``positions.csv`` and ``sponsors.csv`` are generated from
the public sources by :mod:`.regenerate`, shipped with them, and read here. Every row carries a
``source`` citation; a row without one is an error (:mod:`.rows` checks the rows of every file).
Each file the batch cites plays one :class:`~unvotes.model.FileRole`.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import numpy as np

from unvotes.errors import DuplicatePositionError, InputError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    DecisionLink,
    FileRole,
    LinkRelation,
    NonVotingReason,
    Outcome,
    PositionColumns,
    Series,
    SourceBatch,
    SourceFile,
    SourceKind,
    SponsorRole,
    Sponsorship,
    Vote,
)
from unvotes.reference.countries import load_registry
from unvotes.sources.checks import checked
from unvotes.sources.dossier import facts
from unvotes.sources.dossier.rows import References, date_cell, enum_cell, int_cell, read_rows

__all__ = [
    "DECISION_COLUMNS",
    "POSITION_COLUMNS",
    "SERIES",
    "SPONSOR_COLUMNS",
    "dossier_folder",
    "read_dossier",
    "read_facts_decisions",
]

SERIES = Series(
    series="dprk-human-rights",
    title="Situation of human rights in the Democratic People's Republic of Korea",
    description=(
        "Every UN decision on the human-rights situation in the DPRK: Commission on Human Rights "
        "2003-2005, Human Rights Council since 2008, General Assembly Third Committee and plenary since "
        "2005, and the Security Council's procedural votes on its agenda."
    ),
)
CITATION = (
    "unvotes DPRK human-rights dossier (curated facts with a citation on every row; rolls derived from "
    "Voeten UNGA voting data, OHCHR voting records and GA Third Committee summary records)"
)

DECISION_COLUMNS = (
    "decision_key",
    "body",
    "kind",
    "date",
    "session",
    "symbol",
    "draft_symbol",
    "adoption_method",
    "outcome",
    "yes_count",
    "no_count",
    "abstain_count",
    "non_voting_count",
    "meeting_symbol",
    "leads_to",
    "title",
    "note",
    "source",
)
POSITION_COLUMNS = ("decision_key", "country_code", "vote", "reason", "source")
SPONSOR_COLUMNS = ("decision_key", "country_code", "role", "name_as_recorded", "note", "source")


def dossier_folder() -> Traversable:
    """The shipped dossier's folder inside the installed package."""
    return resources.files("unvotes").joinpath("data/dprk")


def _decision(line: int, row: dict[str, str], name: str) -> Decision:
    """One row of ``facts/decisions.csv``."""
    kind = enum_cell(DecisionKind, row["kind"], name, line)
    draft = row["draft_symbol"] or None
    symbol = row["symbol"] or None
    if symbol is None and kind in (DecisionKind.DRAFT, DecisionKind.AMENDMENT):
        symbol = draft  # a committee draft or an amendment is known by its own document symbol
    outcome = row["outcome"]
    return Decision(
        ref=row["decision_key"],
        body=enum_cell(Body, row["body"], name, line),
        kind=kind,
        adoption_method=enum_cell(AdoptionMethod, row["adoption_method"], name, line),
        symbol=symbol,
        draft_symbol=draft,
        date=date_cell(row["date"], name, line),
        outcome=enum_cell(Outcome, outcome, name, line) if outcome else None,
        session=int_cell(row["session"], name, line),
        title=row["title"] or None,
        description=row["note"] or None,
        meeting_symbol=row["meeting_symbol"] or None,
        yes_count=int_cell(row["yes_count"], name, line),
        no_count=int_cell(row["no_count"], name, line),
        abstain_count=int_cell(row["abstain_count"], name, line),
        non_voting_count=int_cell(row["non_voting_count"], name, line),
        url=None,
        line=line,
    )


def _read_decisions(base: Traversable | Path) -> tuple[list[Decision], list[DecisionLink]]:
    """The decisions of ``facts/decisions.csv`` in file order, and the links their ``leads_to`` make."""
    name = "facts/decisions.csv"
    decisions: list[Decision] = []
    keys: dict[str, int] = {}
    leads: list[tuple[int, str, str]] = []
    for line, row in read_rows(base, name, DECISION_COLUMNS):
        d = _decision(line, row, name)
        if d.ref in keys:
            raise InputError(f"decision_key {d.ref!r} repeats line {keys[d.ref]}", path=name, line=line)
        keys[d.ref] = line
        decisions.append(d)
        if row["leads_to"]:
            leads.append((line, d.ref, row["leads_to"]))
    kinds = {d.ref: d.kind for d in decisions}
    links: list[DecisionLink] = []
    for line, ref, target in leads:
        if target not in kinds:
            raise InputError(f"leads_to names unknown decision {target!r}", path=name, line=line)
        relation = LinkRelation.AMENDS if kinds[ref] is DecisionKind.AMENDMENT else LinkRelation.BECAME
        links.append(DecisionLink(ref, target, relation))
    return decisions, links


def read_facts_decisions(folder: Traversable | Path | None = None) -> list[Decision]:
    """The decisions of ``facts/decisions.csv``, in file order."""
    return _read_decisions(folder if folder is not None else dossier_folder())[0]


def read_dossier(folder: Traversable | Path | None = None) -> SourceBatch:
    """The dossier as one batch, every decision in the series ``dprk-human-rights``."""
    base = folder if folder is not None else dossier_folder()
    decisions, links = _read_decisions(base)
    refs = References({d.ref: i for i, d in enumerate(decisions)}, load_registry())
    positions = _read_positions(base, refs)
    sponsorships = _read_sponsorships(base, refs)
    disassociations = facts.read_disassociations(base, refs)
    acknowledgements = facts.read_acknowledgements(base, refs)
    events = facts.read_events(base)
    holders = facts.read_mandate_holders(base, refs)
    sponsor_counts = facts.read_sponsor_counts(base, refs)
    coverage = facts.read_coverage(base, refs)
    statements = facts.read_statements(base, refs)
    files = (
        _source_file(base, "facts/decisions.csv", len(decisions), FileRole.DECISIONS),
        _source_file(base, "positions.csv", len(positions), FileRole.POSITIONS),
        _source_file(base, "sponsors.csv", len(sponsorships), FileRole.SPONSORSHIPS),
        _source_file(base, "facts/disassociations.csv", len(disassociations), FileRole.DISASSOCIATIONS),
        _source_file(base, "facts/sponsor_counts.csv", len(sponsor_counts), FileRole.SPONSOR_COUNTS),
        _source_file(base, "facts/coverage.csv", len(coverage), FileRole.COVERAGE),
        _source_file(base, "facts/statements.csv", len(statements), FileRole.STATEMENTS),
    )
    batch = SourceBatch(
        kind=SourceKind.DOSSIER,
        files=files,
        decisions=tuple(decisions),
        positions=positions,
        sponsor_counts=tuple(sponsor_counts),
        sponsorships=tuple(sponsorships),
        disassociations=tuple(disassociations),
        coverage=tuple(coverage),
        statements=tuple(statements),
        links=tuple(links),
        lists_only_voters=True,
        series=SERIES,
        acknowledgements=tuple(acknowledgements),
        events=tuple(events),
        mandate_holders=tuple(holders),
    )
    return checked(batch, path="facts/decisions.csv", registry=refs.registry)


#: A position whose source says it was found "by elimination" (a Council member not named among
#: those against or abstaining, the totals accounting for every member) is stored as inferred.
BY_ELIMINATION = "by elimination"


def _read_positions(base: Traversable | Path, refs: References) -> PositionColumns:
    """The rolls of ``positions.csv``, column-wise; a state given twice on one decision raises."""
    name = "positions.csv"
    dec: list[int] = []
    cty: list[str] = []
    vote: list[int] = []
    reason: list[int] = []
    lines: list[int] = []
    inferred: list[bool] = []
    seen: dict[tuple[int, str], int] = {}
    for line, row in read_rows(base, name, POSITION_COLUMNS):
        i = refs.place(row["decision_key"], name, line)
        code = refs.country(row["country_code"], name, line)
        if (i, code) in seen:
            raise DuplicatePositionError(
                f"{code} already has a position on {row['decision_key']} (line {seen[(i, code)]})", path=name, line=line
            )
        seen[(i, code)] = line
        dec.append(i)
        cty.append(code)
        vote.append(VOTE_CODES[enum_cell(Vote, row["vote"], name, line)])
        reason.append(REASON_CODES[enum_cell(NonVotingReason, row["reason"], name, line)] if row["reason"] else 0)
        lines.append(line)
        inferred.append(BY_ELIMINATION in row["source"])
    return PositionColumns(
        decision=np.array(dec, np.int32),
        country=np.array(cty, "<U3"),
        vote=np.array(vote, np.int8),
        reason=np.array(reason, np.int8),
        is_inferred=np.array(inferred, np.bool_),
        line=np.array(lines, np.int64),
    )


def _read_sponsorships(base: Traversable | Path, refs: References) -> list[Sponsorship]:
    """The sponsors of ``sponsors.csv``; a state listed twice as sponsor of one decision raises."""
    name = "sponsors.csv"
    sponsorships: list[Sponsorship] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, row in read_rows(base, name, SPONSOR_COLUMNS):
        ref = refs.decision(row["decision_key"], name, line)
        code = refs.country(row["country_code"], name, line)
        if (ref, code) in first_line:
            raise InputError(
                f"{code} is already a sponsor of {ref} (line {first_line[(ref, code)]})", path=name, line=line
            )
        first_line[(ref, code)] = line
        role = enum_cell(SponsorRole, row["role"], name, line) if row["role"] else None
        sponsorships.append(Sponsorship(ref, code, role, row["name_as_recorded"] or None, row["note"] or None))
    return sponsorships


def _source_file(folder: Traversable | Path, name: str, rows: int, role: FileRole) -> SourceFile:
    """The file ``name`` of the dossier as the batch cites it, playing ``role``."""
    digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
    return SourceFile(SourceKind.DOSSIER, f"dprk/{name}", digest, rows, CITATION, frozenset({role}))
