"""Benchmark: what a share image costs beside its page, to decide where the static site writes them.

Draws the share image (:mod:`unvotes.web.share`, Vega-Lite to PNG by vl-convert) of ``--count``
decisions of the DPRK series and ``--count`` states, and renders each one's HTML page, one run
each. Prints per kind the median seconds of the image and of the page, their ratio, and the
median size of the image.

Run: ``.venv/bin/python benchmarks/share_images.py [--db FILE] [--count 10]``; without ``--db``
the dossier database is built into a temporary folder (about a second).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from unvotes import store
from unvotes.reports.pages import DEFAULT_SERIES, series_decisions
from unvotes.web import views
from unvotes.web.render import Renderer
from unvotes.web.share import images_available
from unvotes.web.urls import Links


def _timed(work: Callable[[], bytes]) -> tuple[float, int]:
    start = time.perf_counter()
    body = work()
    return time.perf_counter() - start, len(body)


def _measure(renderer: Renderer, view: views.View) -> tuple[float, float, int]:
    links = Links(view.route, base_url="https://example.org", images=True)
    page_seconds, _ = _timed(lambda: renderer.html(view.page, links, view.extra))
    image_seconds, size = _timed(lambda: renderer.share_image(view.page, links).body)
    return image_seconds, page_seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args()
    if not images_available():
        sys.exit("share images need vl-convert-python and the world map (scripts/setup.sh dev)")
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="unvotes-bench-")) / "dossier.db"
        subprocess.run([sys.executable, "-m", "unvotes", "build", "--db", str(db)], check=True, capture_output=True)
    con = store.open_db(db, read_only=True)
    renderer = Renderer()
    renderer.share_image(views.country(con, "KOR", None).page, Links(views.country(con, "KOR", None).route))  # warm
    decisions = [d for d in series_decisions(con, DEFAULT_SERIES) if d.yes_count is not None][: args.count]
    kinds = {
        "decision": [views.decision(con, str(d.decision_id)) for d in decisions],
        "state": [views.country(con, c.country_code, None) for c in store.list_countries(con)[: args.count]],
    }
    print(f"{'kind':<10}{'n':>4}{'image s':>10}{'page s':>10}{'ratio':>8}{'image KB':>10}")
    for kind, chosen in kinds.items():
        runs = [_measure(renderer, v) for v in chosen]
        image = statistics.median(r[0] for r in runs)
        page = statistics.median(r[1] for r in runs)
        size = statistics.median(r[2] for r in runs)
        print(f"{kind:<10}{len(runs):>4}{image:>10.3f}{page:>10.3f}{image / page:>8.1f}{size / 1024:>10.0f}")
    con.close()


if __name__ == "__main__":
    main()
