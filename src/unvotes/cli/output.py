"""Rendering a report :class:`~unvotes.reports.Table` as a terminal table, CSV or JSON, and (for
the model estimates) as Parquet bytes with the table's notes in the file's metadata.

CSV cells are written by :func:`unvotes.reports.table.csv_text`, as every CSV the project writes:
text a spreadsheet would run as a formula gets a quote before it.
"""

from __future__ import annotations

import csv
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
from unvotes.reports.table import csv_text

__all__ = ["Format", "render", "write_parquet"]


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render(table: Table, fmt: Format, console: Console) -> None:
    if fmt is Format.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([csv_text(v) for v in row] for row in table.rows)
        console.file.write(buffer.getvalue())
    elif fmt is Format.JSON:
        payload = {
            "table": table.name,
            "title": table.title,
            "notes": list(table.notes),
            "rows": table.records(),
        }
        console.file.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        rich = RichTable(title=table.title, caption="\n".join(table.notes) or None)
        for column in table.columns:
            rich.add_column(column, overflow="fold")
        for row in table.rows:
            rich.add_row(*(_text(v) for v in row))
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
