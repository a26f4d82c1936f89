"""Benchmark: searching every decision (FTS5, ranked) against what the search did before (a
case-insensitive substring anywhere in title, symbols and description, by date), in process, over
the full database.

Each query of a mix people type (states by name, topics, symbol fragments, phrases) is run
``--repeat`` times through :func:`unvotes.store.list_decisions` the way the browser asks for it
(the first page of 50, ranked), and through the literal ``LIKE`` scan the store falls back to on a
database without the search table. Prints p50 and p99 per query for both and their ratio, and how
many decisions each finds (the ranked search understands names and stems, so counts differ).

Run: ``.venv/bin/python benchmarks/search.py [--db FILE] [--data-dir DIR] [--repeat 50]``; without
``--db`` a database is built from the data folder into a temporary folder (a few seconds).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from unvotes import store
from unvotes.model import Selection

REPO = Path(__file__).resolve().parents[1]
QUERIES = (
    "North Korea human rights",
    "Korea",
    "Corée du Nord",
    "69/188",
    "L.63",
    "nuclear weapons",
    "Palestine refugees",
    "apartheid South Africa",
    '"right to development"',
    "Israel",
    "decolonization",
    "Myanmar Rohingya",
)


def _times(con: sqlite3.Connection, sel: Selection, repeat: int) -> tuple[list[float], int]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        store.list_decisions(con, sel, limit=50)
        store.count_decisions(con, sel)
        times.append((time.perf_counter() - start) * 1000)
    return times, store.count_decisions(con, sel)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="unvotes-search-"))
    try:
        db = args.db
        if db is None:
            data = args.data_dir or Path(os.environ.get("UNVOTES_DATA_DIR", REPO.parent / "shared" / "data"))
            db = folder / "full.db"
            _build(db, data)
        with_search = store.open_db(db, read_only=True)
        literal_path = folder / "literal.db"
        shutil.copyfile(db, literal_path)
        con = sqlite3.connect(literal_path)
        with con:
            con.execute("DROP TABLE IF EXISTS decision_text")
        con.close()
        literal = store.open_db(literal_path, read_only=True)
        decisions = store.count_decisions(with_search, Selection())
        print(f"{decisions:,} decisions; {args.repeat} runs per query; first page of 50 and the count")
        columns = ("ranked p50", "p99 ms", "found", "literal p50", "p99 ms", "found")
        print(f"{'query':28} " + " ".join(f"{c:>11}" for c in columns))
        all_ranked, all_literal = [], []
        for q in QUERIES:
            ranked, n_ranked = _times(with_search, Selection(search=q), args.repeat)
            plain, n_plain = _times(literal, Selection(search=q), args.repeat)
            all_ranked += ranked
            all_literal += plain
            cells = (np.percentile(ranked, 50), np.percentile(ranked, 99), n_ranked)
            cells += (np.percentile(plain, 50), np.percentile(plain, 99), n_plain)
            print(f"{q[:28]:28} " + " ".join(f"{c:11.2f}" if isinstance(c, float) else f"{c:11d}" for c in cells))
        p99_ranked, p99_literal = np.percentile(all_ranked, 99), np.percentile(all_literal, 99)
        print(f"all queries: ranked p99 {p99_ranked:.2f} ms, literal p99 {p99_literal:.2f} ms")
        print(f"ratio literal/ranked at p99: {p99_literal / p99_ranked:.2f}x (target: ranked p99 <= 20 ms)")
        with_search.close()
        literal.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _build(db: Path, data: Path) -> None:
    """Build the full database through the CLI's own path."""
    done = subprocess.run(
        [sys.executable, "-m", "unvotes", "build", "--data-dir", str(data), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)


if __name__ == "__main__":
    main()
