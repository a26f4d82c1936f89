"""Implied tally of an adoption without a vote: a **model estimate**, not a record.

Had a vote been called on the target decision, how would each member have voted? The estimate
comes from each state's recorded positions on the same series in the same body, weighted by how
close in time they are, smoothed towards the series-wide distribution::

    w_t   = 0.5 ** (|year_t - year_target| / half_life_years)
    c_ik  = Σ_t w_t · 1[state i took position k on recorded decision t]
    p0_k  = Σ_i c_ik / Σ_ik c_ik                         (series-wide weighted shares)
    p_ik  = (c_ik + κ · p0_k) / (Σ_k c_ik + κ)           (κ = prior_weight)

over k in (yes, no, abstain, non_voting) — additive (Lidstone) smoothing of a time-weighted
multinomial (Lidstone, "Note on the general case of the Bayes-Laplace formula for inductive or a
posteriori probabilities", *Trans. Faculty of Actuaries* 8, 1920). A member with no recorded
position on the series takes the mean distribution of its ``neighbours`` nearest states by ideal
point when ideal points are given, else p0. States are treated as independent: the expected tally
is Σ_i p_ik and the range comes from ``n_draws`` seeded Monte Carlo draws of every state's position
(the Poisson-multinomial distribution), reported at the ``interval`` percentiles.

The back-test holds out the recorded votes of one body in one year, predicts them from the others
and reports accuracy (share of states whose most likely position is the recorded one) and the
tally error (expected - recorded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from unvotes.analysis.ideal_points import IdealPoints
from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, NOT_MEMBER, YES, DecisionInfo, RollMatrix
from unvotes.analysis.timeline import DEFAULT_TIMELINE_KINDS, Tally
from unvotes.model import DecisionKind, Vote

__all__ = [
    "Backtest",
    "ImpliedTally",
    "ImpliedTallySettings",
    "SeriesBacktest",
    "StateEstimate",
    "TallyRange",
    "backtest_implied_tally",
    "backtest_series",
    "estimate_implied_tally",
]

FloatArray = npt.NDArray[np.float64]
_CODES = (YES, NO, ABSTAIN, NON_VOTING)
_VOTES = (Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.NON_VOTING)
METHOD = (
    "model estimate: time-weighted, smoothed multinomial of each state's recorded positions on the "
    "series in the same body; states independent; range by seeded Monte Carlo"
)


@dataclass(frozen=True, slots=True)
class ImpliedTallySettings:
    half_life_years: float = 4.0
    prior_weight: float = 1.0  #: κ, pseudo-votes of the series-wide distribution
    include_later_votes: bool = True  #: also learn from recorded votes after the target
    neighbours: int = 5  #: for states without history, when ideal points are given
    n_draws: int = 10_000
    interval: tuple[float, float] = (5.0, 95.0)
    seed: int = 0
    kinds: tuple[DecisionKind, ...] = DEFAULT_TIMELINE_KINDS


@dataclass(frozen=True, slots=True)
class StateEstimate:
    country_code: str
    p_yes: float
    p_no: float
    p_abstain: float
    p_non_voting: float
    basis: str  #: "history", "ideal_point_neighbours" or "series_average"
    n_recorded: int  #: recorded positions on the series used

    @property
    def most_likely(self) -> Vote:
        """The position of highest probability (ties: yes, no, abstain, non_voting order)."""
        probs = (self.p_yes, self.p_no, self.p_abstain, self.p_non_voting)
        return _VOTES[int(np.argmax(probs))]


@dataclass(frozen=True, slots=True)
class TallyRange:
    expected: float
    low: float  #: lower percentile of the Monte Carlo draws
    high: float


@dataclass(frozen=True, slots=True)
class ImpliedTally:
    decision: DecisionInfo
    states: tuple[StateEstimate, ...]  #: sorted by country code
    yes: TallyRange
    no: TallyRange
    abstain: TallyRange
    non_voting: TallyRange
    history: tuple[int, ...]  #: decision ids the estimate learnt from
    settings: ImpliedTallySettings
    method: str = METHOD
    is_model_estimate: bool = field(default=True, init=False)

    def state(self, country_code: str) -> StateEstimate:
        for s in self.states:
            if s.country_code == country_code:
                return s
        raise ValueError(f"country {country_code!r} is not among the members estimated")


def estimate_implied_tally(
    rolls: RollMatrix,
    decision_id: int,
    *,
    members: Iterable[str] | None = None,
    ideal_points: IdealPoints | None = None,
    settings: ImpliedTallySettings | None = None,
) -> ImpliedTally:
    """Estimate how each member would have voted on ``decision_id`` (see the module docstring).

    ``members`` defaults to the states holding a position on the recorded vote of the same body
    nearest in time (the later one on a tie).

    >>> from unvotes.model import AdoptionMethod, Body
    >>> info = (DecisionInfo(decision_id=1, body=Body.GA, year=2014),
    ...         DecisionInfo(decision_id=2, body=Body.GA, year=2015),
    ...         DecisionInfo(decision_id=3, body=Body.GA, year=2016,
    ...                      adoption_method=AdoptionMethod.WITHOUT_VOTE))
    >>> rolls = RollMatrix(countries=("JPN", "PRK"), decisions=info,
    ...                    votes=np.array([[1, 1, 0], [3, 3, 0]], np.int8))
    >>> est = estimate_implied_tally(rolls, 3)
    >>> est.state("PRK").most_likely, round(est.yes.expected, 2), est.is_model_estimate
    (<Vote.NO: 'no'>, 1.0, True)
    """
    settings = settings or ImpliedTallySettings()
    target = rolls.decision(decision_id)
    history = _history(rolls, target, settings)
    if not history:
        raise ValueError(f"no recorded vote of body {target.body.value!r} to learn from")
    rows = _member_rows(rolls, target, history, members)
    probs, basis, n_recorded = _state_probabilities(rolls, target, history, rows, ideal_points, settings)
    ranges = _tally_ranges(probs, settings)
    order = sorted(range(len(rows)), key=lambda k: rolls.countries[rows[k]])
    states = tuple(
        StateEstimate(
            country_code=rolls.countries[rows[k]],
            p_yes=float(probs[k, 0]),
            p_no=float(probs[k, 1]),
            p_abstain=float(probs[k, 2]),
            p_non_voting=float(probs[k, 3]),
            basis=basis[k],
            n_recorded=int(n_recorded[k]),
        )
        for k in order
    )
    return ImpliedTally(
        decision=target,
        states=states,
        yes=ranges[0],
        no=ranges[1],
        abstain=ranges[2],
        non_voting=ranges[3],
        history=tuple(rolls.decisions[j].decision_id for j in history),
        settings=settings,
    )


def _history(rolls: RollMatrix, target: DecisionInfo, settings: ImpliedTallySettings) -> list[int]:
    """Columns of recorded votes of the target's body and kinds, other years, in time order."""
    present = rolls.has_positions()
    cols = [
        j
        for j, d in enumerate(rolls.decisions)
        if present[j]
        and d.body is target.body
        and d.kind in settings.kinds
        and d.year is not None
        and d.year != target.year
        and (settings.include_later_votes or d.sort_key < target.sort_key)
    ]
    return sorted(cols, key=lambda j: rolls.decisions[j].sort_key)


def _years_apart(rolls: RollMatrix, target: DecisionInfo, history: list[int]) -> FloatArray:
    years = np.array([rolls.decisions[j].year for j in history], dtype=np.float64)
    return np.asarray(np.abs(years - float(target.year or 0)), dtype=np.float64)


def _member_rows(
    rolls: RollMatrix, target: DecisionInfo, history: list[int], members: Iterable[str] | None
) -> list[int]:
    if members is not None:
        return [rolls.country_index(c) for c in members]
    gaps = _years_apart(rolls, target, history)
    nearest = history[int(np.flatnonzero(gaps == gaps.min())[-1])]
    return [int(i) for i in np.flatnonzero(rolls.votes[:, nearest] != NOT_MEMBER)]


def _state_probabilities(
    rolls: RollMatrix,
    target: DecisionInfo,
    history: list[int],
    rows: list[int],
    ideal_points: IdealPoints | None,
    settings: ImpliedTallySettings,
) -> tuple[FloatArray, list[str], npt.NDArray[np.int64]]:
    weights = 0.5 ** (_years_apart(rolls, target, history) / settings.half_life_years)
    block = rolls.votes[:, history]
    counts = np.stack([(block == code).astype(np.float64) @ weights for code in _CODES], axis=1)
    n_recorded = (block != NOT_MEMBER).sum(axis=1).astype(np.int64)
    base = counts.sum(axis=0) / counts.sum()
    kappa = settings.prior_weight
    smoothed = (counts + kappa * base) / (counts.sum(axis=1, keepdims=True) + kappa)
    has_history = n_recorded > 0
    probs = np.empty((len(rows), len(_CODES)))
    basis: list[str] = []
    for k, i in enumerate(rows):
        if has_history[i]:
            probs[k], label = smoothed[i], "history"
        else:
            probs[k], label = _fallback(rolls, i, has_history, smoothed, base, ideal_points, settings)
        basis.append(label)
    return probs, basis, n_recorded[rows]


def _fallback(
    rolls: RollMatrix,
    row: int,
    has_history: npt.NDArray[np.bool_],
    smoothed: FloatArray,
    base: FloatArray,
    ideal_points: IdealPoints | None,
    settings: ImpliedTallySettings,
) -> tuple[FloatArray, str]:
    """Mean distribution of the nearest states by ideal point, else the series-wide shares."""
    if ideal_points is None or settings.neighbours < 1:
        return base, "series_average"
    points = {c: x for c, x in zip(ideal_points.countries, ideal_points.ideal_point, strict=True) if not np.isnan(x)}
    own = points.get(rolls.countries[row])
    candidates = [i for i in np.flatnonzero(has_history) if rolls.countries[i] in points]
    if own is None or not candidates:
        return base, "series_average"
    candidates.sort(key=lambda i: (abs(points[rolls.countries[i]] - own), rolls.countries[i]))
    chosen = candidates[: settings.neighbours]
    return np.asarray(smoothed[chosen].mean(axis=0), dtype=np.float64), "ideal_point_neighbours"


def _tally_ranges(probs: FloatArray, settings: ImpliedTallySettings) -> list[TallyRange]:
    """Expected counts and Monte Carlo percentiles of each position's count."""
    rng = np.random.default_rng(settings.seed)
    cumulative = np.cumsum(probs, axis=1)
    cumulative[:, -1] = 1.0
    draws = rng.random((settings.n_draws, probs.shape[0]))
    choice = (draws[:, :, None] > cumulative[None, :, :]).sum(axis=2)
    low, high = settings.interval
    out = []
    for k in range(len(_CODES)):
        totals = (choice == k).sum(axis=1)
        lo, hi = np.percentile(totals, [low, high]) if settings.n_draws else (np.nan, np.nan)
        out.append(TallyRange(expected=float(probs[:, k].sum()), low=float(lo), high=float(hi)))
    return out


@dataclass(frozen=True, slots=True)
class Backtest:
    decision: DecisionInfo
    recorded: Tally
    estimate: ImpliedTally
    n_states: int  #: states with a recorded position on the held-out decision
    accuracy: float  #: share of them whose most likely position equals the recorded one
    yes_error: float  #: expected - recorded
    no_error: float
    abstain_error: float
    is_within_interval: tuple[bool, bool, bool]  #: yes, no, abstain counts inside [low, high]


@dataclass(frozen=True, slots=True)
class SeriesBacktest:
    results: tuple[Backtest, ...]  #: chronological
    mean_accuracy: float | None
    mean_absolute_error: tuple[float, float, float] | None  #: yes, no, abstain


def backtest_implied_tally(
    rolls: RollMatrix,
    decision_id: int,
    *,
    ideal_points: IdealPoints | None = None,
    settings: ImpliedTallySettings | None = None,
) -> Backtest:
    """Hold the recorded votes of one body-year out, predict ``decision_id`` from the others.

    Formula: accuracy = #{i : argmax_k p_ik = recorded_i} / #{i recorded}; error = Σ_i p_ik - n_k.

    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=y, body=Body.GA, year=y) for y in (2013, 2014, 2015))
    >>> rolls = RollMatrix(countries=("JPN", "PRK"), decisions=info,
    ...                    votes=np.array([[1, 1, 1], [3, 3, 3]], np.int8))
    >>> bt = backtest_implied_tally(rolls, 2014)
    >>> bt.accuracy, bt.recorded.yes
    (1.0, 1)
    """
    target = rolls.decision(decision_id)
    column = rolls.column(decision_id)
    voters = [rolls.countries[i] for i in np.flatnonzero(column != NOT_MEMBER)]
    if not voters:
        raise ValueError(f"decision {decision_id} has no recorded positions to test against")
    estimate = estimate_implied_tally(rolls, decision_id, members=voters, ideal_points=ideal_points, settings=settings)
    recorded = {c: column[rolls.country_index(c)] for c in voters}
    hits = int(sum(_CODES[_VOTES.index(s.most_likely)] == recorded[s.country_code] for s in estimate.states))
    tally = Tally(*(int((column == code).sum()) for code in _CODES))
    inside = (
        estimate.yes.low <= tally.yes <= estimate.yes.high,
        estimate.no.low <= tally.no <= estimate.no.high,
        estimate.abstain.low <= tally.abstain <= estimate.abstain.high,
    )
    return Backtest(
        decision=target,
        recorded=tally,
        estimate=estimate,
        n_states=len(voters),
        accuracy=hits / len(voters),
        yes_error=estimate.yes.expected - tally.yes,
        no_error=estimate.no.expected - tally.no,
        abstain_error=estimate.abstain.expected - tally.abstain,
        is_within_interval=inside,
    )


def backtest_series(
    rolls: RollMatrix,
    *,
    ideal_points: IdealPoints | None = None,
    settings: ImpliedTallySettings | None = None,
) -> SeriesBacktest:
    """:func:`backtest_implied_tally` for every recorded vote that has another year to learn from.

    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=y, body=Body.GA, year=y) for y in (2014, 2015))
    >>> rolls = RollMatrix(countries=("JPN", "PRK"), decisions=info,
    ...                    votes=np.array([[1, 1], [3, 2]], np.int8))
    >>> backtest_series(rolls).mean_accuracy
    0.5
    """
    settings = settings or ImpliedTallySettings()
    present = rolls.has_positions()
    results = []
    for j in sorted(range(rolls.n_decisions), key=lambda k: rolls.decisions[k].sort_key):
        info = rolls.decisions[j]
        if present[j] and info.kind in settings.kinds and _history(rolls, info, settings):
            results.append(
                backtest_implied_tally(rolls, info.decision_id, ideal_points=ideal_points, settings=settings)
            )
    if not results:
        return SeriesBacktest((), None, None)
    errors = np.abs([[r.yes_error, r.no_error, r.abstain_error] for r in results]).mean(axis=0)
    return SeriesBacktest(
        results=tuple(results),
        mean_accuracy=float(np.mean([r.accuracy for r in results])),
        mean_absolute_error=(float(errors[0]), float(errors[1]), float(errors[2])),
    )
