"""Rolls a source cannot be trusted with: a roll call a release lists twice is stored once, a roll
a file attaches to the wrong record is withheld (counted, reported), and a source whose own totals
and roll disagree is explained by the audit's cited rule, while a difference between two sources
stays open."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.harness import cli
from tests.hardening.test_bad_input import OHCHR_VOTES_HEADER, ROLL_CALLS_HEADER, VOTES, VOTES_HEADER, lines, write
from tests.hardening.test_check import dossier_db

from unvotes.sources.ohchr import RESOLUTIONS as OHCHR_RESOLUTIONS

__all__ = ["dossier_db"]

HRC_RULE = "ohchr-hrc-record-contradicts-itself"
ROLL = [("USA", "Y"), ("FRA", "Y"), ("CHN", "N"), ("RUS", "N"), ("CUB", "A")]


@pytest.fixture()
def db(dossier_db: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(dossier_db, tmp_path / "unvotes.db"))


def _json(*args: str) -> tuple[int, dict[str, Any]]:
    done = cli(*args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def _ohchr(folder: Path, records: list[tuple[str, tuple[int, int, int], list[tuple[str, str]]]]) -> list[Path]:
    """HRC recorded votes ``(symbol, official totals, roll)``, one record each."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(OHCHR_RESOLUTIONS.required), lineterminator="\n")
    writer.writeheader()
    long = []
    for n, (symbol, (yes, no, abstain), roll) in enumerate(records):
        record_id = str(990100 + n)
        row = dict.fromkeys(OHCHR_RESOLUTIONS.required, "")
        row.update(record_id=record_id, symbol=symbol, title="A test resolution", date="2016-09-27")
        row.update(body="Human Rights Council", collection="Voting Collection", vote_type="RECORDED")
        row.update(yes=str(yes), no=str(no), abstain=str(abstain))
        writer.writerow(row)
        long += [f"{record_id},{symbol},2016-09-27,HRC,{code},{code},WEOG,{vote}" for code, vote in roll]
    folder.mkdir(exist_ok=True)
    return [write(folder / "hrc_votes.csv", lines(OHCHR_VOTES_HEADER, long)), write(folder / "hrc.csv", out.getvalue())]


def _roll(db: Path, symbol: str) -> dict[str, str]:
    _, payload = _json("votes", symbol, "--db", str(db))
    return {r["country_code"]: r["vote"] for r in payload["rows"]}


def test_a_roll_the_file_gives_to_the_wrong_record_is_withheld(db: Path, tmp_path: Path) -> None:
    paths = _ohchr(
        tmp_path / "in",
        [
            ("A/HRC/RES/99/10", (2, 2, 1), ROLL),  # the roll's own record: totals agree
            ("A/HRC/99/L.11", (1, 3, 1), ROLL),  # the same roll attached to another record: contradicts it
            ("A/HRC/99/L.12", (2, 2, 2), [*ROLL[:4], ("CUB", "A"), ("JPN", "N")]),  # its own roll, off by one
        ],
    )
    done = cli("ingest", "ohchr", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "skipped 5: vote row of a roll the file also gives to another record" in done.stdout
    assert "withheld" in done.stdout
    assert _roll(db, "A/HRC/RES/99/10") == {"USA": "yes", "FRA": "yes", "CHN": "no", "RUS": "no", "CUB": "abstain"}
    assert _roll(db, "A/HRC/99/L.11") == {}
    _, decisions = _json("decisions", "--search", "A/HRC/99/L.11", "--db", str(db))
    [decision] = decisions["rows"]
    assert (decision["yes_count"], decision["no_count"], decision["abstain_count"]) == (1, 3, 1)
    assert len(_roll(db, "A/HRC/99/L.12")) == 6  # a roll of its own is kept, whatever its totals


def test_a_source_contradicting_itself_is_explained_by_its_rule(db: Path, tmp_path: Path) -> None:
    paths = _ohchr(tmp_path / "in", [("A/HRC/RES/99/20", (3, 2, 1), ROLL)])
    assert cli("ingest", "ohchr", *map(str, paths), "--db", str(db)).returncode == 0
    code, payload = _json("check", "--db", str(db))
    [finding] = [f for f in payload["findings"] if f["symbol"] == "A/HRC/RES/99/20"]
    assert finding["kind"] == "totals_vs_roll" and finding["detail"] == "official 3-2-1, counted 2-2-1"
    assert finding["is_acknowledged"] is True and finding["rule"] == HRC_RULE
    assert "github.com/lszoszk/hrc-voting" in finding["explanation"]
    assert code == 0 and {r["rule"]: r["findings"] for r in payload["rules"]}[HRC_RULE] == 1


def test_totals_of_one_source_against_the_roll_of_another_stay_open(db: Path) -> None:
    """The rule speaks of a source contradicting itself: a Voeten 2017 roll against totals that only
    the dossier gives is a finding no rule explains."""
    con = sqlite3.connect(db)
    with con:
        (decision_id,) = con.execute("SELECT decision_id FROM decisions WHERE symbol = 'A/RES/69/188'").fetchone()
        source_id = con.execute(
            "INSERT INTO sources (kind, file_name, sha256, rows_read, citation, priority, ingested_at)"
            " VALUES ('voeten2017', 'votes.csv', 'test', 1, 'a test file', 6, '2026-01-01T00:00:00')"
        ).lastrowid
        con.execute(
            "INSERT INTO discrepancies (decision_id, kind, detail, source_id) VALUES (?, 'totals_vs_roll', ?, ?)",
            (decision_id, "official 116-20-53, counted 115-20-53", source_id),
        )
    con.close()
    code, payload = _json("check", "--db", str(db))
    [finding] = [f for f in payload["findings"] if f["detail"] == "official 116-20-53, counted 115-20-53"]
    assert code == 1 and finding["is_acknowledged"] is False and finding["rule"] is None


@pytest.mark.parametrize(("para", "stored"), [("0", 1), ("1", 2)], ids=["resolution", "paragraph"])
def test_a_roll_call_listed_twice_in_a_release_is_stored_once(db: Path, tmp_path: Path, para: str, stored: int) -> None:
    """Two rcids with the same symbol, date and roll are one roll call of a resolution; separate
    votes on paragraphs of one text share its symbol and may share a roll, and stay two."""
    calls = [
        f"9901,69.0,0,2014-12-18,R/69/901,0,{para},TEST ONE,A first test roll call",
        f"9902,69.0,0,2014-12-18,R/69/901,0,{para},TEST ONE,The same roll call again",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [
        write(folder / "un_votes.csv", lines(VOTES_HEADER, VOTES)),
        write(folder / "un_roll_calls.csv", lines(ROLL_CALLS_HEADER, calls)),
    ]
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    _, payload = _json("decisions", "--search", "A/RES/69/901", "--db", str(db))
    assert len(payload["rows"]) == stored
    assert ("listed twice in the release" in done.stdout) is (stored == 1)
    code, check = _json("check", "--db", str(db))
    assert code == 0 and check["counts"]["probable_duplicate"] == 0


def test_a_recorded_vote_without_a_roll_is_a_finding_its_rule_explains(db: Path, tmp_path: Path) -> None:
    """The OHCHR record gives totals and no roll: kept, and shown by ``check`` with the cited rule."""
    paths = _ohchr(tmp_path / "in", [("A/HRC/RES/99/30", (20, 10, 5), [])])
    done = cli("ingest", "ohchr", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "recorded vote without a roll in the source" in done.stdout
    code, payload = _json("check", "--db", str(db))
    [finding] = [f for f in payload["findings"] if f["symbol"] == "A/HRC/RES/99/30"]
    assert finding["kind"] == "roll_missing" and "official totals kept" in finding["detail"]
    assert finding["is_acknowledged"] is True and finding["rule"] == "ohchr-hrc-totals-without-roll"
    assert code == 0


def test_a_recorded_vote_without_a_roll_from_a_source_no_rule_covers_stays_open(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    calls = [
        "9901,69.0,0,2014-12-18,R/69/901,0,0,TEST ONE,A roll call",
        "9903,69.0,0,2014-12-18,R/69/903,0,0,TEST THREE,No roll",
    ]
    paths = [
        write(folder / "un_votes.csv", lines(VOTES_HEADER, [v for v in VOTES if v.startswith("9901,")])),
        write(folder / "un_roll_calls.csv", lines(ROLL_CALLS_HEADER, calls)),
    ]
    assert cli("ingest", "voeten2021", *map(str, paths), "--db", str(db)).returncode == 0
    code, payload = _json("check", "--db", str(db))
    [finding] = [f for f in payload["findings"] if f["kind"] == "roll_missing"]
    assert finding["symbol"] == "A/RES/69/903" and "not known" in finding["detail"]
    assert code == 1 and finding["is_acknowledged"] is False and finding["rule"] is None


def test_the_2017_council_vote_has_its_reported_tally_and_a_roll_by_elimination(dossier_db: Path) -> None:
    con = sqlite3.connect(dossier_db)
    try:
        totals = con.execute(
            "SELECT yes_count, no_count, abstain_count FROM decisions WHERE body = 'sc' AND date = '2017-12-11'"
        ).fetchone()
        roll = dict(
            con.execute(
                "SELECT p.country_code, p.vote || ':' || p.is_inferred FROM positions AS p"
                " JOIN decisions AS d USING (decision_id) WHERE d.body = 'sc' AND d.date = '2017-12-11'"
            ).fetchall()
        )
    finally:
        con.close()
    assert totals == (10, 3, 2) and len(roll) == 15
    assert {c for c, v in roll.items() if v == "no:0"} == {"BOL", "CHN", "RUS"}
    assert {c for c, v in roll.items() if v == "abstain:0"} == {"EGY", "ETH"}
    assert sum(v == "yes:1" for v in roll.values()) == 10  # in favour by elimination: inferred
