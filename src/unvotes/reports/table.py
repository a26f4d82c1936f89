"""The one data shape every report returns."""

from __future__ import annotations

from dataclasses import dataclass

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

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def cell(value: object) -> Cell:
    """A value as a plain cell: None, str, int, float or bool (anything else as its text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
