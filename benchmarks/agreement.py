"""Benchmark: pairwise agreement and ideal points on every GA roll call, 1946-2019 (Voeten 2021).

Loads the Voeten 2021 release into a RollMatrix (pandas only here, at the edge), then

1. times :func:`unvotes.analysis.agreement_matrix` (all pairs × all roll calls) against a plain
   pandas computation of the same numbers — per pair of countries, boolean masks over a
   decisions × countries DataFrame. When the full pandas run would take longer than
   ``--pandas-budget`` seconds, a random sample of pairs is timed and the total extrapolated
   (the output says so);
2. checks that both give the same numbers on every pair computed by pandas;
3. times :func:`unvotes.analysis.fit_ideal_points` on all yes/no votes;
4. times the path a user takes, from the database: every GA recorded vote read with
   :func:`unvotes.reports.analysis.selection_rolls`, then the agreement matrix. The database is
   ``--db`` when given, else one built into a temporary folder from the data folder (a few seconds).

Run: ``.venv/bin/python benchmarks/agreement.py [--data-dir DIR] [--db FILE] [--repeat 5]``.
The data folder is ``--data-dir``, else ``$UNVOTES_DATA_DIR``, else ``../shared/data`` beside the repo.
Timings are the best of ``--repeat`` runs; the load average is printed because other work on the
machine slows the multi-threaded matrix product markedly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from unvotes import ingest, sources, store
from unvotes.analysis import (
    AgreementMethod,
    DecisionInfo,
    IdealPointSettings,
    RollMatrix,
    agreement_matrix,
    fit_ideal_points,
)
from unvotes.model import Body, DecisionKind, Selection
from unvotes.reports.analysis import selection_rolls

REPO = Path(__file__).resolve().parents[1]
CODES = {"yes": 1, "abstain": 2, "no": 3}
PLACE = {1: 0.0, 2: 1.0, 3: 2.0}  # yes < abstain < no, for 1 - d/2
T = TypeVar("T")


def data_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    env = os.environ.get("UNVOTES_DATA_DIR")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load(folder: Path) -> RollMatrix:
    votes = pd.read_csv(folder / "voeten2021_un_votes.csv.xz", keep_default_na=False, na_values=[""])
    calls = pd.read_csv(folder / "voeten2021_un_roll_calls.csv.xz", keep_default_na=False, na_values=[""])
    label = votes["country_code"].fillna(votes["country"]).to_numpy(str)
    decisions = [
        DecisionInfo(
            decision_id=int(rcid),
            body=Body.GA,
            date=dt.date.fromisoformat(str(date)),
            kind=DecisionKind.AMENDMENT if amend == 1 else DecisionKind.RESOLUTION,
        )
        for rcid, date, amend in zip(
            calls["rcid"].tolist(), calls["date"].tolist(), calls["amend"].tolist(), strict=True
        )
    ]
    return RollMatrix.from_long(
        decision_ids=votes["rcid"].to_numpy(np.int64),
        country_codes=label,
        vote_codes=votes["vote"].map(CODES).to_numpy(np.int64),
        decisions=decisions,
    )


def best_time(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """Fastest of ``repeat`` runs, and the last result."""
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def pandas_pair(frame: pd.DataFrame, a: str, b: str) -> float:
    """Voeten agreement of one pair, the straightforward way: masks over two DataFrame columns."""
    x, y = frame[a], frame[b]
    both = x.isin([1, 2, 3]) & y.isin([1, 2, 3])
    if not both.any():
        return float("nan")
    distance = (x[both].map(PLACE) - y[both].map(PLACE)).abs()
    return float((1 - distance / 2).mean())


def time_pandas(rolls: RollMatrix, budget: float, seed: int) -> tuple[float, bool, list[tuple[int, int, float]]]:
    """(estimated seconds for every pair, whether extrapolated, computed pairs with values)."""
    frame = pd.DataFrame(rolls.votes.T, columns=list(rolls.countries))
    n = rolls.n_countries
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    rng = np.random.default_rng(seed)
    probe = [pairs[k] for k in rng.choice(len(pairs), size=min(200, len(pairs)), replace=False)]
    start = time.perf_counter()
    done = [(i, j, pandas_pair(frame, rolls.countries[i], rolls.countries[j])) for i, j in probe]
    per_pair = (time.perf_counter() - start) / len(probe)
    if per_pair * len(pairs) <= budget:
        start = time.perf_counter()
        done = [(i, j, pandas_pair(frame, rolls.countries[i], rolls.countries[j])) for i, j in pairs]
        return time.perf_counter() - start, False, done
    sample = [pairs[k] for k in rng.choice(len(pairs), size=min(2000, len(pairs)), replace=False)]
    start = time.perf_counter()
    done = [(i, j, pandas_pair(frame, rolls.countries[i], rolls.countries[j])) for i, j in sample]
    return (time.perf_counter() - start) / len(sample) * len(pairs), True, done


def time_database(db: Path | None, folder: Path, repeat: int, matrix_seconds: float) -> None:
    """Read every GA recorded vote from the database and compute the agreement matrix; print the times."""
    with tempfile.TemporaryDirectory() as scratch:
        if db is None:
            db = Path(scratch) / "full.db"
            start = time.perf_counter()
            ingest.build(db, [("dossier", sources.read_dossier), *sources.detect(folder).loaders()])
            print(f"database built from {folder} in {time.perf_counter() - start:.1f} s (not part of the timings)")
        con = store.open_db(db, read_only=True)
        load_seconds, rolls = best_time(repeat, lambda: selection_rolls(con, Selection(body=Body.GA)))
        matrix_db, _ = best_time(repeat, lambda: agreement_matrix(rolls))
        con.close()
    total = load_seconds + matrix_db
    print(f"from the database: {rolls.n_countries} states x {rolls.n_decisions} GA recorded votes")
    print(f"  read rolls {load_seconds:.3f} s + agreement_matrix {matrix_db:.3f} s = {total:.3f} s (best of {repeat})")
    print(f"  ratio database path / matrix alone (Voeten CSV): {total / matrix_seconds:,.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pandas-budget", type=float, default=60.0, help="seconds before sampling pairs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help="a built database (default: build one in a temporary folder)")
    args = parser.parse_args()

    folder = data_dir(args.data_dir) / "voeten"
    start = time.perf_counter()
    rolls = load(folder)
    took = time.perf_counter() - start
    print(f"loaded {rolls.n_countries} countries x {rolls.n_decisions} roll calls in {took:.2f} s")
    load_average = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"cpus available: {os.cpu_count()}; load average (1, 5, 15 min): {load_average}")

    seconds, result = best_time(args.repeat, lambda: agreement_matrix(rolls, method=AgreementMethod.VOETEN))
    print(f"unvotes agreement_matrix (voeten, all pairs): {seconds:.3f} s (best of {args.repeat})")
    for method in (AgreementMethod.STATE_DEPT, AgreementMethod.STATE_DEPT_HALF):
        t, _ = best_time(args.repeat, partial(agreement_matrix, rolls, method=method))
        print(f"unvotes agreement_matrix ({method.value}): {t:.3f} s")
    t, _ = best_time(args.repeat, lambda: agreement_matrix(rolls, count_absences=True))
    print(f"unvotes agreement_matrix (voeten, absences counted): {t:.3f} s")

    pandas_seconds, extrapolated, done = time_pandas(rolls, args.pandas_budget, args.seed)
    n_pairs = rolls.n_countries * (rolls.n_countries + 1) // 2
    how = f"extrapolated from {len(done)} sampled pairs" if extrapolated else "measured on every pair"
    print(f"pandas per-pair masks ({n_pairs} pairs): {pandas_seconds:.1f} s ({how})")
    print(f"ratio pandas / unvotes: {pandas_seconds / seconds:,.0f}x")
    time_database(args.db, data_dir(args.data_dir), args.repeat, seconds)

    values = result.values
    diffs = [abs(values[i, j] - v) for i, j, v in done if not (np.isnan(v) and np.isnan(values[i, j]))]
    nan_mismatch = sum(np.isnan(v) != np.isnan(values[i, j]) for i, j, v in done)
    print(f"agreement check on {len(done)} pairs: max |difference| = {max(diffs):.2e}, NaN mismatches = {nan_mismatch}")
    if max(diffs) > 1e-9 or nan_mismatch:
        raise SystemExit("the two computations disagree")

    start = time.perf_counter()
    fit = fit_ideal_points(rolls, IdealPointSettings(reference="US"))
    seconds = time.perf_counter() - start
    ranked = fit.ranked()
    print(
        f"fit_ideal_points on all GA votes: {seconds:.1f} s, "
        f"{fit.iterations} sweeps, converged={fit.converged}, "
        f"{len(fit.decision_ids)} roll calls used ({fit.n_dropped_decisions} without a minority dropped)"
    )
    print(f"  US {fit.get('US'):+.2f}, KP {fit.get('KP'):+.2f}")
    print("  lowest: " + ", ".join(f"{c} {x:+.2f}" for c, x in ranked[:5]))
    print("  highest: " + ", ".join(f"{c} {x:+.2f}" for c, x in ranked[-5:]))


if __name__ == "__main__":
    main()
