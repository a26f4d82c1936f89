"""Named read queries. Each returns plain tuples or small typed rows; parameters are always bound."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

__all__ = [
    "DecisionFilter",
    "country_exists",
    "country_record",
    "decision_by_id",
    "decision_keys",
    "decisions_by_symbol",
    "list_decisions",
    "list_discrepancies",
    "members_of_series",
    "next_decision_id",
    "positions_outside_membership",
    "roll",
    "roll_positions",
    "sponsors",
]

DECISION_COLUMNS = (
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
_SELECT_DECISION = f"SELECT {', '.join('d.' + c for c in DECISION_COLUMNS)} FROM decisions AS d"


@dataclass(frozen=True, slots=True)
class DecisionFilter:
    body: str | None = None
    series: str | None = None
    year: int | None = None
    search: str | None = None
    kind: str | None = None
    adoption_method: str | None = None
    limit: int | None = None
    offset: int = 0


def decision_keys(con: sqlite3.Connection) -> dict[tuple[str, str, str, str], list[int]]:
    """(body, kind, symbol, date) -> decision ids, over every source's account; used to merge sources."""
    out: dict[tuple[str, str, str, str], list[int]] = {}
    for body, kind, symbol, date, decision_id in con.execute(
        """SELECT DISTINCT body, kind, symbol, date, decision_id FROM decision_sources
           WHERE symbol IS NOT NULL AND date IS NOT NULL"""
    ):
        ids = out.setdefault((body, kind, symbol, date), [])
        if decision_id not in ids:
            ids.append(decision_id)
    return out


def next_decision_id(con: sqlite3.Connection) -> int:
    return int(con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM decisions").fetchone()[0])


def _where(filt: DecisionFilter) -> tuple[str, list[object]]:
    """The WHERE clause (on alias ``d``) and parameters of a decision filter."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (
        ("d.body", filt.body),
        ("d.year", filt.year),
        ("d.kind", filt.kind),
        ("d.adoption_method", filt.adoption_method),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if filt.series:
        where.append("d.decision_id IN (SELECT decision_id FROM series_decisions WHERE series = ?)")
        params.append(filt.series)
    if filt.search:
        where.append("(d.title LIKE ? ESCAPE '\\' OR d.symbol LIKE ? ESCAPE '\\' OR d.description LIKE ? ESCAPE '\\')")
        pattern = "%" + filt.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern] * 3)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def list_decisions(con: sqlite3.Connection, filt: DecisionFilter) -> list[tuple[object, ...]]:
    where, params = _where(filt)
    sql = _SELECT_DECISION + where + " ORDER BY d.date, d.body, d.symbol, d.decision_id"
    if filt.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([filt.limit, filt.offset])
    return list(con.execute(sql, params))


def roll_positions(con: sqlite3.Connection, filt: DecisionFilter) -> tuple[list[int], list[str], list[str]]:
    """(decision_id, country_code, vote) of the roll shown for every decision matching the filter."""
    where, params = _where(filt)
    rows = con.execute(
        f"""SELECT p.decision_id, p.country_code, p.vote FROM decisions AS d
            JOIN positions AS p ON p.source_id = d.roll_source_id AND p.decision_id = d.decision_id
            {where}""",
        params,
    ).fetchall()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def decision_by_id(con: sqlite3.Connection, decision_id: int) -> tuple[object, ...] | None:
    row = con.execute(_SELECT_DECISION + " WHERE d.decision_id = ?", (decision_id,)).fetchone()
    return tuple(row) if row else None


def decisions_by_symbol(con: sqlite3.Connection, symbol: str) -> list[tuple[object, ...]]:
    """Decisions whose symbol or draft symbol is ``symbol`` (case-insensitive)."""
    return list(
        con.execute(
            _SELECT_DECISION
            + " WHERE d.symbol = ? COLLATE NOCASE OR d.draft_symbol = ? COLLATE NOCASE"
            + " ORDER BY d.date, d.decision_id",
            (symbol, symbol),
        )
    )


def roll(con: sqlite3.Connection, decision_id: int) -> list[tuple[str, str, str, str | None, int]]:
    """(country_code, country_name, vote, reason, is_inferred) of the roll shown, by country code."""
    return list(
        con.execute(
            """SELECT country_code, country_name, vote, reason, is_inferred FROM votes
               WHERE decision_id = ? ORDER BY country_code""",
            (decision_id,),
        )
    )


def sponsors(
    con: sqlite3.Connection, decision_id: int
) -> list[tuple[str, str, str | None, str | None, str | None, int, int]]:
    """(country_code, country_name, role, name_as_recorded, note, source_id, sources) for one decision:
    one row per state, from the preferred source that names it; ``sources`` counts those that do."""
    return list(
        con.execute(
            """SELECT country_code, name, role, name_as_recorded, note, source_id, n FROM (
                   SELECT s.country_code, c.name, s.role, s.name_as_recorded, s.note, s.source_id,
                          count(*) OVER (PARTITION BY s.country_code) AS n,
                          row_number() OVER (PARTITION BY s.country_code
                                             ORDER BY src.priority, s.source_id) AS rank
                   FROM sponsorships AS s
                   JOIN countries AS c USING (country_code)
                   JOIN sources AS src USING (source_id)
                   WHERE s.decision_id = ?)
               WHERE rank = 1
               ORDER BY role IS NULL, role DESC, country_code""",
            (decision_id,),
        )
    )


def list_discrepancies(
    con: sqlite3.Connection, *, decision_id: int | None = None
) -> list[tuple[int, str, str | None, str | None, str, str, bool, str | None]]:
    """(decision_id, body, date, symbol, kind, detail, is_acknowledged, explanation), by date."""
    rows = con.execute(
        """SELECT x.decision_id, d.body, d.date, d.symbol, x.kind, x.detail, x.is_acknowledged, x.explanation
           FROM discrepancies AS x JOIN decisions AS d USING (decision_id)
           WHERE (:id IS NULL OR x.decision_id = :id)
           ORDER BY d.date, x.decision_id, x.kind, x.discrepancy_id""",
        {"id": decision_id},
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]


def country_exists(con: sqlite3.Connection, country_code: str) -> bool:
    row = con.execute("SELECT 1 FROM countries WHERE country_code = ?", (country_code,)).fetchone()
    return row is not None


def positions_outside_membership(con: sqlite3.Connection) -> list[tuple[int, str, str, str]]:
    """(decision_id, date, country_code, vote) of positions a source gives (not inferred) in the GA
    plenary or Third Committee by a state that was not a UN member that day."""
    return list(
        con.execute(
            """SELECT p.decision_id, d.date, p.country_code, p.vote
               FROM decisions AS d
               JOIN positions AS p ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
               JOIN countries AS c ON c.country_code = p.country_code
               WHERE d.body IN ('ga', 'c3') AND p.is_inferred = 0
                 AND (c.un_member_from IS NULL OR d.date < c.un_member_from
                      OR (c.un_member_to IS NOT NULL AND d.date > c.un_member_to))
               ORDER BY d.date, p.country_code"""
        )
    )


def members_of_series(con: sqlite3.Connection, series: str) -> list[int]:
    return [r[0] for r in con.execute("SELECT decision_id FROM series_decisions WHERE series = ?", (series,))]


def country_record(
    con: sqlite3.Connection, country_code: str, *, body: str | None = None, series: str | None = None
) -> list[tuple[object, ...]]:
    """Decisions the state took part in, with its vote, sponsorship and disassociation.

    Rows: the decisions with a position of the state in the roll shown; and adoptions without a vote
    where the state sponsored or dissociated, or (GA plenary and Third Committee, where every member
    sits) was a UN member that day.
    """
    sql = """
        SELECT d.decision_id, d.body, d.year, d.date, d.symbol, d.kind, d.adoption_method, d.outcome,
               p.vote, p.reason, p.is_inferred,
               (SELECT group_concat(DISTINCT coalesce(s.role, 'sponsor')) FROM sponsorships AS s
                 WHERE s.decision_id = d.decision_id AND s.country_code = :code) AS sponsorship,
               (SELECT count(*) > 0 FROM disassociations AS x
                 WHERE x.decision_id = d.decision_id AND x.country_code = :code) AS dissociated,
               d.title
        FROM decisions AS d
        JOIN countries AS c ON c.country_code = :code
        LEFT JOIN positions AS p
               ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id AND p.country_code = :code
        WHERE (:body IS NULL OR d.body = :body)
          AND (:series IS NULL
               OR d.decision_id IN (SELECT decision_id FROM series_decisions WHERE series = :series))
          AND (p.country_code IS NOT NULL
               OR EXISTS (SELECT 1 FROM sponsorships AS s
                          WHERE s.decision_id = d.decision_id AND s.country_code = :code)
               OR EXISTS (SELECT 1 FROM disassociations AS x
                          WHERE x.decision_id = d.decision_id AND x.country_code = :code)
               OR (d.adoption_method = 'without_vote' AND d.body IN ('ga', 'c3')
                   AND c.un_member_from <= d.date
                   AND (c.un_member_to IS NULL OR d.date <= c.un_member_to)))
        ORDER BY d.date, d.body, d.decision_id"""
    return list(con.execute(sql, {"code": country_code, "body": body, "series": series}))
