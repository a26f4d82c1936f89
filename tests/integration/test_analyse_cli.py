"""`unvotes analyse` on real databases: the shipped dossier, and every shared source file.

The dossier database is built once per module in-process; the commands run in-process through
Typer's runner, and once as a subprocess to see the error line and exit code a user sees.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unvotes import ingest, sources, store
from unvotes.analysis import agreement_matrix
from unvotes.cli import app
from unvotes.errors import NotFoundError
from unvotes.reports import Selection
from unvotes.reports.analysis import selection_rolls

RUNNER = CliRunner()
LEFT_NO_2015 = {"ECU": "abstain", "GMB": "abstain", "LKA": "yes"}
CHANGED_2015 = {
    *("ATG", "BDI", "COG", "COM", "DZA", "ECU", "GAB", "GMB", "LKA", "RWA"),
    *("SAU", "SOM", "STP", "SWZ", "SYC", "TGO", "TJK", "TON", "VUT"),
}
ALWAYS_WITH_PRK = {"BLR", "CHN", "CUB", "EGY", "IRN", "RUS", "SDN", "VEN", "VNM", "ZWE", "UZB"}


@pytest.fixture(scope="module")
def dossier_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dossier") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    return path


def _run(db: Path, *args: str, fmt: str = "csv") -> str:
    result = RUNNER.invoke(app, ["analyse", *args, "--db", str(db), "--format", fmt])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


def _rows(db: Path, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_run(db, *args))))


def test_switchers_2014_to_2015(dossier_db: Path) -> None:
    rows = _rows(
        dossier_db, "switchers", "--series", "dprk-human-rights", "--body", "ga", "--from", "2014", "--to", "2015"
    )
    assert {r["country_code"] for r in rows} == CHANGED_2015
    left_no = {r["country_code"]: r["vote_after"] for r in rows if r["vote_before"] == "no"}
    assert left_no == LEFT_NO_2015
    joined_no = {r["country_code"] for r in rows if r["vote_after"] == "no"}
    assert joined_no == {"BDI", "DZA"}
    assert {(r["before_symbol"], r["after_symbol"]) for r in rows} == {("A/RES/69/188", "A/RES/70/172")}
    by_symbol = _rows(dossier_db, "switchers", "A/RES/69/188", "A/RES/70/172")
    assert by_symbol == rows


def test_switchers_year_on_year_skip_the_years_without_a_vote(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "switchers", "--body", "ga")
    pairs = sorted({(int(r["before_year"]), int(r["after_year"])) for r in rows})
    voted = [2005, 2006, 2007, 2008, 2009, 2010, 2011, 2014, 2015]
    assert pairs == list(pairwise(voted))


def test_prk_closest_states(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "agreement", "--with", "PRK", "--series", "dprk-human-rights")
    top = {r["country_code"] for r in rows if r["rank"] == "1"}
    assert top == ALWAYS_WITH_PRK
    assert {"CHN", "CUB", "RUS"} <= top
    closest = {r["country_code"]: (float(r["agreement"]), int(r["common"])) for r in rows if r["agreement"]}
    assert closest["CHN"] == (1.0, 19)  # 9 plenary, 9 Third Committee votes and the 2014 amendment
    assert closest["JPN"][0] == 0.0
    payload = json.loads(_run(dossier_db, "agreement", "--with", "PRK", "--series", "dprk-human-rights", fmt="json"))
    assert payload["table"] == "agreement" and payload["notes"][0].startswith("Definition voeten:")
    state_dept = _rows(
        dossier_db, "agreement", "--with", "PRK", "--series", "dprk-human-rights", "--method", "state_dept"
    )
    assert {r["country_code"] for r in state_dept if r["rank"] == "1"} >= {"CHN", "CUB", "RUS"}


def test_implied_tally_2016_with_its_backtest(dossier_db: Path) -> None:
    payload = json.loads(_run(dossier_db, "implied-tally", "--year", "2016", fmt="json"))
    assert payload["title"] == "Implied tally of A/RES/71/202 (2016), model estimate"
    tally = {r["vote"]: r for r in payload["rows"]}
    assert sum(r["expected"] for r in tally.values()) == pytest.approx(193, abs=0.5)
    assert tally["no"]["low"] <= tally["no"]["expected"] <= tally["no"]["high"]
    assert payload["notes"][0].startswith("Model estimates, not records.")
    assert payload["notes"][1].startswith("Back-test: mean accuracy 0.851 over 9 held-out recorded votes (2005-2015)")
    backtest = _rows(dossier_db, "implied-tally", "--year", "2016", "--show", "backtest")
    assert [int(r["year"]) for r in backtest] == [2005, 2006, 2007, 2008, 2009, 2010, 2011, 2014, 2015]
    states = {
        r["country_code"]: r["most_likely"]
        for r in _rows(dossier_db, "implied-tally", "--year", "2016", "--show", "states")
    }
    assert len(states) == 193 and states["PRK"] == "no" and states["JPN"] == "yes"


def test_chain_2014_through_the_cuban_amendment(dossier_db: Path) -> None:
    rows = {r["country_code"]: r for r in _rows(dossier_db, "chain", "--year", "2014")}
    cuba = rows["CUB"]
    assert (cuba["c3_amendment"], cuba["c3_draft"], cuba["ga_resolution"], cuba["verdict"]) == (
        "yes",
        "no",
        "no",
        "consistent",
    )
    assert rows["JPN"]["verdict"] == "consistent"
    assert {c for c, r in rows.items() if r["verdict"] == "reversed"} == {"BDI", "BHS", "HTI", "SLV", "SSD", "THA"}


def test_timeline_of_the_plenary(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "timeline", "--body", "ga")
    by_year = {int(r["year"]): r for r in rows}
    assert sorted(by_year) == list(range(2005, 2026))
    assert by_year[2014]["yes"] == "116" and by_year[2014]["tally_source"] == "official"
    assert by_year[2025]["without_vote_streak"] == "10"


def test_cohesion_of_the_regional_groups(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "cohesion", "--series", "dprk-human-rights", "--body", "ga")
    assert {r["group"] for r in rows} == {"ag", "apg", "eeg", "grulac", "weog"}
    weog = {int(r["year"]): float(r["agreement_index"]) for r in rows if r["group"] == "weog"}
    assert set(weog) == {2005, 2006, 2007, 2008, 2009, 2010, 2011, 2014, 2015}
    assert min(weog.values()) > 0.9
    eu = _rows(
        dossier_db, "cohesion", "--group", "eu", "--by", "decision", "--series", "dprk-human-rights", "--body", "ga"
    )
    assert [int(r["yes"]) for r in eu if r["symbol"] == "A/RES/69/188"] == [28]


def test_ideal_points_on_the_series(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "ideal-points", "--series", "dprk-human-rights", "--body", "ga")
    points = {r["country_code"]: float(r["ideal_point"]) for r in rows}
    assert points["USA"] > 0 > points["PRK"]
    assert points["KOR"] > points["CHN"]


def test_usage_and_lookup_errors(dossier_db: Path) -> None:
    result = RUNNER.invoke(app, ["analyse", "agreement", "--db", str(dossier_db)])
    assert result.exit_code == 2 and "choose the decisions with --series, --body or --topic" in result.output
    for args, message in (
        (("implied-tally", "--year", "2014"), "was a recorded_vote"),
        (("switchers", "--from", "2013", "--to", "2015"), "no recorded vote of ga in 2013"),
        (("timeline", "--series", "nope"), "unknown series 'nope'"),
        (("cohesion", "--group", "oic", "--series", "dprk-human-rights"), "unknown group 'oic'"),
    ):
        with pytest.raises(NotFoundError, match=message):
            _run(dossier_db, *args)
    done = subprocess.run(
        [sys.executable, "-m", "unvotes", "analyse", "chain", "--year", "2016", "--db", str(dossier_db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: no recorded vote on the chain of dprk-human-rights in 2016")


@pytest.mark.shared
def test_full_database_gives_the_same_switchers_and_closest_states(full_db: Path) -> None:
    rows = _rows(
        full_db, "switchers", "--series", "dprk-human-rights", "--body", "ga", "--from", "2014", "--to", "2015"
    )
    assert {r["country_code"]: r["vote_after"] for r in rows if r["vote_before"] == "no"} == LEFT_NO_2015
    top = {
        r["country_code"]
        for r in _rows(full_db, "agreement", "--with", "PRK", "--series", "dprk-human-rights")
        if r["rank"] == "1"
    }
    assert top == ALWAYS_WITH_PRK


@pytest.mark.shared
def test_agreement_matrix_of_every_ga_roll_call_in_under_a_second(full_db: Path) -> None:
    con = store.open_db(full_db, read_only=True)
    rolls = selection_rolls(con, Selection(body="ga"))
    assert rolls.n_decisions > 6000 and rolls.n_countries > 190
    start = time.perf_counter()
    matrix = agreement_matrix(rolls)
    assert time.perf_counter() - start < 1.0
    assert matrix.value("CHN", "PRK") > 0.9 > matrix.value("USA", "PRK")  # type: ignore[operator]


@pytest.mark.shared
def test_ideal_points_on_human_rights_votes(full_db: Path) -> None:
    rows = _rows(full_db, "ideal-points", "--topic", "hr", "--from", "2005")
    points = {r["country_code"]: float(r["ideal_point"]) for r in rows}
    assert points["USA"] > points["KOR"] > 0 > points["CHN"]
    assert points["PRK"] < -1
    assert len(points) >= 190


def test_ideal_points_by_year_work_on_the_dossier_alone(dossier_db: Path) -> None:
    rows = _rows(dossier_db, "ideal-points", "--by", "year")
    assert list(rows[0]) == ["country_code", "year", "ideal_point", "std_error", "n_votes", "n_non_voting"]
    by = {(r["country_code"], int(r["year"])): float(r["ideal_point"]) for r in rows}
    years = {y for _, y in by}
    assert years == {2005, 2006, 2007, 2008, 2009, 2010, 2011, 2014, 2015}  # the plenary's recorded votes
    assert all(by[("USA", y)] > 0 > by[("PRK", y)] for y in years)
    payload = json.loads(_run(dossier_db, "ideal-points", "--by", "year", fmt="json"))
    notes = " ".join(payload["notes"])
    assert "dynamic-ordinal-irt/1" in notes and "Thin data" in notes and "9 votes in 1 questions" in notes


def test_ideal_points_by_year_as_parquet_carry_the_model(dossier_db: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    result = RUNNER.invoke(app, ["analyse", "ideal-points", "--by", "year", "--db", str(dossier_db), "-f", "parquet"])
    assert result.exit_code == 0
    table = pq.read_table(io.BytesIO(result.stdout_bytes))
    assert table.column_names[:5] == ["country_code", "year", "ideal_point", "std_error", "n_votes"]
    assert str(table.schema.field("year").type) == "int64"
    assert "dynamic-ordinal-irt/1" in table.schema.metadata[b"notes"].decode()


def test_a_topic_the_dossier_lacks_is_one_line_with_the_way_out(dossier_db: Path) -> None:
    with pytest.raises(NotFoundError, match=r"holds no topic codes .* --series dprk-human-rights"):
        _run(dossier_db, "ideal-points", "--by", "year", "--topic", "hr", "--from", "2005")
    args = ["analyse", "ideal-points", "--by", "year", "--smoothness", "0", "--db", str(dossier_db)]
    result = RUNNER.invoke(app, args)
    assert result.exit_code == 1 and "--smoothness must be a positive number" in str(result.exception)


@pytest.mark.shared
def test_ideal_points_by_year_on_human_rights_votes(full_db: Path) -> None:
    rows = _rows(full_db, "ideal-points", "--by", "year", "--topic", "hr")
    by = {(r["country_code"], int(r["year"])): float(r["ideal_point"]) for r in rows}
    for year in (2005, 2010, 2015):
        assert by[("USA", year)] > by[("KOR", year)] > 0 > by[("CHN", year)]
        assert by[("PRK", year)] < -1 and by[("CUB", year)] < -1 and by[("IRN", year)] < -1
    assert max(y for c, y in by if c == "SUN") == 1991 and min(y for c, y in by if c == "RUS") == 1992


def test_the_readme_ideal_point_examples_run_on_the_dossier(dossier_db: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if "unvotes analyse ideal-points" in line]
    runnable = [line.split("#")[0].split(">")[0].split()[1:] for line in lines if "needs --data-dir" not in line]
    assert len(runnable) >= 3
    for args in runnable:
        result = RUNNER.invoke(app, [*args, "--db", str(dossier_db)])
        assert result.exit_code == 0, (args, result.output)
