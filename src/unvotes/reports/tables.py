"""The basic tables: decisions, a roll, a state's record, sponsors, findings."""

from __future__ import annotations

import re
import sqlite3

from unvotes import store
from unvotes.errors import NotFoundError
from unvotes.model import AdoptionMethod, Body, DecisionKind
from unvotes.reports.table import Table, cell

__all__ = [
    "country_table",
    "decisions_table",
    "discrepancies_table",
    "resolve_decision",
    "sponsors_table",
    "votes_table",
]

#: The columns of ``unvotes decisions`` (the store's decision columns less its bookkeeping).
DECISION_COLUMNS = tuple(
    c for c in store.queries.DECISION_COLUMNS if c not in ("meeting_symbol", "roll_source_id", "source_id")
)


def _check_choice(
    value: str | None, allowed: type[Body] | type[DecisionKind] | type[AdoptionMethod], what: str
) -> None:
    if value is not None and value not in {m.value for m in allowed}:
        choices = ", ".join(m.value for m in allowed)
        raise NotFoundError(f"unknown {what} {value!r} (expected one of: {choices})")


def decisions_table(con: sqlite3.Connection, filt: store.DecisionFilter) -> Table:
    """One row per decision matching the filter, in date order."""
    _check_choice(filt.body, Body, "body")
    _check_choice(filt.kind, DecisionKind, "kind")
    _check_choice(filt.adoption_method, AdoptionMethod, "adoption method")
    rows = store.list_decisions(con, filt)
    index = {c: i for i, c in enumerate(store.queries.DECISION_COLUMNS)}
    out = tuple(tuple(cell(row[index[c]]) for c in DECISION_COLUMNS) for row in rows)
    return Table(
        name="decisions",
        title="Decisions",
        columns=DECISION_COLUMNS,
        rows=out,
        notes=("Totals are the official announced figures where a source gives them.",),
    )


_ID = re.compile(r"^\d+$")


def resolve_decision(con: sqlite3.Connection, symbol_or_id: str) -> tuple[object, ...]:
    """The decision named by an id or a UN symbol; a symbol shared by several decisions must be
    unambiguous once paragraph and amendment votes under it are set aside."""
    if _ID.match(symbol_or_id):
        row = store.decision_by_id(con, int(symbol_or_id))
        if row is None:
            raise NotFoundError(f"no decision with id {symbol_or_id}")
        return row
    rows = store.decisions_by_symbol(con, symbol_or_id.strip())
    if not rows:
        raise NotFoundError(f"no decision with symbol {symbol_or_id!r}")
    if len(rows) > 1:
        index = store.queries.DECISION_COLUMNS.index
        exact = [r for r in rows if str(r[index("symbol")]).casefold() == symbol_or_id.strip().casefold()]
        whole = [r for r in exact if r[index("kind")] in ("resolution", "draft", "procedural")]
        if len(whole) == 1:
            return whole[0]
        ids = ", ".join(f"{r[0]} ({r[index('kind')]}, {r[index('date')]})" for r in rows)
        raise NotFoundError(f"symbol {symbol_or_id!r} names several decisions; use an id: {ids}")
    return rows[0]


def votes_table(con: sqlite3.Connection, symbol_or_id: str) -> Table:
    """The roll of one decision: every member state's position, from the roll source shown."""
    decision = resolve_decision(con, symbol_or_id)
    index = store.queries.DECISION_COLUMNS.index
    decision_id = int(str(decision[index("decision_id")]))
    rows = tuple(
        (code, name, vote, reason, bool(inferred))
        for code, name, vote, reason, inferred in store.roll(con, decision_id)
    )
    symbol = decision[index("symbol")] or f"decision {decision_id}"
    notes = [f"{symbol}, {decision[index('date')]}, {decision[index('adoption_method')]}"]
    if not rows:
        notes.append("No roll: adopted without a vote or no source lists positions.")
    return Table(
        name="votes",
        title=f"Votes on {symbol}",
        columns=("country_code", "country_name", "vote", "reason", "is_inferred"),
        rows=rows,
        notes=tuple(notes),
    )


def country_table(con: sqlite3.Connection, country_code: str, *, body: str | None, series: str | None) -> Table:
    """A state's record: each decision it took part in, with its vote, sponsorship, disassociation."""
    code = country_code.strip().upper()
    _check_choice(body, Body, "body")
    if not store.country_exists(con, code):
        raise NotFoundError(f"unknown country code {country_code!r} (expected an ISO 3166-1 alpha-3 code)")
    rows = store.country_record(con, code, body=body, series=series)
    out = tuple(
        (
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[8],
            r[9],
            bool(r[10]) if r[10] is not None else None,
            r[11],
            bool(r[12]),
            r[13],
        )
        for r in rows
    )
    return Table(
        name="country",
        title=f"Record of {code}",
        columns=(
            "body",
            "year",
            "date",
            "symbol",
            "kind",
            "adoption_method",
            "vote",
            "reason",
            "is_inferred",
            "sponsorship",
            "dissociated",
            "title",
        ),
        rows=tuple(tuple(cell(v) for v in row) for row in out),
    )


def sponsors_table(con: sqlite3.Connection, symbol_or_id: str) -> Table:
    decision = resolve_decision(con, symbol_or_id)
    decision_id = int(str(decision[0]))
    rows = tuple(tuple(cell(v) for v in row) for row in store.sponsors(con, decision_id))
    notes = [] if rows else ["No sponsors recorded by name for this decision."]
    for initial, additional, total, note, citation in store.sponsor_counts(con, decision_id):
        known = ", ".join(
            f"{label} {value}"
            for label, value in (("initial", initial), ("additional", additional), ("in all", total))
            if value is not None
        )
        notes.append(f"Sponsors counted: {known or 'numbers not given'}. {note or ''} ({citation})".replace(" .", "."))
    return Table(
        name="sponsors",
        title=f"Sponsors of {decision[store.queries.DECISION_COLUMNS.index('symbol')]}",
        columns=("country_code", "country_name", "role", "name_as_recorded", "note", "source_id", "sources"),
        rows=rows,
        notes=tuple(notes),
    )


def discrepancies_table(con: sqlite3.Connection, *, kind: str | None = None) -> Table:
    """Every finding of the build, optionally of one kind, in date order."""
    rows = [r for r in store.list_discrepancies(con) if kind is None or r[4] == kind]
    return Table(
        name="discrepancies",
        title="Discrepancies",
        columns=(
            "decision_id",
            "body",
            "date",
            "symbol",
            "kind",
            "detail",
            "is_acknowledged",
            "explanation",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("Official totals that differ from the counted roll, and sources that disagree.",),
    )
