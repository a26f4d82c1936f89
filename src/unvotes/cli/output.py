"""Rendering a report :class:`~unvotes.reports.Table` as a terminal table, CSV or JSON.

CSV cells follow the rule of the exports (:func:`unvotes.export.writers.csv_text`, which the
command line does not import): text a spreadsheet would run as a formula gets a quote before it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from enum import StrEnum

from rich.console import Console
from rich.table import Table as RichTable

from unvotes.reports import Table

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


#: Text starting with = + - @, a tab or a carriage return, unless it is a plain number such as -12.5.
_FORMULA = re.compile(r"(?![+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z)[=+\-@\t\r]")


def _csv_cell(value: object) -> str:
    text = _text(value)
    return f"'{text}" if isinstance(value, str) and _FORMULA.match(text) else text


def render(table: Table, fmt: Format, console: Console) -> None:
    if fmt is Format.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
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
