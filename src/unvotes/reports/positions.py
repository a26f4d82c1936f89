"""Stored positions per state per year: fitting the standard scopes into the database
(``unvotes estimate``) and reading them back with the run that made them.

A scope is a named selection of recorded votes fitted by the dynamic ideal-point model
(:mod:`unvotes.analysis.dynamic_ideal`): ``ga-all`` (every General Assembly recorded vote),
``ga-topic-hr`` (those on human rights, Voeten's topic ``hr``) and ``dprk-human-rights`` (the
recorded votes of the dossier's series). A run is stored with the model version, its parameters,
the selection in words and what the fit used, and replaces the scope's previous run in one
transaction; the next run of the scope starts from it (a warm start).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from unvotes import store
from unvotes.analysis import MODEL_VERSION, DynamicSettings, WarmStart
from unvotes.errors import NotFoundError, ParameterError, StoreError
from unvotes.model import Body, Selection
from unvotes.reports.analysis import rounded, selection_rolls
from unvotes.reports.dynamic import DynamicFit, dynamic_fit
from unvotes.reports.table import Table

__all__ = [
    "SCOPES",
    "EstimateOutcome",
    "Scope",
    "estimate_scopes",
    "run_citation",
    "scope_named",
    "stored_ideal_points_table",
    "stored_run",
]


@dataclass(frozen=True, slots=True)
class Scope:
    """A named selection of recorded votes that ``unvotes estimate`` fits and stores."""

    name: str
    selection: Selection
    words: str


SCOPES: tuple[Scope, ...] = (
    Scope(
        "dprk-human-rights",
        Selection(series="dprk-human-rights"),
        "the recorded votes of the DPRK human-rights series, every body",
    ),
    Scope("ga-topic-hr", Selection(body=Body.GA, topic="hr"), "General Assembly recorded votes on human rights"),
    Scope("ga-all", Selection(body=Body.GA), "every General Assembly recorded vote"),
)

#: (scope, sweeps, largest change of a position in the sweep)
Progress = Callable[[str, int, float], None]


def scope_named(name: str) -> Scope:
    """The scope called ``name``; :class:`ParameterError` naming the known ones otherwise."""
    for scope in SCOPES:
        if scope.name == name:
            return scope
    known = ", ".join(s.name for s in SCOPES)
    raise ParameterError(f"unknown scope {name!r}: the scopes are {known}")


@dataclass(frozen=True, slots=True)
class EstimateOutcome:
    """What ``estimate`` did with one scope: a stored run, or the reason it could not be fitted."""

    scope: str
    run: store.EstimateRunRecord | None
    problem: str | None
    seconds: float
    first_year: int | None = None
    last_year: int | None = None


def _problem(con: sqlite3.Connection, scope: Scope) -> str | None:
    """Why the database cannot support ``scope``, or None when it can."""
    if scope.selection.topic is not None and not any(t == scope.selection.topic for t, _n in store.list_topics(con)):
        return "this database holds no topic codes (they come with Voeten's data: build with --data-dir)"
    try:
        rolls = selection_rolls(con, scope.selection)
    except NotFoundError as exc:
        return str(exc)
    if scope.selection.series is None and scope.selection.topic is None:
        series = Selection(series="dprk-human-rights", body=scope.selection.body)
        try:
            if selection_rolls(con, series).n_decisions == rolls.n_decisions:
                return (
                    "every GA recorded vote here is one of the DPRK series (scope dprk-human-rights); "
                    "build with Voeten's data"
                )
        except NotFoundError:
            pass
    return None


def _parameters(settings: DynamicSettings) -> str:
    return json.dumps(dataclasses.asdict(settings), sort_keys=True)


def _warm_start(con: sqlite3.Connection, run: store.EstimateRunRecord | None, parameters: str) -> WarmStart | None:
    """The stored run as a start, when it was made by this model with these parameters."""
    if run is None or run.model != MODEL_VERSION or run.parameters != parameters:
        return None
    positions = {
        (e.country_code, e.year): run.raw_centre + run.raw_scale * e.ideal_point
        for e in store.estimates_of(con, run.run_id)
    }
    return WarmStart(positions, store.estimate_items(con, run.run_id))


def _store(con: sqlite3.Connection, scope: Scope, result: DynamicFit, is_warm: bool) -> store.EstimateRunRecord:
    fit = result.fit
    run = store.EstimateRunRecord(
        run_id=0,
        scope=scope.name,
        model=fit.model,
        parameters=_parameters(fit.settings),
        selection=f"{scope.words} ({result.selection.describe()})",
        anchor=fit.anchor,
        n_decisions=fit.n_decisions,
        n_dropped_decisions=fit.n_dropped_decisions,
        n_repeated_decisions=fit.n_repeated_decisions,
        n_repeat_groups=fit.n_repeat_groups,
        n_state_years=len(fit.year),
        iterations=fit.iterations,
        is_converged=fit.converged,
        is_warm_start=is_warm,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        raw_centre=fit.raw_centre,
        raw_scale=fit.raw_scale,
    )
    rows = [
        store.EstimateRecord(
            0,
            fit.country_code[k],
            int(fit.year[k]),
            float(fit.ideal_point[k]),
            float(fit.std_error[k]),
            int(fit.n_votes[k]),
            int(fit.n_non_voting[k]),
        )
        for k in range(len(fit.year))
    ]
    run_id = store.replace_estimate_run(con, run, rows, fit.state.items)
    return dataclasses.replace(run, run_id=run_id)


def _estimate(con: sqlite3.Connection, scope: Scope, progress: Progress | None) -> EstimateOutcome:
    started = time.perf_counter()
    problem = _problem(con, scope)
    if problem is not None:
        return EstimateOutcome(scope.name, None, problem, time.perf_counter() - started)
    settings = DynamicSettings()
    start = _warm_start(con, store.estimate_run(con, scope.name), _parameters(settings))
    step = None if progress is None else (lambda sweeps, change: progress(scope.name, sweeps, change))
    result = dynamic_fit(con, scope.selection, settings=settings, start=start, progress=step)
    run = _store(con, scope, result, start is not None)
    years = result.fit.year
    first, last = (int(years.min()), int(years.max())) if len(years) else (None, None)
    return EstimateOutcome(scope.name, run, None, time.perf_counter() - started, first, last)


def estimate_scopes(db: Path, names: Sequence[str] = (), *, progress: Progress | None = None) -> list[EstimateOutcome]:
    """Fit and store each scope named (default: every standard scope) that the database at ``db``
    can support, holding its writer's lock; a scope it cannot support is returned with the reason
    and the others are still done. Each run replaces the scope's previous one atomically and
    warm-starts from it. :class:`ParameterError` for an unknown scope, before anything is done."""
    scopes = [scope_named(n) for n in dict.fromkeys(names)] if names else list(SCOPES)
    if not db.is_file():
        raise StoreError(f"{db}: no database here; run 'unvotes build' first (or pass --db)")
    with store.writer_lock(db):
        con = store.open_db(db)
        try:
            return [_estimate(con, scope, progress) for scope in scopes]
        finally:
            con.close()


def run_citation(run: store.EstimateRunRecord) -> tuple[str, ...]:
    """What a table or page of stored estimates says about the run behind them."""
    settings = json.loads(run.parameters)
    params = ", ".join(f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in sorted(settings.items()))
    start = "warm start from the previous run" if run.is_warm_start else "cold start"
    return (
        f"Model estimates, not records: model {run.model}, stored run {run.run_id} of scope {run.scope} "
        f"({run.created}); see /methods.",
        f"Parameters: {params}.",
        f"Data: {run.selection}: {run.n_decisions} recorded votes used, {run.n_dropped_decisions} dropped "
        f"(every voter on one side, or no year); {run.n_repeated_decisions} votes in {run.n_repeat_groups} "
        f"questions repeated across years share items; {run.n_state_years} state-years.",
        f"Scale: mean 0, standard deviation 1 over the state-years; {run.anchor} on the positive side. "
        f"Fit: {run.iterations} sweeps ({start}), converged {run.is_converged}.",
    )


def _scope_for(con: sqlite3.Connection, sel: Selection) -> str:
    """The scope of the selection's topic or series; else ``ga-all``, or the DPRK series' scope
    when only that one is stored (a database of the dossier alone)."""
    if sel.topic == "hr":
        return "ga-topic-hr"
    if sel.series == "dprk-human-rights":
        return "dprk-human-rights"
    stored = {r.scope for r in store.estimate_runs(con)}
    return "dprk-human-rights" if "ga-all" not in stored and "dprk-human-rights" in stored else "ga-all"


def stored_run(con: sqlite3.Connection, scope: str) -> store.EstimateRunRecord:
    """The stored run of ``scope``; :class:`NotFoundError` saying how to make one otherwise."""
    scope_named(scope)
    run = store.estimate_run(con, scope)
    if run is None:
        stored = ", ".join(r.scope for r in store.estimate_runs(con)) or "none"
        raise NotFoundError(
            f"no stored estimates of scope {scope} (stored: {stored}); run 'unvotes estimate --scope {scope}'"
        )
    return run


def stored_ideal_points_table(
    con: sqlite3.Connection, sel: Selection, *, scope: str | None = None, country_code: str | None = None
) -> Table:
    """The stored estimates of ``scope`` (default: the scope of the selection's topic or series,
    else ``ga-all``, see :func:`_scope_for`) in the years of ``sel`` (of one state, when given),
    as ``dynamic_ideal_points_table`` shows a fit."""
    run = stored_run(con, scope or _scope_for(con, sel))
    first, last = sel.year_from or 0, sel.year_to or 9999
    codes = None if country_code is None else [country_code]
    rows = tuple(
        (e.country_code, e.year, rounded(e.ideal_point), rounded(e.std_error), e.n_votes, e.n_non_voting)
        for e in store.estimates_of(con, run.run_id, codes)
        if first <= e.year <= last
    )
    columns = ("country_code", "year", "ideal_point", "std_error", "n_votes", "n_non_voting")
    title = f"Ideal points per year (model estimate, {run.model}, stored scope {run.scope})"
    return Table("ideal_points_by_year", title, columns, rows, run_citation(run))
