"""One-dimensional ideal points of states from roll calls: a two-parameter logistic IRT model.

Model (Clinton, Jackman & Rivers, "The Statistical Analysis of Roll Call Data", *APSR* 98(2), 2004;
for the UN, Bailey, Strezhnev & Voeten, "Estimating Dynamic State Preferences from United Nations
Voting Data", *JCR* 61(2), 2017)::

    P(yes_ij) = logistic(beta_j * theta_i - alpha_j)
    theta_i ~ N(0, prior_sd_ideal²),   alpha_j, beta_j ~ N(0, prior_sd_item²)

on yes = 1 / no = 0. **Abstentions, non-voting and absences are dropped** (treated as missing),
as are decisions where fewer than ``min_minority`` states voted on the losing side (a unanimous
vote says nothing about where states stand).

Fit: the joint posterior mode (MAP). One *sweep* takes a Newton step on every item (2 × 2 in
alpha_j, beta_j given theta), then on every state (theta_i given the items), each a vectorised pass
over the states × decisions matrix (the alternating logistic regressions of Imai, Lo & Olmsted,
"Fast Estimation of Ideal Points with Massive Data", *APSR* 110(4), 2016); sweeps are accelerated
with SQUAREM (see :func:`_alternate`). The start is the first singular vector of the centred ±1
vote matrix, so the fit is deterministic; ``seed`` drives only the bootstrap. Iteration stops when
a sweep moves no theta by more than ``tolerance``.

Reported scale: theta standardised to mean 0 and standard deviation 1 over the states with votes
(items transformed to match), sign chosen so that the ``reference`` state is positive.

Uncertainty: ``laplace`` (default) — the standard error of theta_i from the curvature of the log
posterior at the mode with the items held at their estimates,
se_i = 1 / sqrt(Σ_j beta_j² p_ij (1 - p_ij) + s² / prior_sd_ideal²) on the reported scale (s the
standard deviation of theta before standardising; it ignores item uncertainty, so it is optimistic);
or a parametric bootstrap with ``n_bootstrap`` draws (votes simulated from the fit, model refitted
from the estimate, standard deviation of the re-oriented draws).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.analysis.rolls import NO, YES, RollMatrix

__all__ = ["IdealPointSettings", "IdealPoints", "fit_ideal_points"]

FloatArray = npt.NDArray[np.float64]
MODEL = (
    "2PL logistic IRT on yes=1/no=0; abstain, non_voting and absent dropped; "
    "MAP by alternating Newton sweeps with SQUAREM"
)


@dataclass(frozen=True, slots=True)
class IdealPointSettings:
    """Everything that determines a fit; recorded in the result."""

    reference: str = "USA"
    prior_sd_ideal: float = 1.0
    prior_sd_item: float = 2.5
    min_minority: int = 1
    tolerance: float = 1e-6
    max_iterations: int = 3000  #: sweeps (one sweep = all items, then all states)
    n_bootstrap: int = 0
    seed: int = 0

    @property
    def uncertainty(self) -> str:
        return "bootstrap" if self.n_bootstrap > 0 else "laplace"


@dataclass(frozen=True, eq=False)
class IdealPoints:
    """Fitted ideal points (NaN for a state with no yes/no vote on a used decision)."""

    countries: tuple[str, ...]
    ideal_point: FloatArray
    std_error: FloatArray
    n_votes: npt.NDArray[np.int64]  #: yes/no votes of each state on the used decisions
    decision_ids: tuple[int, ...]  #: the decisions used as items
    discrimination: FloatArray  #: beta_j on the reported scale
    difficulty: FloatArray  #: alpha_j on the reported scale
    n_dropped_decisions: int
    iterations: int  #: sweeps used
    converged: bool
    log_posterior: float
    settings: IdealPointSettings
    model: str = MODEL

    def get(self, country_code: str) -> float | None:
        x = float(self.ideal_point[self.countries.index(country_code)])
        return None if np.isnan(x) else x

    def ranked(self) -> tuple[tuple[str, float], ...]:
        """States with an estimate, lowest first (ties by code)."""
        pairs = [(c, float(x)) for c, x in zip(self.countries, self.ideal_point, strict=True) if not np.isnan(x)]
        return tuple(sorted(pairs, key=lambda p: (p[1], p[0])))


@dataclass(slots=True)
class _Params:
    theta: FloatArray
    beta: FloatArray
    alpha: FloatArray


def fit_ideal_points(
    rolls: RollMatrix,
    settings: IdealPointSettings | None = None,
    *,
    progress: Callable[[int, float], None] | None = None,
) -> IdealPoints:
    """Fit the model of the module docstring to every yes/no vote in ``rolls``.

    ``progress(sweeps, largest_change)`` is called after each accelerated step when given.

    >>> from unvotes.analysis.rolls import DecisionInfo
    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=j, body=Body.GA, year=2000) for j in range(4))
    >>> votes = np.array([[1, 1, 1, 3], [1, 1, 3, 3], [3, 1, 3, 3], [3, 3, 3, 1]], np.int8)
    >>> rolls = RollMatrix(countries=("USA", "FRA", "CUB", "PRK"), decisions=info, votes=votes)
    >>> fit = fit_ideal_points(rolls, IdealPointSettings(reference="USA"))
    >>> [c for c, _ in fit.ranked()]
    ['PRK', 'CUB', 'FRA', 'USA']
    """
    settings = settings or IdealPointSettings()
    ref = rolls.country_index(settings.reference)
    y, mask, used = _prepare(rolls.votes, settings.min_minority)
    n_votes = mask.sum(axis=1).astype(np.int64)
    if n_votes[ref] == 0:
        raise ValueError(f"reference state {settings.reference!r} has no yes/no vote on a usable decision")
    start = _Params(_start(y, mask), np.zeros(y.shape[1]), np.zeros(y.shape[1]))
    params, iterations, converged = _alternate(y, mask, start, settings, progress)
    has_votes = n_votes > 0
    log_posterior = _log_posterior(y, mask, params, settings)
    raw = _Params(params.theta.copy(), params.beta.copy(), params.alpha.copy())
    scale = _orient(params, has_votes, ref)
    if settings.n_bootstrap > 0:
        std_error = _bootstrap_se(mask, raw, params, has_votes, ref, settings)
    else:
        std_error = _laplace_se(mask, params, prior_precision=scale**2 / settings.prior_sd_ideal**2)
    theta = np.where(has_votes, params.theta, np.nan)
    std_error = np.where(has_votes, std_error, np.nan)
    for array in (theta, std_error, n_votes, params.beta, params.alpha):
        array.flags.writeable = False
    return IdealPoints(
        countries=rolls.countries,
        ideal_point=theta,
        std_error=std_error,
        n_votes=n_votes,
        decision_ids=tuple(rolls.decisions[j].decision_id for j in used),
        discrimination=params.beta,
        difficulty=params.alpha,
        n_dropped_decisions=rolls.n_decisions - len(used),
        iterations=iterations,
        converged=converged,
        log_posterior=log_posterior,
        settings=settings,
    )


def _prepare(votes: npt.NDArray[np.int8], min_minority: int) -> tuple[FloatArray, FloatArray, list[int]]:
    """(yes indicator, observed mask) over the usable decisions, and their column indices."""
    yes = votes == YES
    observed = yes | (votes == NO)
    minority = np.minimum(yes.sum(axis=0), (observed & ~yes).sum(axis=0))
    used = [int(j) for j in np.flatnonzero(minority >= max(min_minority, 1))]
    return yes[:, used].astype(np.float64), observed[:, used].astype(np.float64), used


def _start(y: FloatArray, mask: FloatArray) -> FloatArray:
    """First left singular vector of the column-centred ±1 matrix, standardised over states with votes."""
    if y.shape[1] == 0:
        return np.zeros(y.shape[0])
    signed = mask * (2 * y - 1)
    centred = signed - mask * (signed.sum(axis=0) / np.maximum(mask.sum(axis=0), 1))
    u = np.linalg.svd(centred, full_matrices=False)[0][:, 0]
    rows = mask.sum(axis=1) > 0
    spread = u[rows].std() if rows.sum() > 1 else 1.0
    return np.asarray(np.where(rows, (u - u[rows].mean()) / (spread or 1.0), 0.0), dtype=np.float64)


def _prob(params: _Params) -> FloatArray:
    """p_ij = logistic(beta_j theta_i - alpha_j), computed as (1 + tanh(eta / 2)) / 2 in place."""
    p = np.outer(params.theta, 0.5 * params.beta)
    p -= 0.5 * params.alpha
    np.tanh(p, out=p)
    p *= 0.5
    p += 0.5
    return p


def _residuals(y: FloatArray, mask: FloatArray, params: _Params) -> tuple[FloatArray, FloatArray]:
    """(mask · (y - p), mask · p(1 - p)): the score and information terms of every cell."""
    p = _prob(params)
    weight = 1.0 - p
    weight *= p
    weight *= mask
    resid = y - p
    resid *= mask
    return resid, weight


def _item_step(y: FloatArray, mask: FloatArray, params: _Params, prior_var: float) -> _Params:
    """One 2 × 2 Newton step on every (alpha_j, beta_j) given theta (vector-matrix sums by einsum)."""
    resid, weight = _residuals(y, mask, params)
    theta = params.theta
    grad_b = np.einsum("i,ij->j", theta, resid) - params.beta / prior_var
    grad_a = -resid.sum(axis=0) - params.alpha / prior_var
    h_bb = np.einsum("i,ij->j", theta**2, weight) + 1.0 / prior_var
    h_aa = weight.sum(axis=0) + 1.0 / prior_var
    h_ab = -np.einsum("i,ij->j", theta, weight)
    det = h_bb * h_aa - h_ab**2
    beta = params.beta + (h_aa * grad_b - h_ab * grad_a) / det
    alpha = params.alpha + (h_bb * grad_a - h_ab * grad_b) / det
    return _Params(theta, beta, alpha)


def _ideal_step(y: FloatArray, mask: FloatArray, params: _Params, prior_var: float) -> _Params:
    """One Newton step on every theta_i given the items."""
    resid, weight = _residuals(y, mask, params)
    grad = np.einsum("ij,j->i", resid, params.beta) - params.theta / prior_var
    hess = np.einsum("ij,j->i", weight, params.beta**2) + 1.0 / prior_var
    return _Params(params.theta + grad / hess, params.beta, params.alpha)


def _sweep(y: FloatArray, mask: FloatArray, params: _Params, settings: IdealPointSettings) -> _Params:
    """The fixed-point map: all items, then all states."""
    items = _item_step(y, mask, params, settings.prior_sd_item**2)
    return _ideal_step(y, mask, items, settings.prior_sd_ideal**2)


def _alternate(
    y: FloatArray,
    mask: FloatArray,
    params: _Params,
    settings: IdealPointSettings,
    progress: Callable[[int, float], None] | None,
) -> tuple[_Params, int, bool]:
    """Iterate :func:`_sweep` to its fixed point, accelerated by SQUAREM.

    SQUAREM (Varadhan & Roland, "Simple and Globally Convergent Methods for Accelerating the
    Convergence of Any EM Algorithm", *Scand. J. Statistics* 35(2), 2008, scheme S3): from x0 take
    two sweeps x1, x2; with r = x1 - x0, v = x2 - 2 x1 + x0 and step a = -|r| / |v| (at most -1),
    jump to x0 - 2 a r + a² v and sweep once more; fall back to x2 when the jump lowers the log
    posterior (or is not finite). The largest step starts at 1 and grows fourfold while steps reach
    it. Stops when a sweep moves no theta by more than ``tolerance``; counts sweeps.
    """
    sweeps = 0
    current = params
    step_max = 1.0
    while sweeps < settings.max_iterations:
        x1 = _sweep(y, mask, current, settings)
        x2 = _sweep(y, mask, x1, settings)
        sweeps += 2
        r = _pack(x1) - _pack(current)
        v = _pack(x2) - _pack(x1) - r
        norm_v = float(np.sqrt(v @ v))
        step = -float(np.sqrt(r @ r)) / norm_v if norm_v > 0 else -1.0
        step = min(max(step, -step_max), -1.0)
        jumped = _unpack(_pack(current) - 2 * step * r + step**2 * v, current)
        candidate = _sweep(y, mask, jumped, settings)
        sweeps += 1
        accepted = _log_posterior(y, mask, candidate, settings) >= _log_posterior(y, mask, x2, settings)
        if step < -1.0 and not accepted:
            jumped = x2
            candidate = _sweep(y, mask, x2, settings)
            sweeps += 1
            step_max = max(1.0, step_max / 4)
        elif step <= -step_max:
            step_max *= 4
        change = float(np.abs(candidate.theta - jumped.theta).max()) if len(candidate.theta) else 0.0
        current = candidate
        if progress is not None:
            progress(sweeps, change)
        if change < settings.tolerance:
            return current, sweeps, True
    return current, sweeps, False


def _pack(params: _Params) -> FloatArray:
    return np.concatenate([params.theta, params.beta, params.alpha])


def _unpack(vector: FloatArray, like: _Params) -> _Params:
    n, d = len(like.theta), len(like.beta)
    return _Params(vector[:n].copy(), vector[n : n + d].copy(), vector[n + d :].copy())


def _orient(params: _Params, has_votes: npt.NDArray[np.bool_], ref: int) -> float:
    """Standardise theta over states with votes, transform the items to match, reference positive.

    Returns the scale (standard deviation of theta before standardising)."""
    centre = float(params.theta[has_votes].mean())
    scale = float(params.theta[has_votes].std()) or 1.0
    sign = 1.0 if params.theta[ref] >= centre else -1.0
    params.alpha = params.alpha - params.beta * centre
    params.beta = params.beta * scale * sign
    params.theta = (params.theta - centre) / scale * sign
    return scale


def _laplace_se(mask: FloatArray, params: _Params, *, prior_precision: float) -> FloatArray:
    """1 / sqrt(Σ_j beta_j² p(1-p) + prior precision), all on the reported scale."""
    p = _prob(params)
    info = (mask * p * (1.0 - p)) @ (params.beta**2) + prior_precision
    return np.asarray(1.0 / np.sqrt(info), dtype=np.float64)


def _bootstrap_se(
    mask: FloatArray,
    raw: _Params,
    reported: _Params,
    has_votes: npt.NDArray[np.bool_],
    ref: int,
    settings: IdealPointSettings,
) -> FloatArray:
    """Standard deviation of theta over fits to votes simulated from the fitted probabilities."""
    rng = np.random.default_rng(settings.seed)
    p = _prob(reported)
    draws = np.empty((settings.n_bootstrap, len(raw.theta)))
    for b in range(settings.n_bootstrap):
        y_sim = (rng.random(p.shape) < p).astype(np.float64) * mask
        sim = _alternate(y_sim, mask, raw, settings, None)[0]
        _orient(sim, has_votes, ref)
        draws[b] = sim.theta
    if settings.n_bootstrap < 2:
        return np.full(len(raw.theta), np.nan)
    return np.asarray(draws.std(axis=0, ddof=1), dtype=np.float64)


def _log_posterior(y: FloatArray, mask: FloatArray, params: _Params, settings: IdealPointSettings) -> float:
    """Log posterior (up to a constant): the objective at the mode, before standardising."""
    eta = np.outer(params.theta, params.beta) - params.alpha
    loglik = float((mask * (y * eta - np.logaddexp(0.0, eta))).sum())
    prior = (params.theta**2).sum() / settings.prior_sd_ideal**2
    prior += ((params.beta**2).sum() + (params.alpha**2).sum()) / settings.prior_sd_item**2
    return loglik - 0.5 * float(prior)
