"""``unvotes check`` on the dossier alone (clean), on every shared source (findings), and on
databases and dossier files damaged on purpose."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.harness import cli

from unvotes import reports, store
from unvotes.reports.audit import KINDS


def _check(db: Path) -> tuple[int, dict[str, Any]]:
    done = cli("check", "--db", str(db), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return done.returncode, payload


@pytest.fixture(scope="module")
def dossier_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("check") / "dossier.db"
    done = cli("build", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture()
def damaged(dossier_db: Path, tmp_path: Path) -> Path:
    """A copy of the dossier database to damage."""
    return Path(shutil.copyfile(dossier_db, tmp_path / "damaged.db"))


def test_dossier_alone_is_clean(dossier_db: Path) -> None:
    code, payload = _check(dossier_db)
    assert code == 0
    assert set(payload) == {"clean", "findings", "counts", "rules"}
    # the shipped rules are listed with how many findings each explains: none in the dossier alone
    rules = {r["rule"]: (r["kind"], r["findings"]) for r in payload["rules"]}
    assert rules["voeten2017-vote-before-admission"] == ("outside_membership", 0)
    assert rules["ohchr-hrc-record-contradicts-itself"] == ("totals_vs_roll", 0)
    assert rules["ohchr-hrc-totals-without-roll"] == ("roll_missing", 0)
    assert {n for _, n in rules.values()} == {0}
    assert payload["clean"] is True
    assert list(payload["counts"]) == list(KINDS)
    assert {k: n for k, n in payload["counts"].items() if n} == {"totals_vs_roll": 3}
    # the GA findings of 2007, 2009 and 2010, explained in facts/acknowledged.csv
    found = {(f["symbol"], f["date"]): f for f in payload["findings"]}
    assert set(found) == {
        ("A/RES/62/167", "2007-12-18"),
        ("A/RES/64/175", "2009-12-18"),
        ("A/RES/65/225", "2010-12-21"),
    }
    assert all(f["is_acknowledged"] and f["explanation"] for f in found.values())


def test_table_format_says_clean(dossier_db: Path) -> None:
    done = cli("check", "--db", str(dossier_db))
    assert done.returncode == 0, done.stderr
    assert "Check: clean" in done.stdout


@pytest.mark.slow
@pytest.mark.shared
def test_every_shared_source_gives_findings_and_each_is_explained(shared_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    done = cli("build", "--data-dir", str(shared_data), "--db", str(db))
    assert done.returncode == 0, done.stderr
    code, payload = _check(db)
    open_ = [(f["kind"], f["symbol"], f["detail"]) for f in payload["findings"] if not f["is_acknowledged"]]
    assert code == 0 and payload["clean"] is True, open_[:10]
    counts = payload["counts"]
    assert counts["totals_vs_roll"] > 2 and counts["outside_membership"] > 0
    assert counts["integrity"] == counts["source_without_citation"] == counts["dossier_row_without_source"] == 0
    assert sum(counts.values()) == len(payload["findings"])
    # a genuine anomaly of Voeten's data: Fiji recorded as voting weeks before its admission (13 October 1970)
    fiji = [f for f in payload["findings"] if f["kind"] == "outside_membership" and f["country_code"] == "FJI"]
    assert fiji and all(f["date"] < "1970-10-13" for f in fiji)
    # the dossier's two explained findings are still explained
    acknowledged = {f["symbol"] for f in payload["findings"] if f["is_acknowledged"]}
    assert {"A/RES/62/167", "A/RES/64/175", "A/RES/65/225"} <= acknowledged
    assert counts["probable_duplicate"] == 0
    # the two CHR records that the source marks adopted without a vote and gives a tally for
    tallies = [f for f in payload["findings"] if f["kind"] == "tally_without_vote"]
    assert {f["symbol"] for f in tallies} == {"E/CN.4/DEC/2(XXVIII)", "E/CN.4/RES/1984/7"}
    assert all(f["rule"] == "ohchr-chr-tally-without-vote" for f in tallies)
    # every finding explained names its curated row or its rule, with a source
    assert all(f["explanation"] for f in payload["findings"])
    rules = {r["rule"]: r["findings"] for r in payload["rules"]}
    assert all(n > 0 for n in rules.values()), rules
    table = cli("check", "--db", str(db))
    assert table.returncode == 0 and "Check: clean" in table.stdout


def _ga_2014(con: sqlite3.Connection) -> tuple[int, int]:
    decision_id, roll_source_id = con.execute(
        "SELECT decision_id, roll_source_id FROM decisions WHERE symbol = 'A/RES/69/188' AND body = 'ga'"
    ).fetchone()
    return int(decision_id), int(roll_source_id)


def _position(db: Path, country_code: str, *, is_inferred: int = 0) -> int:
    """Give ``country_code`` a yes on the 2014 plenary resolution; returns the decision id."""
    con = sqlite3.connect(db)
    with con:
        decision_id, source_id = _ga_2014(con)
        con.execute(
            "INSERT INTO positions (source_id, decision_id, country_code, vote, reason, is_inferred)"
            " VALUES (?, ?, ?, 'yes', NULL, ?)",
            (source_id, decision_id, country_code, is_inferred),
        )
    con.close()
    return decision_id


def test_a_vote_outside_membership_is_found(damaged: Path) -> None:
    decision_id = _position(damaged, "YUG")  # Yugoslavia's seat ended in 2000
    code, payload = _check(damaged)
    assert code == 1 and payload["clean"] is False
    [finding] = [f for f in payload["findings"] if f["kind"] == "outside_membership"]
    assert (finding["decision_id"], finding["country_code"], finding["date"]) == (decision_id, "YUG", "2014-12-18")
    assert finding["detail"] == "YUG yes on 2014-12-18; UN member from 1945-10-24 to 2000-10-31"
    assert finding["is_acknowledged"] is False


def test_an_inferred_position_is_not_a_finding(damaged: Path) -> None:
    _position(damaged, "YUG", is_inferred=1)
    code, payload = _check(damaged)
    assert code == 0 and payload["counts"]["outside_membership"] == 0


def test_an_acknowledged_finding_keeps_the_database_clean(damaged: Path) -> None:
    decision_id = _position(damaged, "SUN")  # the Soviet Union, succeeded by the Russian Federation in 1991
    con = sqlite3.connect(damaged)
    with con:
        source_id = con.execute("SELECT source_id FROM sources WHERE kind = 'dossier' LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO acknowledgements (decision_id, kind, explanation, source_id) VALUES (?, ?, ?, ?)",
            (decision_id, "outside_membership", "Explained for the test.", source_id),
        )
    con.close()
    code, payload = _check(damaged)
    assert code == 0 and payload["clean"] is True
    [finding] = [f for f in payload["findings"] if f["kind"] == "outside_membership"]
    assert finding["is_acknowledged"] is True and finding["explanation"] == "Explained for the test."


def test_a_source_without_citation_is_found(damaged: Path) -> None:
    con = sqlite3.connect(damaged)
    with con:
        con.execute("UPDATE sources SET citation = '  ' WHERE file_name = 'dprk/positions.csv'")
    con.close()
    code, payload = _check(damaged)
    assert code == 1
    [finding] = [f for f in payload["findings"] if f["kind"] == "source_without_citation"]
    assert finding["file"] == "dprk/positions.csv" and finding["source_id"] is not None


def _overwrite(db: Path, start: int, end: int | None = None) -> None:
    """Overwrite bytes ``start:end`` of the file (whole pages) with garbage."""
    data = bytearray(db.read_bytes())
    data[start:end] = b"\xa5" * len(data[start:end])
    db.write_bytes(bytes(data))


def test_a_damaged_page_is_an_integrity_finding(damaged: Path) -> None:
    _overwrite(damaged, -4096)  # the last page: the file still opens
    code, payload = _check(damaged)
    assert code == 1 and payload["clean"] is False
    assert payload["counts"]["integrity"] > 0
    assert {f["kind"] for f in payload["findings"]} == {"integrity"}  # nothing else is read from a damaged file


def test_a_damaged_file_gets_one_line_not_a_traceback(damaged: Path) -> None:
    con = sqlite3.connect(damaged)
    page_size, root = con.execute(
        "SELECT (SELECT page_size FROM pragma_page_size), rootpage FROM sqlite_master WHERE name = 'decisions'"
    ).fetchone()
    con.close()
    _overwrite(damaged, (root - 1) * page_size, root * page_size)  # the file opens; reading decisions fails
    for args in (("decisions",), ("votes", "A/RES/69/188")):
        done = cli(*args, "--db", str(damaged))
        assert done.returncode == 1
        assert done.stderr.startswith("error: the database cannot be read (database disk image is malformed)")
        assert done.stderr.count("\n") == 1, done.stderr
    _overwrite(damaged, page_size)  # every page but the first: the file no longer opens
    done = cli("check", "--db", str(damaged))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr


def _dossier_folder(root: Path) -> Path:
    (root / "facts").mkdir(parents=True)
    (root / "positions.csv").write_text(
        "decision_key,country_code,vote,reason,source\n"
        "ga-2014,KOR,yes,,A/69/PV.73\n"
        'ga-2014,PRK,no,"a note\nover two lines",\n'
        "ga-2014,CHN,no,,\n"
        "ga-2014,CUB,no,,A/69/PV.73\n",
        encoding="utf-8",
    )
    (root / "facts" / "events.csv").write_text("date,kind,title\n2014-12-18,other,A vote\n", encoding="utf-8")
    (root / "facts" / "README.md").write_text("not a table\n", encoding="utf-8")
    return root


def test_dossier_rows_without_a_source_are_found(dossier_db: Path, tmp_path: Path) -> None:
    con = store.open_db(dossier_db, read_only=True)
    try:
        result = reports.audit(con, dossier=_dossier_folder(tmp_path / "dprk"))
    finally:
        con.close()
    rows = [(f.file, f.line, f.detail) for f in result.findings if f.kind == "dossier_row_without_source"]
    assert rows == [
        ("dprk/facts/events.csv", 1, "the file has no source column"),
        ("dprk/positions.csv", 3, "row has no source citation"),
        ("dprk/positions.csv", 5, "row has no source citation"),
    ]
    assert not result.is_clean


def test_the_shipped_dossier_cites_every_row(dossier_db: Path) -> None:
    con = store.open_db(dossier_db, read_only=True)
    try:
        result = reports.audit(con)
    finally:
        con.close()
    assert result.counts["dossier_row_without_source"] == 0
    assert result.is_clean
