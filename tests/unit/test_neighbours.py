"""States that share a land boundary: the derivation from the world geometry and the shipped table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from unvotes.reference.countries import load_neighbours, load_registry

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "neighbours.py"
ATLAS = REPO / "node_modules" / "world-atlas" / "countries-50m.json"
SHIPPED = REPO / "src" / "unvotes" / "data" / "countries" / "neighbours.csv"


def _run(topojson: Path, out: Path) -> str:
    subprocess.run([sys.executable, str(SCRIPT), str(topojson), "--out", str(out)], check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


def _topology(geometries: list[dict[str, Any]], arcs: int) -> dict[str, Any]:
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0]] for _ in range(arcs)],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
    }


def test_shapes_sharing_an_arc_are_neighbours_both_ways(tmp_path: Path) -> None:
    # arc 1 is the boundary of the two Koreas (drawn reversed, ~1, by one of them); Japan shares none;
    # a feature without an id (as Kosovo has none) and one with an id of no state give no pair.
    topology = _topology(
        [
            {"type": "Polygon", "id": "410", "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": "408", "arcs": [[[~1, 2]], [[3]]]},
            {"type": "Polygon", "id": "392", "arcs": [[4]]},
            {"type": "Polygon", "arcs": [[2, 5]]},
            {"type": "Polygon", "id": "999", "arcs": [[3, 6]]},
        ],
        arcs=7,
    )
    source = tmp_path / "atlas.json"
    source.write_text(json.dumps(topology), encoding="utf-8")
    assert _run(source, tmp_path / "out.csv") == "country_code,neighbour_code\nKOR,PRK\nPRK,KOR\n"


@pytest.mark.skipif(not ATLAS.is_file(), reason="world-atlas is not installed (npm ci; scripts/setup.sh does)")
def test_the_shipped_table_equals_the_derivation(tmp_path: Path) -> None:
    assert _run(ATLAS, tmp_path / "neighbours.csv") == SHIPPED.read_text(encoding="utf-8")


def test_the_shipped_relation_is_symmetric_and_names_known_states() -> None:
    neighbours = load_neighbours()
    known = {c.country_code for c in load_registry()}
    pairs = {(a, b) for a, near in neighbours.items() for b in near}
    assert pairs and all((b, a) in pairs for a, b in pairs)
    assert {code for pair in pairs for code in pair} <= known
    assert neighbours["PRK"] == ("CHN", "KOR", "RUS")
    assert neighbours["KOR"] == ("PRK",)
    assert "JPN" not in neighbours  # islands share no land boundary
    assert {"LTU", "POL"} <= set(neighbours["RUS"])  # Kaliningrad
