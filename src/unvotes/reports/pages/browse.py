"""Browse: every decision in the database, filtered and paged."""

from __future__ import annotations

import sqlite3

from unvotes import store
from unvotes.model import Selection
from unvotes.reports.pages.common import sources_table
from unvotes.reports.pages.page import Fact, Page, Paging
from unvotes.reports.table import Cell, cell
from unvotes.reports.tables import decision_table

__all__ = ["MAX_PAGE_SIZE", "browse_page"]

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
        ("page", page),
        ("page_size", page_size),
    )
    low, high = store.year_range(con)
    return Page(
        kind="browse",
        title="Decisions",
        description=(
            f"The decisions of the series {filt.series}: recorded votes and adoptions without a vote."
            if filt.series
            else "Every decision in the database: recorded votes and adoptions without a vote."
        ),
        facts=(
            Fact("total", "Matching decisions", total),
            Fact("first_year", "Earliest year in the database", low),
            Fact("last_year", "Latest year in the database", high),
        ),
        tables=(decision_table("decisions", "Decisions", decisions),),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        paging=paging,
        params=params,
    )


def topics(con: sqlite3.Connection) -> list[tuple[str, int]]:
    """(topic, decisions) of every topic code in use, for the browser's choices."""
    return store.list_topics(con)
