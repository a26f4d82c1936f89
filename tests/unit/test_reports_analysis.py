"""The analysis reports on a small series written to a real SQLite file: definitions, dates, errors."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from tests.batches import batch, decision
from unvotes import ingest, reports, store
from unvotes.errors import NotFoundError, ParameterError
from unvotes.model import AdoptionMethod, Body, DecisionKind, DecisionLink, LinkRelation, Series, SourceKind, Vote

Y, N, A = Vote.YES, Vote.NO, Vote.ABSTAIN
COUNTRIES = ("FRA", "POL", "CUB", "CHN", "USA", "JPN", "PRK")
ROLLS = {
    "ga-2003": (Y, Y, N, N, Y, Y, N),
    "c3-2005-amendment": (N, N, Y, Y, N, Y, Y),
    "c3-2005": (Y, Y, N, A, Y, Y, N),
    "ga-2005": (Y, A, N, N, Y, Y, N),
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    decisions = [
        dataclasses.replace(decision("ga-2003", "A/RES/58/1", "2003-12-10"), topics=("hr",)),
        decision("c3-2005-amendment", "A/C.3/60/L.9", "2005-11-10", body=Body.C3, kind=DecisionKind.AMENDMENT),
        decision("c3-2005", "A/C.3/60/L.8", "2005-11-10", body=Body.C3, kind=DecisionKind.DRAFT),
        decision("ga-2005", "A/RES/60/1", "2005-12-16"),
        decision("ga-2006", "A/RES/61/1", "2006-12-19", method=AdoptionMethod.WITHOUT_VOTE),
    ]
    toy = batch(
        SourceKind.VOETEN_2017,
        decisions,
        {ref: dict(zip(COUNTRIES, votes, strict=True)) for ref, votes in ROLLS.items()},
    )
    links = (
        DecisionLink("c3-2005-amendment", "c3-2005", LinkRelation.AMENDS),
        DecisionLink("c3-2005", "ga-2005", LinkRelation.BECAME),
    )
    toy = dataclasses.replace(toy, series=Series("toy", "A toy series"), links=links)
    path = tmp_path_factory.mktemp("toy") / "toy.db"
    ingest.build(path, [("toy", lambda: toy)])
    return store.open_db(path, read_only=True)


def _column(table: reports.Table, name: str) -> dict[str, object]:
    return {str(r["country_code"]): r[name] for r in table.records()}


def test_selection_reads_topics_from_the_store(con: sqlite3.Connection) -> None:
    sel = reports.Selection(topic="hr")
    assert sel.describe() == "topic hr (human rights)"
    table = reports.agreement_table(con, sel, with_country="PRK")
    assert "1 recorded votes (topic hr (human rights))" in table.notes[1]
    for bad, error, message in (
        (reports.Selection(topic="xx"), ParameterError, "unknown topic 'xx'"),
        (reports.Selection(body="un"), ParameterError, "unknown body 'un'"),  # type: ignore[arg-type]
        (reports.Selection(series="none"), NotFoundError, "unknown series 'none'"),
        (
            reports.Selection(series="toy", year_from=2010),
            NotFoundError,
            "no recorded votes match series toy, years 2010-…",
        ),
    ):
        with pytest.raises(error, match=message):
            reports.agreement_table(con, bad)


def test_switchers_between_years_skip_adoptions_without_a_vote(con: sqlite3.Connection) -> None:
    table = reports.series_switchers_table(con, "toy", body="ga", year_from=2003, year_to=2005)
    assert [(r["country_code"], r["vote_before"], r["vote_after"]) for r in table.records()] == [
        ("POL", "yes", "abstain")
    ]
    assert "7 states, 1 changed (yes -> abstain 1)" in table.notes[0]
    assert len(reports.series_switchers_table(con, "toy", body="ga").rows) == 1
    with pytest.raises(NotFoundError, match="no recorded vote of ga in 2006; recorded votes in 2003, 2005"):
        reports.series_switchers_table(con, "toy", body="ga", year_from=2005, year_to=2006)
    by_symbol = reports.switchers_table(con, "A/RES/58/1", "A/RES/60/1")
    assert by_symbol.rows == table.rows


def test_chain_reads_the_amendment_as_hostile(con: sqlite3.Connection) -> None:
    table = reports.chain_table(con, 2005, "toy")
    assert table.columns == ("country_code", "country_name", "c3_amendment", "c3_draft", "ga_resolution", "verdict")
    verdicts = _column(table, "verdict")
    assert verdicts == {
        "CHN": "shifted",
        "CUB": "consistent",
        "FRA": "consistent",
        "JPN": "reversed",
        "POL": "shifted",
        "PRK": "consistent",
        "USA": "consistent",
    }
    assert "a yes opposes the text" in table.notes[0]
    with pytest.raises(NotFoundError, match="every step was without a vote"):
        reports.chain_table(con, 2006, "toy")


def test_agreement_ranks_ties_together(con: sqlite3.Connection) -> None:
    table = reports.agreement_table(con, reports.Selection(series="toy", body="ga"), with_country="prk")
    assert [(r["rank"], r["country_code"], r["agreement"]) for r in table.records()][:3] == [
        (1, "CHN", 1.0),
        (1, "CUB", 1.0),
        (3, "POL", 0.25),
    ]
    matrix = reports.agreement_table(con, reports.Selection(series="toy", body="ga"), method="state_dept")
    pairs = {(r["country_code"], r["other_country_code"]): r["agreement"] for r in matrix.records()}
    assert len(pairs) == 21 and pairs[("CHN", "PRK")] == 1.0 and pairs[("FRA", "PRK")] == 0.0
    assert pairs[("FRA", "POL")] == 1.0  # the abstention is not counted under state_dept
    with pytest.raises(NotFoundError, match="unknown method 'state_department'"):
        reports.agreement_table(con, reports.Selection(series="toy"), method="state_department")


def test_cohesion_counts_members_on_the_day_of_each_vote(con: sqlite3.Connection) -> None:
    sel = reports.Selection(series="toy", body="ga")
    table = reports.cohesion_table(con, sel, groups=["eu"], by="decision", min_voting=1)
    rows = [(r["year"], r["yes"], r["abstain"], r["agreement_index"], r["rice_index"]) for r in table.records()]
    assert rows == [(2003, 1, 0, 1.0, 1.0), (2005, 1, 1, 0.25, 1.0)]  # Poland joined the EU on 1 May 2004
    yearly = reports.cohesion_table(con, sel)
    assert {r["group"] for r in yearly.records()} == {"apg", "eeg", "grulac", "weog"}
    assert "(Türkiye in the Asia-Pacific Group) are not" in yearly.notes[3]
    with pytest.raises(NotFoundError, match="unknown breakdown 'month'"):
        reports.cohesion_table(con, sel, by="month")


def test_ideal_points_are_labelled_estimates(con: sqlite3.Connection) -> None:
    table = reports.ideal_points_table(con, reports.Selection(series="toy"), reference="USA")
    points = _column(table, "ideal_point")
    assert points["USA"] > 0 > points["PRK"]  # type: ignore[operator]
    assert table.notes[0].startswith("Model estimates, not records.")
    with pytest.raises(NotFoundError, match="reference state GBR has no position"):
        reports.ideal_points_table(con, reports.Selection(series="toy"), reference="GBR")


def test_implied_tally_of_an_adoption_without_a_vote(con: sqlite3.Connection) -> None:
    report = reports.implied_tally_report(con, 2006, series="toy")
    expected = {r["vote"]: r["expected"] for r in report.tally.records()}
    assert sum(expected.values()) == pytest.approx(7, abs=0.2)  # type: ignore[arg-type]
    assert _column(report.states, "most_likely")["PRK"] == "no"
    assert [r["year"] for r in report.backtest.records()] == [2003, 2005]
    assert report.tally.notes[1].startswith("Back-test: mean accuracy")
    with pytest.raises(NotFoundError, match=r"A/RES/60/1 \(2005\) was a recorded_vote"):
        reports.implied_tally_report(con, 2005, series="toy")
