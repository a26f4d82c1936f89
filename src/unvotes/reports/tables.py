"""The basic questions, one report each, shared by the CLI, the pages, the API and the exports:
which decisions, how each state voted on one, who sponsored it, what the build found.

Pages place these tables under names of their own (the decision page shows :func:`roll_table`
as ``roll``) but never change their columns, rows or rounding.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import fields

from unvotes import store
from unvotes.errors import NotFoundError
from unvotes.model import METHOD_NAMES, DecisionKind, FindingKind, LinkRelation, Selection, StatementKind
from unvotes.reference.countries import normalise_spelling
from unvotes.reports.regional import GROUP_NOTE, regional_groups
from unvotes.reports.selection import MAX_INTEGER, check_selection
from unvotes.reports.table import Table, cell, plain_date

__all__ = [
    "DECISION_TABLE_COLUMNS",
    "SPONSOR_COVERAGE_COLUMNS",
    "decision_table",
    "decisions_table",
    "discrepancies_table",
    "find_decision",
    "resolve_decision",
    "roll_table",
    "sponsor_coverage_table",
    "sponsors_coverage",
    "sponsors_known",
    "sponsors_table",
    "votes_table",
]

#: The columns of every table of decisions (``unvotes decisions``, the browser, a series' list):
#: a decision's fields less the store's bookkeeping (meeting record, roll and field sources).
DECISION_TABLE_COLUMNS = tuple(
    f.name for f in fields(store.DecisionRecord) if f.name not in ("meeting_symbol", "roll_source_id", "source_id")
)
_TOTALS_NOTE = "Totals are the official announced figures where a source gives them."


def decision_table(
    name: str, title: str, decisions: Sequence[store.DecisionRecord], notes: tuple[str, ...] = (_TOTALS_NOTE,)
) -> Table:
    """Decisions as a table with :data:`DECISION_TABLE_COLUMNS`."""
    return Table(
        name=name,
        title=title,
        columns=DECISION_TABLE_COLUMNS,
        rows=tuple(tuple(cell(getattr(d, c)) for c in DECISION_TABLE_COLUMNS) for d in decisions),
        notes=notes,
    )


def decisions_table(con: sqlite3.Connection, sel: Selection, *, limit: int | None = None, offset: int = 0) -> Table:
    """One row per decision of the selection: best match first when searching, else in date order (all,
    or one page of them); a series the database does not hold is refused."""
    check_selection(con, sel)
    return decision_table("decisions", "Decisions", store.list_decisions(con, sel, limit=limit, offset=offset))


def find_decision(con: sqlite3.Connection, decision_id: int) -> store.DecisionRecord:
    """The decision with ``decision_id``; an id outside SQLite's integers (1 to 2**63 - 1) names none."""
    decision = store.decision_by_id(con, decision_id) if 1 <= decision_id <= MAX_INTEGER else None
    if decision is None:
        raise NotFoundError(f"no decision with id {decision_id}")
    return decision


_ID = re.compile(r"^[0-9]+$")
_WHOLE_TEXTS = (DecisionKind.RESOLUTION, DecisionKind.DRAFT, DecisionKind.PROCEDURAL)


def resolve_decision(con: sqlite3.Connection, symbol_or_id: str) -> store.DecisionRecord:
    """The decision named by an id or a UN symbol; a symbol shared by several decisions must be
    unambiguous once paragraph and amendment votes under it are set aside."""
    if _ID.match(symbol_or_id):
        if len(symbol_or_id.lstrip("0")) > len(str(MAX_INTEGER)):  # past every id, and maybe past int()'s limit
            shown = symbol_or_id if len(symbol_or_id) <= 40 else f"{symbol_or_id[:40]}… ({len(symbol_or_id)} digits)"
            raise NotFoundError(f"no decision with id {shown}")
        return find_decision(con, int(symbol_or_id))
    symbol = symbol_or_id.strip()
    found = store.decisions_by_symbol(con, symbol)
    if not found:
        raise NotFoundError(f"no decision with symbol {symbol_or_id!r}")
    if len(found) > 1:
        exact = [d for d in found if (d.symbol or "").casefold() == symbol.casefold()]
        whole = [d for d in exact if d.kind in _WHOLE_TEXTS]
        if len(whole) == 1:
            return whole[0]
        ids = ", ".join(f"{d.decision_id} ({d.kind}, {d.date})" for d in found)
        raise NotFoundError(f"symbol {symbol_or_id!r} names several decisions; use an id: {ids}")
    return found[0]


def _m49_codes(con: sqlite3.Connection) -> dict[str, int | None]:
    """country_code -> its UN M49 code (the maps' key)."""
    return {c.country_code: c.m49 for c in store.list_countries(con)}


def roll_table(con: sqlite3.Connection, decision: store.DecisionRecord) -> Table:
    """How each member state voted on one decision: the roll of the source shown, by the state's
    name (accents and case folded), with each state's M49 code and the regional group it was
    counted with that day."""
    m49 = _m49_codes(con)
    groups = regional_groups(decision.date)
    entries = sorted(store.roll(con, decision.decision_id), key=lambda e: normalise_spelling(e.country_name))
    rows = tuple(
        (
            e.country_code,
            e.country_name,
            m49.get(e.country_code),
            e.vote,
            e.reason,
            e.is_inferred,
            groups.get(e.country_code),
        )
        for e in entries
    )
    label = decision.symbol or f"decision {decision.decision_id}"
    when = plain_date(decision.date) if decision.date else str(decision.year)
    notes = [f"{label}, {when}, {METHOD_NAMES[decision.adoption_method]}"]
    if not rows:
        notes.append("No roll: adopted without a vote or no source lists positions.")
    notes += ["Inferred (is_inferred) marks members the source does not list.", GROUP_NOTE]
    return Table(
        name="votes",
        title=f"Votes on {label}",
        columns=("country_code", "country_name", "m49", "vote", "reason", "is_inferred", "regional_group"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=tuple(notes),
    )


def votes_table(con: sqlite3.Connection, symbol_or_id: str) -> Table:
    """:func:`roll_table` of the decision named by a symbol or an id."""
    return roll_table(con, resolve_decision(con, symbol_or_id))


def _count_note(count: store.SponsorCountRecord) -> str:
    known = ", ".join(
        f"{label} {value}"
        for label, value in (
            ("initial", count.initial_count),
            ("additional", count.additional_count),
            ("in all", count.total_count),
        )
        if value is not None
    )
    return f"Sponsors counted: {known or 'numbers not given'}. {count.note or ''} ({count.citation})".replace(" .", ".")


SPONSOR_COLUMNS = (
    "country_code",
    "country_name",
    "m49",
    "role",
    "of",
    "name_as_recorded",
    "note",
    "source_id",
    "sources",
)


def _drafts_of(con: sqlite3.Connection, decision_id: int) -> list[store.DecisionRecord]:
    """The decisions that became this one (a Third Committee draft that became the resolution)."""
    ids = [
        k.from_decision_id
        for k in store.linked_decisions(con, decision_id)
        if k.relation is LinkRelation.BECAME and k.to_decision_id == decision_id
    ]
    return store.decisions_by_ids(con, ids)


def sponsors_coverage(con: sqlite3.Connection, decision_id: int) -> str:
    """``complete``, ``partial`` or ``unknown``: how much is known of the sponsors of a decision."""
    [summary] = store.sponsor_summaries(con, [decision_id])
    return _sponsor_coverage(summary)[0]


def sponsors_known(con: sqlite3.Connection, decision: store.DecisionRecord) -> str:
    """In a few words, what is known of the sponsors: the decision's own list, else its draft's
    ("partial list, of the draft A/C.3/69/L.28/Rev.1"), else "not known"."""
    for d in [decision, *_drafts_of(con, decision.decision_id)]:
        word = sponsors_coverage(con, d.decision_id)
        if word != "unknown":
            return f"{word} list" + ("" if d is decision else f", of the draft {d.label}")
    return "not known"


_COVERAGE_WORDS = {
    "complete": "complete: a state not on it did not sponsor the text",
    "partial": "partial: these states at least sponsored it; others may have",
    "unknown": "not known",
}


def _coverage_note(con: sqlite3.Connection, decision: store.DecisionRecord, drafts: list[store.DecisionRecord]) -> str:
    """How complete the list shown is: the decision's own, else that of the draft it came from."""
    word = sponsors_coverage(con, decision.decision_id)
    if word != "unknown":
        return f"The list of sponsors is {_COVERAGE_WORDS[word]}."
    of_drafts = [(d, sponsors_coverage(con, d.decision_id)) for d in drafts]
    if not drafts:
        return "The sponsors of this decision are not known."
    if all(w == "unknown" for _d, w in of_drafts):
        return "The sponsors of this decision and of the draft it came from are not known."
    return "; ".join(
        f"The sponsors of the text as adopted are not held; those of the draft {d.label} are listed, "
        f"a list {_COVERAGE_WORDS[w]}."
        for d, w in of_drafts
    )


def sponsors_table(con: sqlite3.Connection, decision: store.DecisionRecord) -> Table:
    """The states named as sponsors of one decision, initial sponsors first, then those of the draft
    it came from (``of`` names the draft), and states a source says co-sponsored it; where a source
    gives only numbers, they are in the notes, with how complete the list is."""
    m49 = {c.country_code: c.m49 for c in store.list_countries(con)}
    rows: list[tuple[object, ...]] = []
    seen: set[str] = set()  # a state named on the decision itself is not repeated from its draft
    drafts = _drafts_of(con, decision.decision_id)
    for d in [decision, *drafts]:
        of = "this decision" if d is decision else f"the draft {d.label}"
        for s in store.sponsors(con, d.decision_id):
            if s.country_code not in seen:
                seen.add(s.country_code)
                rows.append((s.country_code, s.country_name, m49.get(s.country_code), s.role, of))
                rows[-1] += (s.name_as_recorded, s.note, s.source_id, s.sources)
        for t in store.statements_of(con, d.decision_id):
            if t.statement is StatementKind.SPONSORED and not t.is_secondary and t.country_code not in seen:
                seen.add(t.country_code)
                rows.append((t.country_code, t.country_name, m49.get(t.country_code), "sponsor", of))
                rows[-1] += (None, f"{t.note or ''} ({t.citation})".strip(), None, 1)
    notes = [_coverage_note(con, decision, drafts)]
    notes += [_count_note(c) for d in [decision, *drafts] for c in store.sponsor_counts(con, d.decision_id)]
    return Table(
        name="sponsors",
        title=f"Sponsors of {decision.label}",
        columns=SPONSOR_COLUMNS,
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=tuple(notes),
    )


SPONSOR_COVERAGE_COLUMNS = (
    "decision_id",
    "body",
    "year",
    "date",
    "symbol",
    "kind",
    "sponsors",
    "named",
    "coverage",
    "totals_reported",
    "initial_reported",
    "note",
)


def _sponsor_coverage(s: store.SponsorSummary) -> tuple[str, int | None]:
    """The coverage word and the number of sponsors (None: not known)."""
    if s.is_complete:
        return "complete", s.named
    total = s.totals[0] if len(s.totals) == 1 else None
    return ("partial" if s.named or s.totals or s.initial else "unknown"), total


def sponsor_coverage_table(con: sqlite3.Connection, sel: Selection) -> Table:
    """One row per decision of a selection: how many states sponsored it, as far as it is known."""
    check_selection(con, sel)
    decisions = store.list_decisions(con, sel)
    summaries = {s.decision_id: s for s in store.sponsor_summaries(con, [d.decision_id for d in decisions])}
    rows: list[tuple[object, ...]] = []
    for d in decisions:
        s = summaries[d.decision_id]
        coverage, count = _sponsor_coverage(s)
        reported = "; ".join(str(n) for n in s.totals) or None
        initial = "; ".join(str(n) for n in s.initial) or None
        named = s.named if s.named or coverage == "complete" else None
        rows.append((d.decision_id, d.body, d.year, d.date, d.symbol, d.kind, count, named, coverage))
        rows[-1] += (reported, initial, s.coverage_note)
    return Table(
        name="sponsor_coverage",
        title="Sponsors, as far as they are known",
        columns=SPONSOR_COVERAGE_COLUMNS,
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "sponsors: the number of sponsors, from a complete list (a DGACM list) or the one total sources "
            "report; empty where it is not known.",
            "named: the states named as sponsors by a list or a source (empty: none named, which is not none). "
            "coverage: complete (the full list), "
            "partial (some states named or a count reported: at least these), unknown (nothing known).",
            "totals_reported, initial_reported: every count sources give, where they give one.",
        ),
    )


def discrepancies_table(
    con: sqlite3.Connection, *, kind: FindingKind | None = None, decision_id: int | None = None
) -> Table:
    """The findings of the build (all, one kind's, or one decision's), in date order."""
    found = [r for r in store.list_discrepancies(con, decision_id=decision_id) if kind is None or r.kind == kind]
    rows = tuple(
        (r.decision_id, r.body, r.date, r.symbol, r.kind, r.detail, r.is_acknowledged, r.explanation) for r in found
    )
    notes = ["Official totals that differ from the counted roll, and sources that disagree."]
    if decision_id is not None and not rows:
        notes.append("The roll matches the official totals and the sources agree.")
    return Table(
        name="discrepancies",
        title="Discrepancies",
        columns=("decision_id", "body", "date", "symbol", "kind", "detail", "is_acknowledged", "explanation"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=tuple(notes),
    )
