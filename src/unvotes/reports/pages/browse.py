"""Browse: every decision in the database, filtered and paged."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from unvotes import store
from unvotes.model import Selection, SortOrder
from unvotes.reports.pages.common import sources_table
from unvotes.reports.pages.page import Fact, Page, Paging
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import DECISION_TABLE_COLUMNS, decision_table

__all__ = ["INDEX_COLUMNS", "MAX_PAGE_SIZE", "browse_page", "decision_index"]

#: The most decisions one page may hold.
MAX_PAGE_SIZE = 200


def browse_page(con: sqlite3.Connection, filt: Selection, *, page: int = 1, page_size: int = 50) -> Page:
    """One page of the decisions of a selection (``page`` from 1; ``page_size`` at most
    :data:`MAX_PAGE_SIZE`, checked by the caller)."""
    total = store.count_decisions(con, filt)
    paging = Paging(page=page, page_size=page_size, total=total)
    decisions = store.list_decisions(con, filt, limit=page_size, offset=(page - 1) * page_size)
    ids = [d.decision_id for d in decisions]
    params: tuple[tuple[str, Cell], ...] = (
        ("body", cell(filt.body)),
        ("from", filt.year_from),
        ("to", filt.year_to),
        ("q", filt.search),
        ("method", cell(filt.adoption_method)),
        ("kind", cell(filt.kind)),
        ("topic", filt.topic),
        ("series", filt.series),
        ("sort", cell(filt.sort)),
        ("page", page),
        ("page_size", page_size),
    )
    low, high = store.year_range(con)
    return Page(
        kind="browse",
        title="Decisions",
        description=(
            f"The decisions of the series “{_series_title(con, filt.series)}”: recorded votes and adoptions "
            "without a vote."
            if filt.series
            else "Every decision in the database: recorded votes and adoptions without a vote."
        ),
        facts=(
            Fact("total", "Matching decisions", total),
            Fact("first_year", "Earliest year in the database", low),
            Fact("last_year", "Latest year in the database", high),
        ),
        tables=(
            _with_note(
                decision_table("decisions", "Decisions", decisions),
                f"The CSV and spreadsheet downloads hold all {total} decisions of the selection.",
            ),
            _matches_table(con, filt, decisions),
        ),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        paging=paging,
        params=params,
    )


def _with_note(table: Table, note: str) -> Table:
    return replace(table, notes=(*table.notes, note))


def _matches_table(con: sqlite3.Connection, filt: Selection, decisions: list[store.DecisionRecord]) -> Table:
    """Where each listed decision matches a search, the matches in «»."""
    snippets = store.search_snippets(con, filt, [d.decision_id for d in decisions])
    rows = tuple((d.decision_id, d.label, snippets[d.decision_id]) for d in decisions if d.decision_id in snippets)
    return Table(
        name="matches",
        title="Where they match",
        columns=("decision_id", "decision", "match"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("The matched words are in «»; words match by their stem (right, rights) and states by any name.",),
    )


def topics(con: sqlite3.Connection) -> list[tuple[str, int]]:
    """(topic, decisions) of every topic code in use, for the browser's choices."""
    return store.list_topics(con)


#: The columns of :func:`decision_index`: a decision table's, then the series and topics.
def _series_title(con: sqlite3.Connection, series: str) -> str:
    row = store.series_row(con, series)
    return row.title if row is not None else series


INDEX_COLUMNS = (*DECISION_TABLE_COLUMNS, "series", "topics")


def decision_index(con: sqlite3.Connection) -> Table:
    """Every decision in the database, one row each in date order, with its series and topics
    (space-separated codes): the index the static site's browser filters in the page."""
    series = store.labels_of_decisions(con, "series_decisions")
    topics_of = store.labels_of_decisions(con, "decision_topics")
    decisions = store.list_decisions(con, Selection(sort=SortOrder.DATE))
    table = decision_table("index", "Every decision", decisions)
    labels = [(" ".join(series.get(d.decision_id, [])), " ".join(topics_of.get(d.decision_id, []))) for d in decisions]
    return replace(
        table,
        columns=INDEX_COLUMNS,
        rows=tuple((*row, *more) for row, more in zip(table.rows, labels, strict=True)),
        notes=(*table.notes, "series and topics: space-separated codes."),
    )
