"""The group tables: complete for today's Members, dated where membership changed, refused when broken."""

from __future__ import annotations

import datetime as dt
import lzma
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from unvotes.errors import HeaderError, InputError, NotFoundError, UnknownCodeError, UnknownCountryError
from unvotes.reference.countries import load_registry
from unvotes.reference.groups import GroupKind, GroupRole, load_groups, read_groups

TODAY = dt.date(2026, 1, 1)
SHIPPED = Path(str(resources.files("unvotes").joinpath("data/groups")))


def test_every_member_is_counted_with_exactly_one_regional_group() -> None:
    groups = load_groups()
    for day in (dt.date(1950, 1, 1), dt.date(1980, 6, 1), dt.date(2005, 12, 16), TODAY):
        members = set(load_registry().members_on(day))
        assigned = groups.regional_groups_on(day)
        missing = members - set(assigned)
        if day < dt.date(2000, 5, 30):
            assert missing == {"ISR"}, day
        else:
            assert missing == set(), day
        assert set(assigned) <= members, day


def test_group_sizes_today() -> None:
    groups = load_groups()
    sizes = {code: len(groups.members_on(code, TODAY)) for code in groups.codes()}
    assert sizes == {"ag": 54, "apg": 54, "eeg": 23, "grulac": 33, "weog": 29, "eu": 27, "asean": 11}
    assert groups.codes(GroupKind.POLITICAL) == ("eu", "asean")


def test_the_special_cases() -> None:
    groups = load_groups()
    [turkiye_ap] = groups.memberships("apg", "TUR")
    assert turkiye_ap.role is GroupRole.PARTICIPANT and not turkiye_ap.is_counted
    assert groups.regional_group_on("TUR", TODAY) == "weog"
    assert "TUR" not in groups.members_on("apg", TODAY)
    [usa] = groups.memberships("weog", "USA")
    assert usa.role is GroupRole.OBSERVER and usa.is_counted
    assert groups.regional_group_on("ISR", dt.date(2000, 5, 29)) is None
    assert groups.regional_group_on("ISR", dt.date(2000, 5, 30)) == "weog"
    assert groups.regional_group_on("KIR", dt.date(2005, 1, 1)) == "apg"
    assert groups.regional_group_on("SUN", dt.date(1980, 1, 1)) == "eeg"
    assert groups.regional_group_on("SUN", dt.date(1992, 1, 1)) is None
    assert groups.regional_group_on("RUS", dt.date(1992, 1, 1)) == "eeg"
    assert groups.regional_group_on("TWN", dt.date(1960, 1, 1)) == "apg"
    for code in groups.codes(GroupKind.REGIONAL):  # every regional row that is not plain says why
        for m in groups.memberships(code):
            if m.role is not GroupRole.MEMBER or m.member_from or m.member_to:
                assert m.note, m


def test_political_groupings_are_dated() -> None:
    groups = load_groups()
    assert "GBR" in groups.members_on("eu", dt.date(2020, 1, 31))
    assert "GBR" not in groups.members_on("eu", dt.date(2020, 2, 1))
    assert "HRV" not in groups.members_on("eu", dt.date(2013, 6, 30))
    assert len(groups.members_on("eu", dt.date(1958, 1, 1))) == 6
    assert len(groups.members_on("asean", dt.date(2025, 10, 25))) == 10
    assert "TLS" in groups.members_on("asean", dt.date(2025, 10, 26))
    days = np.array(["1994-12-31", "1995-01-01"], dtype="datetime64[D]")
    assert groups.is_member("eu", ["AUT", "FIN", "NOR"], days).tolist() == [[False, True], [False, True], [False] * 2]


def test_unknown_group_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="unknown group 'oic'"):
        load_groups().group("oic")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "groups"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_a_copy_of_the_tables_reads_back_the_same(tmp_path: Path) -> None:
    copy = read_groups(_copy(tmp_path))
    assert copy.memberships() == load_groups().memberships()


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ("oic,PAK,,,member,", UnknownCodeError, "unknown group 'oic'"),
        ("eu,XXX,,,member,", UnknownCountryError, "unknown country code 'XXX'"),
        ("eu,NOR,1995-01-01,1994-01-01,member,", InputError, "member_from is after member_to"),
        ("eu,NOR,,,guest,", InputError, "'guest' is not a valid GroupRole"),
        ("eu,FRA,2000-01-01,,member,", InputError, "FRA is counted in group eu at once"),
        ("weog,JPN,,,member,", InputError, "JPN is counted in two regional groups at once"),
    ],
)
def test_broken_tables_are_refused(tmp_path: Path, line: str, error: type[Exception], message: str) -> None:
    folder = _copy(tmp_path)
    _append(folder / "political.csv", line)
    with pytest.raises(error, match=message):
        read_groups(folder)


def test_a_wrong_header_names_the_columns(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "political.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("role,note", "status,note", 1), encoding="utf-8")
    with pytest.raises(HeaderError, match=r"missing columns \['role'\], extra columns \['status'\]"):
        read_groups(folder)


@pytest.mark.shared
def test_regional_table_matches_the_shared_list(shared_data: Path) -> None:
    """Today's regional lists equal the shared copy of the DGACM list (the script's input)."""
    source = shared_data / "groups" / "un_regional_groups.csv.xz"
    if not source.exists():
        pytest.skip(f"{source} not found")
    with lzma.open(source, "rt", encoding="utf-8") as handle:
        text = handle.read().splitlines()[1:]
    codes = {"AG": "ag", "AP": "apg", "EEG": "eeg", "GRULAC": "grulac", "WEOG": "weog"}
    expected = {(codes[row.split(",")[0]], row.split(",")[2]) for row in text}
    groups = load_groups()
    shipped = {
        (m.group, m.country_code)
        for m in groups.memberships()
        if groups.group(m.group).kind is GroupKind.REGIONAL and groups.span(m)[1] >= TODAY
    }
    assert shipped == expected
