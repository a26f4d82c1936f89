"""The one shape of every explorer page: facts, tables and the sources of their numbers.

A :class:`Page` is what a report returns for one page of the explorer. The web layer renders it as
HTML, ``.json``, ``.csv`` (one table) and ``.xlsx`` (every table), and the static site writes the
same renderings to files, so the four cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from unvotes.reports.table import Cell, Table

__all__ = ["Fact", "Page", "Paging"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One headline value: ``name`` is the JSON key, ``label`` what a reader sees; a fact not
    ``shown`` is in the page's data (JSON) but not in its headline (a code another fact words)."""

    name: str
    label: str
    value: Cell
    shown: bool = True


@dataclass(frozen=True, slots=True)
class Paging:
    """Where a page of a long listing sits. ``page`` counts from 1.

    >>> p = Paging(page=2, page_size=50, total=120)
    >>> p.pages, p.has_previous, p.has_next, p.first_row
    (3, True, True, 51)
    """

    page: int
    page_size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_row(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.total else 0

    @property
    def last_row(self) -> int:
        return min(self.page * self.page_size, self.total)


@dataclass(frozen=True, slots=True)
class Page:
    """One page: ``tables[0]`` is the primary table (the page's ``.csv``); ``sources`` lists every
    source file behind the numbers shown; ``text`` is Markdown for documentation pages."""

    kind: str
    title: str
    description: str
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...]
    sources: Table
    notes: tuple[str, ...] = ()
    paging: Paging | None = None
    params: tuple[tuple[str, Cell], ...] = ()
    text: str | None = None

    def table(self, name: str) -> Table:
        for table in self.all_tables:
            if table.name == name:
                return table
        raise KeyError(f"page {self.kind!r} has no table {name!r}")

    def has_table(self, name: str) -> bool:
        return any(t.name == name for t in self.all_tables)

    def fact(self, name: str) -> Cell:
        for fact in self.facts:
            if fact.name == name:
                return fact.value
        raise KeyError(f"page {self.kind!r} has no fact {name!r}")

    @property
    def primary(self) -> Table:
        """The table of the page's ``.csv``: its first table, else its sources."""
        return self.tables[0] if self.tables else self.sources

    @property
    def all_tables(self) -> tuple[Table, ...]:
        """The page's tables followed by its sources."""
        return (*self.tables, self.sources)
