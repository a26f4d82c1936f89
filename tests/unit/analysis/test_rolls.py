"""The input shape: building, validating and slicing a RollMatrix."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from tests.unit.analysis.examples import GA_2014, GA_2015, dprk_like, roll_matrices
from unvotes.analysis import DecisionInfo, RollMatrix, code_of, vote_of
from unvotes.model import VOTE_CODES, Body, Vote


@settings(deadline=None)
@given(roll_matrices())
def test_from_long_round_trips_the_matrix(rolls: RollMatrix) -> None:
    rows, cols = np.nonzero(rolls.votes)
    order = np.random.default_rng(0).permutation(len(rows))  # any order of the long rows
    rebuilt = RollMatrix.from_long(
        decision_ids=np.array(rolls.decision_ids, dtype=np.int64)[cols[order]],
        country_codes=np.array(rolls.countries)[rows[order]],
        vote_codes=rolls.votes[rows, cols][order],
        decisions=rolls.decisions,
        countries=rolls.countries,
    )
    assert np.array_equal(rebuilt.votes, rolls.votes)
    assert rebuilt.countries == rolls.countries


def test_codes_match_the_model() -> None:
    assert {code_of(v) for v in Vote} == set(VOTE_CODES.values())
    assert all(vote_of(code_of(v)) is v for v in Vote)
    assert vote_of(0) is None
    with pytest.raises(ValueError, match="unknown vote code"):
        vote_of(5)


def test_matrix_is_read_only_and_copied() -> None:
    source = np.array([[1]], dtype=np.int8)
    rolls = RollMatrix(countries=("USA",), decisions=(DecisionInfo(decision_id=1, body=Body.GA),), votes=source)
    source[0, 0] = 3
    assert rolls.votes[0, 0] == 1
    with pytest.raises(ValueError, match="read-only"):
        rolls.votes[0, 0] = 2


def test_bad_input_is_refused_with_a_reason() -> None:
    info = (DecisionInfo(decision_id=1, body=Body.GA),)
    with pytest.raises(ValueError, match="shape"):
        RollMatrix(countries=("USA", "CUB"), decisions=info, votes=np.ones((1, 1), np.int8))
    with pytest.raises(ValueError, match="codes outside"):
        RollMatrix(countries=("USA",), decisions=info, votes=np.array([[4]], np.int8))
    with pytest.raises(ValueError, match="unique"):
        RollMatrix(countries=("USA", "USA"), decisions=info, votes=np.ones((2, 1), np.int8))
    with pytest.raises(ValueError, match="unknown decision id"):
        RollMatrix.from_long([2], ["USA"], [1], info)
    with pytest.raises(ValueError, match=r"duplicate positions, e\.g\. USA on decision 1"):
        RollMatrix.from_long([1, 1], ["USA", "USA"], [1, 3], info)
    with pytest.raises(ValueError, match="vote codes"):
        RollMatrix.from_long([1], ["USA"], [0], info)
    with pytest.raises(ValueError, match="unknown country"):
        RollMatrix.from_long([1], ["CUB"], [1], info, countries=["USA"])


def test_year_follows_the_date_and_must_agree() -> None:
    import datetime as dt

    assert DecisionInfo(decision_id=1, body=Body.GA, date=dt.date(2015, 12, 17)).year == 2015
    with pytest.raises(ValueError, match="disagrees"):
        DecisionInfo(decision_id=1, body=Body.GA, year=2014, date=dt.date(2015, 12, 17))


def test_select_keeps_the_order_asked_for() -> None:
    rolls = dprk_like()
    sub = rolls.select(decisions=[GA_2015, GA_2014], countries=["USA", "PRK"])
    assert sub.decision_ids == (GA_2015, GA_2014)
    assert sub.votes.tolist() == [[1, 1], [3, 3]]
    assert rolls.select(decisions=lambda d: d.body is Body.C3).n_decisions == 2
    assert sub.position("PRK", GA_2014) is Vote.NO
    with pytest.raises(ValueError, match="not in the matrix"):
        rolls.select(countries=["XXX"])
