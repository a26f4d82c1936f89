"""States' positions year by year: a one-dimensional dynamic ordinal item-response model.

Model (after Bailey, Strezhnev & Voeten, "Estimating Dynamic State Preferences from United
Nations Voting Data", *J. Conflict Resolution* 61(2), 2017; ordered logit as in :mod:`.ordinal`)::

    y_ik  in {no < abstain < yes}: ordered logit in beta_k x_it with cutpoints c_k ∓ d_k
    x_i,first ~ N(0, prior_sd_start²),   x_it - x_i,t-1 ~ N(0, smoothness²)   (a random walk)
    beta_k, c_k ∓ d_k ~ N(0, prior_sd_item²)

for state i in calendar year t. Non-voting and absences are left out (and counted per state-year);
a decision on which every voting state took the same position is dropped (it places nobody). Roll
calls that repeat one question across years share one item k (see :func:`repeat_items`): they are
what ties the years to one scale, beside the states themselves through the random walk. A state's
chain runs from its first to its last year with a vote; code changes in the data (the USSR, then
the Russian Federation) are separate states, never joined.

Fit: the joint posterior mode (MAP). Each sweep takes one Newton step on every item given the
positions (3 × 3 systems) and one Newton step on every state's whole path given the items (a
tridiagonal system per state, :mod:`.tridiagonal`), until no position moves by more than
``tolerance``. The start is the first singular vector of the states × decisions matrix (yes +1,
abstain 0, no -1), or a previous fit (``start``) for the cells and items it shares.

Reported scale: mean 0 and standard deviation 1 over the state-years with votes; the sign puts the
first of ``anchors`` that has votes on the positive side (the side of the United States by
default). Standard errors: Laplace, the diagonal of the inverse of the negative Hessian of each
state's path with the items held at their estimates (optimistic when items rest on few votes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.analysis.ordinal import Items, Observations, item_step, log_likelihood, position_terms
from unvotes.analysis.repeats import repeat_items, repeat_key
from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, YES, RollMatrix
from unvotes.analysis.tridiagonal import inverse_diagonal_rows, solve_rows

__all__ = [
    "MODEL_VERSION",
    "DynamicIdealPoints",
    "DynamicSettings",
    "WarmStart",
    "fit_dynamic_ideal_points",
    "repeat_items",
    "repeat_key",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
MODEL_VERSION = "dynamic-ordinal-irt/1"


@dataclass(frozen=True, slots=True)
class DynamicSettings:
    """Everything that determines a fit; recorded in the result."""

    anchors: tuple[str, ...] = ("USA", "GBR", "FRA", "ISR", "CAN", "AUS")
    smoothness: float = 0.2  #: prior sd of a state's move from one year to the next
    prior_sd_start: float = 1.0
    prior_sd_item: float = 2.5
    tolerance: float = 1e-3  #: stop when no raw position moves more than this in a sweep
    max_iterations: int = 1000


@dataclass(frozen=True, eq=False)
class DynamicIdealPoints:
    """One row per state-year with at least one yes/abstain/no vote, ordered by state then year."""

    country_code: tuple[str, ...]
    year: IntArray
    ideal_point: FloatArray
    std_error: FloatArray
    n_votes: IntArray  #: yes, abstain and no votes of the state that year on the used decisions
    n_non_voting: IntArray  #: non-voting and absences that year (left out of the fit)
    anchor: str
    n_decisions: int  #: decisions used
    n_items: int  #: distinct items after repeats share parameters
    n_repeat_groups: int
    n_repeated_decisions: int
    n_dropped_decisions: int  #: without a year, or with every voter on one side
    iterations: int
    converged: bool
    log_posterior: float
    settings: DynamicSettings
    state: WarmStart
    #: the reported scale from the model's own: raw = raw_centre + raw_scale * ideal_point
    raw_centre: float = 0.0
    raw_scale: float = 1.0
    model: str = MODEL_VERSION

    def path(self, country_code: str) -> tuple[tuple[int, float, float], ...]:
        """(year, ideal_point, std_error) of one state, by year."""
        rows = [k for k, c in enumerate(self.country_code) if c == country_code]
        return tuple((int(self.year[k]), float(self.ideal_point[k]), float(self.std_error[k])) for k in rows)


@dataclass(frozen=True, eq=False)
class WarmStart:
    """The raw (unstandardised) fit, for a warm start: positions by (state, year), items
    (beta, centre, gap) by their label."""

    positions: dict[tuple[str, int], float]
    items: dict[str, tuple[float, float, float]]


@dataclass(frozen=True, eq=False)
class _Data:
    obs: Observations
    n_states: int
    first_year: int
    n_years: int
    active: npt.NDArray[np.bool_]  #: states × years: inside the state's chain
    counts: IntArray  #: states × years: votes used
    absent: IntArray  #: states × years: non-voting
    item_labels: list[str]
    used: list[int]
    used_items: npt.NDArray[np.intp]  #: the item of each used decision


_Y = {NO: 0, ABSTAIN: 1, YES: 2}


def _prepare(rolls: RollMatrix, labels: list[str]) -> _Data:
    """Observations on the decisions with a year and a minority, and each state's chain."""
    years = np.array([d.year if d.year is not None else -1 for d in rolls.decisions], dtype=np.int64)
    votes = rolls.votes
    observed = np.isin(votes, list(_Y))
    spread = [len(np.unique(votes[observed[:, j], j])) >= 2 for j in range(rolls.n_decisions)]
    used = [j for j in range(rolls.n_decisions) if spread[j] and years[j] >= 0]
    first = int(years[used].min()) if used else 0
    n_years = int(years[used].max()) - first + 1 if used else 1
    item_names = sorted({labels[j] for j in used})
    item_of = {name: k for k, name in enumerate(item_names)}
    states, cols = np.nonzero(observed[:, used])
    used_arr = np.array(used, dtype=np.int64)
    t = years[used_arr[cols]] - first if used else np.zeros(0, np.int64)
    code = votes[states, used_arr[cols]] if used else np.zeros(0, np.int8)
    y = np.select([code == NO, code == ABSTAIN], [0, 1], 2).astype(np.int8)
    cell = states * n_years + t
    n_cells = rolls.n_countries * n_years
    counts = np.bincount(cell, minlength=n_cells).reshape(rolls.n_countries, n_years)
    a_states, a_cols = np.nonzero(votes[:, used] == NON_VOTING)
    absent_cells = a_states * n_years + (years[used_arr[a_cols]] - first if used else 0)
    absent = np.bincount(absent_cells, minlength=n_cells).reshape(rolls.n_countries, n_years)
    cum = np.cumsum(counts > 0, axis=1)
    active = (cum > 0) & (cum < cum[:, -1:]) | (counts > 0)
    items = np.array([item_of[labels[j]] for j in used], dtype=np.intp)
    obs = Observations.of(cell.astype(np.intp), items[cols] if used else items, y, len(item_names))
    return _Data(obs, rolls.n_countries, first, n_years, active, counts, absent, item_names, used, items)


def _start_positions(rolls: RollMatrix, data: _Data) -> FloatArray:
    """The first left singular vector of the centred yes +1 / abstain 0 / no -1 matrix, each
    state's value copied to every year of its chain."""
    v = rolls.votes[:, data.used]
    signed = np.select([v == YES, v == NO], [1.0, -1.0], 0.0)
    mask = np.isin(v, list(_Y))
    centred = signed - mask * (signed.sum(axis=0) / np.maximum(mask.sum(axis=0), 1))
    u = np.linalg.svd(centred, full_matrices=False)[0][:, 0] if centred.size else np.zeros(data.n_states)
    u = (u - u.mean()) / (u.std() or 1.0)
    return np.asarray(np.repeat(u, data.n_years) * data.active.ravel(), dtype=np.float64)


def _prior(data: _Data, settings: DynamicSettings) -> tuple[FloatArray, FloatArray]:
    """The random walk's precision: its diagonal (states × years) and off-diagonal (× years - 1)."""
    act = data.active
    w = 1.0 / settings.smoothness**2
    prev = np.zeros_like(act)
    prev[:, 1:] = act[:, :-1]
    nxt = np.zeros_like(act)
    nxt[:, :-1] = act[:, 1:]
    diag = act * (w * prev + w * nxt + (~prev) / settings.prior_sd_start**2)
    off = -w * (act[:, :-1] & act[:, 1:])
    return np.asarray(diag, dtype=np.float64), np.asarray(off, dtype=np.float64)


def _times(diag: FloatArray, off: FloatArray, x: FloatArray) -> FloatArray:
    """The tridiagonal rows applied to x (states × years)."""
    out = diag * x
    out[:, :-1] += off * x[:, 1:]
    out[:, 1:] += off * x[:, :-1]
    return out


def _position_step(data: _Data, x: FloatArray, items: Items, prior: tuple[FloatArray, FloatArray]) -> FloatArray:
    """One Newton step on every state's whole path given the items (a tridiagonal solve each)."""
    shape = data.active.shape
    grad, info = position_terms(data.obs, x, items, x.size)
    p_diag, p_off = prior
    xs = x.reshape(shape)
    g = np.where(data.active, grad.reshape(shape) - _times(p_diag, p_off, xs), 0.0)
    h = np.where(data.active, info.reshape(shape) + p_diag, 1.0)
    return np.asarray((xs + solve_rows(h, p_off, g)).ravel(), dtype=np.float64)


def _log_posterior(data: _Data, x: FloatArray, items: Items, settings: DynamicSettings) -> float:
    prior = _prior(data, settings)
    xs = x.reshape(data.active.shape)
    quad = float((xs * _times(*prior, xs)).sum())
    a1, a2 = items.centre - items.gap, items.centre + items.gap
    item_sq = float((items.beta**2).sum() + (a1**2).sum() + (a2**2).sum())
    return log_likelihood(data.obs, x, items) - 0.5 * quad - 0.5 * item_sq / settings.prior_sd_item**2


def _start(rolls: RollMatrix, data: _Data, begin: DynamicIdealPoints | WarmStart | None) -> tuple[FloatArray, Items]:
    """Starting positions and items: the singular vector, or a previous fit where it applies."""
    ordinal = np.bincount(data.obs.item, weights=data.obs.y == 1, minlength=data.obs.n_items) > 0
    share_yes = (np.bincount(data.obs.item, weights=data.obs.y == 2, minlength=data.obs.n_items) + 0.5) / (
        np.bincount(data.obs.item, minlength=data.obs.n_items) + 1.0
    )
    centre = -np.log(share_yes / (1 - share_yes))
    items = Items(np.zeros(data.obs.n_items), centre, np.where(ordinal, 0.5, 0.0), ordinal)
    x = _start_positions(rolls, data)
    if begin is None:
        return x, items
    start = begin.state if isinstance(begin, DynamicIdealPoints) else begin
    for (code, year), value in start.positions.items():
        t = year - data.first_year
        if code in rolls.countries and 0 <= t < data.n_years:
            k = rolls.country_index(code) * data.n_years + t
            x[k] = value if data.active.ravel()[k] else 0.0
    for k, label in enumerate(data.item_labels):
        if label in start.items:
            beta, centre, gap = start.items[label]
            items.beta[k], items.centre[k] = beta, centre
            items.gap[k] = max(gap, 0.01) if ordinal[k] else 0.0
    return x, items


def fit_dynamic_ideal_points(
    rolls: RollMatrix,
    settings: DynamicSettings | None = None,
    *,
    repeat_keys: Sequence[str | None] | None = None,
    start: DynamicIdealPoints | WarmStart | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> DynamicIdealPoints:
    """Fit the model of the module docstring to every yes/abstain/no vote in ``rolls``.

    ``repeat_keys`` gives one key per decision (see :func:`repeat_key`); ``start`` a previous fit
    (or its :class:`WarmStart`, e.g. as stored) to warm-start from; ``progress(sweeps,
    largest_change)`` is called after every sweep when given.
    Raises ``ValueError`` when no decision divides the voters.

    >>> from unvotes.analysis.rolls import DecisionInfo
    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=j, body=Body.GA, year=2000 + j // 2) for j in range(4))
    >>> votes = np.array([[1, 1, 1, 3], [1, 2, 1, 2], [3, 3, 2, 1], [3, 3, 3, 1]], np.int8)
    >>> rolls = RollMatrix(countries=("USA", "FRA", "CUB", "PRK"), decisions=info, votes=votes)
    >>> fit = fit_dynamic_ideal_points(rolls)
    >>> [code for code, _ in sorted(zip(fit.country_code, fit.ideal_point), key=lambda p: p[1])][:2]
    ['PRK', 'PRK']
    """
    settings = settings or DynamicSettings()
    keys = list(repeat_keys) if repeat_keys is not None else [None] * rolls.n_decisions
    labels = repeat_items(rolls.decisions, keys)[0]
    data = _prepare(rolls, labels)
    if not data.used:
        raise ValueError("no recorded vote divides the voters: nothing to place states on")
    x, items = _start(rolls, data, start)
    x, items, sweeps, converged = _iterate(data, (x, items), settings, progress)
    return _result(rolls, data, x, items, settings, (sweeps, converged))


_Point = tuple[FloatArray, Items]


def _sweep(data: _Data, point: _Point, settings: DynamicSettings) -> _Point:
    """The fixed-point map: a Newton step on every item, then on every state's path."""
    items = item_step(data.obs, point[0], point[1], settings.prior_sd_item**2)
    return _position_step(data, point[0], items, _prior(data, settings)), items


def _iterate(
    data: _Data, point: _Point, settings: DynamicSettings, progress: Callable[[int, float], None] | None
) -> tuple[FloatArray, Items, int, bool]:
    """Iterate :func:`_sweep` until a sweep moves no position by more than ``tolerance``.

    (SQUAREM extrapolation, as in :mod:`.ideal_points`, was tried and failed to converge on the
    whole General Assembly within 1,000 sweeps; the plain alternation converges in about 300.)"""
    x, items = point
    for sweeps in range(1, settings.max_iterations + 1):
        new, items = _sweep(data, (x, items), settings)
        change = float(np.abs(new - x).max())
        x = new
        if progress is not None:
            progress(sweeps, change)
        if change < settings.tolerance:
            return x, items, sweeps, True
    return x, items, settings.max_iterations, False


def _anchor(rolls: RollMatrix, data: _Data, settings: DynamicSettings) -> int:
    """The first of the anchors with votes, else the state with the most votes."""
    votes = data.counts.sum(axis=1)
    for code in settings.anchors:
        if code in rolls.countries and votes[rolls.country_index(code)] > 0:
            return rolls.country_index(code)
    return int(np.argmax(votes))


def _result(
    rolls: RollMatrix,
    data: _Data,
    x: FloatArray,
    items: Items,
    settings: DynamicSettings,
    run: tuple[int, bool],
) -> DynamicIdealPoints:
    """Standardise, orient by the anchor, add Laplace errors; keep the raw fit for warm starts."""
    shape = data.active.shape
    info = position_terms(data.obs, x, items, x.size)[1]
    p_diag, p_off = _prior(data, settings)
    variance = inverse_diagonal_rows(np.where(data.active, info.reshape(shape) + p_diag, 1.0), p_off)
    shown = data.counts > 0
    xs = x.reshape(shape)
    centre, scale = float(xs[shown].mean()), float(xs[shown].std()) or 1.0
    anchor = _anchor(rolls, data, settings)
    sign = 1.0 if xs[anchor][shown[anchor]].mean() >= centre else -1.0
    states, years = np.nonzero(shown)
    raw = {(rolls.countries[s], data.first_year + int(t)): float(xs[s, t]) for s, t in zip(states, years, strict=True)}
    labels = data.item_labels
    kept = {labels[k]: (float(items.beta[k]), float(items.centre[k]), float(items.gap[k])) for k in range(len(labels))}
    shared = np.array([not label.startswith("#") for label in labels], dtype=bool)
    arrays = (
        sign * (xs[shown] - centre) / scale,
        np.sqrt(variance[shown]) / scale,
        data.counts[shown].astype(np.int64),
        data.absent[shown].astype(np.int64),
        (years + data.first_year).astype(np.int64),
    )
    for array in arrays:
        array.flags.writeable = False
    return DynamicIdealPoints(
        country_code=tuple(rolls.countries[s] for s in states),
        year=arrays[4],
        ideal_point=arrays[0],
        std_error=arrays[1],
        n_votes=arrays[2],
        n_non_voting=arrays[3],
        anchor=rolls.countries[anchor],
        n_decisions=len(data.used),
        n_items=data.obs.n_items,
        n_repeat_groups=int(shared.sum()),
        n_repeated_decisions=int(shared[data.used_items].sum()),
        n_dropped_decisions=rolls.n_decisions - len(data.used),
        iterations=run[0],
        converged=run[1],
        log_posterior=_log_posterior(data, x, items, settings),
        settings=settings,
        state=WarmStart(raw, kept),
        raw_centre=centre,
        raw_scale=sign * scale,
    )
