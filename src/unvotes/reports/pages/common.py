"""Pieces shared by the page reports: names of bodies and states, UN document links, source tables."""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

from unvotes import store
from unvotes.model import BODY_NAMES, Body
from unvotes.reports.selection import DEFAULT_SERIES
from unvotes.reports.table import Cell, Table, cell

__all__ = [
    "DEFAULT_SERIES",
    "SOURCE_TABLE_COLUMNS",
    "body_name",
    "countries",
    "sources_table",
    "undocs_url",
]


def body_name(body: str) -> str:
    """The name of a body.

    >>> body_name("c3")
    'General Assembly Third Committee'
    """
    return BODY_NAMES[Body(body)]


def undocs_url(symbol: str | None) -> str | None:
    """The UN Official Document System link of a symbol (``None`` for none).

    >>> undocs_url("A/C.3/69/L.28/Rev.1")
    'https://undocs.org/A/C.3/69/L.28/Rev.1'
    """
    return f"https://undocs.org/{quote(symbol.strip(), safe='/.()')}" if symbol and symbol.strip() else None


def countries(con: sqlite3.Connection) -> dict[str, store.CountryRecord]:
    """Every state of the reference table by code."""
    return {c.country_code: c for c in store.list_countries(con)}


SOURCE_TABLE_COLUMNS = ("source_id", "kind", "file_name", "citation", "priority", "rows_read", "sha256", "ingested_at")


def sources_table(con: sqlite3.Connection, source_ids: list[int] | None, *, title: str = "Sources") -> Table:
    """The source files behind a page (all of them when ``source_ids`` is ``None``)."""
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        tuple(cell(getattr(r, c)) for c in SOURCE_TABLE_COLUMNS) for r in store.list_sources(con, source_ids)
    )
    return Table(
        name="sources",
        title=title,
        columns=SOURCE_TABLE_COLUMNS,
        rows=rows,
        notes=("Every number on this page comes from these files; 'citation' says how to cite each.",),
    )
