"""Stored model estimates: runs of the dynamic ideal-point model, one per scope, with their
estimates per state per year and the item parameters kept for a warm start of the next run.

A database made before these tables existed (schema version 4 or older), opened read-only, has
none: the reads then return nothing, as for a database where no run was stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from unvotes.store.connection import begin_write
from unvotes.store.records import EstimateRecord, EstimateRunRecord

__all__ = [
    "estimate_items",
    "estimate_run",
    "estimate_runs",
    "estimates_of",
    "replace_estimate_run",
]

#: (beta, centre, gap) of an item, by its label
ItemParameters = Mapping[str, tuple[float, float, float]]


def _has_tables(con: sqlite3.Connection) -> bool:
    row = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'estimate_runs'").fetchone()
    return row is not None


def replace_estimate_run(
    con: sqlite3.Connection,
    run: EstimateRunRecord,
    estimates: Sequence[EstimateRecord],
    items: ItemParameters,
) -> int:
    """Store ``run`` (its ``run_id`` is ignored) in place of the scope's previous run, in one
    transaction: on any failure the previous run stays as it was. Returns the new run's id, one
    more than the largest before, so a run's id is never given to the run that replaces it."""
    begin_write(con)
    try:
        run_id = int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM estimate_runs").fetchone()[0])
        con.execute("DELETE FROM estimate_runs WHERE scope = ?", (run.scope,))
        columns = EstimateRunRecord.COLUMNS
        values = [run_id, *(getattr(run, c) for c in columns[1:])]
        con.execute(
            f"INSERT INTO estimate_runs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values
        )
        con.executemany(
            "INSERT INTO estimates (run_id, country_code, year, ideal_point, std_error, n_votes, n_non_voting) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (run_id, e.country_code, e.year, e.ideal_point, e.std_error, e.n_votes, e.n_non_voting)
                for e in estimates
            ],
        )
        con.executemany(
            "INSERT INTO estimate_items (run_id, item, beta, centre, gap) VALUES (?, ?, ?, ?, ?)",
            [(run_id, label, *values) for label, values in items.items()],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return run_id


def estimate_runs(con: sqlite3.Connection) -> list[EstimateRunRecord]:
    """Every stored run, by scope."""
    if not _has_tables(con):
        return []
    sql = f"SELECT {', '.join(EstimateRunRecord.COLUMNS)} FROM estimate_runs ORDER BY scope"
    return [EstimateRunRecord.of(row) for row in con.execute(sql)]


def estimate_run(con: sqlite3.Connection, scope: str) -> EstimateRunRecord | None:
    """The stored run of ``scope``, or None."""
    return next((run for run in estimate_runs(con) if run.scope == scope), None)


def estimates_of(
    con: sqlite3.Connection, run_id: int, country_codes: Sequence[str] | None = None
) -> list[EstimateRecord]:
    """The estimates of a run (of some states only, when given), by state then year."""
    if not _has_tables(con):
        return []
    sql = f"SELECT {', '.join(EstimateRecord.COLUMNS)} FROM estimates WHERE run_id = ?"
    params: list[object] = [run_id]
    if country_codes is not None:
        sql += f" AND country_code IN ({', '.join('?' * len(country_codes))})"
        params += list(country_codes)
    sql += " ORDER BY country_code, year"
    return [EstimateRecord.of(row) for row in con.execute(sql, params)]


def estimate_items(con: sqlite3.Connection, run_id: int) -> dict[str, tuple[float, float, float]]:
    """The item parameters of a run, by label."""
    if not _has_tables(con):
        return {}
    rows = con.execute("SELECT item, beta, centre, gap FROM estimate_items WHERE run_id = ?", (run_id,))
    return {str(label): (float(b), float(c), float(g)) for label, b, c, g in rows}
