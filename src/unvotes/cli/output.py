"""Rendering a report :class:`~unvotes.reports.Table` as a terminal table, CSV or JSON.

CSV cells are written by :func:`unvotes.reports.table.csv_text`, as every CSV the project writes:
text a spreadsheet would run as a formula gets a quote before it.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum

from rich.console import Console
from rich.table import Table as RichTable

from unvotes.reports import Table
from unvotes.reports.table import csv_text

__all__ = ["Format", "render"]


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
