"""Benchmark: a data release of a database against the bulk download it builds on.

Times, one run each (other work on the machine changes the figures; compare the ratios):

1. ``write_bulk``: every table as CSV and Parquet, the datapackage and the zip (the explorer's
   ``/downloads``);
2. ``write_release`` of the same database as the first release in an empty folder (database copy,
   CSV, Parquet folders, datapackage with checksums and licences, SHA256SUMS, change list);
3. a second release beside it, which also reads the first one's database and compares every
   decision (the change list);
4. the SQLite backup alone (the floor of the database copy).

Run: ``.venv/bin/python benchmarks/release.py --db FILE`` (a database built with
``unvotes build --data-dir ../shared/data`` for the full figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from unvotes import store
from unvotes.export import write_bulk
from unvotes.export.release import write_release
from unvotes.store.snapshot import backup_database


def _timed(label: str, job: Callable[[], object]) -> float:
    start = time.perf_counter()
    job()
    seconds = time.perf_counter() - start
    print(f"{label:<40} {seconds:8.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        con = store.open_db(args.db, read_only=True)
        try:
            backup = _timed("SQLite backup", lambda: backup_database(con, root / "copy.db"))
            bulk = _timed("bulk download (write_bulk)", lambda: write_bulk(con, root / "bulk"))
        finally:
            con.close()
        first = _timed("first release", lambda: write_release(args.db, root / "rel", date=dt.date(2026, 1, 1)))
        second = _timed("second release (with change list)", lambda: write_release(args.db, root / "rel"))
    print(
        f"release / bulk download: {first / bulk:.2f}; change list adds {second - first:+.2f} s; "
        f"backup is {backup / first:.1%} of a release"
    )


if __name__ == "__main__":
    main()
