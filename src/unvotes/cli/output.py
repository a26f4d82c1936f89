"""Rendering a report :class:`~unvotes.reports.Table` as a terminal table, CSV or JSON, and (for
the model estimates) as Parquet bytes with the table's notes in the file's metadata.

CSV cells are written by :func:`unvotes.reports.table.csv_text`, as every CSV the project writes:
text a spreadsheet would run as a formula gets a quote before it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import BinaryIO

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from rich.console import Console
from rich.table import Table as RichTable

from unvotes.reports import Table
from unvotes.reports.table import csv_document

__all__ = ["Format", "render", "write_parquet"]


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    CSV_EXCEL = "csv-excel"  #: CSV for Excel: the byte order mark first, lines ending in CRLF
    JSON = "json"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


#: Long text (titles, notes) is folded within this many characters; short cells (symbols, codes,
#: dates, numbers) are never broken.
_LONG = 40
_SEPARATION = 3  # a column's border and padding


#: Bookkeeping columns, shown only when the others leave room.
_LAST = frozenset(
    {
        "decision_id", "m49", "source_id", "sources", "draft_symbol", "is_inferred", "reason", "non_voting_count",
        "name_as_recorded", "group_share", "is_with_group", "outcome", "statements", "note", "citation", "line",
        "adoption_method",
    }
)  # fmt: skip


def fitting_columns(table: Table, width: int) -> list[int]:
    """The columns shown in ``width`` characters, in the table's order: each short column whole,
    long text within :data:`_LONG`, bookkeeping columns (ids, codes of other schemes, notes) last
    to be given room; a column that does not fit is left out (the caption names it).

    >>> t = Table("t", "T", ("decision_id", "symbol", "title"), ((54, "A/RES/69/188", "Situation " * 10),))
    >>> fitting_columns(t, 80), fitting_columns(t, 50), fitting_columns(t, 20)
    ([0, 1, 2], [0, 1], [1])
    """
    used, shown = 1, []  # the table's left border
    for i in sorted(range(len(table.columns)), key=lambda i: table.columns[i] in _LAST):
        natural = max([len(table.columns[i]), *(len(_text(row[i])) for row in table.rows)])
        needed = min(natural, _LONG) + _SEPARATION
        if used + needed <= width:
            shown.append(i)
            used += needed
    return sorted(shown) or [0]


def render(table: Table, fmt: Format, console: Console, *, wide: bool = False) -> None:
    if fmt in (Format.CSV, Format.CSV_EXCEL):
        console.file.write(csv_document(table, excel=fmt is Format.CSV_EXCEL))
    elif fmt is Format.JSON:
        payload = {
            "table": table.name,
            "title": table.title,
            "notes": list(table.notes),
            "rows": table.records(),
        }
        console.file.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        shown = list(range(len(table.columns))) if wide else fitting_columns(table, console.width)
        hidden = [c for i, c in enumerate(table.columns) if i not in shown]
        notes = list(table.notes)
        if hidden:
            notes.append(f"Not shown at this width: {', '.join(hidden)} (unvotes --wide, or --format csv, shows them).")
        rich = RichTable(title=table.title, caption="\n".join(notes) or None)
        for i in shown:
            long = max([0, *(len(_text(row[i])) for row in table.rows)]) > _LONG
            rich.add_column(table.columns[i], overflow="fold", no_wrap=not long, max_width=_LONG if long else None)
        for row in table.rows:
            rich.add_row(*(_text(row[i]) for i in shown))
        console.print(rich)


def _arrow_type(values: Sequence[object]) -> pa.DataType:
    """int64 when every value is a whole number, float64 when numbers, else string (None allowed)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


def write_parquet(table: Table, out: BinaryIO) -> None:
    """The table as one Parquet file (zstd); its title and notes are the schema's metadata."""
    columns = [[row[i] for row in table.rows] for i in range(len(table.columns))]
    types = [_arrow_type(values) for values in columns]
    arrays = [
        pa.array([None if v is None else (str(v) if t == pa.string() else v) for v in values], type=t)
        for values, t in zip(columns, types, strict=True)
    ]
    metadata = {"table": table.name, "title": table.title, "notes": json.dumps(list(table.notes), ensure_ascii=False)}
    schema = pa.schema([pa.field(c, t) for c, t in zip(table.columns, types, strict=True)], metadata=metadata)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer, compression="zstd")
    out.write(buffer.getvalue())
