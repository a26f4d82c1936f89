"""Member states: the reference table and the one name/code normaliser.

The table (``data/countries/countries.csv``) holds one row per state that ever sat in the UN
under its own seat, keyed by ISO 3166-1 alpha-3 (ISO 3166-3 codes for states that no longer
exist, such as ``SUN`` or ``YUG``), with UN admission and end dates and the successor that
continued the seat. ``data/countries/aliases.csv`` maps every spelling the readers meet to a
code. An unknown spelling raises :class:`~unvotes.errors.UnknownCountryError`: the fix is a row in
the alias table, never a dropped row.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from unvotes.errors import InputError, UnknownCountryError

__all__ = ["Country", "CountryRegistry", "load_registry", "normalise_spelling"]

_DATA = "data/countries"


@dataclass(frozen=True, slots=True)
class Country:
    country_code: str
    iso2: str | None
    m49: int | None
    cow_code: int | None
    name: str
    un_member_from: dt.date | None
    un_member_to: dt.date | None
    successor_code: str | None
    note: str | None

    def is_member_on(self, day: dt.date) -> bool:
        if self.un_member_from is None or day < self.un_member_from:
            return False
        return self.un_member_to is None or day <= self.un_member_to


def normalise_spelling(name: str) -> str:
    """The key under which a spelling is looked up: case, accents, apostrophes and spacing folded.

    >>> normalise_spelling("  TÜRKİYE ")
    'turkiye'
    >>> normalise_spelling("Côte d’Ivoire") == normalise_spelling("COTE D'IVOIRE")
    True
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


class CountryRegistry:
    """Look-ups over the reference table; built once by :func:`load_registry`."""

    def __init__(self, countries: Iterable[Country], aliases: dict[str, str]) -> None:
        self._by_code = {c.country_code: c for c in countries}
        self._by_iso2 = {c.iso2: c.country_code for c in self._by_code.values() if c.iso2}
        self._by_cow = {c.cow_code: c.country_code for c in self._by_code.values() if c.cow_code}
        self._by_m49 = {c.m49: c.country_code for c in self._by_code.values() if c.m49}
        self._aliases = dict(aliases)
        for c in self._by_code.values():
            self._aliases.setdefault(normalise_spelling(c.name), c.country_code)
            self._aliases.setdefault(normalise_spelling(c.country_code), c.country_code)

    def __iter__(self) -> Iterable[Country]:  # type: ignore[override]
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def get(self, code: str) -> Country:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownCountryError(
                f"unknown country code {code!r}", expected="an ISO 3166-1 alpha-3 code"
            ) from None

    def resolve_name(self, name: str, *, path: Path | str | None = None, line: int | None = None) -> str:
        """The alpha-3 code for a spelling, or :class:`UnknownCountryError` naming it."""
        code = self._aliases.get(normalise_spelling(name))
        if code is None:
            raise UnknownCountryError(
                f"unknown country spelling {name!r}",
                path=path,
                line=line,
                expected="a name in countries.csv or aliases.csv",
            )
        return code

    def resolve_names(
        self, names: Iterable[str], *, path: Path | str | None = None, lines: dict[str, int] | None = None
    ) -> dict[str, str]:
        """Resolve many spellings at once; an error names the first unknown one and its line."""
        out: dict[str, str] = {}
        for name in names:
            out[name] = self.resolve_name(name, path=path, line=(lines or {}).get(name))
        return out

    def from_iso2(self, code: str) -> str | None:
        return self._by_iso2.get(code)

    def from_cow(self, code: int) -> str | None:
        return self._by_cow.get(code)

    def from_m49(self, code: int) -> str | None:
        return self._by_m49.get(code)

    def members_on(self, day: dt.date) -> list[str]:
        """Codes of the UN member states on ``day``, in table order."""
        return [c.country_code for c in self._by_code.values() if c.is_member_on(day)]


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _read_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    resource = resources.files("unvotes").joinpath(f"{_DATA}/{name}")
    with resource.open(encoding="utf-8", newline="") as handle:
        return [(i, row) for i, row in enumerate(csv.DictReader(handle), start=2)]


@cache
def load_registry() -> CountryRegistry:
    """The registry built from the shipped tables (read once per process)."""
    countries: list[Country] = []
    for line, row in _read_rows("countries.csv"):
        try:
            countries.append(
                Country(
                    country_code=row["country_code"],
                    iso2=row["iso2"] or None,
                    m49=_int(row["m49"]),
                    cow_code=_int(row["cow_code"]),
                    name=row["name"],
                    un_member_from=_date(row["un_member_from"]),
                    un_member_to=_date(row["un_member_to"]),
                    successor_code=row["successor_code"] or None,
                    note=row["note"] or None,
                )
            )
        except (KeyError, ValueError) as exc:
            raise InputError(f"bad row: {exc}", path=f"{_DATA}/countries.csv", line=line) from exc
    aliases = {normalise_spelling(row["alias"]): row["country_code"] for _, row in _read_rows("aliases.csv")}
    return CountryRegistry(countries, aliases)
