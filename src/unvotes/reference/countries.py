"""Member states: the reference table and the one name/code normaliser.

The table (``data/countries/countries.csv``) holds one row per state that ever sat in the UN
under its own seat, keyed by ISO 3166-1 alpha-3 (ISO 3166-3 codes for states that no longer
exist, such as ``SUN`` or ``YUG``), with UN admission and end dates and the successor that
continued the seat. ``data/countries/aliases.csv`` maps every spelling the readers meet to a
code, and ``data/countries/names.csv`` says which name a state bore on a given day. An unknown
spelling raises :class:`~unvotes.errors.UnknownCountryError`: the fix is a row in the alias
table, never a dropped row.

Dates matter for a few seats that changed hands: the USSR's seat passed to the Russian
Federation, China's from the Republic of China to the People's Republic, Yugoslavia's (as the
sources number it) to Serbia and Montenegro and then Serbia. The look-ups take an optional
``on`` date; given one, a code or spelling for such a seat resolves to whoever held the seat on
that day (:meth:`CountryRegistry.holder_on`). Without a date they resolve as before.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import InputError, UnknownCountryError
from unvotes.model import country_keys
from unvotes.reference.un_names import bare_name, load_un_names, strip_article

__all__ = [
    "NEIGHBOURS_SOURCE",
    "Country",
    "CountryRegistry",
    "NameSpan",
    "load_neighbours",
    "load_registry",
    "normalise_spelling",
]

_DATA = "data/countries"

Span = tuple[dt.date, dt.date]

# Facts the one-row-per-state table cannot hold in its columns (see the folder README).
# Syria's membership was merged into the United Arab Republic (coded EGY) for these days.
_INTERRUPTIONS: dict[str, tuple[Span, ...]] = {
    "SYR": ((dt.date(1958, 2, 21), dt.date(1961, 10, 12)),),
}
# Correlates of War numbers a state carried before the one in ``cow_code``.
_FORMER_COW_CODES: dict[int, str] = {
    260: "DEU",  # German Federal Republic 1955-1990; united Germany is 255
    678: "YEM",  # Yemen Arab Republic until the union of 22 May 1990; Yemen is 679
}


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
    interruptions: tuple[Span, ...] = ()

    def is_member_on(self, day: dt.date) -> bool:
        if self.un_member_from is None or day < self.un_member_from:
            return False
        if self.un_member_to is not None and day > self.un_member_to:
            return False
        return not any(start <= day <= end for start, end in self.interruptions)


@dataclass(frozen=True, slots=True)
class NameSpan:
    """One name a state bore at the UN, from ``valid_from`` to ``valid_to`` (inclusive)."""

    country_code: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str | None

    def covers(self, day: dt.date) -> bool:
        starts = self.valid_from is None or self.valid_from <= day
        return starts and (self.valid_to is None or day <= self.valid_to)


@lru_cache(maxsize=16384)
def normalise_spelling(name: str) -> str:
    """The key under which a spelling is looked up.

    Case, accents, apostrophes, spacing and a leading "the" are folded.

    >>> normalise_spelling("  TÜRKİYE ")
    'turkiye'
    >>> normalise_spelling("Côte d’Ivoire") == normalise_spelling("COTE D'IVOIRE")
    True
    >>> normalise_spelling("THE GAMBIA\\xa0")
    'gambia'
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.casefold().split())
    return text[4:] if text.startswith("the ") else text


# Parenthetical clauses that qualify a sponsor rather than name it, e.g.
# "Cuba (on behalf of the States Members ... of the Group of 77 and China)".
_QUALIFIER = re.compile(r"^(on|of) behalf of\b|^in (its|their) capacity\b")
_TRAILING_QUALIFIER = re.compile(r",\s*(on|of) behalf of\b.*$", re.IGNORECASE | re.DOTALL)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _strip_qualifiers(text: str) -> str:
    """Drop empty and "on behalf of ..." parentheses (nesting allowed) and trailing clauses."""
    out: list[str] = []
    stack: list[int] = []
    for ch in text:
        if ch == "(":
            stack.append(len(out))
        out.append(ch)
        if ch == ")" and stack:
            start = stack.pop()
            inner = normalise_spelling("".join(out[start + 1 : -1]))
            if not inner or _QUALIFIER.match(inner):
                del out[start:]
    return _TRAILING_QUALIFIER.sub("", "".join(out)).strip(" ,")


class CountryRegistry:
    """Look-ups over the reference table; built once by :func:`load_registry`."""

    def __init__(
        self,
        countries: Iterable[Country],
        aliases: dict[str, str],
        names: Iterable[NameSpan] = (),
    ) -> None:
        self._by_code = {c.country_code: c for c in countries}
        self._by_iso2: dict[str, list[str]] = {}
        self._by_cow: dict[int, list[str]] = {}
        for c in self._by_code.values():
            if c.iso2:
                self._by_iso2.setdefault(c.iso2, []).append(c.country_code)
            if c.cow_code:
                self._by_cow.setdefault(c.cow_code, []).append(c.country_code)
        for cow, code in _FORMER_COW_CODES.items():
            if code in self._by_code:
                self._by_cow.setdefault(cow, []).append(code)
        self._by_m49 = {c.m49: c.country_code for c in self._by_code.values() if c.m49}
        self._aliases = dict(aliases)
        for c in self._by_code.values():
            self._aliases.setdefault(normalise_spelling(c.name), c.country_code)
            self._aliases.setdefault(normalise_spelling(c.country_code), c.country_code)
        self._names: dict[str, list[NameSpan]] = {}
        for span in names:
            self._names.setdefault(span.country_code, []).append(span)

    def __iter__(self) -> Iterator[Country]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    @cached_property
    def sorted_codes(self) -> tuple[str, ...]:
        """The codes in alphabetical order: a state's *index* is its place here (see :meth:`index_of`)."""
        return tuple(sorted(self._by_code))

    @cached_property
    def _sorted_keys(self) -> npt.NDArray[np.int64]:
        return country_keys(np.array(self.sorted_codes))

    @cached_property
    def _table_order(self) -> npt.NDArray[np.intp]:
        """Table positions of the codes in :attr:`sorted_codes` order."""
        return np.argsort(np.array(self.codes))

    def index_of(self, codes: npt.NDArray[np.str_]) -> npt.NDArray[np.int16]:
        """Each code's index in :attr:`sorted_codes`, vectorised; an unknown code raises.

        Indices order like the codes, so sorting by index sorts by code.

        >>> registry = load_registry()
        >>> [registry.sorted_codes[i] for i in registry.index_of(np.array(["USA", "PRK"])).tolist()]
        ['USA', 'PRK']
        """
        keys = self._sorted_keys
        wanted = country_keys(codes)
        at = np.clip(np.searchsorted(keys, wanted), 0, len(keys) - 1)
        unknown = keys[at] != wanted
        if unknown.any():
            code = str(np.asarray(codes)[np.flatnonzero(unknown)[0]])
            raise UnknownCountryError(f"unknown country code {code!r}", expected="an ISO 3166-1 alpha-3 code")
        return at.astype(np.int16)

    def get(self, code: str) -> Country:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownCountryError(f"unknown country code {code!r}", expected="an ISO 3166-1 alpha-3 code") from None

    def holder_on(self, code: str, on: dt.date) -> str:
        """The member holding ``code``'s seat on ``on``, following seat continuations.

        A continuation is a ``successor_code`` whose membership begins after its predecessor's
        ends (SUN -> RUS, TWN -> CHN, YUG -> SCG -> SRB); mergers such as DDR -> DEU are not
        followed. If nobody in the chain was a member that day, ``code`` itself is returned.

        >>> registry = load_registry()
        >>> registry.holder_on("RUS", dt.date(1960, 1, 1)), registry.holder_on("YUG", dt.date(2010, 1, 1))
        ('SUN', 'SRB')
        """
        current = self.get(code)
        seen = {code}
        while not current.is_member_on(on):
            step = self._continuation(current, on)
            if step is None or step in seen:
                return code
            seen.add(step)
            current = self._by_code[step]
        return current.country_code

    def _continuation(self, country: Country, on: dt.date) -> str | None:
        if country.un_member_to is not None and on > country.un_member_to:
            successor = self._by_code.get(country.successor_code or "")
            if successor and successor.un_member_from and successor.un_member_from > country.un_member_to:
                return successor.country_code
        if country.un_member_from is not None and on < country.un_member_from:
            for other in self._by_code.values():
                ended = other.un_member_to
                if other.successor_code == country.country_code and ended and ended < country.un_member_from:
                    return other.country_code
        return None

    def _pick(self, candidates: list[str], on: dt.date | None) -> str:
        """One code among several carrying the same number (ISO-2 ``CS``, COW 345 ...)."""
        if on is None:
            current = [c for c in candidates if self._by_code[c].un_member_to is None]
            return (current or candidates)[0]
        held = [self.holder_on(c, on) for c in candidates]
        members = [c for c in held if self._by_code[c].is_member_on(on)]
        return (members or held)[0]

    def resolve_name(
        self,
        name: str,
        *,
        on: dt.date | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> str:
        """The alpha-3 code for a spelling, or :class:`UnknownCountryError` naming it.

        With ``on``, the code of whoever held that state's seat on the day (see
        :meth:`holder_on`): "Russian Federation" in 1970 is ``SUN``.
        """
        code = self._aliases.get(normalise_spelling(name))
        if code is None:
            raise UnknownCountryError(
                f"unknown country spelling {name!r}",
                path=path,
                line=line,
                expected="a name in countries.csv or aliases.csv",
            )
        return code if on is None else self.holder_on(code, on)

    def resolve_names(
        self,
        names: Iterable[str],
        *,
        on: dt.date | None = None,
        path: Path | str | None = None,
        lines: dict[str, int] | None = None,
    ) -> dict[str, str]:
        """Resolve many spellings at once; an error names the first unknown one and its line."""
        out: dict[str, str] = {}
        for name in names:
            out[name] = self.resolve_name(name, on=on, path=path, line=(lines or {}).get(name))
        return out

    def resolve_list(
        self,
        text: str,
        *,
        on: dt.date | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> list[str]:
        """Codes for a list of states as the UN prints it: "A, B (on behalf of ...) and C".

        Qualifying clauses ("on behalf of ...", "in its capacity as ...") are dropped; "and"
        splits only where both sides are known spellings, so "Trinidad and Tobago" stays whole.

        >>> load_registry().resolve_list("Cuba (on behalf of the Group of 77 and China), Chile and Peru")
        ['CUB', 'CHL', 'PER']
        """
        codes: list[str] = []
        for piece in _strip_qualifiers(text.replace("\xa0", " ")).split(","):
            piece = piece.strip()
            if not piece:
                continue
            parts = self._split_and(piece)
            if parts is None:
                raise UnknownCountryError(
                    f"unknown country spelling {piece!r} in {text!r}",
                    path=path,
                    line=line,
                    expected="a name in countries.csv or aliases.csv",
                )
            codes.extend(self.resolve_name(part, on=on) for part in parts)
        return codes

    def _split_and(self, text: str) -> list[str] | None:
        if normalise_spelling(text) in self._aliases:
            return [text]
        for match in _AND.finditer(text):
            head, tail = text[: match.start()], text[match.end() :]
            if normalise_spelling(head) in self._aliases:
                rest = self._split_and(tail)
                if rest is not None:
                    return [head, *rest]
        return None

    def lookup(self, text: str) -> str | None:
        """The code of the state ``text`` names by any means people use: its ISO 3166-1 alpha-3
        or alpha-2 code, its M49 number, its name, an alias or a name it bore, in any case and
        with or without accents; None when it names none (see :meth:`nearest`).

        The UN's French and Spanish names count too (``un_names.csv``), with or without their
        article: "la République de Corée", "Países Bajos (Reino de los)".

        >>> registry = load_registry()
        >>> [registry.lookup(t) for t in ("kor", "KP", "408", "North Korea", "Corée du Nord", "Burma")]
        ['KOR', 'PRK', 'PRK', 'PRK', 'PRK', 'MMR']
        >>> [registry.lookup(t) for t in ("république populaire démocratique de corée", "Estados Unidos de América")]
        ['PRK', 'USA']
        >>> [registry.lookup(t) for t in ("²", "٤٠٨", "XYZ")]  # digits of other scripts are not M49 codes
        [None, None, None]
        """
        wanted = text.strip()
        if len(wanted) == 3 and wanted.isalpha() and wanted.upper() in self._by_code:
            return wanted.upper()
        if len(wanted) == 2 and wanted.isalpha() and len(self._by_iso2.get(wanted.upper(), [])) >= 1:
            codes = self._by_iso2[wanted.upper()]
            return max(codes, key=lambda c: self._by_code[c].un_member_from or dt.date.min)
        if wanted.isascii() and wanted.isdigit() and len(wanted) <= 3 and int(wanted) in self._by_m49:  # not '²'
            return self._by_m49[int(wanted)]
        found = self._aliases.get(normalise_spelling(wanted))
        return found or self._aliases.get(normalise_spelling(strip_article(bare_name(wanted))))

    def nearest(self, text: str, n: int = 3) -> list[str]:
        """The codes of the ``n`` states whose codes or names are nearest to ``text`` (a code with
        the same letters in another order first: "PKR" is nearest to PRK).

        >>> load_registry().nearest("PKR")[0], load_registry().nearest("Nort Korea")[0]
        ('PRK', 'PRK')
        """
        key = normalise_spelling(text)[:60]  # a name is never longer; a huge input is cut, not compared
        choices = {**self._aliases, **{normalise_spelling(c): c for c in self._by_code}}

        def score(candidate: str) -> float:
            same_letters = len(key) == 3 and sorted(candidate) == sorted(key)
            return difflib.SequenceMatcher(None, key, candidate).ratio() + (1.0 if same_letters else 0.0)

        ranked = sorted(choices, key=lambda k: (-score(k), k))
        codes = list(dict.fromkeys(choices[k] for k in ranked if choices[k] in self._by_code))
        return codes[:n]

    @cached_property
    def names_of_states(self) -> dict[str, list[str]]:
        """Every name a state is known by (folded as :func:`normalise_spelling` folds them: its
        name, its aliases, the names it bore), mapped to all the names of the same state; three-
        letter codes are left out ("CAN", "PER" and "AND" are also words)."""
        by_code: dict[str, set[str]] = {}
        for key, code in self._aliases.items():
            if key != normalise_spelling(code):
                by_code.setdefault(code, set()).add(key)
        for code, spans in self._names.items():
            by_code.setdefault(code, set()).update(normalise_spelling(s.name) for s in spans)
        return {name: sorted(names) for names in by_code.values() for name in names}

    def from_iso2(self, code: str, on: dt.date | None = None) -> str | None:
        """Alpha-3 for an ISO 3166-1 (or -3) alpha-2 code; ``on`` picks the seat holder that day."""
        candidates = self._by_iso2.get(code)
        return self._pick(candidates, on) if candidates else None

    def from_cow(self, code: int, on: dt.date | None = None) -> str | None:
        """Alpha-3 for a Correlates of War state number; ``on`` picks the seat holder that day.

        Without ``on``, a number shared by several rows (365, 345) gives the current member.
        """
        candidates = self._by_cow.get(code)
        return self._pick(candidates, on) if candidates else None

    def from_m49(self, code: int) -> str | None:
        return self._by_m49.get(code)

    def members_on(self, day: dt.date) -> list[str]:
        """Codes of the UN member states on ``day``, in table order."""
        return [c.country_code for c in self._by_code.values() if c.is_member_on(day)]

    def membership(self, days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.bool_]:
        """``[i, j]`` is True when state ``codes[j]`` was a UN member on ``days[i]`` (vectorised
        :meth:`Country.is_member_on`, interruptions included)."""
        never = np.datetime64("9999-12-31", "D")
        countries = list(self._by_code.values())
        start = np.array([c.un_member_from or never for c in countries], dtype="datetime64[D]")
        end = np.array([c.un_member_to or never for c in countries], dtype="datetime64[D]")
        on = days.astype("datetime64[D]")[:, None]
        member = (start[None, :] <= on) & (on <= end[None, :])
        for j, c in enumerate(countries):
            for first, last in c.interruptions:
                member[:, j] &= ~((np.datetime64(first, "D") <= on[:, 0]) & (on[:, 0] <= np.datetime64(last, "D")))
        return member

    def membership_by_index(self, days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.bool_]:
        """:meth:`membership` with columns in :attr:`sorted_codes` order."""
        return self.membership(days)[:, self._table_order]

    def name_history(self) -> list[NameSpan]:
        """Every dated name of every state, in table order."""
        return [span for code in self._by_code for span in self._names.get(code, ())]

    def name_on(self, code: str, day: dt.date) -> str:
        """The name the state bore on ``day`` (names.csv), else its current short name.

        >>> load_registry().name_on("SWZ", dt.date(2000, 1, 1))
        'Swaziland'
        """
        for span in self._names.get(code, ()):
            if span.covers(day):
                return span.name
        return self.get(code).name


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _read_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    text = resources.files("unvotes").joinpath(f"{_DATA}/{name}").read_text(encoding="utf-8")
    return [(i, row) for i, row in enumerate(csv.DictReader(io.StringIO(text)), start=2)]


def _read_countries() -> list[Country]:
    countries: list[Country] = []
    for line, row in _read_rows("countries.csv"):
        try:
            code = row["country_code"]
            countries.append(
                Country(
                    country_code=code,
                    iso2=row["iso2"] or None,
                    m49=_int(row["m49"]),
                    cow_code=_int(row["cow_code"]),
                    name=row["name"],
                    un_member_from=_date(row["un_member_from"]),
                    un_member_to=_date(row["un_member_to"]),
                    successor_code=row["successor_code"] or None,
                    note=row["note"] or None,
                    interruptions=_INTERRUPTIONS.get(code, ()),
                )
            )
        except (KeyError, ValueError) as exc:
            raise InputError(f"bad row: {exc}", path=f"{_DATA}/countries.csv", line=line) from exc
    return countries


def _read_aliases(known: set[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for line, row in _read_rows("aliases.csv"):
        key, code = normalise_spelling(row["alias"]), row["country_code"]
        path = f"{_DATA}/aliases.csv"
        if code not in known:
            raise InputError(f"alias {row['alias']!r} points to unknown code {code!r}", path=path, line=line)
        if aliases.get(key, code) != code:
            message = f"alias {row['alias']!r} maps to both {aliases[key]} and {code}"
            raise InputError(message, path=path, line=line)
        aliases[key] = code
    return aliases


def _read_names(known: set[str]) -> list[NameSpan]:
    spans: list[NameSpan] = []
    for line, row in _read_rows("names.csv"):
        try:
            span = NameSpan(
                country_code=row["country_code"],
                name=row["name"],
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                note=row["note"] or None,
            )
        except (KeyError, ValueError) as exc:
            raise InputError(f"bad row: {exc}", path=f"{_DATA}/names.csv", line=line) from exc
        if span.country_code not in known:
            raise InputError(f"unknown code {span.country_code!r}", path=f"{_DATA}/names.csv", line=line)
        spans.append(span)
    return spans


@cache
def load_registry() -> CountryRegistry:
    """The registry built from the shipped tables (read once per process)."""
    countries = _read_countries()
    known = {c.country_code for c in countries}
    return CountryRegistry(countries, _with_un_names(_read_aliases(known), known), _read_names(known))


def _with_un_names(aliases: dict[str, str], known: set[str]) -> dict[str, str]:
    """The aliases and the UN's French and Spanish names (``un_names.csv``), article set aside; a
    name that is already another state's spelling raises."""
    out = dict(aliases)
    for name in load_un_names():
        key, code = normalise_spelling(bare_name(name.name)), name.country_code
        if code not in known or out.get(key, code) != code:
            known_code = code in known
            message = f"{name.name!r} ({code}) is already {out.get(key)}'s" if known_code else f"unknown code {code!r}"
            raise InputError(message, path=f"{_DATA}/un_names.csv", expected="one name per state")
        out[key] = code
    return out


#: Where the land boundaries of :func:`load_neighbours` come from.
NEIGHBOURS_SOURCE = (
    "Natural Earth 1:50m admin-0 countries (public domain), as packaged by world-atlas 2.0.2: "
    "states whose outlines share a boundary (data/countries/neighbours.csv, scripts/neighbours.py)"
)


@cache
def load_neighbours() -> dict[str, tuple[str, ...]]:
    """Each state's neighbours (a shared land boundary), from the shipped ``neighbours.csv``.

    >>> load_neighbours()["PRK"]
    ('CHN', 'KOR', 'RUS')
    """
    known = {c.country_code for c in load_registry()}
    out: dict[str, list[str]] = {}
    for line, row in _read_rows("neighbours.csv"):
        code, neighbour = row.get("country_code") or "", row.get("neighbour_code") or ""
        for value in (code, neighbour):
            if value not in known:
                raise InputError(
                    f"unknown code {value!r}",
                    path=f"{_DATA}/neighbours.csv",
                    line=line,
                    expected="a code of countries.csv",
                )
        out.setdefault(code, []).append(neighbour)
    return {code: tuple(sorted(n)) for code, n in out.items()}


@cache
def load_territories() -> dict[str, tuple[str, ...]]:
    """A state that no longer exists -> the states on its former territory today
    (``data/countries/territories.csv``), for drawing its votes on a map of today's borders. The
    German Democratic Republic is left out: today's borders cannot show it apart from the Federal
    Republic."""
    text = resources.files("unvotes").joinpath("data/countries/territories.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["former_code"], []).append(row["territory_code"])
    return {former: tuple(codes) for former, codes in out.items()}
