"""Implied tallies of adoptions without a vote, and their back-test."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.analysis.examples import GA_2014, GA_2016, dprk_like
from unvotes.analysis import (
    DecisionInfo,
    ImpliedTallySettings,
    RollMatrix,
    backtest_implied_tally,
    backtest_series,
    estimate_implied_tally,
    fit_ideal_points,
)
from unvotes.model import AdoptionMethod, Body, Vote


def test_golden_estimate_for_2016() -> None:
    est = estimate_implied_tally(dprk_like(), GA_2016)
    assert est.is_model_estimate and est.method.startswith("model estimate")
    assert est.history == (11, 14, 15)
    assert len(est.states) == 16  # every state with a position on the 2015 vote, the nearest one
    assert est.state("PRK").most_likely is Vote.NO
    assert est.state("USA").most_likely is Vote.YES
    assert est.state("LAO").basis == "history"
    total = est.yes.expected + est.no.expected + est.abstain.expected + est.non_voting.expected
    assert total == pytest.approx(16)
    assert est.yes.low <= est.yes.expected <= est.yes.high
    again = estimate_implied_tally(dprk_like(), GA_2016)
    assert again == est  # seeded


def test_new_member_uses_ideal_point_neighbours() -> None:
    rolls = dprk_like()
    only_2014 = rolls.select(decisions=[11, 14, 15, GA_2016])
    votes = np.array(only_2014.votes)
    votes[only_2014.country_index("LAO"), :] = 0  # no history at all
    blank = RollMatrix(countries=rolls.countries, decisions=only_2014.decisions, votes=votes)
    points = fit_ideal_points(rolls)
    est = estimate_implied_tally(blank, GA_2016, members=rolls.countries, ideal_points=points)
    assert est.state("LAO").basis == "ideal_point_neighbours"
    assert est.state("LAO").most_likely is Vote.NO  # its neighbours on the ideal-point scale voted no
    assert est.state("SSD").basis == "history"
    assert estimate_implied_tally(blank, GA_2016, members=rolls.countries).state("LAO").basis == "series_average"


def test_golden_backtest_holds_the_year_out() -> None:
    bt = backtest_implied_tally(dprk_like(), GA_2014)
    assert GA_2014 not in bt.estimate.history and 1 not in bt.estimate.history
    assert bt.n_states == 16
    assert bt.recorded.yes == 6
    assert 0.7 <= bt.accuracy <= 1.0
    assert bt.yes_error == pytest.approx(bt.estimate.yes.expected - 6)


def test_backtest_on_simulated_stable_series_is_accurate() -> None:
    rng = np.random.default_rng(1)
    n, years = 150, 10
    propensity = rng.dirichlet([0.4, 0.2, 0.3], size=n)  # yes, no, abstain per state
    draws = np.array([[rng.choice([1, 3, 2], p=propensity[i]) for _ in range(years)] for i in range(n)])
    decisions = tuple(DecisionInfo(decision_id=y, body=Body.GA, year=2005 + y) for y in range(years))
    rolls = RollMatrix(countries=tuple(f"S{i:03d}" for i in range(n)), decisions=decisions, votes=draws)
    result = backtest_series(rolls, settings=ImpliedTallySettings(n_draws=2000))
    assert len(result.results) == years
    best = np.array([[1, 3, 2][int(np.argmax(p))] for p in propensity])
    ceiling = float(np.mean([(draws[:, y] == best).mean() for y in range(years)]))
    assert result.mean_accuracy is not None and result.mean_accuracy > ceiling - 0.1
    assert result.mean_absolute_error is not None and max(result.mean_absolute_error) < 12
    covered = np.mean([r.is_within_interval for r in result.results])
    assert covered >= 0.6


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 8]), min_size=4, max_size=4), min_size=1, max_size=6))
def test_probabilities_are_distributions(rows: list[list[int]]) -> None:
    voted = [DecisionInfo(decision_id=j, body=Body.GA, year=2010 + j) for j in range(3)]
    quiet = DecisionInfo(decision_id=9, body=Body.GA, year=2016, adoption_method=AdoptionMethod.WITHOUT_VOTE)
    decisions = (*voted, quiet)
    votes = np.array(rows, dtype=np.int8)
    votes[:, 3] = 0
    votes[0, 0] = 1  # at least one recorded position
    rolls = RollMatrix(countries=tuple(f"S{i}" for i in range(len(rows))), decisions=decisions, votes=votes)
    est = estimate_implied_tally(rolls, 9, members=rolls.countries, settings=ImpliedTallySettings(n_draws=200))
    for s in est.states:
        probs = (s.p_yes, s.p_no, s.p_abstain, s.p_non_voting)
        assert min(probs) >= 0 and sum(probs) == pytest.approx(1)
    for r in (est.yes, est.no, est.abstain, est.non_voting):
        assert 0 <= r.low <= r.high <= len(rows)


def test_no_history_is_an_error() -> None:
    rolls = dprk_like().select(decisions=[12, 13])
    with pytest.raises(ValueError, match="no recorded vote"):
        estimate_implied_tally(rolls, 12)
