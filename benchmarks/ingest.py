"""Full ingest of the shared source files, side by side with what a user would otherwise do.

    .venv/bin/python benchmarks/ingest.py [DATA_DIR]

Three runs, each in a fresh process so that peak memory is its own:

* ``unvotes``: ``unvotes build --no-dossier --data-dir DATA_DIR`` — the same files as the others —
  with merging, inference of non-voting members, the rolls stored once and the reconciliation;
  ``+dossier`` is the default build (the shipped dossier as well), for reference;
* ``pandas``: ``pandas.read_csv`` / ``read_json`` of the same files and ``DataFrame.to_sql`` into
  a new SQLite file — what people write today;
* ``floor``: a pyarrow parse of the same files plus a bare ``executemany`` of as many
  three-integer rows as the sources give positions — about the least any loader can do.

Each is run three times, each time in a fresh process; the median time (and the largest peak RSS)
is reported. Prints wall time, position rows per second and peak RSS of each, and the ratios.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _source_files(data_dir: Path) -> list[Path]:
    from unvotes import sources

    found = sources.detect(data_dir)
    return sorted(p for paths in found.groups.values() for p in paths)


def _open_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    return lzma.decompress(raw) if path.suffix == ".xz" else raw


def run_unvotes(data_dir: Path, work: Path, *, dossier: bool = False) -> dict[str, float]:
    from unvotes import ingest, sources

    loaders = [*([("dossier", sources.read_dossier)] if dossier else []), *sources.detect(data_dir).loaders()]
    started = time.perf_counter()
    report = ingest.build(work / "unvotes.db", loaders)
    seconds = time.perf_counter() - started
    # every position the sources gave (a roll equal to one already stored is kept once)
    rows = sum(s.positions + s.positions_stored_once for s in report.sources)
    stored = sum(s.positions for s in report.sources)
    # the decisions each source added, and those it matched to one stored before: a duplicate shows
    per_source: dict[str, float] = {}
    for s in report.sources:
        label = f"{s.kind.value} {s.files[0] if s.files else ''}".strip()
        per_source[f"new:{label}"] = s.decisions_new
        per_source[f"matched:{label}"] = s.decisions_merged
    return {"seconds": seconds, "rows": rows, "stored": stored, **per_source}


def run_pandas(data_dir: Path, work: Path) -> dict[str, float]:
    import pandas as pd

    started = time.perf_counter()
    con = sqlite3.connect(work / "pandas.db")
    rows = 0
    for n, path in enumerate(_source_files(data_dir)):
        if ".jsonl" in path.name:
            frame = pd.read_json(io.BytesIO(_open_bytes(path)), lines=True)
            frame = frame.map(lambda v: json.dumps(v) if isinstance(v, list | dict) else v)
        else:
            frame = pd.read_csv(path, low_memory=False)
        frame.to_sql(f"t{n}", con, index=False)
        rows += len(frame)
    con.commit()
    con.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def run_floor(data_dir: Path, work: Path, rows: int) -> dict[str, float]:
    import numpy as np
    import pyarrow.csv as pacsv
    import pyarrow.json as pajson

    started = time.perf_counter()
    for path in _source_files(data_dir):
        data = io.BytesIO(_open_bytes(path))
        if ".jsonl" in path.name:
            pajson.read_json(data)
        else:
            pacsv.read_csv(data)
    con = sqlite3.connect(work / "floor.db")
    con.execute("CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER)")
    block = np.zeros((rows, 3), dtype=np.int64)
    block[:, 0] = np.arange(rows)
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", block.tolist())
    con.commit()
    con.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def child(which: str, data_dir: Path, rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if which == "unvotes":
            result = run_unvotes(data_dir, work)
        elif which == "dossier":
            result = run_unvotes(data_dir, work, dossier=True)
        elif which == "pandas":
            result = run_pandas(data_dir, work)
        else:
            result = run_floor(data_dir, work, rows)
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result))


REPEATS = 3


def _spawn(which: str, data_dir: Path, rows: int = 0) -> dict[str, float]:
    """The median of REPEATS fresh-process runs (by time; peak RSS is the largest seen)."""
    runs = sorted((_spawn_once(which, data_dir, rows) for _ in range(REPEATS)), key=lambda r: r["seconds"])
    median = dict(runs[len(runs) // 2])
    median["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return median


def _spawn_once(which: str, data_dir: Path, rows: int = 0) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, str(data_dir), str(rows)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data"
    ours = _spawn("unvotes", data_dir)
    rows = int(ours["rows"])
    baseline = _spawn("pandas", data_dir)
    floor = _spawn("floor", data_dir, rows)
    with_dossier = _spawn("dossier", data_dir)
    print(f"median of {REPEATS} runs each")
    print(f"data: {data_dir}  position rows given by the sources: {rows:,} (stored: {int(ours['stored']):,})")
    print(f"{'run':<10}{'seconds':>10}{'rows/s':>14}{'peak RSS MB':>14}")
    for name, r in (("unvotes", ours), ("pandas", baseline), ("floor", floor), ("+dossier", with_dossier)):
        print(f"{name:<10}{r['seconds']:>10.2f}{rows / r['seconds']:>14,.0f}{r['peak_rss_mb']:>14.0f}")
    print(f"unvotes is {baseline['seconds'] / ours['seconds']:.2f}x faster than pandas read_csv + to_sql (target >= 2)")
    print(f"unvotes takes {ours['seconds'] / floor['seconds']:.2f}x the floor (target <= 2)")
    print(f"unvotes peak RSS {ours['peak_rss_mb']:.0f} MB (target < 1024)")
    labels = [k.removeprefix("new:") for k in ours if k.startswith("new:")]
    print(f"decisions stored: {sum(int(ours['new:' + k]) for k in labels):,} (per source: new + matched to one before)")
    for label in labels:
        print(f"  {label:<50}{int(ours['new:' + label]):>8,} + {int(ours['matched:' + label]):,}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
