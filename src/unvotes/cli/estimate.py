"""``unvotes estimate``: fit the standard scopes of the dynamic ideal-point model and store them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn

from unvotes.cli.command import app
from unvotes.cli.options import DbOption, db_path
from unvotes.reports.positions import SCOPES, EstimateOutcome, estimate_scopes

__all__ = ["estimate", "run_estimates"]


def _summary(outcome: EstimateOutcome) -> str:
    run = outcome.run
    assert run is not None
    start = "warm start" if run.is_warm_start else "cold start"
    converged = "converged" if run.is_converged else "NOT converged"
    return (
        f"{outcome.scope}: {run.n_decisions:,} recorded votes, {run.n_state_years:,} state-years "
        f"{outcome.first_year}-{outcome.last_year}, {run.iterations} sweeps ({start}), {converged}, "
        f"{outcome.seconds:.1f} s, run {run.run_id} ({run.model})"
    )


def run_estimates(db: Path, scopes: list[str]) -> int:
    """Fit and store the scopes, progress on standard error and a line per scope on standard output;
    returns the exit code: 1 when no scope could be fitted."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with Progress(TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("estimating", total=None)

        def progress(scope: str, sweeps: int, change: float) -> None:
            bar.update(task, description=f"estimating {scope}: sweep {sweeps}, largest move {change:.4f}")

        outcomes = estimate_scopes(db, scopes, progress=progress)
    for outcome in outcomes:
        if outcome.run is None:
            err.print(f"not estimated: {outcome.scope}: {outcome.problem}", markup=False)
        else:
            sys.stdout.write(_summary(outcome) + "\n")
    return 0 if any(o.run is not None for o in outcomes) else 1


@app.command()
def estimate(
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            help=f"A scope to fit (repeatable): {', '.join(s.name for s in SCOPES)}; default every one the "
            "database can support.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Fit positions per state per year (dynamic ideal points) over the standard scopes and store
    them with the model version and parameters, each scope's run replacing its previous one."""
    code = run_estimates(db_path(db), scope or [])
    if code:
        raise typer.Exit(code)
