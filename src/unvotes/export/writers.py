"""Writers: report tables as CSV and XLSX bytes, and rows of a spec as CSV and Parquet files.

Cells are written as the spec types them: booleans as ``true``/``false`` in CSV (a Frictionless
default), as booleans in XLSX and Parquet; empty cells stay empty, never zero.

A CSV text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a single quote before it, as OWASP's "CSV
injection" guidance advises; numbers, negative ones included, are written as they are. XLSX needs
no such care: its text cells are strings, never formulas (``strings_to_formulas`` is off).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import xlsxwriter  # type: ignore[import-untyped]

from unvotes.export.spec import ColumnType, TableSpec, spec_of
from unvotes.reports import Cell, Table
from unvotes.reports.table import FORMULA_STARTS, csv_document, csv_text

__all__ = ["FORMULA_STARTS", "TableWriter", "csv_bytes", "csv_text", "sheet_names", "xlsx_bytes"]

_ARROW: dict[ColumnType, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.string(),
}


def csv_bytes(table: Table, *, excel: bool = False) -> bytes:
    """The table as UTF-8 CSV with a header row; ``excel``: with the byte order mark and CRLF line
    ends that Excel needs to open it right (:func:`~unvotes.reports.table.csv_document`)."""
    return csv_document(table, excel=excel).encode("utf-8")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_names(tables: Sequence[Table]) -> list[str]:
    """Unique sheet names of at most 31 characters, from the table names.

    >>> sheet_names([Table("a" * 40, "", (), ()), Table("a" * 40, "", (), ())])
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2']
    """
    names: list[str] = []
    for table in tables:
        base = _SHEET_BAD.sub("_", table.name)[:31] or "sheet"
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base[: 31 - len(str(n)) - 1]}_{n}"
        names.append(name)
    return names


def xlsx_bytes(title: str, tables: Sequence[Table], *, about: Sequence[tuple[str, str]] = ()) -> bytes:
    """A workbook: an ``about`` sheet (title, notes, the lines of ``about``), then one sheet per table."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    info = book.add_worksheet("about")
    lines: list[tuple[str, str]] = [*about]
    for table, name in zip(tables, sheet_names(tables), strict=True):
        lines.append((f"sheet {name}", table.title))
        lines.extend(("", note) for note in table.notes)
    info.write(0, 0, title, bold)
    for i, (key, value) in enumerate(lines, start=1):
        info.write_row(i, 0, (key, value))
    for table, name in zip(tables, sheet_names(tables), strict=True):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, table.columns, bold)
        for i, row in enumerate(table.rows, start=1):
            sheet.write_row(i, 0, row)
    book.close()
    return buffer.getvalue()


class TableWriter:
    """Writes rows of one spec to a CSV file and a Parquet file in one pass."""

    def __init__(self, spec: TableSpec, csv_path: Path, parquet_path: Path) -> None:
        self.spec = spec
        self.rows = 0
        self._types = [c.type for c in spec.columns]
        self._schema = pa.schema([pa.field(c.name, _ARROW[c.type]) for c in spec.columns])
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        parquet_path.parent.mkdir(parents=True, exist_ok=True)
        self._csv_file = csv_path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow(spec.column_names)
        self._parquet = pq.ParquetWriter(parquet_path, self._schema, compression="zstd")

    def write(self, batch: Sequence[Sequence[object]]) -> None:
        rows = [tuple(_typed(v, t) for v, t in zip(row, self._types, strict=True)) for row in batch]
        self._csv.writerows([csv_text(v) for v in row] for row in rows)
        columns = [pa.array([row[i] for row in rows], type=self._schema.field(i).type) for i in range(len(self._types))]
        self._parquet.write_table(pa.Table.from_arrays(columns, schema=self._schema))
        self.rows += len(rows)

    def close(self) -> None:
        if self.rows == 0:
            self._parquet.write_table(self._schema.empty_table())
        self._parquet.close()
        self._csv_file.close()


def _typed(value: object, kind: ColumnType) -> Cell:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "integer":
        return int(str(value))
    if kind == "number":
        return float(str(value))
    return str(value)


def spec_rows(table: Table) -> tuple[TableSpec, Iterable[tuple[Cell, ...]]]:
    """A report table as (spec, rows), for writers that take a spec."""
    return spec_of(table), table.rows
