"""Positions per state per year (dynamic ideal points, a model estimate) over a selection of
recorded votes, with the model version, its parameters and what the data allowed stated in notes.

The default selection is every General Assembly recorded vote, so the report works on any database:
on the dossier alone that is the plenary votes of the DPRK series (one question repeated across the
years), and the notes say how thin that is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace

from unvotes import store
from unvotes.analysis import (
    DynamicIdealPoints,
    DynamicSettings,
    RollMatrix,
    WarmStart,
    fit_dynamic_ideal_points,
    repeat_key,
)
from unvotes.errors import NotFoundError
from unvotes.model import Body, Selection
from unvotes.reports.analysis import rounded, selection_rolls
from unvotes.reports.table import Table

__all__ = ["DynamicFit", "default_selection", "dynamic_fit", "dynamic_ideal_points_table", "question_keys"]

#: Below this many votes per state-year on average, positions lean on the random walk.
THIN_VOTES_PER_YEAR = 10


@dataclass(frozen=True, eq=False)
class DynamicFit:
    """A fit and the selection it was made on."""

    fit: DynamicIdealPoints
    selection: Selection
    n_recorded_votes: int


def default_selection(sel: Selection) -> Selection:
    """The selection as given, or every GA recorded vote when it names no series, body or topic."""
    if sel.series is None and sel.body is None and sel.topic is None:
        return replace(sel, body=Body.GA)
    return sel


def question_keys(con: sqlite3.Connection, rolls: RollMatrix) -> list[str | None]:
    """One repeat key per decision: a curated series (same body and kind) when the decision is in
    one, else the normalised kind, title and description (:func:`unvotes.analysis.repeat_key`)."""
    by_id = {q.decision_id: q for q in store.decision_questions(con, list(rolls.decision_ids))}
    keys: list[str | None] = []
    for info in rolls.decisions:
        q = by_id[info.decision_id]
        if q.series is not None:
            keys.append(f"series|{q.series}|{info.body.value}|{q.kind.value}")
        else:
            keys.append(repeat_key(q.kind.value, q.title, q.description))
    return keys


def _no_votes_hint(con: sqlite3.Connection, sel: Selection) -> str:
    if sel.topic is not None and not store.list_topics(con):
        return (
            "; this database holds no topic codes (they come with Voeten's data: build with --data-dir); "
            "the dossier's own human-rights votes are --series dprk-human-rights"
        )
    return ""


def dynamic_fit(
    con: sqlite3.Connection,
    sel: Selection,
    *,
    settings: DynamicSettings | None = None,
    start: DynamicIdealPoints | WarmStart | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> DynamicFit:
    """Fit the dynamic model to the recorded votes of the selection (default: every GA one);
    ``start`` and ``progress`` as for :func:`unvotes.analysis.fit_dynamic_ideal_points`."""
    sel = default_selection(sel)
    try:
        rolls = selection_rolls(con, sel)
    except NotFoundError as exc:
        raise NotFoundError(f"{exc}{_no_votes_hint(con, sel)}") from None
    try:
        keys = question_keys(con, rolls)
        fit = fit_dynamic_ideal_points(rolls, settings, repeat_keys=keys, start=start, progress=progress)
    except ValueError as exc:
        raise NotFoundError(f"{exc} ({sel.describe()})") from None
    return DynamicFit(fit, sel, rolls.n_decisions)


def _notes(result: DynamicFit) -> tuple[str, ...]:
    fit, s = result.fit, result.fit.settings
    years = sorted(set(fit.year.tolist()))
    per_cell = float(fit.n_votes.mean()) if len(fit.n_votes) else 0.0
    notes = [
        f"Model estimates, not records. Model {fit.model}: one dimension, ordered logit on no < abstain < yes; "
        "non_voting and absences left out (n_non_voting counts them); each state's position a random walk "
        "across years; see docs/methods.md.",
        f"Parameters: smoothness (sd of a year's move) {s.smoothness}, first-year prior sd {s.prior_sd_start}, "
        f"item prior sd {s.prior_sd_item}, tolerance {s.tolerance}.",
        f"Scale: mean 0 and standard deviation 1 over the state-years shown; {fit.anchor} on the positive side "
        f"(anchors in order: {', '.join(s.anchors)}). std_error: Laplace, items held at their estimates.",
        f"Data: {result.selection.describe()}: {fit.n_decisions} recorded votes used of {result.n_recorded_votes} "
        f"({fit.n_dropped_decisions} with every voter on one side or without a year dropped), "
        f"{len(years)} years ({years[0]}-{years[-1]}), {len(fit.year)} state-years, "
        f"{per_cell:.1f} votes per state-year on average.",
        f"Repeats: {fit.n_repeated_decisions} votes in {fit.n_repeat_groups} questions repeated across years share "
        f"item parameters; {fit.n_items} items in all.",
        f"Fit: {fit.iterations} sweeps, converged {fit.converged}, log posterior {fit.log_posterior:.1f}.",
    ]
    if per_cell < THIN_VOTES_PER_YEAR:
        notes.append(
            f"Thin data: under {THIN_VOTES_PER_YEAR} votes per state-year, so positions lean on the random walk "
            "and the intervals are wide; states voting alike every year cannot be told apart."
        )
    return tuple(notes)


def dynamic_ideal_points_table(
    con: sqlite3.Connection,
    sel: Selection,
    *,
    settings: DynamicSettings | None = None,
) -> Table:
    """Per state per year: ``country_code, year, ideal_point, std_error, n_votes, n_non_voting``."""
    result = dynamic_fit(con, sel, settings=settings)
    fit = result.fit
    rows = tuple(
        (
            fit.country_code[k],
            int(fit.year[k]),
            rounded(float(fit.ideal_point[k])),
            rounded(float(fit.std_error[k])),
            int(fit.n_votes[k]),
            int(fit.n_non_voting[k]),
        )
        for k in range(len(fit.year))
    )
    columns = ("country_code", "year", "ideal_point", "std_error", "n_votes", "n_non_voting")
    title = f"Ideal points per year (model estimate, {fit.model})"
    return Table("ideal_points_by_year", title, columns, rows, _notes(result))
