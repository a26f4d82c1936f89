"""The shipped DPRK dossier: what a fresh machine builds, the series' invariants, and that the
derived files are exactly what the regeneration produces from the public sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from unvotes import ingest, sources, store
from unvotes.model import Body, Selection, SourceKind
from unvotes.reference.countries import load_registry
from unvotes.sources.dossier import dossier_folder, regenerate

FOLDER = dossier_folder()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture(scope="module")
def dossier_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("dossier") / "dossier.db"
    # a fresh machine: no shared data, no database yet
    env = {k: v for k, v in os.environ.items() if k not in ("UNVOTES_DATA_DIR", "UNVOTES_DB")}
    done = _cli("build", "--db", str(db), env=env)
    assert done.returncode == 0, done.stderr
    return db


def _csv(*args: str) -> list[dict[str, str]]:
    done = _cli(*args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_fresh_machine_builds_the_whole_series(dossier_db: Path) -> None:
    rows = _csv("decisions", "--series", "dprk-human-rights", "--db", str(dossier_db))
    assert len(rows) >= 65
    by_body = Counter(r["body"] for r in rows)
    assert by_body["chr"] == 3 and by_body["sc"] >= 4 and by_body["hrc"] >= 18
    ga = {int(r["year"]): r for r in rows if r["body"] == "ga"}
    assert sorted(ga) == list(range(2005, 2026))  # exactly one plenary decision a year
    recorded = {y for y, r in ga.items() if r["adoption_method"] == "recorded_vote"}
    assert recorded == {2005, 2006, 2007, 2008, 2009, 2010, 2011, 2014, 2015}
    assert (ga[2014]["yes_count"], ga[2014]["no_count"], ga[2014]["abstain_count"]) == ("116", "20", "53")
    c3 = Counter(int(r["year"]) for r in rows if r["body"] == "c3" and r["kind"] == "draft")
    assert c3 == dict.fromkeys(range(2005, 2026), 1)  # one committee decision a year


def test_cuban_amendment_roll(dossier_db: Path) -> None:
    rows = _csv("votes", "A/C.3/69/L.63", "--db", str(dossier_db))
    tally = Counter(r["vote"] for r in rows)
    assert (tally["yes"], tally["no"], tally["abstain"]) == (40, 77, 50)
    votes = {r["country_code"]: r["vote"] for r in rows}
    assert [votes[c] for c in ("PRK", "CHN", "RUS", "CUB", "KOR", "USA")] == ["yes"] * 4 + ["no"] * 2


def test_republic_of_korea_record(dossier_db: Path) -> None:
    rows = _csv("country", "KOR", "--series", "dprk-human-rights", "--db", str(dossier_db))
    ga = {int(r["year"]): r["vote"] for r in rows if r["body"] == "ga" and r["adoption_method"] == "recorded_vote"}
    assert ga[2005] == ga[2007] == "abstain"
    assert all(v == "yes" for y, v in ga.items() if y not in (2005, 2007))
    word = {(r["body"], int(r["year"])): r["sponsorship"] for r in rows if r["kind"] != "amendment"}
    # the DGACM lists are complete: 2019-2021 not a sponsor, 2022-2025 named
    assert [word["ga", y] for y in (2019, 2020, 2021)] == ["no"] * 3
    assert all(word["ga", y] in ("initial", "additional") for y in (2022, 2023, 2024, 2025))
    # before 2019 the GA plenary lists are not held: not known, never "no", unless a source says
    assert {word["ga", y] for y in range(2005, 2019)} == {"unknown", "sponsor"} and word["ga", 2008] == "sponsor"
    # the Third Committee drafts of 2008-2018 and the Council texts: what sources say of the ROK
    assert {word["c3", y] for y in range(2008, 2019)} <= {"sponsor", "initial", "additional"}
    assert word["hrc", 2008] == "no" and {word["hrc", y] for y in (2019, 2020, 2021, 2022)} == {"no"}
    assert {word["hrc", y] for y in (2009, 2013, 2018, 2023, 2024, 2025)} == {"sponsor"}
    assert {r["disassociated"] for r in rows if r["adoption_method"] == "recorded_vote"} == {"n/a"}
    assert {r["disassociated"] for r in rows if r["adoption_method"] == "without_vote"} == {"unknown"}


def test_sponsors_of_2021_and_2022(dossier_db: Path) -> None:
    in_2021 = {r["country_code"]: r for r in _csv("sponsors", "A/RES/76/177", "--db", str(dossier_db))}
    in_2022 = {r["country_code"]: r for r in _csv("sponsors", "A/RES/77/226", "--db", str(dossier_db))}
    assert "KOR" not in in_2021 and "USA" in in_2021 and in_2021["USA"]["role"] == "additional"
    assert in_2022["KOR"]["role"] == "initial"


def test_sponsor_counts_where_names_are_unknown(dossier_db: Path) -> None:
    done = _cli("sponsors", "A/C.3/69/L.28/Rev.1", "--db", str(dossier_db), "--format", "json")
    notes = json.loads(done.stdout)["notes"]
    assert any("initial 58, in all 62" in n for n in notes)


def test_every_roll_matches_its_totals_or_is_explained(dossier_db: Path) -> None:
    con = store.open_db(dossier_db, read_only=True)
    findings = store.list_discrepancies(con)
    assert {(f.symbol, f.kind) for f in findings} == {
        ("A/RES/62/167", "totals_vs_roll"),
        ("A/RES/64/175", "totals_vs_roll"),
        ("A/RES/65/225", "totals_vs_roll"),
    }
    assert all(f.is_acknowledged and f.explanation for f in findings)  # acknowledged, with the explanation


def test_no_state_votes_outside_its_membership(dossier_db: Path) -> None:
    con = store.open_db(dossier_db, read_only=True)
    assert store.positions_of_non_members(con) == []


def test_commission_and_council_voters_were_un_members(dossier_db: Path) -> None:
    """The CHR and HRC rolls list only members of the body, all of them UN members that day."""
    registry = load_registry()
    con = store.open_db(dossier_db, read_only=True)
    for body in ("chr", "hrc"):
        for d in store.list_decisions(con, Selection(series="dprk-human-rights", body=Body(body))):
            day = dt.date.fromisoformat(str(d.date))
            for e in store.roll(con, d.decision_id):
                assert registry.get(e.country_code).is_member_on(day), (d.symbol, e.country_code, e.vote)


def test_every_dossier_row_has_a_source() -> None:
    names = ["positions.csv", "sponsors.csv"] + [f"facts/{p.name}" for p in FOLDER.joinpath("facts").iterdir()]
    checked = 0
    for name in names:
        if not name.endswith(".csv"):
            continue
        rows = list(csv.DictReader(io.StringIO(FOLDER.joinpath(name).read_text(encoding="utf-8"))))
        assert rows, name
        assert all(r["source"].strip() for r in rows), name
        checked += len(rows)
    assert checked > 4000


@pytest.mark.shared
def test_shipped_files_equal_the_regeneration(shared_data: Path) -> None:
    found = sources.detect(shared_data)
    kinds = (SourceKind.VOETEN_2017, SourceKind.VOETEN_2021, SourceKind.C3_DPRK, SourceKind.OHCHR, SourceKind.UNXML)
    batches = {kind: sources.loader_for(kind, found.groups[kind])() for kind in kinds}
    files, report = regenerate.render_files(FOLDER, batches)
    assert report.rolls_missing == []
    for name, text in files.items():
        assert FOLDER.joinpath(name).read_text(encoding="utf-8") == text, f"{name} differs from the regeneration"


@pytest.mark.shared
def test_dossier_merges_with_the_sources(shared_data: Path, tmp_path: Path) -> None:
    """Built with every source, each dossier decision is one decision with several accounts."""
    found = sources.detect(shared_data)
    report = ingest.build(tmp_path / "all.db", [("dossier", sources.read_dossier), *found.loaders()])
    con = store.open_db(tmp_path / "all.db", read_only=True)
    rows = store.list_decisions(con, Selection(series="dprk-human-rights"))
    assert len(rows) == report.sources[0].decisions
    symbols = Counter(d.symbol for d in store.list_decisions(con, Selection(search="A/RES/69/188")))
    assert symbols["A/RES/69/188"] == 1
