"""Steps run after sources are loaded: canonical decision fields, roll choice, indexes, findings.

All of it is SQL over what the sources said; nothing here reads files.
"""

from __future__ import annotations

import sqlite3

__all__ = [
    "create_position_indexes",
    "drop_position_indexes",
    "find_discrepancies",
    "foreign_key_problems",
    "refresh_decisions",
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


def create_position_indexes(con: sqlite3.Connection) -> None:
    """Indexes made after bulk loading (much faster than maintaining them row by row)."""
    con.execute(
        """CREATE UNIQUE INDEX IF NOT EXISTS positions_by_decision
           ON positions (decision_id, source_id, country_code)"""
    )
    con.execute("CREATE INDEX IF NOT EXISTS positions_by_country ON positions (country_code, decision_id)")


def drop_position_indexes(con: sqlite3.Connection) -> None:
    con.execute("DROP INDEX IF EXISTS positions_by_decision")
    con.execute("DROP INDEX IF EXISTS positions_by_country")


def refresh_decisions(con: sqlite3.Connection) -> None:
    """Recompute every decision's canonical fields, totals, year and roll source.

    Totals are taken as a group from the highest-priority source that gives ``yes_count``; the roll
    shown is the highest-priority source that has positions for the decision.
    """
    pick = ",\n".join(
        f"""{field} = (SELECT ds.{field} FROM decision_sources AS ds
                WHERE ds.decision_id = decisions.decision_id AND ds.{field} IS NOT NULL
                ORDER BY ds.priority, ds.source_id LIMIT 1)"""
        for field in _FIELDS
    )
    totals = ",\n".join(
        f"""{field} = (SELECT ds.{field} FROM decision_sources AS ds
                WHERE ds.decision_id = decisions.decision_id AND ds.yes_count IS NOT NULL
                ORDER BY ds.priority, ds.source_id LIMIT 1)"""
        for field in _TOTALS
    )
    con.execute(f"UPDATE decisions SET {pick},\n{totals}")
    con.execute(
        """UPDATE decisions SET
             year = CAST(substr(date, 1, 4) AS INTEGER),
             source_id = (SELECT ds.source_id FROM decision_sources AS ds
                          WHERE ds.decision_id = decisions.decision_id
                          ORDER BY ds.priority, ds.source_id LIMIT 1),
             roll_source_id = (SELECT ds.positions_source_id FROM decision_sources AS ds
                               WHERE ds.decision_id = decisions.decision_id
                                 AND EXISTS (SELECT 1 FROM positions AS p
                                             WHERE p.decision_id = ds.decision_id
                                               AND p.source_id = ds.positions_source_id)
                               ORDER BY ds.priority, ds.source_id LIMIT 1)"""
    )


def find_discrepancies(con: sqlite3.Connection) -> int:
    """Replace the build's findings in ``discrepancies``; returns how many there are.

    * ``totals_vs_roll``: official yes/no/abstain differ from the positions counted in the roll shown;
    * ``sources_disagree_totals``: two sources give different official totals;
    * ``sources_disagree_method``: two sources give different adoption methods;
    * ``sources_disagree_positions``: another source's roll differs from the roll shown.

    Findings acknowledged in a curated file keep their flag (matched on decision, kind and detail).
    """
    acknowledged = {
        (row[0], row[1], row[2]): row[3]
        for row in con.execute(
            "SELECT decision_id, kind, detail, explanation FROM discrepancies WHERE is_acknowledged = 1"
        )
    }
    con.execute("DELETE FROM discrepancies WHERE kind <> 'outside_membership'")
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id)
           SELECT d.decision_id, 'totals_vs_roll',
                  printf('official %d-%d-%d, counted %d-%d-%d', d.yes_count, d.no_count, d.abstain_count,
                         c.yes, c.no, c.abstain),
                  d.roll_source_id
           FROM decisions AS d
           JOIN (SELECT p.decision_id,
                        sum(p.vote = 'yes') AS yes, sum(p.vote = 'no') AS no,
                        sum(p.vote = 'abstain') AS abstain
                 FROM decisions AS d2
                 JOIN positions AS p ON p.decision_id = d2.decision_id AND p.source_id = d2.roll_source_id
                 WHERE d2.yes_count IS NOT NULL
                 GROUP BY p.decision_id) AS c ON c.decision_id = d.decision_id
           WHERE d.yes_count <> c.yes OR d.no_count <> c.no OR d.abstain_count <> c.abstain"""
    )
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           SELECT a.decision_id, 'sources_disagree_totals',
                  printf('%d-%d-%d vs %d-%d-%d', a.yes_count, a.no_count, a.abstain_count,
                         b.yes_count, b.no_count, b.abstain_count),
                  a.source_id, b.source_id
           FROM decision_sources AS a
           JOIN decision_sources AS b ON b.decision_id = a.decision_id AND b.source_id > a.source_id
           WHERE a.yes_count IS NOT NULL AND b.yes_count IS NOT NULL
             AND (a.yes_count <> b.yes_count OR a.no_count <> b.no_count
                  OR a.abstain_count <> b.abstain_count)"""
    )
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           SELECT a.decision_id, 'sources_disagree_method', a.adoption_method || ' vs ' || b.adoption_method,
                  a.source_id, b.source_id
           FROM decision_sources AS a
           JOIN decision_sources AS b ON b.decision_id = a.decision_id AND b.source_id > a.source_id
           WHERE a.adoption_method <> b.adoption_method"""
    )
    con.execute(
        """INSERT INTO discrepancies (decision_id, kind, detail, source_id, other_source_id)
           SELECT p.decision_id, 'sources_disagree_positions',
                  printf('%d states differ: %s', count(*),
                         group_concat(p.country_code || ' ' || p.vote || '/' || o.vote, ', ')),
                  p.source_id, o.source_id
           FROM decisions AS d
           JOIN positions AS p ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
           JOIN positions AS o ON o.decision_id = p.decision_id AND o.country_code = p.country_code
                               AND o.source_id <> p.source_id
           WHERE o.vote <> p.vote
           GROUP BY p.decision_id, o.source_id"""
    )
    for (decision_id, kind, detail), explanation in acknowledged.items():
        con.execute(
            """UPDATE discrepancies SET is_acknowledged = 1, explanation = ?
               WHERE decision_id = ? AND kind = ? AND detail = ?""",
            (explanation, decision_id, kind, detail),
        )
    return int(con.execute("SELECT count(*) FROM discrepancies").fetchone()[0])


def foreign_key_problems(con: sqlite3.Connection, *, limit: int = 5) -> list[tuple[str, int, str]]:
    """Rows whose references point nowhere (table, rowid, parent table), checked after bulk loading."""
    rows = con.execute("PRAGMA foreign_key_check").fetchmany(limit)
    return [(str(r[0]), int(r[1] or 0), str(r[2])) for r in rows]
