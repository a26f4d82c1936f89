"""The member-state table, its alias and name tables, and their agreement with the shared data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import lzma
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
import pytest

from unvotes.errors import UnknownCountryError
from unvotes.reference.countries import CountryRegistry, load_registry, normalise_spelling

REPO = Path(__file__).resolve().parents[2]
COLUMNS = [
    "country_code",
    "iso2",
    "m49",
    "cow_code",
    "name",
    "un_member_from",
    "un_member_to",
    "successor_code",
    "note",
]
D = dt.date


def _data_dir() -> Path | None:
    path = Path(os.environ.get("UNVOTES_DATA_DIR") or REPO.parent / "shared" / "data")
    return path if path.is_dir() else None


DATA = _data_dir()
needs_data = pytest.mark.skipif(
    DATA is None, reason="shared data not found: set UNVOTES_DATA_DIR or provide ../shared/data"
)


@pytest.fixture(scope="module")
def registry() -> CountryRegistry:
    return load_registry()


def _table(name: str) -> list[dict[str, str]]:
    text = resources.files("unvotes").joinpath(f"data/countries/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --- the table itself ------------------------------------------------------------------------


def test_table_columns_and_unique_codes() -> None:
    rows = _table("countries.csv")
    assert list(rows[0]) == COLUMNS
    codes = [row["country_code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    m49 = [row["m49"] for row in rows if row["m49"]]
    assert len(m49) == len(set(m49))
    assert {row["successor_code"] for row in rows} - {""} <= set(codes)


def test_exactly_193_members_at_end_of_2025_all_current_iso(registry: CountryRegistry) -> None:
    members = registry.members_on(D(2025, 12, 31))
    assert len(members) == 193
    for code in members:
        iso = pycountry.countries.get(alpha_3=code)
        assert iso is not None, code
        country = registry.get(code)
        assert (country.iso2, country.m49) == (iso.alpha_2, int(iso.numeric))


def test_former_states_use_iso_3166_3_or_user_assigned_codes(registry: CountryRegistry) -> None:
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    for country in registry:
        if country.un_member_to is None or country.country_code == "TWN":
            continue
        if country.country_code.startswith("X"):
            assert country.note and "User-assigned" in country.note
        else:
            assert country.country_code in historic


# Growth in United Nations membership (https://www.un.org/en/about-us/growth-in-un-membership):
# the number of Members at the end of each year.
@pytest.mark.parametrize(
    ("day", "count"),
    [
        (D(1945, 10, 24), 51),
        (D(1945, 12, 31), 51),
        (D(1946, 12, 31), 55),
        (D(1950, 12, 31), 60),
        (D(1955, 12, 31), 76),
        (D(1957, 12, 31), 82),
        (D(1958, 12, 31), 82),
        (D(1960, 12, 31), 99),
        (D(1961, 12, 31), 104),
        (D(1963, 12, 31), 113),
        (D(1964, 12, 31), 115),
        (D(1971, 12, 31), 132),
        (D(1973, 12, 31), 135),
        (D(1984, 12, 31), 159),
        (D(1990, 12, 31), 159),
        (D(1991, 12, 31), 166),
        (D(1992, 12, 31), 179),
        (D(1993, 12, 31), 184),
        (D(2000, 12, 31), 189),
        (D(2006, 12, 31), 192),
        (D(2011, 12, 31), 193),
    ],
)
def test_member_counts_on_known_dates(registry: CountryRegistry, day: dt.date, count: int) -> None:
    assert len(registry.members_on(day)) == count


def test_no_seat_is_held_twice_on_one_day(registry: CountryRegistry) -> None:
    for country in registry:
        if country.successor_code and country.un_member_to:
            successor = registry.get(country.successor_code)
            assert successor.un_member_from is not None
            if successor.un_member_from > country.un_member_to:  # the seat continued: no gap, no overlap
                assert successor.un_member_from == country.un_member_to + dt.timedelta(days=1)
    by_cow: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for country in registry:
        if country.cow_code and country.un_member_from:
            end = country.un_member_to or D(9999, 12, 31)
            by_cow.setdefault(country.cow_code, []).append((country.un_member_from, end))
    for spans in by_cow.values():
        spans.sort()
        assert all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(spans))


def test_syria_is_not_a_member_while_part_of_the_united_arab_republic(registry: CountryRegistry) -> None:
    syria = registry.get("SYR")
    assert syria.is_member_on(D(1958, 2, 20)) and syria.is_member_on(D(1961, 10, 13))
    assert not syria.is_member_on(D(1958, 2, 21)) and not syria.is_member_on(D(1961, 10, 12))
    assert registry.name_on("EGY", D(1960, 1, 1)) == "United Arab Republic"


def test_seat_holders_by_date(registry: CountryRegistry) -> None:
    assert registry.from_cow(365) == "RUS"
    assert registry.from_cow(365, on=D(1975, 1, 1)) == "SUN"
    assert registry.from_cow(260, on=D(1980, 1, 1)) == "DEU"
    assert registry.from_cow(678) == "YEM"
    assert registry.from_iso2("YU") == "YUG"
    assert registry.from_iso2("YU", on=D(1999, 12, 1)) == "YUG"
    assert registry.from_iso2("YU", on=D(2001, 12, 1)) == "SCG"
    assert registry.from_iso2("YU", on=D(2010, 12, 1)) == "SRB"
    assert registry.from_iso2("CS") == "CSK"
    assert registry.from_iso2("CS", on=D(2004, 1, 1)) == "SCG"
    assert registry.from_iso2("DD", on=D(1995, 1, 1)) == "DDR"  # a merger, not a continued seat
    assert registry.resolve_name("China", on=D(1960, 1, 1)) == "TWN"
    assert registry.resolve_name("China", on=D(1971, 10, 25)) == "CHN"
    assert registry.resolve_name("Russia", on=D(1991, 12, 24)) == "SUN"
    assert registry.resolve_name("Russia", on=D(1991, 12, 25)) == "RUS"
    assert registry.resolve_name("Russia") == "RUS"


def test_names_in_use_on_a_day(registry: CountryRegistry) -> None:
    assert registry.name_on("SWZ", D(2018, 4, 18)) == "Swaziland"
    assert registry.name_on("SWZ", D(2018, 4, 19)) == "Eswatini"
    assert registry.name_on("TUR", D(2020, 1, 1)) == "Turkey"
    assert registry.name_on("TUR", D(2023, 1, 1)) == "Türkiye"
    assert registry.name_on("COD", D(1990, 1, 1)) == "Zaire"
    assert registry.name_on("BFA", D(1970, 1, 1)) == "Upper Volta"
    assert registry.name_on("USA", D(1970, 1, 1)) == "United States of America"


def test_name_spans_do_not_overlap_and_resolve_to_their_state(registry: CountryRegistry) -> None:
    spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for row in _table("names.csv"):
        start = D.fromisoformat(row["valid_from"])
        end = D.fromisoformat(row["valid_to"]) if row["valid_to"] else D(9999, 12, 31)
        assert start <= end, row
        spans.setdefault(row["country_code"], []).append((start, end))
        assert registry.resolve_name(row["name"], on=start) == row["country_code"], row
    for code, items in spans.items():
        items.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(items)), code


def test_unknown_spelling_names_the_spelling(registry: CountryRegistry) -> None:
    with pytest.raises(UnknownCountryError, match="Atlantis") as caught:
        registry.resolve_name("Atlantis", path="votes.csv", line=7)
    assert "votes.csv, line 7" in str(caught.value)
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        registry.resolve_list("Chile, Atlantis and Peru")


def test_spellings_fold_case_accents_apostrophes_and_article(registry: CountryRegistry) -> None:
    assert normalise_spelling("TÜRKİYE") == normalise_spelling("Türkiye") == "turkiye"
    for spelling in ["CÔTE D’IVOIRE", "Cote d'Ivoire", "THE GAMBIA", "Bahamas (The)", "USSR", "Zaire"]:
        registry.resolve_name(spelling)
    assert registry.resolve_list("Trinidad and Tobago and Saint Kitts and Nevis") == ["TTO", "KNA"]


# --- agreement with the shared source files ---------------------------------------------------

# Sponsor entries in unxml that name no State: submitting organs and officers, and scraps of
# the upstream extraction (matched on the folded spelling, so a leading "the" is gone).
_NOT_A_STATE = re.compile(
    r"^$|^(was )?submitted by |^introduced in |^representative of |^on the basis of |"
    r"^amendment |^annex: |^[a-z .'-]+ \([a-z &]+\) and on the basis ",
)
# Fragments that only a per-resolution correction can repair (listed with the reason).
_FRAGMENTS = {
    "ISLANDS": "A/RES/78/133: second half of 'SOLOMON ISLANDS', printed apart",
    "PRINCIPE": "A/RES/74/118: stray tail of 'SAO TOME AND PRINCIPE', also listed whole",
    "NORTHERN IRELAND": "A/RES/77/12: tail of the United Kingdom's name",
    "THE OF KOREA": "A/RES/78/208: a word is missing; Republic of Korea or DPRK cannot be told",
    "ANGOLA BAHAMAS": "A/RES/79/168: comma missing between two States",
    "BARBADOS. DOMINICAN REPUBLIC": "full stop printed for a comma",
    "COMOROS\xa0 CONGO": "comma missing between two States",
    "UNITED KINGDOMAND URUGUAY": "space missing before 'and'",
    "LIBERIA. SUBSEQUENTLY": "text of the report run into the list",
}


def _read(relative: str, **options: Any) -> pd.DataFrame:
    assert DATA is not None
    frame: pd.DataFrame = pd.read_csv(DATA / relative, keep_default_na=False, **options)
    return frame


@pytest.mark.shared
@needs_data
def test_every_country_spelling_in_the_shared_files_resolves(registry: CountryRegistry) -> None:
    v21 = _read("voeten/voeten2021_un_votes.csv.xz", usecols=["country_code", "country"])
    for iso2, name in v21[["country_code", "country"]].drop_duplicates().itertuples(index=False):
        code = registry.resolve_name(name)
        assert not iso2 or registry.from_iso2(iso2) in {code, "YUG", "CSK"}, (iso2, name)
    for name in _read("unxml/unxml_ga_votes_74-80_long.csv.xz", usecols=["ms_name"]).ms_name.unique():
        registry.resolve_name(name)
    ohchr = _read("ohchr/ohchr_chr_hrc_votes_long.csv.xz", usecols=["iso3", "country"])
    for iso3, name in ohchr[["iso3", "country"]].drop_duplicates().itertuples(index=False):
        assert registry.resolve_name(name) == {"GER": "DEU"}.get(iso3, iso3), name
    groups = _read("groups/un_regional_groups.csv.xz", usecols=["iso3", "name"])
    for iso3, name in groups[["iso3", "name"]].drop_duplicates().itertuples(index=False):
        assert registry.resolve_name(name) == iso3, name


@pytest.mark.shared
@needs_data
def test_every_sponsor_in_unxml_resolves(registry: CountryRegistry) -> None:
    assert DATA is not None
    entries: set[str] = set()
    with lzma.open(DATA / "unxml/unxml_ga_resolutions_74-80.jsonl.xz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            entries.update(record["sponsors"] or [])
            entries.update(record["additional_sponsors"] or [])
    skipped = {e for e in entries if _NOT_A_STATE.match(normalise_spelling(e))}
    assert len(skipped) == 117
    fragments = entries & set(_FRAGMENTS)
    assert fragments == set(_FRAGMENTS)
    for entry in sorted(entries - skipped - fragments):
        assert registry.resolve_list(entry), entry


def _voeten2017() -> pd.DataFrame:
    votes = _read(
        "voeten/voeten2017_UNVotesPublished.csv.xz",
        usecols=["rcid", "vote", "ccode", "date"],
        dtype={"rcid": "int32", "vote": "int8", "ccode": "int16", "date": "string"},
    )
    votes["date"] = pd.to_datetime(votes["date"], format="%m/%d/%Y")
    undated = set(votes.loc[votes["date"].isna(), "rcid"])
    assert undated == {4592}  # A/RES/60/260 (8 May 2006) has no date in the 2017 release
    return votes.dropna(subset=["date"])


@pytest.fixture(scope="module")
def voeten2017() -> pd.DataFrame:
    return _voeten2017()


def _codes_on(pairs: pd.DataFrame, lookup: object) -> pd.Series:
    """Apply ``lookup(key, on=date)`` once per distinct (key, date) pair."""
    unique = pairs.drop_duplicates()
    codes = [lookup(key, on=day.date()) for key, day in unique.itertuples(index=False)]  # type: ignore[operator]
    mapping = pd.Series(codes, index=pd.MultiIndex.from_frame(unique))
    return pd.Series(mapping.reindex(pd.MultiIndex.from_frame(pairs)).to_numpy(), index=pairs.index)


@pytest.mark.shared
@needs_data
def test_cow_numbers_match_iso_codes_vote_for_vote(registry: CountryRegistry, voeten2017: pd.DataFrame) -> None:
    """Both Voeten releases, mapped through the table, give the same positions on the same roll calls."""
    cast = voeten2017[voeten2017["vote"].isin([1, 2, 3])].copy()
    cast["position"] = cast["vote"].map({1: "yes", 2: "abstain", 3: "no"})
    cast["code"] = _codes_on(cast[["ccode", "date"]], registry.from_cow)
    dates = voeten2017.drop_duplicates("rcid").set_index("rcid")["date"]
    v21 = _read("voeten/voeten2021_un_votes.csv.xz", dtype={"rcid": "int32"})
    v21 = v21[v21["rcid"].isin(dates.index)].copy()
    v21["date"] = v21["rcid"].map(dates)
    by_iso = v21["country_code"] != ""
    v21.loc[by_iso, "code"] = _codes_on(v21.loc[by_iso, ["country_code", "date"]], registry.from_iso2)
    v21.loc[~by_iso, "code"] = _codes_on(v21.loc[~by_iso, ["country", "date"]], registry.resolve_name)
    joined = cast.merge(v21, on=["rcid", "code"], how="outer", indicator=True)
    assert joined["_merge"].eq("both").all(), joined.loc[joined["_merge"] != "both"].head()
    assert (joined["position"] == joined["vote_y"]).all()


def _member_spells(registry: CountryRegistry) -> pd.DataFrame:
    """One row per (COW number, membership spell), interruptions cut out."""
    cow_of = {c.country_code: [c.cow_code] for c in registry if c.cow_code}
    cow_of["DEU"].append(260)
    cow_of["YEM"].append(678)
    rows = []
    for country in registry:
        if country.un_member_from is None:  # a non-member observer State: never in the rolls
            assert country.cow_code is None
            continue
        start, end = country.un_member_from, country.un_member_to or D(2100, 1, 1)
        cuts = [start, *[d for gap in country.interruptions for d in gap], end]
        for spell_start, spell_end in zip(cuts[::2], cuts[1::2], strict=True):
            for cow in cow_of.get(country.country_code, []):
                rows.append({"ccode": cow, "first": spell_start, "last": spell_end})
    spells = pd.DataFrame(rows)
    spells["first"] = pd.to_datetime(spells["first"]).dt.to_period("M")
    spells["last"] = pd.to_datetime(spells["last"]).dt.to_period("M")
    return spells


# Voeten's dates before the 1990s carry the month but not the day (days run 1-7), so membership
# is checked by month. Rows that still disagree with the table, and why the table stands:
OUTSIDE_MEMBERSHIP = {
    # (COW, votes): (first month, last month, rows, reason)
    (652, (8,)): ("1958-09", "1961-09", 194, "Syria coded absent, not non-member, while in the UAR"),
    (950, (3,)): (
        "1970-09",
        "1970-09",
        2,
        "Fiji 'no' on two agenda votes (rcid 1110, 1111) before 13 Oct 1970",
    ),
}
NON_MEMBER_WHILE_MEMBER = {
    # COW: (first month, last month, rows, reason)
    345: (
        "1992-10",
        "2000-06",
        562,
        "GA res. 47/1 kept the FRY out; the SFRY seat stays YUG until 2000-11-01",
    ),
    679: ("2010-12", "2010-12", 1, "lone 9 for Yemen on R/65/226; the UN list shows no break"),
}


@pytest.mark.shared
@needs_data
def test_membership_dates_agree_with_voeten_non_member_code(
    registry: CountryRegistry, voeten2017: pd.DataFrame
) -> None:
    votes = voeten2017.assign(month=voeten2017["date"].dt.to_period("M")).reset_index(drop=True)
    pairs = votes.reset_index().merge(_member_spells(registry), on="ccode")
    inside = (pairs["month"] >= pairs["first"]) & (pairs["month"] <= pairs["last"])
    strictly = (pairs["month"] > pairs["first"]) & (pairs["month"] < pairs["last"])
    covered = inside.groupby(pairs["index"]).any().reindex(votes.index, fill_value=False)
    strictly_covered = strictly.groupby(pairs["index"]).any().reindex(votes.index, fill_value=False)

    outside = votes[(votes["vote"] != 9) & ~covered]
    found = outside.groupby(["ccode", "vote"])["month"].agg(["min", "max", "size"])
    expected = {
        (cow, vote): (first, last, rows)
        for (cow, codes), (first, last, rows, _) in OUTSIDE_MEMBERSHIP.items()
        for vote in codes
    }
    assert {key: (str(a), str(b), n) for key, (a, b, n) in found.iterrows()} == expected

    absent = votes[(votes["vote"] == 9) & strictly_covered]
    found = absent.groupby("ccode")["month"].agg(["min", "max", "size"])
    expected_9 = {cow: (first, last, rows) for cow, (first, last, rows, _) in NON_MEMBER_WHILE_MEMBER.items()}
    assert {cow: (str(a), str(b), n) for cow, (a, b, n) in found.iterrows()} == expected_9
