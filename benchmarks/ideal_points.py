"""Benchmark: dynamic ideal points per state per year, on the real General Assembly and at full size
on simulated votes with a known truth.

1. every GA recorded vote 1946-2026 from a database (``--db``, else one built into a temporary
   folder from the shared data): seconds, sweeps, repeats found, and the static 2PL model's seconds
   on the same votes beside it;
2. a refit warm-started from a fit without the last year (sweeps, cold and warm);
3. the human-rights topic (Voeten's ``hr`` codes);
4. simulated: 200 states × 80 years × 80 votes a year, 10% missing, about one vote in eight an
   abstention: seconds, sweeps, per state-year correlation with the truth and the share of 90%
   intervals holding it (after the one affine map the model's scale leaves free);
5. ``unvotes estimate`` on a copy of the database: each standard scope fitted and stored cold, then
   again warm-started from the stored run (seconds and sweeps).

Peak memory is the process's maximum resident set size at the end (Linux ``ru_maxrss``). One run
each: read the figures as ratios, on a machine that is otherwise idle.

Run: ``.venv/bin/python benchmarks/ideal_points.py [--data-dir DIR] [--db FILE] [--skip-simulation]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from unvotes import ingest, sources, store
from unvotes.analysis import DynamicIdealPoints, fit_dynamic_ideal_points, fit_ideal_points
from unvotes.analysis.simulate import simulate_votes
from unvotes.model import Body, Selection
from unvotes.reports.analysis import selection_rolls
from unvotes.reports.dynamic import dynamic_fit, question_keys
from unvotes.reports.positions import estimate_scopes

REPO = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _line(label: str, seconds: float, fit: DynamicIdealPoints) -> None:
    print(
        f"{label:<34} {seconds:7.1f} s  {fit.iterations:4d} sweeps  converged {fit.converged}  "
        f"{fit.n_decisions} votes, {fit.n_items} items ({fit.n_repeated_decisions} votes in "
        f"{fit.n_repeat_groups} repeated questions), {len(fit.year)} state-years  peak {_peak_mb():.0f} MB"
    )


def real_data(db: Path) -> None:
    con = store.open_db(db, read_only=True)
    ga = Selection(body=Body.GA)
    start = time.perf_counter()
    result = dynamic_fit(con, ga)
    _line("GA, every recorded vote, per year", time.perf_counter() - start, result.fit)
    rolls = selection_rolls(con, ga)
    start = time.perf_counter()
    static = fit_ideal_points(rolls)
    seconds = time.perf_counter() - start
    print(f"{'GA, static 2PL (one point a state)':<34} {seconds:7.1f} s  {static.iterations} sweeps")
    last = max(d.year or 0 for d in rolls.decisions)
    earlier = rolls.select(decisions=lambda d: (d.year or 0) < last)
    keys = question_keys(con, rolls)
    before = fit_dynamic_ideal_points(earlier, repeat_keys=question_keys(con, earlier))
    start = time.perf_counter()
    warm = fit_dynamic_ideal_points(rolls, repeat_keys=keys, start=before)
    _line(f"GA refit, warm from <{last}", time.perf_counter() - start, warm)
    gap = float(np.abs(warm.ideal_point - result.fit.ideal_point).max())
    print(f"{'':<34} cold {result.fit.iterations} sweeps vs warm {warm.iterations}; largest difference {gap:.3f}")
    start = time.perf_counter()
    topic = dynamic_fit(con, Selection(topic="hr"))
    _line("GA, topic hr, per year", time.perf_counter() - start, topic.fit)


def stored_runs(db: Path) -> None:
    """Each scope stored cold, then again from the stored run, on a copy of ``db``."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "estimates.db"
        shutil.copyfile(db, copy)
        for label in ("cold", "warm"):
            for outcome in estimate_scopes(copy):
                if outcome.run is not None:
                    name = f"estimate {outcome.scope}, {label}"
                    print(f"{name:<34} {outcome.seconds:7.1f} s  {outcome.run.iterations:4d} sweeps")


def simulation() -> None:
    sim = simulate_votes(n_states=200, n_years=80, votes_per_year=80, missing=0.1, seed=1)
    votes = sim.rolls.votes
    abstain = float((votes == 2).sum() / np.isin(votes, [1, 2, 3]).sum())
    start = time.perf_counter()
    fit = fit_dynamic_ideal_points(sim.rolls, repeat_keys=sim.repeat_keys)
    _line("simulated 200 x 80 years x 80 votes", time.perf_counter() - start, fit)
    index = {code: i for i, code in enumerate(sim.rolls.countries)}
    truth = np.array([sim.truth[index[c], y - sim.first_year] for c, y in zip(fit.country_code, fit.year, strict=True)])
    slope, intercept = np.polyfit(fit.ideal_point, truth, 1)
    inside = np.abs(truth - (intercept + slope * fit.ideal_point)) <= 1.645 * slope * fit.std_error
    r = np.corrcoef(truth, fit.ideal_point)[0, 1]
    print(f"{'':<34} abstentions {abstain:.1%} of votes; r = {r:.4f}; 90% intervals hold the truth {inside.mean():.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="the shared data (default $UNVOTES_DATA_DIR, ../shared/data)")
    parser.add_argument("--db", type=Path, help="a built database (default: build one in a temporary folder)")
    parser.add_argument("--skip-simulation", action="store_true")
    args = parser.parse_args()
    folder = args.data_dir or Path(os.environ.get("UNVOTES_DATA_DIR", REPO.parent / "shared" / "data"))
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.db is not None:
        real_data(args.db)
        stored_runs(args.db)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            db = Path(scratch) / "full.db"
            ingest.build(db, [("dossier", sources.read_dossier), *sources.detect(folder).loaders()])
            real_data(db)
            stored_runs(db)
    if not args.skip_simulation:
        simulation()


if __name__ == "__main__":
    main()
