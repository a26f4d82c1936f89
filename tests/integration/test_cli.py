"""The command line on a database built from every shared source file (the issue's checks), and
its answers to bad requests."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import FullBuild


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)


@pytest.mark.shared
def test_the_full_build_says_what_it_read_and_what_it_left(full_build: FullBuild) -> None:
    assert "voeten2021" in full_build.stdout and "reconciliation" in full_build.stdout
    assert "derived copy of the unxml JSONL" in full_build.stdout  # files not read are listed with the reason


def _rows(*args: str) -> list[dict[str, str]]:
    done = _cli(*args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


@pytest.mark.shared
def test_2014_plenary_resolution(full_db: Path) -> None:
    rows = _rows("decisions", "--body", "ga", "--year", "2014", "--search", "Korea", "--db", str(full_db))
    [row] = [r for r in rows if r["symbol"] == "A/RES/69/188"]
    assert row["adoption_method"] == "recorded_vote"
    assert (row["yes_count"], row["no_count"], row["abstain_count"]) == ("116", "20", "53")
    roll = {r["country_code"]: r["vote"] for r in _rows("votes", "A/RES/69/188", "--db", str(full_db))}
    assert len(roll) == 193
    assert {roll[c] for c in ("PRK", "CHN", "RUS", "CUB")} == {"no"}
    assert roll["KOR"] == roll["USA"] == "yes"
    assert Counter(roll.values()) == {"yes": 116, "no": 20, "abstain": 53, "non_voting": 4}


@pytest.mark.shared
def test_every_plenary_dprk_resolution(full_db: Path) -> None:
    rows = _rows("decisions", "--body", "ga", "--search", "Democratic People", "--db", str(full_db))
    dprk = {int(r["year"]): r["adoption_method"] for r in rows if "human rights" in r["title"].lower()}
    assert sorted(dprk) == list(range(2005, 2026))
    without = {y for y, m in dprk.items() if m == "without_vote"}
    assert without == {2012, 2013, *range(2016, 2026)}


@pytest.mark.shared
def test_country_record_from_the_human_rights_council(full_db: Path) -> None:
    rows = _rows("country", "KOR", "--body", "hrc", "--db", str(full_db))
    assert len(rows) > 500
    assert {r["body"] for r in rows} == {"hrc"}
    [dprk_2008] = [r for r in rows if r["symbol"] == "A/HRC/RES/7/15"]
    assert dprk_2008["vote"] == "yes"


@pytest.mark.shared
def test_json_output_and_sources_agreeing(full_db: Path) -> None:
    done = _cli("votes", "A/RES/70/172", "--db", str(full_db), "--format", "json")
    payload = json.loads(done.stdout)
    assert payload["table"] == "votes" and len(payload["rows"]) == 193
    disagreements = _rows("discrepancies", "--kind", "sources_disagree_positions", "--db", str(full_db))
    assert not [r for r in disagreements if r["symbol"] == "A/RES/70/172"]


def test_bad_requests_are_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = _cli("decisions", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no database here" in missing.stderr
    built = _cli("build", "--db", str(tmp_path / "d.db"))
    assert built.returncode == 0, built.stderr
    for args, message in (
        (("votes", "A/RES/99/1"), "no decision with symbol 'A/RES/99/1'"),
        (("country", "XYZ"), "unknown state 'XYZ': did you mean"),
        (("decisions", "--body", "assembly"), "unknown body 'assembly'"),
    ):
        done = _cli(*args, "--db", str(tmp_path / "d.db"))
        assert done.returncode == 1, args
        assert message in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
