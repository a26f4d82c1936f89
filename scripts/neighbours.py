"""Regenerate ``src/unvotes/data/countries/neighbours.csv``: the states that share a land boundary.

    .venv/bin/python scripts/neighbours.py [TOPOJSON] [--out PATH]

TOPOJSON is Natural Earth's 1:50m admin-0 countries as packaged by the world-atlas npm package
(``countries-50m.json``, the geometry the explorer draws), by default from ``node_modules/`` (put
there by the set-up). Two features are neighbours when their outlines share a boundary arc; a
feature is matched to a state by its M49 id (``countries.csv``). Features without an id (Kosovo,
Somaliland, Northern Cyprus, the Siachen Glacier, the Indian Ocean territories) and ids of no state
in the table are left out, so their borders give no pair. Running it twice on the same input writes
the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from unvotes.reference.countries import load_registry

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "unvotes" / "data" / "countries" / "neighbours.csv"
DEFAULT_INPUT = REPO / "node_modules" / "world-atlas" / "countries-50m.json"
COLUMNS = ("country_code", "neighbour_code")


def _arcs(geometry: dict[str, Any]) -> set[int]:
    """The arcs of a Polygon or MultiPolygon, an arc and its reverse (``~i``) counted as one."""
    rings = geometry["arcs"] if geometry["type"] == "Polygon" else [r for p in geometry["arcs"] for r in p]
    return {i if i >= 0 else ~i for ring in rings for i in ring}


def neighbour_pairs(topology: dict[str, Any]) -> list[tuple[str, str]]:
    """(state, neighbour) pairs, both ways round, sorted."""
    by_m49: dict[int, str] = {}
    for c in sorted(load_registry(), key=lambda c: c.un_member_to is None):  # a seat of today wins a shared code
        if c.m49 is not None:
            by_m49[c.m49] = c.country_code
    owners: dict[int, set[str]] = defaultdict(set)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        code = by_m49.get(int(geometry["id"]))
        if code is None:
            continue
        for arc in _arcs(geometry):
            owners[arc].add(code)
    pairs = {(a, b) for codes in owners.values() for a in codes for b in codes if a != b}
    return sorted(pairs)


def render(pairs: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(pairs)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    opts = parser.parse_args()
    if not opts.topojson.is_file():
        raise SystemExit(f"{opts.topojson}: not found; run the set-up (npm ci) or pass the TopoJSON file")
    pairs = neighbour_pairs(json.loads(opts.topojson.read_text(encoding="utf-8")))
    opts.out.write_text(render(pairs), encoding="utf-8")
    print(f"{opts.out}: {len(pairs)} pairs")


if __name__ == "__main__":
    main()
