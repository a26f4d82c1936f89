"""Pieces shared by the page reports: names of bodies and states, UN document links, source tables."""

from __future__ import annotations

import re
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
    "is_dataset_record",
    "sources_table",
    "undocs_url",
]

#: Ids Voeten's dataset gives roll calls with no UN document symbol (R/1/66, GOAR/1/1288B,
#: ESS/1/126A, SS/1/114): they name a record of the dataset, not a document of the UN.
_DATASET_RECORD = re.compile(r"^(?:R|GOAR|ESS|SS)/\d")


def is_dataset_record(symbol: str | None) -> bool:
    """Whether ``symbol`` is one of the dataset's own record ids rather than a UN symbol.

    >>> is_dataset_record("R/1/66"), is_dataset_record("GOAR/1/1288B"), is_dataset_record("A/RES/69/188")
    (True, True, False)
    """
    return bool(symbol and _DATASET_RECORD.match(symbol.strip()))


def body_name(body: str) -> str:
    """The name of a body.

    >>> body_name("c3")
    'General Assembly Third Committee'
    """
    return BODY_NAMES[Body(body)]


def undocs_url(symbol: str | None) -> str | None:
    """The UN Official Document System link of a symbol (``None`` for none, and for a dataset's
    record id, which is no UN document).

    >>> undocs_url("A/C.3/69/L.28/Rev.1"), undocs_url("R/1/66")
    ('https://undocs.org/A/C.3/69/L.28/Rev.1', None)
    """
    if not symbol or not symbol.strip() or is_dataset_record(symbol):
        return None
    return f"https://undocs.org/{quote(symbol.strip(), safe='/.()')}"


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
