"""Named read queries. Each returns typed rows (:mod:`unvotes.store.records`) or plain values;
parameters are always bound. Which decisions a query reads is a :class:`~unvotes.model.Selection`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from unvotes.model import FindingKind, Selection, SortOrder, SourceKind
from unvotes.reference.countries import load_registry
from unvotes.store.records import (
    AccountRecord,
    CountryRecord,
    CoverageRecord,
    DecisionRecord,
    DisassociationRecord,
    DiscrepancyRecord,
    DuplicatePair,
    EventRecord,
    FlaggedDecision,
    LinkRecord,
    MandateHolderRecord,
    NonMemberPosition,
    ParticipationRecord,
    QuestionRecord,
    RollEntry,
    SeriesRecord,
    SourceRecord,
    SponsorCountRecord,
    SponsorRecord,
    SponsorshipWords,
    SponsorSummary,
    StatementRecord,
    StateSponsorship,
    sponsorship_word,
)
from unvotes.store.search import fts_query, search_available

__all__ = [
    "count_decisions",
    "country_by_code",
    "country_participation",
    "coverage_of",
    "decision_accounts",
    "decision_by_id",
    "decision_description",
    "decision_keys",
    "decision_questions",
    "decisions_by_ids",
    "decisions_by_symbol",
    "disassociations_of",
    "disassociations_of_decisions",
    "integrity_problems",
    "linked_decisions",
    "list_countries",
    "list_decisions",
    "list_discrepancies",
    "list_sources",
    "list_topics",
    "members_of_series",
    "next_decision_id",
    "positions_of_non_members",
    "probable_duplicates",
    "record_keys",
    "recorded_votes_without_roll",
    "roll",
    "roll_positions",
    "roll_positions_of",
    "search_snippets",
    "series_events",
    "series_keys",
    "series_links",
    "series_mandate_holders",
    "series_row",
    "sources_of_context",
    "sources_of_decisions",
    "sponsor_counts",
    "sponsor_summaries",
    "sponsors",
    "sponsors_of_decisions",
    "sponsorship_words",
    "statements_of",
    "table_columns",
    "table_row_count",
    "table_rows",
    "tallies_without_vote",
    "uncited_sources",
    "year_range",
]

_SELECT_DECISION = f"SELECT {', '.join('d.' + c for c in DecisionRecord.COLUMNS)} FROM decisions AS d"
_DECISION_ORDER = " ORDER BY d.date, d.body, d.symbol, d.decision_id"


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


def record_keys(con: sqlite3.Connection) -> dict[tuple[str, str], list[int]]:
    """(source kind, the source's own ref) -> decision ids, over every source's account; with the
    datasets the kinds belong to, matches one roll call read from several releases."""
    out: dict[tuple[str, str], list[int]] = {}
    for kind, ref, decision_id in con.execute(
        """SELECT DISTINCT s.kind, ds.source_ref, ds.decision_id
           FROM decision_sources AS ds JOIN sources AS s USING (source_id)"""
    ):
        out.setdefault((kind, ref), []).append(decision_id)
    return out


def next_decision_id(con: sqlite3.Connection) -> int:
    return int(con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM decisions").fetchone()[0])


def _search_query(text: str) -> str | None:
    """The FTS5 query of what a person typed, states known by any of their names."""
    return fts_query(text, load_registry().names_of_states)


def _where(sel: Selection, con: sqlite3.Connection, *, joined: bool = False) -> tuple[str, dict[str, object]]:
    """The WHERE clause (on alias ``d``) and named parameters of a selection.

    Only the criteria given become conditions, so SQLite can use the index on the body and date
    (a catch-all ``(:x IS NULL OR ...)`` makes it scan every position instead).
    """
    conditions: list[str] = []
    params: dict[str, object] = {}

    def add(condition: str, name: str, value: object) -> None:
        if value is not None:
            conditions.append(condition)
            params[name] = value

    add("d.body = :body", "body", None if sel.body is None else str(sel.body))
    add("d.kind = :kind", "kind", None if sel.kind is None else str(sel.kind))
    add("d.adoption_method = :method", "method", None if sel.adoption_method is None else str(sel.adoption_method))
    add("d.year >= :year_from", "year_from", sel.year_from)
    add("d.year <= :year_to", "year_to", sel.year_to)
    add("d.decision_id IN (SELECT decision_id FROM series_decisions WHERE series = :series)", "series", sel.series)
    add("d.decision_id IN (SELECT decision_id FROM decision_topics WHERE topic = :topic)", "topic", sel.topic)
    if sel.search and search_available(con):
        query = _search_query(sel.search)
        if query is None:  # nothing to search for in the text: nothing matches
            conditions.append("0")
        elif joined:  # the caller joins the matches (to rank them)
            params["fts"] = query
        else:
            add("d.decision_id IN (SELECT rowid FROM decision_text WHERE decision_text MATCH :fts)", "fts", query)
    elif sel.search:  # a database made before full-text search: the literal text, anywhere
        pattern = "%" + sel.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        fields = ("d.title", "d.symbol", "d.draft_symbol", "d.description")
        add("(" + " OR ".join(f"{f} LIKE :pattern ESCAPE '\\'" for f in fields) + ")", "pattern", pattern)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


#: Search ranks: BM25 with symbols weighing most, then titles, then descriptions; decisions of a
#: curated series (the DPRK dossier) ahead of others that match as well.
_MATCHES = (
    " JOIN (SELECT rowid AS hit, bm25(decision_text, 8.0, 4.0, 1.0) AS score FROM decision_text"
    " WHERE decision_text MATCH :fts) AS m ON m.hit = d.decision_id"
)
_RANKED = " ORDER BY d.decision_id NOT IN (SELECT decision_id FROM series_decisions), m.score, d.date, d.decision_id"


def list_decisions(
    con: sqlite3.Connection, sel: Selection, *, limit: int | None = None, offset: int = 0
) -> list[DecisionRecord]:
    """The decisions of a selection, best match first when searching (unless sorted by date), else in
    date order; all of them or one page (``limit``, ``offset``)."""
    ranked = sel.sort is not SortOrder.DATE
    where, params = _where(sel, con, joined=ranked)
    if "fts" in params and ranked:
        sql = _SELECT_DECISION + _MATCHES + where + _RANKED
    else:
        sql = _SELECT_DECISION + where + _DECISION_ORDER
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params = {**params, "limit": limit, "offset": offset}
    return [DecisionRecord.of(r) for r in con.execute(sql, params)]


def search_snippets(con: sqlite3.Connection, sel: Selection, decision_ids: list[int]) -> dict[int, str]:
    """For a search, each listed decision's best-matching passage with the matches in «»."""
    query = _search_query(sel.search) if sel.search and search_available(con) else None
    if query is None or not decision_ids:
        return {}
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        rows = con.execute(
            "SELECT rowid, snippet(decision_text, -1, '«', '»', '…', 16) FROM decision_text"
            f" WHERE decision_text MATCH ? AND rowid IN ({marks})",
            [query, *chunk],
        )
        out.update((int(i), str(text)) for i, text in rows)
    return out


def count_decisions(con: sqlite3.Connection, sel: Selection) -> int:
    where, params = _where(sel, con)
    return int(con.execute("SELECT count(*) FROM decisions AS d" + where, params).fetchone()[0])


def roll_positions(con: sqlite3.Connection, sel: Selection) -> tuple[list[int], list[str], list[str]]:
    """(decision_id, country_code, vote) of the roll shown for every decision of the selection,
    as three parallel lists."""
    where, params = _where(sel, con)
    # Three JSON arrays rather than a million row tuples: far cheaper to hand over to Python.
    ids, codes, votes = con.execute(
        f"""SELECT json_group_array(p.decision_id), json_group_array(p.country_code), json_group_array(p.vote)
            FROM decisions AS d
            JOIN positions AS p ON p.source_id = d.roll_source_id AND p.decision_id = d.decision_id
            {where}""",
        params,
    ).fetchone()
    return json.loads(ids), json.loads(codes), json.loads(votes)


def decision_by_id(con: sqlite3.Connection, decision_id: int) -> DecisionRecord | None:
    row = con.execute(_SELECT_DECISION + " WHERE d.decision_id = ?", (decision_id,)).fetchone()
    return DecisionRecord.of(row) if row else None


def decisions_by_symbol(con: sqlite3.Connection, symbol: str) -> list[DecisionRecord]:
    """Decisions whose symbol or draft symbol is ``symbol`` (case-insensitive), in date order."""
    rows = con.execute(
        _SELECT_DECISION
        + " WHERE d.symbol = ? COLLATE NOCASE OR d.draft_symbol = ? COLLATE NOCASE"
        + " ORDER BY d.date, d.decision_id",
        (symbol, symbol),
    )
    return [DecisionRecord.of(r) for r in rows]


def roll(con: sqlite3.Connection, decision_id: int) -> list[RollEntry]:
    """The roll shown for one decision, by country code."""
    rows = con.execute(
        """SELECT country_code, country_name, vote, reason, is_inferred FROM votes
           WHERE decision_id = ? ORDER BY country_code""",
        (decision_id,),
    )
    return [RollEntry.of(r) for r in rows]


def sponsors(con: sqlite3.Connection, decision_id: int) -> list[SponsorRecord]:
    """The sponsors of one decision: one record per state, from the preferred source that names it
    (``sources`` counts those that do); initial sponsors first, then by code."""
    return [
        SponsorRecord.of(r)
        for r in con.execute(
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
    ]


def list_discrepancies(con: sqlite3.Connection, *, decision_id: int | None = None) -> list[DiscrepancyRecord]:
    """The findings of the build, all of them or one decision's, by date."""
    rows = con.execute(
        """SELECT x.decision_id, d.body, d.date, d.symbol, x.kind, x.detail, x.is_acknowledged, x.explanation,
                  x.source_id,
                  EXISTS (SELECT 1 FROM decision_sources AS s JOIN sources AS f USING (source_id)
                          WHERE s.decision_id = x.decision_id
                            AND f.kind = (SELECT kind FROM sources WHERE source_id = x.source_id)
                            AND s.yes_count IS NOT NULL AND s.yes_count IS d.yes_count
                            AND s.no_count IS d.no_count AND s.abstain_count IS d.abstain_count)
           FROM discrepancies AS x JOIN decisions AS d USING (decision_id)
           WHERE (:id IS NULL OR x.decision_id = :id)
           ORDER BY d.date, x.decision_id, x.kind, x.discrepancy_id""",
        {"id": decision_id},
    )
    return [DiscrepancyRecord.of(r) for r in rows]


def sponsor_counts(con: sqlite3.Connection, decision_id: int) -> list[SponsorCountRecord]:
    """The numbers of sponsors the sources give for one decision, by source."""
    rows = con.execute(
        """SELECT initial_count, additional_count, total_count, note, citation FROM sponsor_counts
           WHERE decision_id = ? ORDER BY source_id""",
        (decision_id,),
    )
    return [SponsorCountRecord.of(r) for r in rows]


def country_by_code(con: sqlite3.Connection, country_code: str) -> CountryRecord | None:
    """The state of the reference table with this code, if any."""
    row = con.execute(
        f"SELECT {', '.join(CountryRecord.COLUMNS)} FROM countries WHERE country_code = ?", (country_code,)
    ).fetchone()
    return CountryRecord.of(row) if row else None


def members_of_series(con: sqlite3.Connection, series: str) -> list[int]:
    return [r[0] for r in con.execute("SELECT decision_id FROM series_decisions WHERE series = ?", (series,))]


#: A decision's sponsor list is complete when a source says so, or when a DGACM record lists its
#: sponsors (the machine-readable record names every sponsor, initial and additional).
_SPONSORS_COMPLETE = """(EXISTS (SELECT 1 FROM coverage AS v WHERE v.decision_id = d.decision_id
                                 AND v.fact = 'sponsors' AND v.coverage = 'complete')
        OR EXISTS (SELECT 1 FROM sponsorships AS s JOIN sources AS k USING (source_id)
                   WHERE s.decision_id = d.decision_id AND k.kind = 'unxml'))"""


def country_participation(con: sqlite3.Connection, country_code: str, sel: Selection) -> list[ParticipationRecord]:
    """Every decision of a selection with one state's part in it: its position in the roll shown,
    its sponsorship, what sources say of it, and how complete the lists of sponsors and of
    disassociations are, in date order."""
    where, params = _where(sel, con)
    columns = ", ".join("d." + c for c in DecisionRecord.COLUMNS)
    sql = f"""
        SELECT {columns},
               p.vote, p.reason, p.is_inferred,
               (SELECT group_concat(DISTINCT coalesce(s.role, 'sponsor')) FROM sponsorships AS s
                 WHERE s.decision_id = d.decision_id AND s.country_code = :code) AS sponsorship,
               (SELECT count(*) > 0 FROM disassociations AS x
                 WHERE x.decision_id = d.decision_id AND x.country_code = :code)
               OR EXISTS (SELECT 1 FROM statements AS t
                          WHERE t.decision_id = d.decision_id AND t.country_code = :code AND t.is_secondary = 0
                            AND t.statement IN ('disassociated', 'did_not_join')) AS dissociated,
               (SELECT group_concat(DISTINCT t.statement || CASE t.is_secondary WHEN 1 THEN ' (secondary)' ELSE '' END)
                  FROM statements AS t WHERE t.decision_id = d.decision_id AND t.country_code = :code) AS stated,
               {_SPONSORS_COMPLETE} AS sponsors_complete,
               EXISTS (SELECT 1 FROM coverage AS v WHERE v.decision_id = d.decision_id
                         AND v.fact = 'disassociations' AND v.coverage = 'complete') AS disassociations_complete
        FROM decisions AS d
        LEFT JOIN positions AS p
               ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id AND p.country_code = :code
        {where}
        ORDER BY d.date, d.body, d.decision_id"""
    return [ParticipationRecord.of(r) for r in con.execute(sql, {**params, "code": country_code})]


def sponsorship_words(con: sqlite3.Connection, decision_ids: list[int]) -> SponsorshipWords:
    """Each state's sponsorship of each decision in one word (:func:`sponsorship_word`)."""
    out: dict[int, dict[str, str]] = {}
    complete = {s.decision_id for s in sponsor_summaries(con, decision_ids) if s.is_complete}
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        roles: dict[tuple[int, str], set[str]] = {}
        said: dict[tuple[int, str], list[str]] = {}
        for d, code, role in con.execute(
            f"SELECT decision_id, country_code, coalesce(role, 'sponsor') FROM sponsorships"
            f" WHERE decision_id IN ({marks})",
            chunk,
        ):
            roles.setdefault((d, code), set()).add(role)
        for d, code, statement in con.execute(
            f"SELECT decision_id, country_code, statement FROM statements WHERE is_secondary = 0"
            f" AND statement IN ('sponsored', 'not_sponsor') AND decision_id IN ({marks})",
            chunk,
        ):
            said.setdefault((d, code), []).append(statement)
        for d, code in roles.keys() | said.keys():
            role = ",".join(sorted(roles.get((d, code), ()))) or None
            word = sponsorship_word(role, said.get((d, code), []), complete=d in complete)
            out.setdefault(d, {})[code] = word
    return SponsorshipWords(out, frozenset(complete))


def sponsor_summaries(con: sqlite3.Connection, decision_ids: list[int]) -> list[SponsorSummary]:
    """What is known of the sponsors of each decision, in the order of ``decision_ids``."""
    out: dict[int, SponsorSummary] = {}
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        sql = f"""
            SELECT d.decision_id,
                   (SELECT count(*) FROM (SELECT country_code FROM sponsorships WHERE decision_id = d.decision_id
                                          UNION SELECT country_code FROM statements
                                          WHERE decision_id = d.decision_id AND statement = 'sponsored'
                                            AND is_secondary = 0)),
                   {_SPONSORS_COMPLETE},
                   (SELECT group_concat(DISTINCT total_count) FROM sponsor_counts WHERE decision_id = d.decision_id),
                   (SELECT group_concat(DISTINCT initial_count) FROM sponsor_counts
                     WHERE decision_id = d.decision_id),
                   (SELECT group_concat(v.coverage || ': ' || coalesce(v.note, ''), ' | ') FROM coverage AS v
                     WHERE v.decision_id = d.decision_id AND v.fact = 'sponsors')
            FROM decisions AS d WHERE d.decision_id IN ({marks})"""
        out.update((r[0], SponsorSummary.of(r)) for r in con.execute(sql, chunk))
    return [out[i] for i in decision_ids if i in out]


# --- Reads for the explorer (web pages, exports) ------------------------------------------------

_IN_CHUNK = 500


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _IN_CHUNK] for i in range(0, len(ids), _IN_CHUNK)]


def decisions_by_ids(con: sqlite3.Connection, decision_ids: list[int]) -> list[DecisionRecord]:
    """Decisions with these ids, in date order (then body, then id)."""
    out: list[DecisionRecord] = []
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        out.extend(
            DecisionRecord.of(r) for r in con.execute(_SELECT_DECISION + f" WHERE d.decision_id IN ({marks})", chunk)
        )
    return sorted(out, key=lambda d: (d.date or "", d.body.value, d.decision_id))


def list_topics(con: sqlite3.Connection) -> list[tuple[str, int]]:
    """(topic, decisions) for every topic code in use."""
    return list(
        con.execute("SELECT topic, count(DISTINCT decision_id) FROM decision_topics GROUP BY topic ORDER BY topic")
    )


def year_range(con: sqlite3.Connection) -> tuple[int | None, int | None]:
    row = con.execute("SELECT min(year), max(year) FROM decisions").fetchone()
    return (row[0], row[1]) if row else (None, None)


def decision_years(con: sqlite3.Connection) -> list[int]:
    """The years in which the database holds a decision, in order."""
    return [row[0] for row in con.execute("SELECT DISTINCT year FROM decisions WHERE year IS NOT NULL ORDER BY year")]


def labels_of_decisions(con: sqlite3.Connection, table: str) -> dict[int, list[str]]:
    """Every decision's series (``table="series_decisions"``) or topics (``"decision_topics"``), in
    order; decisions with none are left out."""
    column = {"series_decisions": "series", "decision_topics": "topic"}[table]
    found: dict[int, list[str]] = {}
    sql = f"SELECT DISTINCT decision_id, {column} FROM {table} ORDER BY decision_id, {column}"
    for decision_id, label in con.execute(sql):
        found.setdefault(decision_id, []).append(label)
    return found


def series_row(con: sqlite3.Connection, series: str) -> SeriesRecord | None:
    row = con.execute("SELECT series, title, description FROM series WHERE series = ?", (series,)).fetchone()
    return SeriesRecord.of(row) if row else None


def series_keys(con: sqlite3.Connection, series: str) -> dict[int, str]:
    """decision id -> the series' own key for it (``ga-2014`` ...)."""
    rows = con.execute("SELECT decision_id, decision_key FROM series_decisions WHERE series = ?", (series,))
    return {int(decision_id): str(key) for decision_id, key in rows}


def series_events(con: sqlite3.Connection, series: str) -> list[EventRecord]:
    """The context events of a series, by date."""
    rows = con.execute(
        """SELECT event_id, date, kind, title, description, symbol, citation, source_id FROM events
           WHERE series = ? ORDER BY date, event_id""",
        (series,),
    )
    return [EventRecord.of(r) for r in rows]


def series_mandate_holders(con: sqlite3.Connection, series: str) -> list[MandateHolderRecord]:
    """The mandate holders of a series, by mandate and start of term."""
    rows = con.execute(
        """SELECT holder_id, name, country_code, mandate, term_start, term_end, appointed_by, note, citation,
                  source_id
           FROM mandate_holders WHERE series = ? ORDER BY mandate DESC, term_start, holder_id""",
        (series,),
    )
    return [MandateHolderRecord.of(r) for r in rows]


def linked_decisions(con: sqlite3.Connection, decision_id: int) -> list[LinkRecord]:
    """Every link in the chain that holds ``decision_id``: all decisions reachable through links in
    either direction."""
    rows = con.execute(
        """WITH RECURSIVE chain(id) AS (
               SELECT ?
               UNION
               SELECT CASE WHEN l.from_decision_id = chain.id THEN l.to_decision_id
                           ELSE l.from_decision_id END
               FROM decision_links AS l JOIN chain
                 ON chain.id = l.from_decision_id OR chain.id = l.to_decision_id)
           SELECT DISTINCT l.from_decision_id, l.to_decision_id, l.relation, l.source_id
           FROM decision_links AS l
           WHERE l.from_decision_id IN (SELECT id FROM chain)
           ORDER BY l.from_decision_id, l.to_decision_id, l.relation""",
        (decision_id,),
    )
    return [LinkRecord.of(r) for r in rows]


def disassociations_of(con: sqlite3.Connection, decision_id: int) -> list[DisassociationRecord]:
    """Every source's disassociations from one decision, by country code."""
    rows = con.execute(
        """SELECT x.decision_id, x.country_code, c.name, x.is_partial_list, x.note, x.source_id
           FROM disassociations AS x JOIN countries AS c USING (country_code)
           WHERE x.decision_id = ? ORDER BY x.country_code, x.source_id""",
        (decision_id,),
    )
    return [DisassociationRecord.of(r) for r in rows]


def decision_questions(con: sqlite3.Connection, decision_ids: list[int]) -> list[QuestionRecord]:
    """Kind, title, description and series of these decisions (the first series by name), by id."""
    out: list[QuestionRecord] = []
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        rows = con.execute(
            f"""SELECT d.decision_id, d.kind, d.title, d.description,
                      (SELECT MIN(s.series) FROM series_decisions AS s WHERE s.decision_id = d.decision_id)
               FROM decisions AS d WHERE d.decision_id IN ({marks}) ORDER BY d.decision_id""",
            chunk,
        )
        out.extend(QuestionRecord.of(r) for r in rows)
    return out


def decision_description(con: sqlite3.Connection, decision_id: int) -> str | None:
    """The stored description of one decision (what it did), if any."""
    row = con.execute("SELECT description FROM decisions WHERE decision_id = ?", (decision_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def description_source(con: sqlite3.Connection, decision_id: int) -> SourceKind | None:
    """The kind of the preferred source whose account gives the decision's stored description."""
    row = con.execute(
        """SELECT s.kind FROM decision_sources AS ds JOIN sources AS s USING (source_id)
           JOIN decisions AS d ON d.decision_id = ds.decision_id AND d.description = ds.description
           WHERE ds.decision_id = ? ORDER BY ds.priority, ds.source_id LIMIT 1""",
        (decision_id,),
    ).fetchone()
    return SourceKind(row[0]) if row else None


def statements_of(con: sqlite3.Connection, decision_id: int) -> list[StatementRecord]:
    """What sources say of states' parts in one decision, by statement and country code."""
    rows = con.execute(
        """SELECT t.decision_id, t.country_code, c.name, t.statement, t.is_secondary, t.note, t.citation
           FROM statements AS t JOIN countries AS c USING (country_code)
           WHERE t.decision_id = ? ORDER BY t.statement, t.country_code, t.is_secondary""",
        (decision_id,),
    )
    return [StatementRecord.of(r) for r in rows]


def coverage_of(con: sqlite3.Connection, decision_id: int) -> list[CoverageRecord]:
    """Every source's word on how complete the lists of one decision are."""
    rows = con.execute(
        "SELECT decision_id, fact, coverage, note FROM coverage WHERE decision_id = ? ORDER BY fact, source_id",
        (decision_id,),
    )
    return [CoverageRecord.of(r) for r in rows]


def decision_accounts(con: sqlite3.Connection, decision_id: int) -> list[AccountRecord]:
    """Each source's account of one decision, preferred first."""
    rows = con.execute(
        """SELECT ds.source_id, s.kind, s.file_name, s.citation, ds.source_ref, ds.priority, ds.line,
                  ds.adoption_method, ds.yes_count, ds.no_count, ds.abstain_count, ds.non_voting_count,
                  ds.url, ds.shares_roll, ds.positions_source_id
           FROM decision_sources AS ds JOIN sources AS s USING (source_id)
           WHERE ds.decision_id = ? ORDER BY ds.priority, ds.source_id, ds.source_ref""",
        (decision_id,),
    )
    return [AccountRecord.of(r) for r in rows]


def list_sources(con: sqlite3.Connection, source_ids: list[int] | None = None) -> list[SourceRecord]:
    """The files read, all of them or those with the given ids, by id."""
    select = f"SELECT {', '.join(SourceRecord.COLUMNS)} FROM sources"
    if source_ids is None:
        return [SourceRecord.of(r) for r in con.execute(select + " ORDER BY source_id")]
    out: list[SourceRecord] = []
    for chunk in _chunks(sorted(set(source_ids))):
        rows = con.execute(select + f" WHERE source_id IN ({', '.join('?' * len(chunk))})", chunk)
        out.extend(SourceRecord.of(r) for r in rows)
    return sorted(out, key=lambda r: r.source_id)


def sources_of_decisions(con: sqlite3.Connection, decision_ids: list[int]) -> list[int]:
    """Ids of every source that says something about these decisions: their accounts, the rolls
    shown, sponsorships, disassociations and links."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        sql = f"""SELECT source_id FROM decision_sources WHERE decision_id IN ({marks})
                  UNION SELECT roll_source_id FROM decisions
                        WHERE decision_id IN ({marks}) AND roll_source_id IS NOT NULL
                  UNION SELECT source_id FROM sponsorships WHERE decision_id IN ({marks})
                  UNION SELECT source_id FROM disassociations WHERE decision_id IN ({marks})
                  UNION SELECT source_id FROM decision_links WHERE from_decision_id IN ({marks})"""
        found.update(int(r[0]) for r in con.execute(sql, chunk * 5))
    return sorted(found)


def sources_of_context(con: sqlite3.Connection, series: str) -> list[int]:
    """Ids of the sources of a series' events and mandate holders."""
    rows = con.execute(
        """SELECT source_id FROM events WHERE series = :s
           UNION SELECT source_id FROM mandate_holders WHERE series = :s""",
        {"s": series},
    )
    return sorted(int(r[0]) for r in rows)


def list_countries(con: sqlite3.Connection) -> list[CountryRecord]:
    """Every state of the reference table, by code (read once per connection inside
    :func:`~unvotes.store.lookups_kept`)."""
    kept = _KEPT.get(id(con))
    if kept is not None and "countries" in kept:
        return list(kept["countries"])
    rows = con.execute(f"SELECT {', '.join(CountryRecord.COLUMNS)} FROM countries ORDER BY country_code")
    found = [CountryRecord.of(r) for r in rows]
    if kept is not None:
        kept["countries"] = tuple(found)
    return found


#: The lookups kept per connection (by its id, while it is inside :func:`lookups_kept`).
_KEPT: dict[int, dict[str, tuple[CountryRecord, ...]]] = {}


@contextmanager
def lookups_kept(con: sqlite3.Connection) -> Iterator[None]:
    """Inside the block, the reference tables (the states) are read once through ``con``: for a
    long reader of a database nobody writes meanwhile, such as the static site's build."""
    _KEPT[id(con)] = {}
    try:
        yield
    finally:
        del _KEPT[id(con)]


def roll_positions_of(con: sqlite3.Connection, decision_ids: list[int]) -> tuple[list[int], list[str], list[str]]:
    """(decision_id, country_code, vote) of the roll shown for each of these decisions, as three
    parallel lists."""
    ids: list[int] = []
    codes: list[str] = []
    votes: list[str] = []
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        for decision_id, code, vote in con.execute(
            f"""SELECT p.decision_id, p.country_code, p.vote FROM decisions AS d
                JOIN positions AS p ON p.source_id = d.roll_source_id AND p.decision_id = d.decision_id
                WHERE d.decision_id IN ({marks})""",
            chunk,
        ):
            ids.append(decision_id)
            codes.append(code)
            votes.append(vote)
    return ids, codes, votes


def sponsors_of_decisions(con: sqlite3.Connection, decision_ids: list[int]) -> list[StateSponsorship]:
    """Every sponsorship of these decisions, one per state and decision (the preferred source's role)."""
    out: list[StateSponsorship] = []
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        rows = con.execute(
            f"""SELECT decision_id, country_code, role FROM (
                    SELECT s.decision_id, s.country_code, s.role,
                           row_number() OVER (PARTITION BY s.decision_id, s.country_code
                                              ORDER BY src.priority, s.source_id) AS rank
                    FROM sponsorships AS s JOIN sources AS src USING (source_id)
                    WHERE s.decision_id IN ({marks}))
                WHERE rank = 1 ORDER BY decision_id, country_code""",
            chunk,
        )
        out.extend(StateSponsorship.of(r) for r in rows)
    return out


def disassociations_of_decisions(con: sqlite3.Connection, decision_ids: list[int]) -> list[tuple[int, str]]:
    """(decision_id, country_code) pairs of every disassociation from these decisions."""
    out: list[tuple[int, str]] = []
    for chunk in _chunks(sorted(set(decision_ids))):
        marks = ", ".join("?" * len(chunk))
        rows = con.execute(
            f"""SELECT DISTINCT decision_id, country_code FROM disassociations
                WHERE decision_id IN ({marks}) ORDER BY decision_id, country_code""",
            chunk,
        )
        out.extend((int(decision_id), str(code)) for decision_id, code in rows)
    return out


def table_columns(con: sqlite3.Connection, table: str) -> list[str]:
    """Column names of a table or view of the schema, in order (empty if there is no such table)."""
    known = con.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (table,)).fetchone()
    if not known:
        return []
    return [r[0] for r in con.execute("SELECT name FROM pragma_table_info(?)", (table,))]


def table_rows(
    con: sqlite3.Connection, table: str, columns: tuple[str, ...], *, order_by: tuple[str, ...] = ()
) -> sqlite3.Cursor:
    """A cursor over ``columns`` of a whole table or view (names are checked against the schema)."""
    known = table_columns(con, table)
    unknown = [c for c in (*columns, *order_by) if c not in known]
    if not known or unknown:
        raise ValueError(f"{table}: unknown table or columns {unknown}")
    order = f" ORDER BY {', '.join(order_by)}" if order_by else ""
    return con.execute(f"SELECT {', '.join(columns)} FROM {table}{order}")


def series_links(con: sqlite3.Connection, series: str) -> list[LinkRecord]:
    """Every link between two decisions of a series (the sources' links merged: no source id)."""
    rows = con.execute(
        """SELECT DISTINCT l.from_decision_id, l.to_decision_id, l.relation FROM decision_links AS l
           JOIN series_decisions AS a ON a.decision_id = l.from_decision_id AND a.series = :series
           JOIN series_decisions AS b ON b.decision_id = l.to_decision_id AND b.series = :series
           ORDER BY l.from_decision_id, l.to_decision_id, l.relation""",
        {"series": series},
    )
    return [LinkRecord.of(r) for r in rows]


def table_row_count(con: sqlite3.Connection, table: str) -> int:
    """Rows of a table or view of the schema."""
    if not table_columns(con, table):
        raise ValueError(f"{table}: no such table")
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def positions_of_non_members(con: sqlite3.Connection) -> list[NonMemberPosition]:
    """Positions any source gives (not inferred) in the GA plenary or Third Committee for a state that
    was not a UN member that day, with the explanation of a curated acknowledgement, by date."""
    rows = con.execute(
        """SELECT d.decision_id, d.body, d.date, d.symbol, p.source_id, p.country_code, p.vote, p.reason,
                  c.un_member_from, c.un_member_to,
                  (SELECT a.explanation FROM acknowledgements AS a
                    WHERE a.decision_id = d.decision_id AND a.kind = :kind
                    ORDER BY a.source_id LIMIT 1)
           FROM positions AS p
           JOIN decisions AS d ON d.decision_id = p.decision_id
           JOIN countries AS c ON c.country_code = p.country_code
           WHERE d.body IN ('ga', 'c3') AND p.is_inferred = 0
             AND (c.un_member_from IS NULL OR d.date < c.un_member_from
                  OR (c.un_member_to IS NOT NULL AND d.date > c.un_member_to))
           ORDER BY d.date, d.decision_id, p.country_code, p.source_id""",
        {"kind": FindingKind.OUTSIDE_MEMBERSHIP.value},
    )
    return [NonMemberPosition.of(r) for r in rows]


def probable_duplicates(con: sqlite3.Connection) -> list[DuplicatePair]:
    """Pairs of decisions of one body, day and kind with identical rolls (the same states holding
    the same positions) that no symbol tells apart: one of them has none, or both have the same one
    (separate votes on paragraphs or amendments of one text share its symbol and are left out)."""
    rows = con.execute(
        """WITH shown AS (
               SELECT decision_id, body, date, kind, symbol, roll_source_id FROM decisions
               WHERE roll_source_id IS NOT NULL AND date IS NOT NULL),
           crowded AS (
               SELECT s.* FROM shown AS s
               JOIN (SELECT body, date, kind FROM shown GROUP BY body, date, kind HAVING count(*) > 1)
                 USING (body, date, kind)),
           signed AS (
               SELECT c.*, (SELECT group_concat(country_code || ':' || vote, ',')
                            FROM (SELECT country_code, vote FROM positions AS p
                                  WHERE p.source_id = c.roll_source_id AND p.decision_id = c.decision_id
                                  ORDER BY country_code)) AS roll
               FROM crowded AS c)
           SELECT a.decision_id, b.decision_id, a.body, a.date, a.kind, a.symbol, b.symbol
           FROM signed AS a JOIN signed AS b
             ON b.body = a.body AND b.date = a.date AND b.kind = a.kind AND b.roll = a.roll
            AND b.decision_id > a.decision_id
           WHERE a.symbol IS NULL OR b.symbol IS NULL
              OR (a.symbol = b.symbol AND a.kind NOT IN ('paragraph', 'amendment'))
           ORDER BY a.date, a.decision_id, b.decision_id"""
    )
    return [DuplicatePair.of(r) for r in rows]


def uncited_sources(con: sqlite3.Connection) -> list[SourceRecord]:
    """The files read whose citation is empty, by id."""
    rows = con.execute(
        f"""SELECT {", ".join(SourceRecord.COLUMNS)} FROM sources
            WHERE citation IS NULL OR trim(citation) = '' ORDER BY source_id"""
    )
    return [SourceRecord.of(r) for r in rows]


def integrity_problems(con: sqlite3.Connection, *, limit: int = 20) -> list[str]:
    """What SQLite's own check (``PRAGMA quick_check``) finds wrong with the file; empty when sound."""
    try:
        return [str(r[0]) for r in con.execute(f"PRAGMA quick_check({int(limit)})") if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:  # damaged beyond what the check can walk
        return [f"the file cannot be read: {exc}"]


def tallies_without_vote(con: sqlite3.Connection) -> list[FlaggedDecision]:
    """Decisions adopted without a vote for which a source gives a tally, by date."""
    rows = con.execute(
        """SELECT d.decision_id, d.body, d.date, d.symbol, d.source_id, s.kind, 1
           FROM decisions AS d JOIN sources AS s ON s.source_id = d.source_id
           WHERE d.adoption_method = 'without_vote'
             AND (d.yes_count IS NOT NULL OR d.no_count IS NOT NULL OR d.abstain_count IS NOT NULL)
           ORDER BY d.date, d.decision_id"""
    )
    return [FlaggedDecision.of(r) for r in rows]


def recorded_votes_without_roll(con: sqlite3.Connection) -> list[FlaggedDecision]:
    """Decisions taken by recorded vote whose roll no source gives, by date."""
    rows = con.execute(
        """SELECT d.decision_id, d.body, d.date, d.symbol, d.source_id, s.kind, d.yes_count IS NOT NULL
           FROM decisions AS d JOIN sources AS s ON s.source_id = d.source_id
           WHERE d.adoption_method = 'recorded_vote' AND d.roll_source_id IS NULL
           ORDER BY d.date, d.decision_id"""
    )
    return [FlaggedDecision.of(r) for r in rows]
