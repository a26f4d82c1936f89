"""Pieces shared by the page reports: decision rows, the series' roll matrix, source tables."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from urllib.parse import quote

from unvotes import store
from unvotes.analysis import RollMatrix
from unvotes.model import BODY_NAMES, VOTE_CODES, Body
from unvotes.reports.rolls import decision_infos
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import DECISION_COLUMNS

__all__ = [
    "DEFAULT_SERIES",
    "CountryInfo",
    "DecisionRow",
    "body_name",
    "countries",
    "decision_table",
    "rolls_of",
    "sources_table",
    "undocs_url",
]

#: The series the explorer is built around.
DEFAULT_SERIES = "dprk-human-rights"

_CODE = {vote.value: code for vote, code in VOTE_CODES.items()}
_AT = {name: i for i, name in enumerate(store.queries.DECISION_COLUMNS)}


def body_name(body: str) -> str:
    """The name of a body.

    >>> body_name("c3")
    'General Assembly Third Committee'
    """
    return BODY_NAMES[Body(body)]


def undocs_url(symbol: str | None) -> str | None:
    """The UN Official Document System link of a symbol (``None`` for none).

    >>> undocs_url("A/C.3/69/L.28/Rev.1")
    'https://undocs.org/A/C.3/69/L.28/Rev.1'
    """
    return f"https://undocs.org/{quote(symbol.strip(), safe='/.()')}" if symbol and symbol.strip() else None


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision as the store returns it (``store.queries.DECISION_COLUMNS``), typed."""

    decision_id: int
    body: str
    year: int | None
    date: str | None
    symbol: str | None
    draft_symbol: str | None
    kind: str
    adoption_method: str
    outcome: str | None
    yes_count: int | None
    no_count: int | None
    abstain_count: int | None
    non_voting_count: int | None
    title: str | None
    meeting_symbol: str | None
    roll_source_id: int | None
    source_id: int

    @classmethod
    def of(cls, row: tuple[object, ...]) -> DecisionRow:
        def text(name: str) -> str | None:
            value = row[_AT[name]]
            return None if value is None else str(value)

        def number(name: str) -> int | None:
            value = row[_AT[name]]
            return None if value is None else int(str(value))

        return cls(
            decision_id=int(str(row[_AT["decision_id"]])),
            body=str(row[_AT["body"]]),
            year=number("year"),
            date=text("date"),
            symbol=text("symbol"),
            draft_symbol=text("draft_symbol"),
            kind=str(row[_AT["kind"]]),
            adoption_method=str(row[_AT["adoption_method"]]),
            outcome=text("outcome"),
            yes_count=number("yes_count"),
            no_count=number("no_count"),
            abstain_count=number("abstain_count"),
            non_voting_count=number("non_voting_count"),
            title=text("title"),
            meeting_symbol=text("meeting_symbol"),
            roll_source_id=number("roll_source_id"),
            source_id=int(str(row[_AT["source_id"]])),
        )

    @property
    def label(self) -> str:
        """The symbol, else the body and date (Third Committee actions without a symbol)."""
        return self.symbol or self.draft_symbol or f"{self.body} {self.date or self.year or ''}".strip()


DECISION_TABLE_COLUMNS = DECISION_COLUMNS  # the columns of ``unvotes decisions``


def decision_table(name: str, title: str, rows: list[DecisionRow], notes: tuple[str, ...] = ()) -> Table:
    """Decisions as a table with the columns of ``unvotes decisions``."""
    return Table(
        name=name,
        title=title,
        columns=DECISION_TABLE_COLUMNS,
        rows=tuple(tuple(cell(getattr(d, c)) for c in DECISION_TABLE_COLUMNS) for d in rows),
        notes=notes,
    )


@dataclass(frozen=True, slots=True)
class CountryInfo:
    country_code: str
    name: str
    m49: int | None
    un_member_from: str | None
    un_member_to: str | None


def countries(con: sqlite3.Connection) -> dict[str, CountryInfo]:
    """Every state of the reference table by code."""
    return {
        code: CountryInfo(code, name, m49, member_from, member_to)
        for code, name, _iso2, m49, member_from, member_to in store.list_countries(con)
    }


def rolls_of(con: sqlite3.Connection, decisions: list[DecisionRow], country_codes: list[str]) -> RollMatrix:
    """The roll shown for each decision, as a matrix over ``country_codes`` (every row present, so
    a state that never voted still has its row of "no position")."""
    infos = decision_infos(store.decisions_by_ids(con, [d.decision_id for d in decisions]))
    ids, codes, votes = store.roll_positions_of(con, [d.decision_id for d in decisions])
    return RollMatrix.from_long(ids, codes, [_CODE[v] for v in votes], infos, countries=country_codes)


SOURCE_TABLE_COLUMNS = ("source_id", "kind", "file_name", "citation", "priority", "rows_read", "sha256", "ingested_at")


def sources_table(con: sqlite3.Connection, source_ids: list[int] | None, *, title: str = "Sources") -> Table:
    """The source files behind a page (all of them when ``source_ids`` is ``None``)."""
    at = {name: i for i, name in enumerate(store.queries.SOURCE_COLUMNS)}
    rows = store.list_sources(con, source_ids)
    out: tuple[tuple[Cell, ...], ...] = tuple(tuple(cell(r[at[c]]) for c in SOURCE_TABLE_COLUMNS) for r in rows)
    return Table(
        name="sources",
        title=title,
        columns=SOURCE_TABLE_COLUMNS,
        rows=out,
        notes=("Every number on this page comes from these files; 'citation' says how to cite each.",),
    )
