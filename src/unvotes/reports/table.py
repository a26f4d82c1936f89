"""The one data shape every report returns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from enum import Enum

__all__ = ["EXCEL_BOM", "FORMULA_STARTS", "Cell", "Table", "cell", "csv_document", "csv_text", "plain_date"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def plain_date(day: dt.date | str) -> str:
    """A date as people write it (the ISO form stays in data: CSV, JSON, attributes); text that is
    not an ISO date is returned as it is.

    >>> plain_date("2014-11-18"), plain_date(dt.date(1946, 1, 2)), plain_date("1946")
    ('18 November 2014', '2 January 1946', '1946')
    """
    if isinstance(day, dt.date):
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    try:
        return plain_date(dt.date.fromisoformat(day))
    except ValueError:
        return day


Cell = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under named columns, with a title and the notes a reader needs (sources, caveats).

    The CLI, the web pages and the exports all render these same objects, so a page, its ``.json``
    and its ``.csv`` cannot disagree.
    """

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()

    def named(self, name: str) -> Table:
        """The same table under another name (the name a page gives it)."""
        return replace(self, name=name)

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def cell(value: object) -> Cell:
    """A value as a plain cell: None, str, int, float or bool (an enum as its word, anything else
    as its text).

    >>> from unvotes.model import Vote
    >>> cell(Vote.YES), cell(3), cell(None)
    ('yes', 3, None)
    """
    if isinstance(value, Enum):
        return cell(value.value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


#: The first characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def csv_text(value: Cell) -> str:
    """A cell as CSV text, for every CSV the project writes (exports, pages, the command line):
    booleans as ``true``/``false``, empty as empty; text a spreadsheet would run as a formula gets
    a quote before it (OWASP's "CSV injection" advice), numbers stay as they are.

    >>> [csv_text(v) for v in (None, True, 3, -0.5, "a", "-12", "=1+1", "-1+1", "@SUM(A1)")]
    ['', 'true', '3', '-0.5', 'a', '-12', "'=1+1", "'-1+1", "'@SUM(A1)"]
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return f"'{text}"
    return text


#: What a CSV for Excel starts with: the UTF-8 byte order mark, by which Excel knows the encoding.
EXCEL_BOM = "\ufeff"


def csv_document(table: Table, *, excel: bool = False) -> str:
    r"""The table as CSV text with a header row, cells by :func:`csv_text`: lines end in ``\n``;
    ``excel``: for a spreadsheet opened by a double click, the byte order mark first and lines
    ending in ``\r\n`` (the same cells, so the two read back equal).

    >>> t = Table("t", "T", ("state", "vote"), (("Côte d'Ivoire", "yes"),))
    >>> csv_document(t), csv_document(t, excel=True)
    ("state,vote\nCôte d'Ivoire,yes\n", "\ufeffstate,vote\r\nCôte d'Ivoire,yes\r\n")
    """
    buffer = io.StringIO()
    if excel:
        buffer.write(EXCEL_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(table.columns)
    writer.writerows([csv_text(v) for v in row] for row in table.rows)
    return buffer.getvalue()
