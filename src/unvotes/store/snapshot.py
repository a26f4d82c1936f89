"""Reads for a data release: a consistent copy of the database, which sources each table's rows
come from, each decision's fingerprint (what a change list compares), and the canned queries a
Datasette user is offered.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import StoreError
from unvotes.store.derive import CANONICAL_FIELDS
from unvotes.store.queries import table_columns

__all__ = [
    "CANNED_QUERIES",
    "FINGERPRINT_FIELDS",
    "CannedQuery",
    "DecisionFingerprint",
    "backup_database",
    "decision_fingerprints",
    "source_ids_of",
    "source_kinds_of",
]

#: The canonical fields of a decision a change list compares (ids are the database's own, not stable).
FINGERPRINT_FIELDS = CANONICAL_FIELDS


@dataclass(frozen=True, slots=True)
class DecisionFingerprint:
    """One decision as a release compares it: its canonical fields, the sources' own ids of it
    (``kind:source_ref``) and a digest of the roll shown (empty when it has none)."""

    fields: tuple[tuple[str, str | None], ...]
    refs: tuple[str, ...]
    roll_digest: str

    def field(self, name: str) -> str | None:
        return dict(self.fields)[name]


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A named, parameterised read offered to Datasette users (parameters as ``:name``)."""

    name: str
    title: str
    description: str
    sql: str


CANNED_QUERIES: tuple[CannedQuery, ...] = (
    CannedQuery(
        "dprk_record",
        "A state's DPRK record",
        "How one state (:country, ISO 3166-1 alpha-3) acted on each decision of the DPRK human-rights "
        "series: its recorded vote, or an empty vote where the decision was adopted without a vote or "
        "the roll does not list it (empty is not known, never no).",
        "SELECT d.date, d.body, d.kind, d.symbol, d.draft_symbol, d.adoption_method, d.outcome, "
        "v.country_code, v.country_name, v.vote, v.reason, v.is_inferred\n"
        "FROM series_decisions AS s\n"
        "JOIN decisions AS d ON d.decision_id = s.decision_id\n"
        "LEFT JOIN votes AS v ON v.decision_id = d.decision_id AND v.country_code = upper(:country)\n"
        "WHERE s.series = 'dprk-human-rights'\n"
        "ORDER BY d.date, d.decision_id",
    ),
    CannedQuery(
        "roll_of_decision",
        "The roll of a decision",
        "Every state's position on the decisions bearing a symbol (:symbol, as the UN writes it, "
        "e.g. A/RES/69/188), from the roll the database shows.",
        "SELECT v.symbol, v.date, v.body, v.country_code, v.country_name, v.vote, v.reason, v.is_inferred, "
        "v.source_id\n"
        "FROM votes AS v\n"
        "WHERE v.symbol = :symbol\n"
        "ORDER BY v.decision_id, v.country_code",
    ),
)


def backup_database(con: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind ``con`` to the new file ``target`` with SQLite's backup API (a
    consistent copy even while another process writes)."""
    if target.exists():
        raise StoreError(f"{target}: exists; a backup is written to a new file only")
    copy = sqlite3.connect(target)
    try:
        con.backup(copy)
    finally:
        copy.close()


def source_kinds_of(con: sqlite3.Connection, table: str) -> tuple[str, ...] | None:
    """The source kinds the rows of ``table`` come from (sorted), or None when the table has no
    ``source_id`` column (reference tables, vocabularies, the build record)."""
    if "source_id" not in table_columns(con, table):
        return None
    rows = con.execute(
        f"SELECT DISTINCT s.kind FROM (SELECT DISTINCT source_id FROM {table}) AS t "
        "JOIN sources AS s ON s.source_id = t.source_id ORDER BY s.kind"
    )
    return tuple(str(r[0]) for r in rows)


def source_ids_of(con: sqlite3.Connection, table: str) -> list[int] | None:
    """The sources (``source_id``, sorted) the rows of ``table`` were read from, or None when the
    table has no ``source_id`` column."""
    if "source_id" not in table_columns(con, table):
        return None
    rows = con.execute(f"SELECT DISTINCT source_id FROM {table} WHERE source_id IS NOT NULL ORDER BY source_id")
    return [int(r[0]) for r in rows]


def _refs(con: sqlite3.Connection) -> dict[int, list[str]]:
    refs: dict[int, list[str]] = defaultdict(list)
    rows = con.execute(
        "SELECT ds.decision_id, s.kind, ds.source_ref FROM decision_sources AS ds "
        "JOIN sources AS s ON s.source_id = ds.source_id ORDER BY ds.decision_id, s.kind, ds.source_ref"
    )
    for decision_id, kind, ref in rows:
        refs[int(decision_id)].append(f"{kind}:{ref}")
    return refs


def _roll_digests(con: sqlite3.Connection) -> dict[int, str]:
    digests: dict[int, hashlib._Hash] = {}
    rows = con.execute(  # the roll the votes view shows, without its name of the day
        "SELECT p.decision_id, p.country_code, p.vote, p.reason FROM decisions AS d "
        "JOIN positions AS p ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id "
        "ORDER BY p.decision_id, p.country_code"
    )
    for decision_id, code, vote, reason in rows:
        digest = digests.setdefault(int(decision_id), hashlib.sha256())
        digest.update(f"{code}:{vote}:{reason or ''};".encode())
    return {k: v.hexdigest() for k, v in digests.items()}


def decision_fingerprints(con: sqlite3.Connection) -> list[DecisionFingerprint]:
    """Every decision's fingerprint, in the order of the decisions table."""
    refs, rolls = _refs(con), _roll_digests(con)
    rows = con.execute(f"SELECT decision_id, {', '.join(FINGERPRINT_FIELDS)} FROM decisions ORDER BY decision_id")
    return [
        DecisionFingerprint(
            fields=tuple(
                (name, None if v is None else str(v)) for name, v in zip(FINGERPRINT_FIELDS, row[1:], strict=True)
            ),
            refs=tuple(refs.get(int(row[0]), ())),
            roll_digest=rolls.get(int(row[0]), ""),
        )
        for row in rows
    ]
