"""The dynamic ordinal model on simulated votes with a known truth: recovery, interval coverage,
missing data, late joiners, a successor state kept apart, anchoring, repeats and warm starts."""

from __future__ import annotations

import numpy as np
import pytest

from unvotes.analysis import DecisionInfo, DynamicSettings, RollMatrix, fit_dynamic_ideal_points, repeat_items
from unvotes.analysis.dynamic_ideal import DynamicIdealPoints
from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, NOT_MEMBER, YES
from unvotes.analysis.simulate import SimulatedVotes, simulate_votes
from unvotes.analysis.tridiagonal import inverse_diagonal_rows, solve_rows
from unvotes.model import Body


def _truth(sim: SimulatedVotes, fit: DynamicIdealPoints) -> np.ndarray:
    index = {code: i for i, code in enumerate(sim.rolls.countries)}
    return np.array([sim.truth[index[c], y - sim.first_year] for c, y in zip(fit.country_code, fit.year, strict=True)])


def _coverage(truth: np.ndarray, fit: DynamicIdealPoints) -> float:
    """Share of 90% intervals holding the truth, once the estimates are put on the truth's scale
    (the model fixes its own scale: mean 0, sd 1; only an affine map separates the two)."""
    slope, intercept = np.polyfit(fit.ideal_point, truth, 1)
    inside = np.abs(truth - (intercept + slope * fit.ideal_point)) <= 1.645 * slope * fit.std_error
    return float(inside.mean())


@pytest.fixture(scope="module")
def simulated() -> tuple[SimulatedVotes, DynamicIdealPoints]:
    sim = simulate_votes(n_states=60, n_years=12, votes_per_year=30, seed=3)
    return sim, fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys)


def test_recovers_every_state_year(simulated: tuple[SimulatedVotes, DynamicIdealPoints]) -> None:
    sim, fit = simulated
    truth = _truth(sim, fit)
    assert fit.converged
    assert np.corrcoef(truth, fit.ideal_point)[0, 1] >= 0.95
    assert 0.85 <= _coverage(truth, fit) <= 0.97
    assert fit.n_repeat_groups > 0 and fit.n_items < fit.n_decisions


def test_counts_votes_and_absences_per_state_year(simulated: tuple[SimulatedVotes, DynamicIdealPoints]) -> None:
    sim, fit = simulated
    votes = sim.rolls.votes
    years = np.array([d.year for d in sim.rolls.decisions])
    for k in range(0, len(fit.year), 37):
        row, cols = sim.rolls.country_index(fit.country_code[k]), years == fit.year[k]
        assert fit.n_votes[k] == np.isin(votes[row, cols], [YES, ABSTAIN, NO]).sum()
        assert fit.n_non_voting[k] == (votes[row, cols] == NON_VOTING).sum()
    assert (fit.n_votes > 0).all()


def test_heavy_missing_data_still_recovers() -> None:
    sim = simulate_votes(n_states=50, n_years=10, votes_per_year=30, missing=0.4, seed=5)
    fit = fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys)
    assert np.corrcoef(_truth(sim, fit), fit.ideal_point)[0, 1] >= 0.93
    assert (fit.n_non_voting > 0).mean() > 0.9


def test_a_late_joiner_has_rows_only_from_its_first_vote(
    simulated: tuple[SimulatedVotes, DynamicIdealPoints],
) -> None:
    sim, fit = simulated
    members = ~np.isnan(sim.truth)
    late = [i for i in range(len(members)) if not members[i, 0] and members[i].any()]
    assert late
    for i in late:
        code = sim.rolls.countries[i]
        years = [y for y, _, _ in fit.path(code)]
        assert min(years) >= sim.first_year + int(np.argmax(members[i]))


def _successor_rolls() -> RollMatrix:
    """SUN votes with the no side until 1991, RUS with the yes side from 1992: two chains."""
    sim = simulate_votes(n_states=30, n_years=10, votes_per_year=25, seed=7)
    votes = sim.rolls.votes.copy()
    years = np.array([d.year for d in sim.rolls.decisions])
    usa = votes[0]
    opposite = np.select([usa == YES, usa == NO], [NO, YES], usa)
    sun = np.where(years <= 2004, opposite, NOT_MEMBER)
    rus = np.where(years >= 2005, usa, NOT_MEMBER)
    rows = np.vstack([votes, sun, rus]).astype(np.int8)
    return RollMatrix(countries=(*sim.rolls.countries, "SUN", "RUS"), decisions=sim.rolls.decisions, votes=rows)


def test_a_successor_is_a_state_of_its_own() -> None:
    fit = fit_dynamic_ideal_points(_successor_rolls())
    sun, rus = fit.path("SUN"), fit.path("RUS")
    assert max(y for y, _, _ in sun) == 2004 and min(y for y, _, _ in rus) == 2005
    assert sun[-1][1] < -1 and rus[0][1] > 1  # no pull across the change of code


def test_sign_follows_the_anchor_whatever_the_coding() -> None:
    sim = simulate_votes(n_states=40, n_years=8, votes_per_year=25, seed=11)
    flipped_votes = np.select([sim.rolls.votes == YES, sim.rolls.votes == NO], [NO, YES], sim.rolls.votes)
    flipped = RollMatrix(countries=sim.rolls.countries, decisions=sim.rolls.decisions, votes=flipped_votes)
    a = fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys)
    b = fit_dynamic_ideal_points(flipped, repeat_keys=sim.repeat_keys)
    assert a.anchor == b.anchor == "USA"
    assert np.mean([x for _, x, _ in a.path("USA")]) > 0
    assert np.corrcoef(a.ideal_point, b.ideal_point)[0, 1] > 0.99
    without_usa = sim.rolls.select(countries=sim.rolls.countries[1:])
    c = fit_dynamic_ideal_points(without_usa, DynamicSettings(anchors=("USA", "S005")))
    assert c.anchor == "S005" and np.mean([x for _, x, _ in c.path("S005")]) > 0


def test_repeats_share_an_item_only_once_a_year() -> None:
    years = [2000, 2001, 2002, 2002, 2003]
    infos = [DecisionInfo(decision_id=j, body=Body.GA, year=y) for j, y in enumerate(years)]
    labels, groups, repeated = repeat_items(infos, ["q", "q", "q", "q", None])
    assert labels == ["q", "q", "#2", "#3", "#4"] and (groups, repeated) == (1, 2)


def test_a_warm_start_converges_sooner_to_the_same_answer() -> None:
    sim = simulate_votes(n_states=40, n_years=10, votes_per_year=25, seed=13)
    earlier = sim.rolls.select(decisions=lambda d: (d.year or 0) < 2009)
    first = fit_dynamic_ideal_points(earlier, repeat_keys=sim.repeat_keys[: earlier.n_decisions])
    cold = fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys)
    warm = fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys, start=first)
    assert warm.iterations < cold.iterations
    assert np.abs(warm.ideal_point - cold.ideal_point).max() < 0.05


def test_nothing_to_place_states_on_is_an_error() -> None:
    info = (DecisionInfo(decision_id=1, body=Body.GA, year=2000),)
    rolls = RollMatrix(countries=("USA", "CUB"), decisions=info, votes=np.array([[1], [1]], np.int8))
    with pytest.raises(ValueError, match="no recorded vote divides the voters"):
        fit_dynamic_ideal_points(rolls)


def test_tridiagonal_rows_match_a_dense_solve() -> None:
    rng = np.random.default_rng(0)
    diag = rng.uniform(3, 5, (4, 6))
    off = rng.uniform(-1, 1, (4, 5))
    rhs = rng.normal(size=(4, 6))
    x = solve_rows(diag, off, rhs)
    inverse = inverse_diagonal_rows(diag, off)
    for r in range(4):
        dense = np.diag(diag[r]) + np.diag(off[r], 1) + np.diag(off[r], -1)
        np.testing.assert_allclose(x[r], np.linalg.solve(dense, rhs[r]))
        np.testing.assert_allclose(inverse[r], np.diag(np.linalg.inv(dense)))
