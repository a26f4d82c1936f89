"""Ideal points: recovery of known parameters on simulated rolls, orientation, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit.analysis.examples import dprk_like
from unvotes.analysis import DecisionInfo, IdealPointSettings, RollMatrix, fit_ideal_points
from unvotes.model import Body


def simulated(seed: int, n_countries: int = 120, n_decisions: int = 400) -> tuple[RollMatrix, np.ndarray]:
    """Rolls drawn from the model itself, with abstentions and gaps added at random."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=n_countries)
    beta = rng.normal(scale=1.5, size=n_decisions)
    alpha = rng.normal(size=n_decisions)
    p = 1 / (1 + np.exp(-(np.outer(theta, beta) - alpha)))
    votes = np.where(rng.random(p.shape) < p, 1, 3).astype(np.int8)
    votes[rng.random(votes.shape) < 0.08] = 2
    votes[rng.random(votes.shape) < 0.05] = 0
    countries = tuple(f"S{i:03d}" for i in range(n_countries))
    decisions = tuple(DecisionInfo(decision_id=j, body=Body.GA, year=2000 + j % 20) for j in range(n_decisions))
    return RollMatrix(countries=countries, decisions=decisions, votes=votes), theta


def test_recovers_simulated_ideal_points() -> None:
    rolls, theta = simulated(seed=7)
    reference = rolls.countries[int(np.argmax(theta))]
    fit = fit_ideal_points(rolls, IdealPointSettings(reference=reference))
    assert fit.converged
    correlation = np.corrcoef(fit.ideal_point, theta)[0, 1]
    assert correlation > 0.95  # positive: the sign follows the reference
    assert fit.get(reference) is not None and fit.get(reference) > 0  # type: ignore[operator]
    assert abs(float(np.mean(fit.ideal_point))) < 1e-9 and float(np.std(fit.ideal_point)) == pytest.approx(1.0)
    assert (fit.std_error > 0).all() and (fit.std_error < 1).all()
    inside = np.abs(fit.ideal_point - (theta - theta.mean()) / theta.std()) < 3 * fit.std_error + 0.3
    assert inside.mean() > 0.9


def test_fit_is_deterministic_and_reference_sets_the_sign() -> None:
    rolls, theta = simulated(seed=3, n_countries=40, n_decisions=120)
    low = rolls.countries[int(np.argmin(theta))]
    a = fit_ideal_points(rolls, IdealPointSettings(reference=low))
    b = fit_ideal_points(rolls, IdealPointSettings(reference=low))
    assert np.array_equal(a.ideal_point, b.ideal_point)
    assert a.get(low) is not None and a.get(low) > 0  # type: ignore[operator]
    flipped = fit_ideal_points(rolls, IdealPointSettings(reference=rolls.countries[int(np.argmax(theta))]))
    assert np.allclose(flipped.ideal_point, -a.ideal_point)
    assert a.settings.reference == low and "abstain" in a.model


def test_bootstrap_uncertainty_is_seeded() -> None:
    rolls, _ = simulated(seed=5, n_countries=30, n_decisions=80)
    settings = IdealPointSettings(reference="S000", n_bootstrap=5, seed=11, tolerance=1e-4)
    a = fit_ideal_points(rolls, settings)
    b = fit_ideal_points(rolls, settings)
    assert settings.uncertainty == "bootstrap"
    assert np.array_equal(a.std_error, b.std_error)
    assert np.isfinite(a.std_error).all() and (a.std_error > 0).all()


def test_dprk_like_matrix_orders_the_camps_and_drops_what_it_cannot_use() -> None:
    fit = fit_ideal_points(dprk_like())
    assert fit.get("USA") is not None and fit.get("PRK") is not None
    assert fit.get("USA") > 0 > fit.get("PRK")  # type: ignore[operator]
    assert fit.n_dropped_decisions == 3  # the three adoptions without a vote
    assert fit.get("IND") is None  # abstained throughout: abstentions are dropped, so no estimate
    ranked = [c for c, _ in fit.ranked()]
    assert ranked.index("PRK") < ranked.index("IDN") < ranked.index("USA")
    assert len(ranked) == 14 and fit.n_votes[fit.countries.index("IND")] == 0
    with pytest.raises(ValueError, match="not in the matrix"):
        fit_ideal_points(dprk_like(), IdealPointSettings(reference="XXX"))
