"""A year's texts adopted without a vote side by side, and who started or stopped co-sponsoring:
the switchers of the years without a vote.

A change is shown only where both years are known for the state (a complete list, or a source's
statement about it); every state whose sponsorship is not known in one of the two years is counted
in the notes, never shown as a change or as no change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from unvotes import store
from unvotes.model import AdoptionMethod
from unvotes.reports.pages.consensus import consensus_table
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import sponsors_table
from unvotes.store import DecisionRecord

__all__ = ["consensus_side_by_side", "sponsor_changes"]

_SPONSOR = ("initial", "additional", "sponsor")


def _is_sponsor(word: str) -> bool:
    return any(part in _SPONSOR for part in word.split(","))


def consensus_side_by_side(con: sqlite3.Connection, decisions: Sequence[DecisionRecord], keys: dict[int, str]) -> Table:
    """Each state's part in each of ``decisions`` adopted without a vote (co-sponsor, dissociated or
    did not join, spoke against), one column per decision; states with none of these are left out."""
    shown = [d for d in decisions if d.adoption_method is AdoptionMethod.WITHOUT_VOTE]
    columns = [keys.get(d.decision_id, f"d{d.decision_id}") for d in shown]
    parts: dict[str, dict[int, str]] = {}
    names: dict[str, tuple[Cell, Cell]] = {}
    for i, d in enumerate(shown):
        for r in consensus_table(con, d, sponsors_table(con, d)).records():
            if r["part"] != "joined":
                code = str(r["country_code"])
                parts.setdefault(code, {})[i] = str(r["part"])
                names[code] = (r["country_name"], r["m49"])
    rows = [
        (code, *names[code], *(parts[code].get(i) for i in range(len(shown))))
        for code in sorted(parts, key=lambda c: str(names[c][0]))
    ]
    return Table(
        name="consensus",
        title="The texts adopted without a vote, side by side",
        columns=("country_code", "country_name", "m49", *columns),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "sponsor, dissociated (or did not join) and spoke_against as the sources held say; an empty cell is "
            "not known, or joined the consensus with no objection recorded. How complete each list is: see each "
            "decision's page.",
        ),
    )


def sponsor_changes(
    con: sqlite3.Connection,
    pairs: Sequence[tuple[DecisionRecord, DecisionRecord]],
    keys: dict[int, str],
    names: dict[str, str],
) -> Table:
    """For each (earlier, later) pair of decisions, the states that started or stopped co-sponsoring,
    where both are known."""
    words = store.sponsorship_words(con, [d.decision_id for pair in pairs for d in pair])
    rows: list[tuple[Cell, ...]] = []
    notes: list[str] = []
    for before, after in pairs:
        label = (keys.get(before.decision_id), keys.get(after.decision_id))
        codes = sorted(
            {c for d in (before, after) for c in words.named.get(d.decision_id, {})}
            | (set(names) if before.decision_id in words.complete or after.decision_id in words.complete else set())
        )
        unknown = 0
        for code in codes:
            a, b = words.word(before.decision_id, code), words.word(after.decision_id, code)
            if "unknown" in (a, b):
                unknown += 1
            elif _is_sponsor(a) != _is_sponsor(b):
                change = "started" if _is_sponsor(b) else "stopped"
                rows.append((*label, code, names.get(code), change, a, b))
        notes.append(
            f"{label[0]} -> {label[1]}: {unknown} state(s) named in one year whose sponsorship in the other is "
            "not known are left out; a state named in neither is not known in both."
        )
    return Table(
        name="sponsor_changes",
        title="Who started or stopped co-sponsoring",
        columns=("from_key", "to_key", "country_code", "country_name", "change", "from_sponsorship", "to_sponsorship"),
        rows=tuple(rows),
        notes=tuple(notes),
    )
