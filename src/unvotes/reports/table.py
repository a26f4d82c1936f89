"""The one data shape every report returns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

__all__ = ["Cell", "Table", "cell"]

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
