"""Reader of the shipped DPRK human-rights dossier (``unvotes/data/dprk``).

Hand-curated facts live in ``facts/`` (decisions, Security Council rolls, disassociations,
sponsors found in documents, events, mandate holders); ``positions.csv`` and ``sponsors.csv``
are generated from the public sources by :mod:`unvotes.dossier` and shipped with them. Every
row carries a ``source`` citation; a row without one is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TypeVar

import numpy as np

from unvotes.errors import (
    DuplicatePositionError,
    HeaderError,
    InputError,
    UnknownCodeError,
    UnknownCountryError,
)
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    Acknowledgement,
    AdoptionMethod,
    Body,
    ContextEvent,
    Decision,
    DecisionKind,
    DecisionLink,
    Disassociation,
    FileRole,
    FindingKind,
    LinkRelation,
    MandateHolder,
    NonVotingReason,
    Outcome,
    PositionColumns,
    Series,
    SourceBatch,
    SourceFile,
    SourceKind,
    SponsorCount,
    SponsorRole,
    Sponsorship,
    Vote,
)
from unvotes.reference.countries import load_registry

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
SPONSOR_COUNT_COLUMNS = ("decision_key", "initial_count", "additional_count", "total_count", "note", "source")
EVENT_COLUMNS = ("date", "kind", "title", "description", "symbol", "source")
HOLDER_COLUMNS = (
    "name",
    "country_code",
    "mandate",
    "term_start",
    "term_end",
    "appointed_by",
    "note",
    "source",
)
ACKNOWLEDGED_COLUMNS = ("decision_key", "kind", "explanation", "source")
#: The findings a curated row can explain: those the build makes and stores with a decision.
_ACKNOWLEDGEABLE = (
    FindingKind.TOTALS_VS_ROLL,
    FindingKind.SOURCES_DISAGREE_TOTALS,
    FindingKind.SOURCES_DISAGREE_POSITIONS,
    FindingKind.SOURCES_DISAGREE_METHOD,
    FindingKind.OUTSIDE_MEMBERSHIP,
)


def _finding_kind(value: str, line: int) -> FindingKind:
    if value not in _ACKNOWLEDGEABLE:
        raise UnknownCodeError(
            f"unknown finding kind {value!r}",
            path="facts/acknowledged.csv",
            line=line,
            expected=", ".join(_ACKNOWLEDGEABLE),
        )
    return FindingKind(value)


DISASSOCIATION_COLUMNS = ("decision_key", "country_code", "is_partial_list", "note", "source")


def dossier_folder() -> Traversable:
    return resources.files("unvotes").joinpath("data/dprk")


def _rows(folder: Traversable | Path, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of one dossier file with their line numbers; header and citations checked."""
    entry = folder.joinpath(name)
    with io.StringIO(entry.read_text(encoding="utf-8"), newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != columns:
            missing = [c for c in columns if c not in header]
            extra = [c for c in header if c not in columns]
            raise HeaderError(
                f"columns differ (missing: {missing or 'none'}; unexpected: {extra or 'none'})",
                path=name,
                line=1,
                expected=", ".join(columns),
            )
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(columns):
                raise InputError(
                    f"row has {len(cells)} fields", path=name, line=line, expected=f"{len(columns)} fields"
                )
            row = dict(zip(columns, cells, strict=True))
            if not row["source"].strip():
                raise InputError("row has no source citation", path=name, line=line, expected="a non-empty source")
            yield line, row


E = TypeVar("E", Body, DecisionKind, AdoptionMethod, Outcome, Vote, SponsorRole, NonVotingReason)


def _enum(kind: type[E], value: str, name: str, line: int) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise UnknownCodeError(f"unknown value {value!r}", path=name, line=line, expected=allowed) from None


def _opt_int(value: str, name: str, line: int) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"not a whole number: {value!r}", path=name, line=line, expected="an integer") from None


def _date(value: str, name: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"bad date {value!r}", path=name, line=line, expected="YYYY-MM-DD") from None


def _decision(line: int, row: dict[str, str], name: str) -> Decision:
    kind = _enum(DecisionKind, row["kind"], name, line)
    draft = row["draft_symbol"] or None
    symbol = row["symbol"] or None
    if symbol is None and kind in (DecisionKind.DRAFT, DecisionKind.AMENDMENT):
        symbol = draft  # a committee draft or an amendment is known by its own document symbol
    outcome = row["outcome"]
    return Decision(
        ref=row["decision_key"],
        body=_enum(Body, row["body"], name, line),
        kind=kind,
        adoption_method=_enum(AdoptionMethod, row["adoption_method"], name, line),
        symbol=symbol,
        draft_symbol=draft,
        date=_date(row["date"], name, line),
        outcome=_enum(Outcome, outcome, name, line) if outcome else None,
        session=_opt_int(row["session"], name, line),
        title=row["title"] or None,
        description=row["note"] or None,
        meeting_symbol=row["meeting_symbol"] or None,
        yes_count=_opt_int(row["yes_count"], name, line),
        no_count=_opt_int(row["no_count"], name, line),
        abstain_count=_opt_int(row["abstain_count"], name, line),
        non_voting_count=_opt_int(row["non_voting_count"], name, line),
        url=None,
        line=line,
    )


def _source_file(folder: Traversable | Path, name: str, rows: int, role: FileRole) -> SourceFile:
    digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
    return SourceFile(SourceKind.DOSSIER, f"dprk/{name}", digest, rows, CITATION, frozenset({role}))


def _facts(base: Traversable | Path) -> tuple[list[Decision], list[DecisionLink]]:
    name = "facts/decisions.csv"
    decisions: list[Decision] = []
    keys: dict[str, int] = {}
    leads: list[tuple[int, str, str]] = []
    for line, row in _rows(base, name, DECISION_COLUMNS):
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
    return _facts(folder if folder is not None else dossier_folder())[0]


def read_dossier(folder: Traversable | Path | None = None) -> SourceBatch:
    """The dossier as one batch, every decision in the series ``dprk-human-rights``."""
    base = folder if folder is not None else dossier_folder()
    registry = load_registry()
    name = "facts/decisions.csv"
    decisions, links = _facts(base)
    index = {d.ref: i for i, d in enumerate(decisions)}

    def decision_of(key: str, file: str, line: int) -> int:
        if key not in index:
            raise InputError(
                f"unknown decision_key {key!r}", path=file, line=line, expected="a key of facts/decisions.csv"
            )
        return index[key]

    def country(code: str, file: str, line: int) -> str:
        if code not in registry:
            raise UnknownCountryError(
                f"unknown country code {code!r}", path=file, line=line, expected="an ISO 3166-1 alpha-3 code"
            )
        return code

    dec: list[int] = []
    cty: list[str] = []
    vote: list[int] = []
    reason: list[int] = []
    lines: list[int] = []
    seen: dict[tuple[int, str], int] = {}
    for line, row in _rows(base, "positions.csv", POSITION_COLUMNS):
        i = decision_of(row["decision_key"], "positions.csv", line)
        code = country(row["country_code"], "positions.csv", line)
        if (i, code) in seen:
            raise DuplicatePositionError(
                f"{code} already has a position on {row['decision_key']} (line {seen[(i, code)]})",
                path="positions.csv",
                line=line,
            )
        seen[(i, code)] = line
        dec.append(i)
        cty.append(code)
        vote.append(VOTE_CODES[_enum(Vote, row["vote"], "positions.csv", line)])
        reason.append(
            REASON_CODES[_enum(NonVotingReason, row["reason"], "positions.csv", line)] if row["reason"] else 0
        )
        lines.append(line)
    positions = PositionColumns(
        decision=np.array(dec, np.int32),
        country=np.array(cty, "<U3"),
        vote=np.array(vote, np.int8),
        reason=np.array(reason, np.int8),
        is_inferred=np.zeros(len(dec), np.bool_),
        line=np.array(lines, np.int64),
    )
    sponsorships: list[Sponsorship] = []
    sponsor_lines: dict[tuple[str, str], int] = {}
    for line, row in _rows(base, "sponsors.csv", SPONSOR_COLUMNS):
        ref = decisions[decision_of(row["decision_key"], "sponsors.csv", line)].ref
        code = country(row["country_code"], "sponsors.csv", line)
        if (ref, code) in sponsor_lines:
            raise InputError(
                f"{code} is already a sponsor of {ref} (line {sponsor_lines[(ref, code)]})",
                path="sponsors.csv",
                line=line,
            )
        sponsor_lines[(ref, code)] = line
        role = _enum(SponsorRole, row["role"], "sponsors.csv", line) if row["role"] else None
        sponsorships.append(Sponsorship(ref, code, role, row["name_as_recorded"] or None, row["note"] or None))
    disassociations = [
        Disassociation(
            decisions[decision_of(row["decision_key"], "facts/disassociations.csv", line)].ref,
            country(row["country_code"], "facts/disassociations.csv", line),
            row["is_partial_list"] == "1",
            row["note"] or None,
        )
        for line, row in _rows(base, "facts/disassociations.csv", DISASSOCIATION_COLUMNS)
    ]
    acknowledgements = [
        Acknowledgement(
            decisions[decision_of(row["decision_key"], "facts/acknowledged.csv", line)].ref,
            _finding_kind(row["kind"], line),
            row["explanation"],
        )
        for line, row in _rows(base, "facts/acknowledged.csv", ACKNOWLEDGED_COLUMNS)
    ]
    events = [
        ContextEvent(
            row["date"],
            row["kind"],
            row["title"],
            row["description"] or None,
            row["symbol"] or None,
            row["source"],
        )
        for _, row in _rows(base, "facts/events.csv", EVENT_COLUMNS)
    ]
    holders = [
        MandateHolder(
            row["name"],
            country(row["country_code"], "facts/rapporteurs.csv", line) if row["country_code"] else None,
            row["mandate"],
            row["term_start"] or None,
            row["term_end"] or None,
            row["appointed_by"] or None,
            row["note"] or None,
            row["source"],
        )
        for line, row in _rows(base, "facts/rapporteurs.csv", HOLDER_COLUMNS)
    ]
    counts = [
        SponsorCount(
            decisions[decision_of(row["decision_key"], "facts/sponsor_counts.csv", line)].ref,
            _opt_int(row["initial_count"], "facts/sponsor_counts.csv", line),
            _opt_int(row["additional_count"], "facts/sponsor_counts.csv", line),
            _opt_int(row["total_count"], "facts/sponsor_counts.csv", line),
            row["note"] or None,
            row["source"],
        )
        for line, row in _rows(base, "facts/sponsor_counts.csv", SPONSOR_COUNT_COLUMNS)
    ]
    files = (
        _source_file(base, name, len(decisions), FileRole.DECISIONS),
        _source_file(base, "positions.csv", len(dec), FileRole.POSITIONS),
        _source_file(base, "sponsors.csv", len(sponsorships), FileRole.SPONSORSHIPS),
        _source_file(base, "facts/disassociations.csv", len(disassociations), FileRole.DISASSOCIATIONS),
        _source_file(base, "facts/sponsor_counts.csv", len(counts), FileRole.SPONSOR_COUNTS),
    )
    return SourceBatch(
        kind=SourceKind.DOSSIER,
        files=files,
        decisions=tuple(decisions),
        positions=positions,
        sponsor_counts=tuple(counts),
        sponsorships=tuple(sponsorships),
        disassociations=tuple(disassociations),
        links=tuple(links),
        lists_only_voters=True,
        series=SERIES,
        acknowledgements=tuple(acknowledgements),
        events=tuple(events),
        mandate_holders=tuple(holders),
    )
