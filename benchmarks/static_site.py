"""Benchmark: ``unvotes site build`` for the dossier database and for the full one (every decision,
state and year), against the budget: the full site within 1 GB and 10 minutes on a 2-core machine,
the dossier's within a minute.

Prints, per build, the files, bytes, wall and CPU seconds (of the build and its worker processes:
on a shared machine the CPU time says more than the wall time), and per page kind the pages, files,
bytes and seconds with the cost per page (ms/page, KB/page); then the ratio of each total to its
budget. Time is attributed to a page kind from the build's own progress reports (a report follows
each page written); the bulk download is the time after its report. Decision pages are "full"
(every format: the series and its chains) or "partial" (HTML, with a CSV of each long table).

Run: ``.venv/bin/python benchmarks/static_site.py [--full-db FILE] [--data-dir DIR] [--skip-full]``;
without ``--full-db`` the full database is built from the data folder into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from unvotes.web import build_site

REPO = Path(__file__).resolve().parents[1]
GB = 1024**3
BUDGETS = {"dossier": (None, 60.0), "full": (1 * GB, 600.0)}
_DECISION = re.compile(r"^decisions/([0-9]+)(?:\.|$)")


@dataclass
class Kind:
    pages: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    stems: set[str] = field(default_factory=set)


def kind_of(relative: str, partial: set[str]) -> str:
    """The page kind of a file (or of a page's stem) of the site."""
    if relative.startswith("downloads/"):
        return "bulk download"
    if relative.startswith("static/"):
        return "assets"
    if relative == "decisions/index.json":
        return "browse index"
    if found := _DECISION.match(relative):
        return "decision (partial)" if found.group(1) in partial else "decision (full)"
    head = relative.split("/")[0].split(".")[0]
    names = {"decisions": "browse", "years": "year", "countries": "country", "compare": "compare", "index": "overview"}
    if head == "countries" and "/" not in relative:
        return "state list"
    return names.get(head, "documents and other")


def build(db: Path, out: Path) -> tuple[dict[str, Kind], float, float]:
    """Build the site of ``db`` into ``out``; the kinds, wall seconds and CPU seconds."""
    marks: list[tuple[str, float]] = []
    cpu = _cpu_seconds()
    start = time.perf_counter()
    build_site(db, out, progress=lambda stem, _n: marks.append((stem, time.perf_counter())))
    wall = time.perf_counter() - start
    cpu_seconds = _cpu_seconds() - cpu
    partial = {p.name.split(".")[0] for p in (out / "decisions").glob("*.html")}
    partial = {i for i in partial if i.isdigit() and not (out / "decisions" / f"{i}.json").exists()}
    kinds: dict[str, Kind] = defaultdict(Kind)
    previous = start
    for i, (stem, moment) in enumerate(marks):
        name = "bulk download" if i == len(marks) - 1 else kind_of(stem, partial)
        kinds[name].seconds += moment - previous
        previous = moment
    kinds["bulk download"].seconds += start + wall - previous  # the bulk, then moving files into place
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith(".unvotes"):
            relative = path.relative_to(out).as_posix()
            kind = kinds[kind_of(relative, partial)]
            kind.files += 1
            kind.bytes += path.stat().st_size
            if path.suffix == ".html":
                kind.pages += 1
    return kinds, wall, cpu_seconds


def _cpu_seconds() -> float:
    """The CPU time of this process and of its ended children (the build's worker processes)."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def report(name: str, kinds: dict[str, Kind], wall: float, cpu: float) -> None:
    files = sum(k.files for k in kinds.values())
    size = sum(k.bytes for k in kinds.values())
    print(f"\n== {name}: {files:,} files, {size / 1e6:,.1f} MB, {wall:.1f} s wall, {cpu:.1f} s CPU")
    print(f"{'kind':22} {'pages':>7} {'files':>8} {'MB':>9} {'s':>8} {'ms/page':>8} {'KB/page':>8}")
    for kind_name, k in sorted(kinds.items(), key=lambda item: -item[1].bytes):
        per = k.pages or 1
        print(
            f"{kind_name:22} {k.pages:7,} {k.files:8,} {k.bytes / 1e6:9.1f} {k.seconds:8.1f}"
            f" {1000 * k.seconds / per:8.1f} {k.bytes / 1024 / per:8.1f}"
        )
    limit_bytes, limit_seconds = BUDGETS[name]
    ratios = [f"time {wall / limit_seconds:.2f} of {limit_seconds:.0f} s"]
    if limit_bytes:
        ratios.append(f"size {size / limit_bytes:.2f} of {limit_bytes / GB:.0f} GB")
    print(f"budget: {', '.join(ratios)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full-db", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--skip-full", action="store_true", help="build only the dossier's site")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="unvotes-static-site-"))
    try:
        dossier = folder / "dossier.db"
        _cli("build", "--db", str(dossier))
        report("dossier", *build(dossier, folder / "dossier-site"))
        shutil.rmtree(folder / "dossier-site")
        if args.skip_full:
            return
        full = args.full_db
        if full is None:
            data = args.data_dir or Path(os.environ.get("UNVOTES_DATA_DIR", REPO.parent / "shared" / "data"))
            full = folder / "full.db"
            _cli("build", "--data-dir", str(data), "--db", str(full))
        report("full", *build(full, folder / "full-site"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)


if __name__ == "__main__":
    main()
