"""Steps run after sources are loaded: canonical decision fields, roll choice, indexes, findings.

All of it is SQL over what the sources said; nothing here reads files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from unvotes.model import VOTE_CODES, FindingKind

__all__ = [
    "CANONICAL_FIELDS",
    "apply_acknowledgements",
    "find_source_disagreements",
    "foreign_key_problems",
    "load_positions",
    "refresh_decisions",
    "replace_roll_findings",
    "roll_choices",
]

# Canonical value of a field: the first non-null one in source priority order (1 = highest).
_FIELDS = (
    "body",
    "kind",
    "adoption_method",
    "outcome",
    "symbol",
    "draft_symbol",
    "date",
    "session",
    "title",
    "description",
    "meeting_symbol",
    "is_important",
    "url",
)
_TOTALS = ("yes_count", "no_count", "abstain_count", "non_voting_count")
#: Every canonical field of a decision (what a release's change list compares).
CANONICAL_FIELDS = (*_FIELDS, *_TOTALS)


def refresh_decisions(con: sqlite3.Connection) -> None:
    """Recompute the canonical fields, totals, year and roll source of every decision that more than
    one source describes (a decision with one account got its fields when it was inserted).

    Each field takes the first non-null value in source priority order; totals are taken as a
    group from the highest-priority source that gives ``yes_count``; the roll shown is the
    highest-priority source that has positions for the decision.
    """
    columns = ("decision_id", "priority", "source_id", "positions_source_id", *_FIELDS, *_TOTALS)
    accounts: dict[int, list[tuple[object, ...]]] = {}
    for row in con.execute(
        f"""SELECT {", ".join(columns)} FROM decision_sources
            WHERE decision_id IN (SELECT decision_id FROM decision_sources GROUP BY decision_id HAVING count(*) > 1)
            ORDER BY decision_id, priority, source_id"""
    ):
        accounts.setdefault(row[0], []).append(row)
    with_roll = {
        (source, decision)
        for source, decision in con.execute(
            """SELECT ds.positions_source_id, ds.decision_id FROM decision_sources AS ds
               WHERE ds.decision_id IN (SELECT decision_id FROM decision_sources
                                        GROUP BY decision_id HAVING count(*) > 1)
                 AND EXISTS (SELECT 1 FROM positions AS p
                             WHERE p.source_id = ds.positions_source_id AND p.decision_id = ds.decision_id)"""
        )
    }
    first_field, first_total = 4, 4 + len(_FIELDS)
    updates = []
    for decision_id, rows in accounts.items():
        values = [next((r[i] for r in rows if r[i] is not None), None) for i in range(first_field, first_total)]
        top_totals = next((r for r in rows if r[first_total] is not None), None)
        totals = list(top_totals[first_total:]) if top_totals else [None] * len(_TOTALS)
        roll = next((r[3] for r in rows if (r[3], decision_id) in with_roll), None)
        date = values[_FIELDS.index("date")]
        year = int(str(date)[:4]) if date else None
        updates.append((*values, *totals, year, rows[0][2], roll, decision_id))
    assign = ", ".join(f"{field} = ?" for field in (*_FIELDS, *_TOTALS))
    con.executemany(
        f"UPDATE decisions SET {assign}, year = ?, source_id = ?, roll_source_id = ? WHERE decision_id = ?",
        updates,
    )


#: The findings made from the rolls (:func:`replace_roll_findings`), as the words stored.
_ROLL_KINDS = (FindingKind.TOTALS_VS_ROLL.value, FindingKind.SOURCES_DISAGREE_POSITIONS.value)


def find_source_disagreements(con: sqlite3.Connection) -> None:
    """Recompute the decision-level findings: sources giving different official totals
    (:attr:`~unvotes.model.FindingKind.SOURCES_DISAGREE_TOTALS`) or different adoption methods
    (:attr:`~unvotes.model.FindingKind.SOURCES_DISAGREE_METHOD`)."""
    totals, method = FindingKind.SOURCES_DISAGREE_TOTALS.value, FindingKind.SOURCES_DISAGREE_METHOD.value
    con.execute("DELETE FROM discrepancies WHERE kind IN (?, ?)", (totals, method))
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           SELECT a.decision_id, ?,
                  printf('%d-%d-%d vs %d-%d-%d', a.yes_count, a.no_count, a.abstain_count,
                         b.yes_count, b.no_count, b.abstain_count),
                  a.source_id, b.source_id
           FROM decision_sources AS a
           JOIN decision_sources AS b ON b.decision_id = a.decision_id AND b.source_id > a.source_id
           WHERE a.yes_count IS NOT NULL AND b.yes_count IS NOT NULL
             AND (a.yes_count <> b.yes_count OR a.no_count <> b.no_count
                  OR a.abstain_count <> b.abstain_count)""",
        (totals,),
    )
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           SELECT a.decision_id, ?, a.adoption_method || ' vs ' || b.adoption_method, a.source_id, b.source_id
           FROM decision_sources AS a
           JOIN decision_sources AS b ON b.decision_id = a.decision_id AND b.source_id > a.source_id
           WHERE a.adoption_method <> b.adoption_method""",
        (method,),
    )


def roll_choices(
    con: sqlite3.Connection, decision_ids: Sequence[int] | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], np.ma.MaskedArray[Any, np.dtype[np.int64]]]:
    """(decision_id, roll_source_id, official yes/no/abstain) of decisions that have a roll, all of
    them or those listed; a total the decision does not give (NULL) is masked, never a number."""
    wanted = None if decision_ids is None else set(decision_ids)
    rows = [
        r
        for r in con.execute(
            """SELECT decision_id, roll_source_id, yes_count, no_count, abstain_count
               FROM decisions WHERE roll_source_id IS NOT NULL ORDER BY decision_id"""
        )
        if wanted is None or r[0] in wanted
    ]
    ids = np.array([r[:2] for r in rows], dtype=np.int64).reshape(-1, 2)
    unknown = np.array([[v is None for v in r[2:]] for r in rows], dtype=np.bool_).reshape(-1, 3)
    given = np.array([[v or 0 for v in r[2:]] for r in rows], dtype=np.int64).reshape(-1, 3)
    return ids[:, 0], ids[:, 1], np.ma.MaskedArray(given, mask=unknown)


def load_positions(
    con: sqlite3.Connection, decision_ids: Sequence[int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.str_], npt.NDArray[np.int8]]:
    """(source_id, decision_id, country_code, vote code) of every stored position of the decisions."""
    out: list[tuple[int, int, str, str]] = []
    for decision_id in sorted(set(decision_ids)):
        out.extend(
            con.execute(
                # source_id IN (...) lets SQLite search the primary key (source_id, decision_id, ...)
                # instead of scanning every position once per decision.
                """SELECT source_id, decision_id, country_code, vote FROM positions
                   WHERE source_id IN (SELECT source_id FROM sources) AND decision_id = ?""",
                (decision_id,),
            )
        )
    codes = {vote.value: code for vote, code in VOTE_CODES.items()}
    return (
        np.array([r[0] for r in out], np.int64),
        np.array([r[1] for r in out], np.int64),
        np.array([r[2] for r in out], "<U3"),
        np.array([codes[r[3]] for r in out], np.int8),
    )


def replace_roll_findings(
    con: sqlite3.Connection,
    findings: Iterable[tuple[int, str, str, int, int | None]],
    *,
    decision_ids: Sequence[int] | None = None,
) -> None:
    """Replace the roll findings (decision_id, kind, detail, source_id, other_source_id) of the
    decisions listed, or of all decisions."""
    if decision_ids is None:
        con.execute("DELETE FROM discrepancies WHERE kind IN (?, ?)", _ROLL_KINDS)
    else:
        con.executemany(
            "DELETE FROM discrepancies WHERE kind IN (?, ?) AND decision_id = ?",
            [(*_ROLL_KINDS, d) for d in decision_ids],
        )
    con.executemany(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           VALUES (?, ?, ?, ?, ?)""",
        list(findings),
    )


def apply_acknowledgements(con: sqlite3.Connection) -> int:
    """Mark the findings that a curated acknowledgement explains; returns how many are marked."""
    con.execute("UPDATE discrepancies SET is_acknowledged = 0, explanation = NULL")
    cur = con.execute(
        """UPDATE discrepancies SET is_acknowledged = 1, explanation = a.explanation
           FROM acknowledgements AS a
           WHERE a.decision_id = discrepancies.decision_id AND a.kind = discrepancies.kind"""
    )
    return cur.rowcount


def foreign_key_problems(con: sqlite3.Connection, *, limit: int = 5) -> list[tuple[str, int, str]]:
    """Rows whose references point nowhere (table, rowid, parent table), checked after bulk loading.

    ``positions`` is left out here: :func:`unvotes.store.insert_positions` checks its references
    when it loads each source's rows, distinct value by distinct value.
    """
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('positions', 'sqlite_sequence')"
        )
    ]
    problems: list[tuple[str, int, str]] = []
    for table in tables:
        rows = con.execute("SELECT * FROM pragma_foreign_key_check(?)", (table,)).fetchmany(limit)
        problems.extend((str(r[0]), int(r[1] or 0), str(r[2])) for r in rows)
    return problems[:limit]
