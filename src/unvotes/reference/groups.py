"""Groups of states: the five UN regional groups and a few political groupings, with dated membership.

The tables are in ``data/groups/`` (see its README for columns, sources and how to update them):
``groups.csv`` names each group, ``regional.csv`` and ``political.csv`` hold one row per state and
period of membership. A blank ``member_from`` or ``member_to`` means "as long as the state has been a
UN Member" (its admission, its last day), so only the changes carry dates.

A membership has a ``role``: ``member``; ``observer`` (the United States attends WEOG and is counted
with it for elections); ``participant`` (Türkiye takes part in the Asia-Pacific Group but is counted
with WEOG). Members and observers are *counted* with a group; participants are not. On any day a
state is counted with at most one regional group, which :meth:`GroupRegistry.regional_group_on`
returns; the loader refuses tables that break this.

>>> groups = load_groups()
>>> groups.regional_group_on("TUR", dt.date(2014, 12, 18)), groups.regional_group_on("ISR", dt.date(1999, 1, 1))
('weog', None)
>>> len(groups.members_on("eu", dt.date(2019, 12, 31))), len(groups.members_on("eu", dt.date(2020, 2, 1)))
(28, 27)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import HeaderError, InputError, NotFoundError, UnknownCodeError, UnknownCountryError
from unvotes.reference.countries import CountryRegistry, load_registry

__all__ = [
    "Group",
    "GroupKind",
    "GroupMembership",
    "GroupRegistry",
    "GroupRole",
    "load_groups",
    "read_groups",
]

_GROUP_COLUMNS = ("group", "kind", "name", "source")
_MEMBERSHIP_COLUMNS = ("group", "country_code", "member_from", "member_to", "role", "note")
_MEMBERSHIP_FILES = ("regional.csv", "political.csv")
_FAR = dt.date.max


class GroupKind(StrEnum):
    REGIONAL = "regional"  #: one of the five UN regional groups
    POLITICAL = "political"  #: a political or economic grouping (EU, ASEAN)


class GroupRole(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"  #: attends and is counted with the group (the United States in WEOG)
    PARTICIPANT = "participant"  #: takes part but is counted elsewhere (Türkiye in the Asia-Pacific Group)


@dataclass(frozen=True, slots=True)
class Group:
    group: str
    kind: GroupKind
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class GroupMembership:
    """One state in one group for one period, as the table gives it (blank dates stay ``None``)."""

    group: str
    country_code: str
    member_from: dt.date | None
    member_to: dt.date | None
    role: GroupRole
    note: str | None

    @property
    def is_counted(self) -> bool:
        """Counted with the group (a member or an observer, not a participant)."""
        return self.role is not GroupRole.PARTICIPANT


class GroupRegistry:
    """Look-ups over the group tables; built by :func:`load_groups` or :func:`read_groups`."""

    def __init__(
        self, groups: Iterable[Group], memberships: Iterable[GroupMembership], countries: CountryRegistry
    ) -> None:
        self._groups = {g.group: g for g in groups}
        self._memberships = tuple(memberships)
        self._countries = countries

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(self._groups.values())

    def codes(self, kind: GroupKind | None = None) -> tuple[str, ...]:
        """Group codes in table order, optionally of one kind."""
        return tuple(g.group for g in self._groups.values() if kind is None or g.kind is kind)

    def group(self, code: str) -> Group:
        try:
            return self._groups[code]
        except KeyError:
            choices = ", ".join(self._groups)
            raise NotFoundError(f"unknown group {code!r} (expected one of: {choices})") from None

    def memberships(self, group: str | None = None, country_code: str | None = None) -> tuple[GroupMembership, ...]:
        if group is not None:
            self.group(group)
        return tuple(
            m
            for m in self._memberships
            if (group is None or m.group == group) and (country_code is None or m.country_code == country_code)
        )

    def span(self, membership: GroupMembership) -> tuple[dt.date, dt.date]:
        """First and last day of a membership, blank dates read as the state's UN membership."""
        country = self._countries.get(membership.country_code)
        start = membership.member_from or country.un_member_from or dt.date.min
        end = membership.member_to or country.un_member_to or _FAR
        return start, end

    def members_on(self, group: str, day: dt.date) -> list[str]:
        """Codes of the states counted with ``group`` on ``day``, sorted."""
        spans = ((m, self.span(m)) for m in self.memberships(group) if m.is_counted)
        return sorted(m.country_code for m, (start, end) in spans if start <= day <= end)

    def regional_group_on(self, country_code: str, day: dt.date) -> str | None:
        """The regional group the state is counted with on ``day``, if any."""
        for m in self._memberships:
            if m.country_code == country_code and m.is_counted and self._is_regional(m):
                start, end = self.span(m)
                if start <= day <= end:
                    return m.group
        return None

    def regional_groups_on(self, day: dt.date) -> dict[str, str]:
        """Every state counted with a regional group on ``day``: country code -> group code."""
        out: dict[str, str] = {}
        for m in self._memberships:
            if m.is_counted and self._is_regional(m):
                start, end = self.span(m)
                if start <= day <= end:
                    out[m.country_code] = m.group
        return out

    def is_member(
        self, group: str, countries: Sequence[str], days: npt.NDArray[np.datetime64]
    ) -> npt.NDArray[np.bool_]:
        """``[i, j]`` is True when ``countries[i]`` is counted with ``group`` on ``days[j]`` (vectorised).

        >>> days = np.array(["2003-01-01", "2005-01-01"], dtype="datetime64[D]")
        >>> load_groups().is_member("eu", ["POL", "USA"], days).tolist()
        [[False, True], [False, False]]
        """
        on = np.asarray(days, dtype="datetime64[D]")
        row = {code: i for i, code in enumerate(countries)}
        out = np.zeros((len(countries), len(on)), dtype=np.bool_)
        for m in self.memberships(group):
            i = row.get(m.country_code)
            if i is not None and m.is_counted:
                start, end = (np.datetime64(d, "D") for d in self.span(m))
                out[i] |= (start <= on) & (on <= end)
        return out

    def _is_regional(self, membership: GroupMembership) -> bool:
        return self._groups[membership.group].kind is GroupKind.REGIONAL


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rows(text: str, path: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != columns:
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        raise HeaderError(f"missing columns {missing}, extra columns {extra}", path=path, line=1, expected=str(columns))
    return [(line, row) for line, row in enumerate(reader, start=2)]


def _read_groups(text: str, path: str) -> list[Group]:
    out = []
    for line, row in _rows(text, path, _GROUP_COLUMNS):
        try:
            kind = GroupKind(row["kind"])
        except ValueError:
            raise UnknownCodeError(f"unknown kind {row['kind']!r}", path=path, line=line) from None
        out.append(Group(row["group"], kind, row["name"], row["source"]))
    if len({g.group for g in out}) != len(out):
        raise InputError("group codes must be unique", path=path)
    return out


def _read_memberships(text: str, path: str, groups: set[str], countries: CountryRegistry) -> list[GroupMembership]:
    out = []
    for line, row in _rows(text, path, _MEMBERSHIP_COLUMNS):
        if row["group"] not in groups:
            raise UnknownCodeError(
                f"unknown group {row['group']!r}", path=path, line=line, expected=str(sorted(groups))
            )
        if row["country_code"] not in countries:
            raise UnknownCountryError(f"unknown country code {row['country_code']!r}", path=path, line=line)
        try:
            membership = GroupMembership(
                group=row["group"],
                country_code=row["country_code"],
                member_from=_date(row["member_from"]),
                member_to=_date(row["member_to"]),
                role=GroupRole(row["role"]),
                note=row["note"] or None,
            )
        except ValueError as exc:
            raise InputError(f"bad row: {exc}", path=path, line=line) from exc
        if membership.member_from and membership.member_to and membership.member_from > membership.member_to:
            raise InputError("member_from is after member_to", path=path, line=line)
        out.append(membership)
    return out


def _check_overlaps(registry: GroupRegistry, path: str) -> None:
    """No state twice in one group at once; no state counted with two regional groups at once."""
    seen: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for m in registry.memberships():
        start, end = registry.span(m)
        keys = [(m.group, m.country_code)]
        if m.is_counted and registry.group(m.group).kind is GroupKind.REGIONAL:
            keys.append(("regional", m.country_code))
        for key in keys:
            for other_start, other_end in seen.get(key, []):
                if start <= other_end and other_start <= end:
                    what = "two regional groups" if key[0] == "regional" else f"group {m.group}"
                    raise InputError(f"{m.country_code} is counted in {what} at once ({start} to {end})", path=path)
            seen.setdefault(key, []).append((start, end))


def read_groups(folder: Path) -> GroupRegistry:
    """The registry built from the tables in ``folder`` (``groups.csv``, ``regional.csv``, ``political.csv``)."""
    return _build(lambda name: (folder / name).read_text(encoding="utf-8"), str(folder))


@cache
def load_groups() -> GroupRegistry:
    """The registry built from the shipped tables (read once per process)."""
    files = resources.files("unvotes").joinpath("data/groups")
    return _build(lambda name: files.joinpath(name).read_text(encoding="utf-8"), "data/groups")


def _build(read: Callable[[str], str], where: str) -> GroupRegistry:
    groups = _read_groups(read("groups.csv"), f"{where}/groups.csv")
    countries = load_registry()
    codes = {g.group for g in groups}
    memberships = [
        m for name in _MEMBERSHIP_FILES for m in _read_memberships(read(name), f"{where}/{name}", codes, countries)
    ]
    registry = GroupRegistry(groups, memberships, countries)
    _check_overlaps(registry, where)
    return registry
