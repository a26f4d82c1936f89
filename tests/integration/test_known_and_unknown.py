"""Unknown is never printed as "no": every decision of the DPRK series, every state. A state's
sponsorship is "no" only where the list of sponsors is complete or a source says so of that state;
its disassociation is "no" only where the list of dissociating states is complete; a count of
sponsors is given only from a complete list or a count a source reports. Checked on the report
behind ``unvotes country`` for every state, and through the command line (CSV and JSON) for the
states the users ask about most."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli
from unvotes import reports, store
from unvotes.model import Selection

SERIES = Selection(series="dprk-human-rights")
WORDS = {
    "sponsorship": {"initial", "additional", "sponsor", "initial,additional", "no", "unknown"},
    "disassociated": {"yes", "no", "unknown", "n/a"},
}
FALSE_WORDS = {"false", "0", "none", "False", "None"}


@pytest.fixture()
def db(built_dossier: Path) -> Path:
    return built_dossier


def _evidence(path: Path) -> tuple[set[int], set[int], set[tuple[int, str]]]:
    """Read straight from the file: decisions whose sponsor list is complete, whose list of
    dissociating states is complete, and (decision, state) pairs a source says did not sponsor."""
    con = sqlite3.connect(path)
    try:
        sponsors = {
            r[0]
            for r in con.execute("SELECT decision_id FROM coverage WHERE fact = 'sponsors' AND coverage = 'complete'")
        }
        sponsors |= {
            r[0]
            for r in con.execute(
                "SELECT s.decision_id FROM sponsorships AS s JOIN sources AS k USING (source_id) WHERE k.kind = 'unxml'"
            )
        }
        dis = {
            r[0]
            for r in con.execute(
                "SELECT decision_id FROM coverage WHERE fact = 'disassociations' AND coverage = 'complete'"
            )
        }
        said = {
            (r[0], r[1])
            for r in con.execute(
                "SELECT decision_id, country_code FROM statements WHERE statement = 'not_sponsor' AND is_secondary = 0"
            )
        }
    finally:
        con.close()
    return sponsors, dis, said


def _check_rows(
    rows: list[dict[str, object]], code: str, evidence: tuple[set[int], set[int], set[tuple[int, str]]]
) -> int:
    complete_sponsors, complete_dis, said = evidence
    noes = 0
    for r in rows:
        decision_id = int(str(r["decision_id"]))
        for column, allowed in WORDS.items():
            value = str(r[column])
            assert value in allowed and value not in FALSE_WORDS, (code, decision_id, column, value)
        if r["sponsorship"] == "no":
            noes += 1
            assert decision_id in complete_sponsors or (decision_id, code) in said, (code, decision_id)
        if r["disassociated"] == "no":
            assert decision_id in complete_dis, (code, decision_id)
    return noes


def test_every_state_on_every_decision_of_the_series(db: Path) -> None:
    evidence = _evidence(db)
    con = store.open_db(db, read_only=True)
    try:
        states = [c.country_code for c in store.list_countries(con)]
        noes = 0
        for code in states:
            table = reports.record_table(con, code, SERIES)
            noes += _check_rows([dict(zip(table.columns, row, strict=True)) for row in table.rows], code, evidence)
    finally:
        con.close()
    assert len(states) > 190
    # the complete DGACM lists of 2019-2025 and the sources' statements do give "no" (not a vacuous test)
    assert noes > 7 * 100


@pytest.mark.parametrize("code", ["KOR", "CHN", "PRK", "CUB", "USA", "JPN"])
def test_the_command_line_says_the_same_in_csv_and_json(db: Path, code: str) -> None:
    evidence = _evidence(db)
    done = run_cli("country", code, "--series", "dprk-human-rights", "--db", str(db), "--format", "csv")
    assert done.returncode == 0, done.stderr
    as_csv = list(csv.DictReader(io.StringIO(done.stdout)))
    _check_rows(list(as_csv), code, evidence)
    done = run_cli("country", code, "--series", "dprk-human-rights", "--db", str(db), "--format", "json")
    as_json = json.loads(done.stdout)["rows"]
    _check_rows(as_json, code, evidence)
    assert [r["sponsorship"] for r in as_json] == [r["sponsorship"] for r in as_csv]


def test_the_sponsor_counts_of_the_series(db: Path) -> None:
    done = run_cli("sponsors", "--series", "dprk-human-rights", "--db", str(db), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["coverage"] for r in rows} == {"complete", "partial", "unknown"}
    for r in rows:
        assert r["named"] not in FALSE_WORDS and r["sponsors"] not in FALSE_WORDS, r
        if r["coverage"] != "complete":
            # a number of sponsors only where a source reports one total
            assert not r["sponsors"] or r["totals_reported"] == r["sponsors"], r
        if r["coverage"] == "unknown":
            assert not r["sponsors"] and not r["named"], r
    by_key = {(r["body"], r["year"]): r for r in rows if r["kind"] in ("resolution", "draft")}
    assert by_key["ga", "2021"]["coverage"] == "complete" and by_key["ga", "2021"]["sponsors"] == "60"
    assert by_key["ga", "2005"]["coverage"] == "unknown"
    assert by_key["c3", "2014"]["sponsors"] == "62" and by_key["c3", "2014"]["named"] == "58"
