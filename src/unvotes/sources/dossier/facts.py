"""The hand-curated facts of the dossier (``facts/``) that hang off its decisions, one reader per
file: disassociations, statements about states, coverage, acknowledged findings, events, mandate
holders and sponsor counts. Rows
are checked by :mod:`.rows`, references against the decisions :mod:`.reader` read first; each
reader returns the model's records in file order.
"""

from __future__ import annotations

from importlib.abc import Traversable
from pathlib import Path

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import (
    Acknowledgement,
    ContextEvent,
    Coverage,
    CoverageNote,
    CoveredFact,
    Disassociation,
    FindingKind,
    MandateHolder,
    SponsorCount,
    StatementKind,
    StateStatement,
)
from unvotes.sources.dossier.rows import References, enum_cell, int_cell, read_rows

__all__ = [
    "ACKNOWLEDGED_COLUMNS",
    "COVERAGE_COLUMNS",
    "DISASSOCIATION_COLUMNS",
    "EVENT_COLUMNS",
    "HOLDER_COLUMNS",
    "SPONSOR_COUNT_COLUMNS",
    "STATEMENT_COLUMNS",
    "read_acknowledgements",
    "read_coverage",
    "read_disassociations",
    "read_events",
    "read_mandate_holders",
    "read_sponsor_counts",
    "read_statements",
]

SPONSOR_COUNT_COLUMNS = ("decision_key", "initial_count", "additional_count", "total_count", "note", "source")
EVENT_COLUMNS = ("date", "kind", "title", "description", "symbol", "source")
HOLDER_COLUMNS = ("name", "country_code", "mandate", "term_start", "term_end", "appointed_by", "note", "source")
ACKNOWLEDGED_COLUMNS = ("decision_key", "kind", "explanation", "source")
DISASSOCIATION_COLUMNS = ("decision_key", "country_code", "is_partial_list", "note", "source")
COVERAGE_COLUMNS = ("decision_key", "fact", "coverage", "note", "source")
STATEMENT_COLUMNS = ("decision_key", "country_code", "statement", "is_secondary", "note", "source")

#: The findings a curated row can explain: those the build makes and stores with a decision.
_ACKNOWLEDGEABLE = (
    FindingKind.TOTALS_VS_ROLL,
    FindingKind.SOURCES_DISAGREE_TOTALS,
    FindingKind.SOURCES_DISAGREE_POSITIONS,
    FindingKind.SOURCES_DISAGREE_METHOD,
    FindingKind.OUTSIDE_MEMBERSHIP,
)


def read_disassociations(base: Traversable | Path, refs: References) -> list[Disassociation]:
    """The states that dissociated themselves from an adoption (``facts/disassociations.csv``)."""
    name = "facts/disassociations.csv"
    return [
        Disassociation(
            refs.decision(row["decision_key"], name, line),
            refs.country(row["country_code"], name, line),
            row["is_partial_list"] == "1",
            row["note"] or None,
        )
        for line, row in read_rows(base, name, DISASSOCIATION_COLUMNS)
    ]


def read_coverage(base: Traversable | Path, refs: References) -> list[CoverageNote]:
    """How complete the lists of sponsors and disassociations of a decision are
    (``facts/coverage.csv``); a decision and fact given twice raises."""
    name = "facts/coverage.csv"
    notes: list[CoverageNote] = []
    for line, row in read_rows(base, name, COVERAGE_COLUMNS):
        note = CoverageNote(
            refs.decision(row["decision_key"], name, line),
            enum_cell(CoveredFact, row["fact"], name, line),
            enum_cell(Coverage, row["coverage"], name, line),
            row["note"] or None,
        )
        if any((n.decision_ref, n.fact) == (note.decision_ref, note.fact) for n in notes):
            raise InputError(
                f"coverage of {note.fact} on {note.decision_ref} given twice",
                path=name,
                line=line,
                expected="one row per decision and fact",
            )
        notes.append(note)
    return notes


def read_statements(base: Traversable | Path, refs: References) -> list[StateStatement]:
    """What sources say of one state's part in a decision (``facts/statements.csv``), each row one
    source's statement; ``is_secondary`` is 0 or 1."""
    name = "facts/statements.csv"
    out: list[StateStatement] = []
    for line, row in read_rows(base, name, STATEMENT_COLUMNS):
        if row["is_secondary"] not in ("0", "1"):
            raise InputError(f"is_secondary {row['is_secondary']!r}", path=name, line=line, expected="0 or 1")
        out.append(
            StateStatement(
                refs.decision(row["decision_key"], name, line),
                refs.country(row["country_code"], name, line),
                enum_cell(StatementKind, row["statement"], name, line),
                row["is_secondary"] == "1",
                row["source"],
                row["note"] or None,
            )
        )
    return out


def _finding_kind(value: str, line: int) -> FindingKind:
    """The finding an acknowledgement explains; a kind the build does not store with a decision raises."""
    if value not in _ACKNOWLEDGEABLE:
        raise UnknownCodeError(
            f"unknown finding kind {value!r}",
            path="facts/acknowledged.csv",
            line=line,
            expected=", ".join(_ACKNOWLEDGEABLE),
        )
    return FindingKind(value)


def read_acknowledgements(base: Traversable | Path, refs: References) -> list[Acknowledgement]:
    """The curated explanations of findings the build makes (``facts/acknowledged.csv``)."""
    name = "facts/acknowledged.csv"
    return [
        Acknowledgement(
            refs.decision(row["decision_key"], name, line), _finding_kind(row["kind"], line), row["explanation"]
        )
        for line, row in read_rows(base, name, ACKNOWLEDGED_COLUMNS)
    ]


def read_events(base: Traversable | Path) -> list[ContextEvent]:
    """The dated events that give the series its context (``facts/events.csv``)."""
    return [
        ContextEvent(
            row["date"], row["kind"], row["title"], row["description"] or None, row["symbol"] or None, row["source"]
        )
        for _, row in read_rows(base, "facts/events.csv", EVENT_COLUMNS)
    ]


def read_mandate_holders(base: Traversable | Path, refs: References) -> list[MandateHolder]:
    """The special rapporteurs and commission members (``facts/rapporteurs.csv``)."""
    name = "facts/rapporteurs.csv"
    return [
        MandateHolder(
            row["name"],
            refs.country(row["country_code"], name, line) if row["country_code"] else None,
            row["mandate"],
            row["term_start"] or None,
            row["term_end"] or None,
            row["appointed_by"] or None,
            row["note"] or None,
            row["source"],
        )
        for line, row in read_rows(base, name, HOLDER_COLUMNS)
    ]


def read_sponsor_counts(base: Traversable | Path, refs: References) -> list[SponsorCount]:
    """How many states sponsored a draft where only the number is known (``facts/sponsor_counts.csv``)."""
    name = "facts/sponsor_counts.csv"
    return [
        SponsorCount(
            refs.decision(row["decision_key"], name, line),
            int_cell(row["initial_count"], name, line),
            int_cell(row["additional_count"], name, line),
            int_cell(row["total_count"], name, line),
            row["note"] or None,
            row["source"],
        )
        for line, row in read_rows(base, name, SPONSOR_COUNT_COLUMNS)
    ]
