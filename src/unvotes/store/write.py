"""Writing records into the database. All INSERT/UPDATE statements of the package live here.

Each insert takes the model's records (:mod:`unvotes.model`), paired with the decision id the
ingest resolved for them, and the id of the source file they are stored under. Two bulk paths
take pre-coded rows instead: a decision's fields as :func:`decision_values` (coded on the reader
threads) and the positions as packed integers (:func:`insert_positions`). Callers hold the
transaction: these functions never commit.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unvotes.errors import StoreError
from unvotes.model import (
    BODY_NAMES,
    REASON_CODES,
    SOURCE_PRIORITY,
    VOTE_CODES,
    Acknowledgement,
    ContextEvent,
    CoverageNote,
    Decision,
    DecisionLink,
    Disassociation,
    MandateHolder,
    RecordedName,
    Series,
    SkipCount,
    SourceFile,
    SponsorCount,
    Sponsorship,
    StateStatement,
)
from unvotes.reference.countries import CountryRegistry

__all__ = [
    "DecisionSourceRow",
    "decision_values",
    "find_source",
    "insert_acknowledgements",
    "insert_context",
    "insert_coverage",
    "insert_decision_sources",
    "insert_disassociations",
    "insert_links",
    "insert_new_decisions",
    "insert_positions",
    "insert_recorded_names",
    "insert_series",
    "insert_skipped",
    "insert_source",
    "insert_sponsor_counts",
    "insert_sponsorships",
    "insert_statements",
    "insert_topics",
    "write_reference_tables",
]


def _case(expression: str, prefix: str, words: dict[str, int]) -> tuple[str, dict[str, object]]:
    """A CASE turning the codes of ``expression`` into their words, with its bound parameters."""
    whens = " ".join(f"WHEN :{prefix}{code} THEN :{prefix}{code}_word" for code in sorted(words.values()))
    params: dict[str, object] = {}
    for word, code in words.items():
        params[f"{prefix}{code}"] = code
        params[f"{prefix}{code}_word"] = word
    return f"CASE {expression} {whens} END", params


_VOTE_CASE, _VOTE_PARAMS = _case("p.n % 1000 / 100", "vote", {v.value: c for v, c in VOTE_CODES.items()})
_REASON_CASE, _REASON_PARAMS = _case("p.n % 100 / 10", "reason", {r.value: c for r, c in REASON_CODES.items()})


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def write_reference_tables(con: sqlite3.Connection, registry: CountryRegistry) -> None:
    """Bodies, countries and the name history (replaced wholesale)."""
    con.executemany(
        "INSERT OR REPLACE INTO bodies (body, name) VALUES (?, ?)",
        [(body.value, name) for body, name in BODY_NAMES.items()],
    )
    con.execute("DELETE FROM country_names")
    rows = [
        (
            c.country_code,
            c.iso2,
            c.m49,
            c.cow_code,
            c.name,
            _iso(c.un_member_from),
            _iso(c.un_member_to),
            c.successor_code,
            c.note,
        )
        for c in registry
    ]
    con.execute("PRAGMA defer_foreign_keys = ON")
    con.executemany(
        """INSERT INTO countries (country_code, iso2, m49, cow_code, name, un_member_from, un_member_to,
                                  successor_code, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (country_code) DO UPDATE SET
             iso2 = excluded.iso2, m49 = excluded.m49, cow_code = excluded.cow_code, name = excluded.name,
             un_member_from = excluded.un_member_from, un_member_to = excluded.un_member_to,
             successor_code = excluded.successor_code, note = excluded.note""",
        rows,
    )
    con.executemany(
        "INSERT OR IGNORE INTO country_names (country_code, name, valid_from, valid_to) VALUES (?, ?, ?, ?)",
        [(n.country_code, n.name, _iso(n.valid_from), _iso(n.valid_to)) for n in registry.name_history()],
    )


def find_source(con: sqlite3.Connection, kind: str, sha256: str) -> int | None:
    """The ``source_id`` under which these bytes of this kind of source were stored, if they were."""
    row = con.execute("SELECT source_id FROM sources WHERE kind = ? AND sha256 = ?", (kind, sha256)).fetchone()
    return int(row[0]) if row else None


def insert_source(con: sqlite3.Connection, source: SourceFile, *, ingested_at: str) -> int:
    """A :class:`~unvotes.model.SourceFile` read; returns its new ``source_id``."""
    cur = con.execute(
        """INSERT INTO sources (kind, file_name, sha256, rows_read, citation, priority, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (
            source.kind.value,
            source.file_name,
            source.sha256,
            source.rows_read,
            source.citation,
            SOURCE_PRIORITY[source.kind],
            ingested_at,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def insert_skipped(con: sqlite3.Connection, skipped: Iterable[SkipCount], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.SkipCount` of one source (added to the rows it counted before)."""
    con.executemany(
        """INSERT INTO skipped_rows (source_id, reason, rows) VALUES (?, ?, ?)
           ON CONFLICT (source_id, reason) DO UPDATE SET rows = rows + excluded.rows""",
        [(source_id, s.reason, s.rows) for s in skipped],
    )


def decision_values(d: Decision) -> tuple[object, ...]:
    """The decision's fields in the order of the decision columns (``decisions`` and ``decision_sources``)."""
    # Plain strings: SQLite binds a str subclass (the StrEnum members) several times slower.
    return (
        d.body.value,
        d.kind.value,
        d.adoption_method.value,
        d.outcome.value if d.outcome else None,
        d.symbol,
        d.draft_symbol,
        _iso(d.date),
        d.session,
        d.title,
        d.description,
        d.meeting_symbol,
        d.yes_count,
        d.no_count,
        d.abstain_count,
        d.non_voting_count,
        None if d.is_important is None else int(d.is_important),
        d.url,
    )


@dataclass(frozen=True, slots=True)
class DecisionSourceRow:
    """One source's account of one decision, ready to store."""

    decision_id: int
    source_id: int
    positions_source_id: int
    priority: int
    values: tuple[object, ...]  #: :func:`decision_values` of the account
    ref: str
    line: int | None
    year: int | None
    shares_roll: bool = False  #: the roll equals the one stored under positions_source_id
    has_roll: bool = False  #: positions for the decision are stored under positions_source_id


_DECISION_COLUMNS = (
    "body, kind, adoption_method, outcome, symbol, draft_symbol, date, session, title, description, "
    "meeting_symbol, yes_count, no_count, abstain_count, non_voting_count, is_important, url"
)


def insert_new_decisions(con: sqlite3.Connection, rows: Sequence[DecisionSourceRow]) -> None:
    """Create ``decisions`` rows from their first account (refreshed when another source adds one)."""
    con.executemany(
        f"""INSERT INTO decisions (decision_id, {_DECISION_COLUMNS}, year, source_id, roll_source_id)
            VALUES (?, {", ".join("?" * 17)}, ?, ?, ?)""",
        [(r.decision_id, *r.values, r.year, r.source_id, r.positions_source_id if r.has_roll else None) for r in rows],
    )


def insert_decision_sources(con: sqlite3.Connection, rows: Sequence[DecisionSourceRow]) -> None:
    """Each source's account of its decisions, beside the canonical ``decisions`` rows."""
    con.executemany(
        f"""INSERT INTO decision_sources (decision_id, source_id, positions_source_id, shares_roll, source_ref,
                                          priority, {_DECISION_COLUMNS}, line)
            VALUES (?, ?, ?, ?, ?, ?, {", ".join("?" * 17)}, ?)""",
        [
            (
                r.decision_id,
                r.source_id,
                r.positions_source_id,
                int(r.shares_roll),
                r.ref,
                r.priority,
                *r.values,
                r.line,
            )
            for r in rows
        ],
    )


def _check_references(con: sqlite3.Connection, source_id: int) -> None:
    """Every decision, country and source the rows about to be loaded refer to exists."""
    missing = con.execute(
        """SELECT 'decision ' || decision_id FROM load_decisions
           WHERE decision_id NOT IN (SELECT decision_id FROM decisions)
           UNION ALL
           SELECT 'country ' || code FROM load_countries WHERE code NOT IN (SELECT country_code FROM countries)
           UNION ALL
           SELECT 'source ' || ?1 WHERE ?1 NOT IN (SELECT source_id FROM sources)
           LIMIT 1""",
        (source_id,),
    ).fetchone()
    if missing:
        raise StoreError(f"positions refer to a missing {missing[0]}")


def insert_positions(
    con: sqlite3.Connection,
    *,
    payload: str,
    offset: int = 0,
    decision_ids: Sequence[tuple[int, int]],
    codes: Sequence[str],
    source_id: int,
) -> int:
    """Bulk insert of one source's positions; returns the rows written.

    ``payload`` is a JSON array of packed positions, each ``offset + (decision · W + state) · 1000 +
    vote · 100 + reason · 10 + inferred`` (W = ``len(codes)``): ``decision`` is numbered by the caller
    and ``decision_ids`` maps those numbers to decision ids (rows of decisions not listed are not
    stored); ``state`` indexes ``codes``; ``vote`` and ``reason`` are
    :data:`~unvotes.model.VOTE_CODES` / :data:`~unvotes.model.REASON_CODES`. One INSERT ... SELECT
    over ``json_each`` unpacks them into words. Rows in key order make the table grow at its end.
    """
    if not decision_ids:
        return 0
    width = len(codes)
    con.execute("CREATE TEMP TABLE IF NOT EXISTS load_countries (i INTEGER PRIMARY KEY, code TEXT NOT NULL)")
    con.execute("CREATE TEMP TABLE IF NOT EXISTS load_decisions (i INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL)")
    con.execute("DELETE FROM load_countries")
    con.execute("DELETE FROM load_decisions")
    con.executemany("INSERT INTO load_countries VALUES (?, ?)", enumerate(codes))
    con.executemany("INSERT INTO load_decisions VALUES (?, ?)", decision_ids)
    _check_references(con, source_id)
    # A vote code outside the vocabulary gives NULL, which the NOT NULL column refuses.
    cursor = con.execute(
        f"""INSERT INTO positions (source_id, decision_id, country_code, vote, reason, is_inferred)
            SELECT :source, d.decision_id, c.code, {_VOTE_CASE}, {_REASON_CASE}, p.n % 10
            FROM (SELECT j.value - :offset AS n FROM json_each(:rows) AS j) AS p
            JOIN load_decisions AS d ON d.i = p.n / 1000 / :width
            JOIN load_countries AS c ON c.i = p.n / 1000 % :width""",
        {"source": source_id, "offset": offset, "width": width, "rows": payload, **_VOTE_PARAMS, **_REASON_PARAMS},
    )
    return cursor.rowcount


def insert_sponsorships(con: sqlite3.Connection, rows: Iterable[tuple[int, Sponsorship]], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.Sponsorship` of one source, with the id of its decision."""
    con.executemany(
        """INSERT INTO sponsorships (decision_id, country_code, role, name_as_recorded, note, source_id)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(d, s.country_code, s.role.value if s.role else None, s.name_as_recorded, s.note, source_id) for d, s in rows],
    )


def insert_sponsor_counts(con: sqlite3.Connection, rows: Iterable[tuple[int, SponsorCount]], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.SponsorCount` of one source, with the id of its decision."""
    con.executemany(
        """INSERT INTO sponsor_counts (decision_id, initial_count, additional_count, total_count, note, citation,
                                       source_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(d, c.initial_count, c.additional_count, c.total_count, c.note, c.citation, source_id) for d, c in rows],
    )


def insert_disassociations(
    con: sqlite3.Connection, rows: Iterable[tuple[int, Disassociation]], *, source_id: int
) -> None:
    """Each :class:`~unvotes.model.Disassociation` of one source, with the id of its decision."""
    con.executemany(
        """INSERT OR IGNORE INTO disassociations (decision_id, country_code, is_partial_list, note, source_id)
           VALUES (?, ?, ?, ?, ?)""",
        [(d, x.country_code, int(x.is_partial_list), x.note, source_id) for d, x in rows],
    )


def insert_coverage(con: sqlite3.Connection, rows: Iterable[tuple[int, CoverageNote]], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.CoverageNote` of one source, with the id of its decision."""
    con.executemany(
        "INSERT OR IGNORE INTO coverage (decision_id, fact, coverage, note, source_id) VALUES (?, ?, ?, ?, ?)",
        [(d, c.fact.value, c.coverage.value, c.note, source_id) for d, c in rows],
    )


def insert_statements(con: sqlite3.Connection, rows: Iterable[tuple[int, StateStatement]], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.StateStatement` of one source, with the id of its decision; the
    same statement from two citations is stored once, the citations joined."""
    merged: dict[tuple[int, str, str], tuple[bool, str, list[str]]] = {}
    for d, x in rows:
        key = (d, x.country_code, x.statement.value)
        secondary, note, cites = merged.get(key, (True, "", []))
        notes = "; ".join(n for n in (note, x.note or "") if n)
        merged[key] = (secondary and x.is_secondary, notes, [*cites, x.citation])
    con.executemany(
        """INSERT OR IGNORE INTO statements
               (decision_id, country_code, statement, is_secondary, note, citation, source_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(*k, int(v[0]), v[1] or None, "; ".join(v[2]), source_id) for k, v in merged.items()],
    )


def insert_links(con: sqlite3.Connection, rows: Iterable[tuple[int, int, DecisionLink]], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.DecisionLink` of one source, after the ids of its two decisions
    (``from_ref``, then ``to_ref``)."""
    con.executemany(
        """INSERT OR IGNORE INTO decision_links (from_decision_id, to_decision_id, relation, source_id)
           VALUES (?, ?, ?, ?)""",
        [(a, b, k.relation.value, source_id) for a, b, k in rows],
    )


def insert_topics(con: sqlite3.Connection, rows: Iterable[tuple[int, Decision]], *, source_id: int) -> None:
    """The topics of each :class:`~unvotes.model.Decision` of one source, stored under its id."""
    con.executemany(
        "INSERT OR IGNORE INTO decision_topics (decision_id, topic, source_id) VALUES (?, ?, ?)",
        [(d, topic, source_id) for d, decision in rows for topic in decision.topics],
    )


def insert_acknowledgements(
    con: sqlite3.Connection, rows: Iterable[tuple[int, Acknowledgement]], *, source_id: int
) -> None:
    """Each :class:`~unvotes.model.Acknowledgement` of one source, with the id of its decision."""
    con.executemany(
        "INSERT INTO acknowledgements (decision_id, kind, explanation, source_id) VALUES (?, ?, ?, ?)",
        [(d, str(a.kind), a.explanation, source_id) for d, a in rows],
    )


def insert_context(
    con: sqlite3.Connection,
    *,
    series: Series | None,
    events: Iterable[ContextEvent],
    holders: Iterable[MandateHolder],
    source_id: int,
) -> None:
    """The :class:`~unvotes.model.ContextEvent` and :class:`~unvotes.model.MandateHolder` records
    of one source, in ``series`` when it has one."""
    key = series.series if series else None
    con.executemany(
        """INSERT INTO events (series, date, kind, title, description, symbol, citation, source_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [(key, e.date, e.kind, e.title, e.description, e.symbol, e.source, source_id) for e in events],
    )
    con.executemany(
        """INSERT INTO mandate_holders (series, name, country_code, mandate, term_start, term_end, appointed_by,
                                        note, citation, source_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                key,
                h.name,
                h.country_code,
                h.mandate,
                h.term_start,
                h.term_end,
                h.appointed_by,
                h.note,
                h.source,
                source_id,
            )
            for h in holders
        ],
    )


def insert_recorded_names(con: sqlite3.Connection, names: Iterable[RecordedName], *, source_id: int) -> None:
    """Each :class:`~unvotes.model.RecordedName` of one source (rows added to a spelling seen before)."""
    con.executemany(
        """INSERT INTO recorded_names (source_id, country_code, name, rows, first_date, last_date)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (source_id, country_code, name) DO UPDATE SET rows = rows + excluded.rows""",
        [(source_id, n.country_code, n.name, n.rows, _iso(n.first_date), _iso(n.last_date)) for n in names],
    )


def insert_series(
    con: sqlite3.Connection, series: Series, members: Iterable[tuple[int, Decision]], *, source_id: int
) -> None:
    """A :class:`~unvotes.model.Series` and its member decisions, each with its id (its ``ref`` is
    its key in the series); a series stored before takes the new title and description."""
    con.execute(
        """INSERT INTO series (series, title, description) VALUES (?, ?, ?)
           ON CONFLICT (series) DO UPDATE SET title = excluded.title, description = excluded.description""",
        (series.series, series.title, series.description),
    )
    con.executemany(
        """INSERT OR REPLACE INTO series_decisions (series, decision_id, decision_key, source_id)
           VALUES (?, ?, ?, ?)""",
        [(series.series, decision_id, d.ref, source_id) for decision_id, d in members],
    )
