"""Roll calls simulated from the model of :mod:`.dynamic_ideal` with a known truth, to check that
the fit recovers it (tests) and how fast it does so at full size (benchmarks).

States walk at random across the years (start ~ N(0, 1), steps ~ N(0, step_sd²)); a share of
states joins late and a share leaves early; every year holds ``votes_per_year`` roll calls, a
share of them repeating a question of an earlier year (same item parameters, same key); votes
follow the ordered logit with mostly-yes cutpoints and some abstention; a share of the cells is
missing (recorded as non-voting). State 0 is ``USA`` and is placed on the positive side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, NOT_MEMBER, YES, DecisionInfo, RollMatrix
from unvotes.model import Body

__all__ = ["SimulatedVotes", "simulate_votes"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class SimulatedVotes:
    """The votes, one repeat key per decision, and the true position of every state-year
    (states × years; NaN outside membership)."""

    rolls: RollMatrix
    repeat_keys: tuple[str | None, ...]
    truth: FloatArray
    first_year: int


def _paths(rng: np.random.Generator, n_states: int, n_years: int, step_sd: float) -> FloatArray:
    """Random walks with late joiners and early leavers (NaN outside membership); USA positive."""
    x = rng.normal(0, 1, n_states)[:, None] + np.cumsum(rng.normal(0, step_sd, (n_states, n_years)), axis=1)
    x[0] = np.abs(x[0]) + 1.0
    join = np.where(rng.random(n_states) < 0.3, rng.integers(0, n_years // 2 + 1, n_states), 0)
    leave = np.where(rng.random(n_states) < 0.1, rng.integers(n_years // 2, n_years + 1, n_states), n_years)
    join[0], leave[0] = 0, n_years
    years = np.arange(n_years)
    member = (years[None, :] >= join[:, None]) & (years[None, :] < np.maximum(leave, join + 2)[:, None])
    return np.where(member, x, np.nan)


def simulate_votes(
    *,
    n_states: int = 40,
    n_years: int = 10,
    votes_per_year: int = 20,
    missing: float = 0.1,
    repeat_share: float = 0.3,
    step_sd: float = 0.2,
    seed: int = 0,
) -> SimulatedVotes:
    """Simulate (see the module docstring); deterministic for a seed."""
    rng = np.random.default_rng(seed)
    truth = _paths(rng, n_states, n_years, step_sd)
    n = n_years * votes_per_year
    year = np.repeat(np.arange(n_years), votes_per_year)
    item = np.arange(n)
    repeats = (rng.random(n) < repeat_share) & (year > 0)
    for j in np.flatnonzero(repeats):
        earlier = item[(year < year[j]) & (item == np.arange(n))]
        item[j] = int(rng.choice(earlier))
    beta = rng.normal(0, 1.5, n)
    centre = rng.normal(-1.5, 1.0, n)
    gap = np.abs(rng.normal(0.6, 0.3, n))
    eta = beta[item][None, :] * truth[:, year]
    f1 = 1 / (1 + np.exp(-(eta - centre[item] + gap[item])))
    f2 = 1 / (1 + np.exp(-(eta - centre[item] - gap[item])))
    u = rng.random(eta.shape)
    codes = np.select([u < f2, u < f1], [YES, ABSTAIN], NO)
    codes = np.where(rng.random(eta.shape) < missing, NON_VOTING, codes)
    codes = np.where(np.isnan(truth[:, year]), NOT_MEMBER, codes).astype(np.int8)
    first = 2000
    decisions = tuple(DecisionInfo(decision_id=j, body=Body.GA, year=first + int(year[j])) for j in range(n))
    countries = ("USA", *(f"S{i:03d}" for i in range(1, n_states)))
    keys = tuple(f"q{item[j]}" for j in range(n))
    return SimulatedVotes(RollMatrix(countries=countries, decisions=decisions, votes=codes), keys, truth, first)
