"""Benchmark: what the library's data frames cost over the reports they come from, and against
what a notebook would do without the library (run the command, read its CSV with pandas).

For a few questions on the full database, one run each:

1. the report alone (:mod:`unvotes.reports`, a :class:`~unvotes.reports.Table`);
2. the library (:class:`unvotes.Database`: the same report, then a pandas frame with nullable types);
3. the command in a subprocess (``unvotes ... --format csv``) read back with ``pandas.read_csv``.

Each is called once before it is timed. Prints seconds and the ratios library / report and
command / library. The database is ``--db`` when given, else one built into a temporary folder
from the data folder (about 10 s).

Run: ``.venv/bin/python benchmarks/library.py [--data-dir DIR] [--db FILE]``.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import unvotes
from unvotes import reports, store
from unvotes.reports.selection import selection_from_options

REPO = Path(__file__).resolve().parents[1]

# (label, report call, library call, command arguments)
QUESTIONS: list[tuple[str, Callable[[Any], object], Callable[[Any], pd.DataFrame], list[str]]] = [
    (
        "decisions --body ga",
        lambda con: reports.decisions_table(con, selection_from_options(body="ga")),
        lambda db: db.decisions(body="ga"),
        ["decisions", "--body", "ga"],
    ),
    (
        "votes A/RES/69/188",
        lambda con: reports.votes_table(con, "A/RES/69/188"),
        lambda db: db.votes("A/RES/69/188"),
        ["votes", "A/RES/69/188"],
    ),
    (
        "country KOR --body ga",
        lambda con: reports.record_table(con, "KOR", selection_from_options(body="ga")),
        lambda db: db.country("KOR", body="ga"),
        ["country", "KOR", "--body", "ga"],
    ),
    (
        "agreement --with KOR --topic hr",
        lambda con: reports.agreement_table(con, selection_from_options(topic="hr"), with_country="KOR"),
        lambda db: db.agreement(with_country="KOR", topic="hr"),
        ["analyse", "agreement", "--with", "KOR", "--topic", "hr"],
    ),
]


def _seconds(job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def _command(args: list[str], db: Path) -> pd.DataFrame:
    command = [sys.executable, "-m", "unvotes", *args, "--db", str(db), "--format", "csv"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return pd.read_csv(io.StringIO(done.stdout))


def database(args: argparse.Namespace, folder: Path) -> Path:
    if args.db:
        return Path(args.db)
    data = Path(args.data_dir or os.environ.get("UNVOTES_DATA_DIR") or REPO.parent / "shared" / "data")
    path = folder / "full.db"
    print(f"building {path} from {data} ...", flush=True)
    unvotes.build(data_dir=data, path=path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = database(args, Path(tmp))
        con = store.open_db(path, read_only=True)
        print(f"load average {os.getloadavg()[0]:.2f}")
        heads = f"{'rows':>7}{'report s':>10}{'library s':>11}{'command s':>11}{'lib/rep':>9}{'cmd/lib':>9}"
        print(f"{'question':<34}{heads}")
        with unvotes.open(path) as db:
            for label, report, library, command in QUESTIONS:
                frame = library(db)  # both warmed once: the first call also reads reference tables
                t_report = _seconds(lambda report=report: report(con))
                t_library = _seconds(lambda library=library: library(db))
                t_command = _seconds(lambda command=command: _command(command, path))
                print(
                    f"{label:<34}{len(frame):>7}{t_report:>10.3f}{t_library:>11.3f}{t_command:>11.3f}"
                    f"{t_library / t_report:>9.2f}{t_command / t_library:>9.1f}"
                )
        con.close()


if __name__ == "__main__":
    main()
