"""Model estimates from the store: ideal points, and the implied tally of an adoption without a vote.

Both are estimates, not records, and their tables say so, with the model, its settings and how well
it does where the answer is known (the implied tally's back-test).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from unvotes.analysis import (
    IdealPointSettings,
    ImpliedTally,
    ImpliedTallySettings,
    RollMatrix,
    SeriesBacktest,
    backtest_series,
    estimate_implied_tally,
    fit_ideal_points,
)
from unvotes.errors import NotFoundError
from unvotes.model import AdoptionMethod, Body, DecisionKind
from unvotes.reports.analysis import (
    DEFAULT_SERIES,
    Selection,
    country_name,
    decision_label,
    rounded,
    selection_rolls,
)
from unvotes.reports.table import Cell, Table

__all__ = ["ImpliedTallyReport", "ideal_points_table", "implied_tally_report"]

_ESTIMATE = "Model estimates, not records."


def ideal_points_table(
    con: sqlite3.Connection,
    sel: Selection,
    *,
    reference: str = "USA",
    n_bootstrap: int = 0,
    seed: int = 0,
) -> Table:
    """One-dimensional ideal points of every state voting yes or no on the selection (2PL logistic IRT)."""
    rolls = selection_rolls(con, sel)
    code = reference.strip().upper()
    if code not in rolls.countries:
        raise NotFoundError(f"reference state {code} has no position on the recorded votes of {sel.describe()}")
    settings = IdealPointSettings(reference=code, n_bootstrap=n_bootstrap, seed=seed)
    try:
        fit = fit_ideal_points(rolls, settings)
    except ValueError as exc:
        raise NotFoundError(str(exc)) from None
    order = sorted(
        (k for k in range(len(fit.countries)) if not np.isnan(fit.ideal_point[k])),
        key=lambda k: (-float(fit.ideal_point[k]), fit.countries[k]),
    )
    rows = tuple(
        (
            rank + 1,
            fit.countries[k],
            country_name(fit.countries[k]),
            rounded(float(fit.ideal_point[k])),
            rounded(float(fit.std_error[k])),
            int(fit.n_votes[k]),
        )
        for rank, k in enumerate(order)
    )
    uncertainty = (
        f"standard deviation over {n_bootstrap} parametric bootstrap fits (seed {seed})"
        if n_bootstrap
        else "Laplace approximation with the items held fixed (optimistic)"
    )
    notes = (
        f"{_ESTIMATE} Model: {fit.model}.",
        "P(yes) = logistic(beta_j * theta_i - alpha_j); priors theta ~ N(0, "
        f"{settings.prior_sd_ideal}^2), alpha, beta ~ N(0, {settings.prior_sd_item}^2).",
        f"Scale: mean 0 and standard deviation 1 over the states shown; {code} on the positive side.",
        f"std_error: {uncertainty}.",
        f"{len(fit.decision_ids)} recorded votes used of {rolls.n_decisions} ({sel.describe()}); "
        f"{fit.n_dropped_decisions} without a minority on yes/no dropped.",
        f"Fit: {fit.iterations} sweeps, converged {fit.converged}, log posterior {fit.log_posterior:.1f}.",
    )
    columns = ("rank", "country_code", "country_name", "ideal_point", "std_error", "n_votes")
    return Table("ideal_points", "Ideal points (model estimate)", columns, rows, notes)


@dataclass(frozen=True, slots=True)
class ImpliedTallyReport:
    """The estimate (``tally``), each member's probabilities (``states``) and the back-test."""

    tally: Table
    states: Table
    backtest: Table


def _target(rolls: RollMatrix, series: str, body: str, year: int) -> int:
    found = [d for d in rolls.decisions if d.year == year and d.kind in (DecisionKind.RESOLUTION, DecisionKind.DRAFT)]
    if not found:
        raise NotFoundError(f"no decision of {body} on {series} in {year}")
    target = found[0]
    if target.adoption_method is not AdoptionMethod.WITHOUT_VOTE:
        raise NotFoundError(
            f"{decision_label(target)} ({year}) was a {target.adoption_method.value}: its roll is a record, "
            "not an estimate (see `unvotes votes`)"
        )
    return target.decision_id


def _backtest_note(backtest: SeriesBacktest) -> str:
    if backtest.mean_accuracy is None or backtest.mean_absolute_error is None:
        return "Back-test: no recorded vote has another year to learn from."
    years = [r.decision.year for r in backtest.results if r.decision.year is not None]
    yes, no, abstain = backtest.mean_absolute_error
    return (
        f"Back-test: mean accuracy {backtest.mean_accuracy:.3f} over {len(years)} held-out recorded votes "
        f"({min(years)}-{max(years)}); mean absolute error of the expected tally yes {yes:.1f}, no {no:.1f}, "
        f"abstain {abstain:.1f}."
    )


def _settings_note(settings: ImpliedTallySettings) -> str:
    low, high = settings.interval
    return (
        f"Settings: half-life {settings.half_life_years} years, prior weight {settings.prior_weight}, "
        f"later votes {'used' if settings.include_later_votes else 'not used'}, "
        f"range = {low:g}th-{high:g}th percentiles of {settings.n_draws} draws (seed {settings.seed})."
    )


def _tally_table(estimate: ImpliedTally, backtest: SeriesBacktest, history: list[str]) -> Table:
    ranges = (("yes", estimate.yes), ("no", estimate.no), ("abstain", estimate.abstain))
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (vote, rounded(r.expected, 1), rounded(r.low, 1), rounded(r.high, 1))
        for vote, r in (*ranges, ("non_voting", estimate.non_voting))
    )
    target = estimate.decision
    notes = (
        f"{_ESTIMATE} {decision_label(target)} ({target.date}) was adopted without a vote; this is how its "
        f"{len(estimate.states)} members would have voted had a vote been called, by the model.",
        _backtest_note(backtest),
        f"Method: {estimate.method}.",
        "p(state, position) = (time-weighted count of the state's recorded positions + prior weight x series-wide "
        "share) / (weighted total + prior weight); weight = 0.5 ^ (years apart / half-life).",
        f"Learnt from: {', '.join(history)}. Members: those with a position on the nearest recorded vote.",
        _settings_note(estimate.settings),
    )
    title = f"Implied tally of {decision_label(target)} ({target.year}), model estimate"
    return Table("implied_tally", title, ("vote", "expected", "low", "high"), rows, notes)


def _states_table(estimate: ImpliedTally) -> Table:
    rows = tuple(
        (
            s.country_code,
            country_name(s.country_code),
            rounded(s.p_yes),
            rounded(s.p_no),
            rounded(s.p_abstain),
            rounded(s.p_non_voting),
            s.most_likely.value,
            s.basis,
            s.n_recorded,
        )
        for s in estimate.states
    )
    columns = ("country_code", "country_name", "p_yes", "p_no", "p_abstain", "p_non_voting", "most_likely", "basis")
    notes = (
        f"{_ESTIMATE} basis: history = the state's own recorded positions; series_average = the series-wide "
        "shares (a state with no recorded position).",
    )
    title = f"Implied positions on {decision_label(estimate.decision)}, model estimate"
    return Table("implied_positions", title, (*columns, "n_recorded"), rows, notes)


def _backtest_table(backtest: SeriesBacktest) -> Table:
    rows = tuple(
        (
            r.decision.year,
            decision_label(r.decision),
            r.n_states,
            rounded(r.accuracy),
            r.recorded.yes,
            r.recorded.no,
            r.recorded.abstain,
            rounded(r.estimate.yes.expected, 1),
            rounded(r.estimate.no.expected, 1),
            rounded(r.estimate.abstain.expected, 1),
            all(r.is_within_interval),
        )
        for r in backtest.results
    )
    columns: tuple[str, ...] = ("year", "symbol", "n_states", "accuracy", "yes", "no", "abstain")
    columns += ("expected_yes", "expected_no", "expected_abstain", "is_within_range")
    notes = (
        "Each recorded vote held out in turn and predicted from the others; accuracy = share of its states whose "
        "most likely position is the recorded one.",
        _backtest_note(backtest),
    )
    return Table("implied_tally_backtest", "Back-test of the implied tally", columns, rows, notes)


def implied_tally_report(
    con: sqlite3.Connection,
    year: int,
    *,
    series: str = DEFAULT_SERIES,
    body: Body = Body.GA,
    settings: ImpliedTallySettings | None = None,
) -> ImpliedTallyReport:
    """Estimate the tally of the series' adoption without a vote in ``year``, with the model's back-test."""
    settings = settings or ImpliedTallySettings()
    rolls = selection_rolls(con, Selection(series=series, body=body), recorded_only=False)
    target_id = _target(rolls, series, body, year)
    try:
        estimate = estimate_implied_tally(rolls, target_id, settings=settings)
    except ValueError as exc:
        raise NotFoundError(str(exc)) from None
    backtest = backtest_series(rolls, settings=settings)
    by_id = {d.decision_id: d for d in rolls.decisions}
    history = [f"{decision_label(by_id[i])} ({by_id[i].year})" for i in estimate.history]
    return ImpliedTallyReport(
        tally=_tally_table(estimate, backtest, history),
        states=_states_table(estimate),
        backtest=_backtest_table(backtest),
    )
