"""The rows of one dossier file, checked: the header against the declared columns, a ``source``
citation on every row, cells parsed into the model's values, and references (decision keys,
country codes) to things that exist. Every refusal names the file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path
from typing import TypeVar

from unvotes.errors import HeaderError, InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import (
    AdoptionMethod,
    Body,
    Coverage,
    CoveredFact,
    DecisionKind,
    NonVotingReason,
    Outcome,
    SponsorRole,
    StatementKind,
    Vote,
)
from unvotes.reference.countries import CountryRegistry
from unvotes.sources.checks import check_date, strict_iso
from unvotes.sources.numbers import whole_number

__all__ = ["References", "date_cell", "enum_cell", "int_cell", "read_rows"]


def read_rows(folder: Traversable | Path, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of one dossier file with their line numbers; header and citations checked."""
    entry = folder.joinpath(name)
    with io.StringIO(entry.read_text(encoding="utf-8"), newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != columns:
            missing = [c for c in columns if c not in header]
            extra = [c for c in header if c not in columns]
            raise HeaderError(
                f"columns differ (missing: {missing or 'none'}; unexpected: {extra or 'none'})",
                path=name,
                line=1,
                expected=", ".join(columns),
            )
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(columns):
                raise InputError(
                    f"row has {len(cells)} fields", path=name, line=line, expected=f"{len(columns)} fields"
                )
            row = dict(zip(columns, cells, strict=True))
            if not row["source"].strip():
                raise InputError("row has no source citation", path=name, line=line, expected="a non-empty source")
            yield line, row


E = TypeVar(
    "E",
    Body,
    DecisionKind,
    AdoptionMethod,
    Outcome,
    Vote,
    SponsorRole,
    NonVotingReason,
    Coverage,
    CoveredFact,
    StatementKind,
)


def enum_cell(kind: type[E], value: str, name: str, line: int) -> E:
    """``value`` as a member of ``kind``; another word raises, listing the allowed ones."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise UnknownCodeError(f"unknown value {value!r}", path=name, line=line, expected=allowed) from None


def int_cell(value: str, name: str, line: int) -> int | None:
    """A whole number, or None for a blank cell."""
    return whole_number(value, column="value", path=name, line=line)


def date_cell(value: str, name: str, line: int) -> dt.date:
    """An ISO 8601 day (``YYYY-MM-DD``) within the range :func:`~unvotes.sources.checks.check_date` allows."""
    day = strict_iso(value)
    if day is None:
        raise InputError(f"bad date {value!r}", path=name, line=line, expected="YYYY-MM-DD")
    return check_date(day, column="date", path=name, line=line)


@dataclass(frozen=True)
class References:
    """What a row may refer to: the decision keys of ``facts/decisions.csv`` (with their place in
    it) and the states of the country registry."""

    places: dict[str, int]
    registry: CountryRegistry

    def place(self, key: str, name: str, line: int) -> int:
        """The place in ``facts/decisions.csv`` of the decision ``key``; an unknown key raises."""
        if key not in self.places:
            raise InputError(
                f"unknown decision_key {key!r}", path=name, line=line, expected="a key of facts/decisions.csv"
            )
        return self.places[key]

    def decision(self, key: str, name: str, line: int) -> str:
        """``key``, once it is known to name a decision."""
        self.place(key, name, line)
        return key

    def country(self, code: str, name: str, line: int) -> str:
        """``code``, once it is known to name a state."""
        if code not in self.registry:
            raise UnknownCountryError(
                f"unknown country code {code!r}", path=name, line=line, expected="an ISO 3166-1 alpha-3 code"
            )
        return code
