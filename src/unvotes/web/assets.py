"""The explorer's static assets: its own CSS and JavaScript, and the third-party files it serves.

Third-party files come from npm packages pinned in ``package.json`` (installed by
``scripts/setup.sh``) and are copied into ``static/vendor/`` (not in the repository) by
``scripts/vendor_assets.py``, which reads :data:`VENDOR_FILES` and :data:`VENDOR_BUNDLES` below.
Nothing is loaded from a CDN. Without the vendor files the pages still work; charts and maps say
that they are unavailable.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "ATLAS",
    "VENDOR_BUNDLES",
    "VENDOR_FILES",
    "VendorBundle",
    "VendorFile",
    "atlas_area",
    "atlas_bounds",
    "atlas_centre",
    "atlas_data",
    "atlas_ids",
    "static_dir",
    "vendor_dir",
    "vendor_ready",
    "vendor_versions",
]


@dataclass(frozen=True, slots=True)
class VendorFile:
    """``package/path`` in ``node_modules`` copied to ``static/vendor/<name>``."""

    name: str
    package: str
    path: str


@dataclass(frozen=True, slots=True)
class VendorBundle:
    """An ES module bundled by esbuild into a script that sets ``window.<global_name>``."""

    name: str
    package: str
    entry: str
    global_name: str


#: The world geometry: Natural Earth admin-0 countries at 1:50m, features keyed by M49 code.
ATLAS = "countries-50m.json"

VENDOR_FILES: tuple[VendorFile, ...] = (
    VendorFile("vega.min.js", "vega", "build/vega.min.js"),
    VendorFile("vega-lite.min.js", "vega-lite", "build/vega-lite.min.js"),
    VendorFile("vega-embed.min.js", "vega-embed", "build/vega-embed.min.js"),
    VendorFile(ATLAS, "world-atlas", ATLAS),
)

#: Vega evaluates expressions with ``new Function`` unless given an interpreter; bundling the
#: interpreter lets the pages run under a Content-Security-Policy without 'unsafe-eval'.
VENDOR_BUNDLES: tuple[VendorBundle, ...] = (
    VendorBundle("vega-interpreter.min.js", "vega-interpreter", "build/vega-interpreter.js", "vegaInterpreter"),
)

#: Scripts every page with a chart loads, in order.
CHART_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.min.js")


def static_dir() -> Path:
    return Path(__file__).resolve().parent / "static"


def vendor_dir() -> Path:
    return static_dir() / "vendor"


def vendor_ready() -> bool:
    """Whether every vendor file is in place."""
    folder = vendor_dir()
    names = [f.name for f in VENDOR_FILES] + [b.name for b in VENDOR_BUNDLES]
    return all((folder / name).is_file() for name in names)


def vendor_versions() -> dict[str, str]:
    """package -> version of the vendor files in place (from ``vendor/manifest.json``)."""
    path = vendor_dir() / "manifest.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("packages", {}).items()}


@cache
def _atlas() -> dict[str, Any] | None:
    path = vendor_dir() / ATLAS
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def atlas_data() -> dict[str, Any] | None:
    """The world geometry (TopoJSON), read once; None when it is not installed."""
    return _atlas()


@cache
def atlas_ids() -> frozenset[int]:
    """M49 codes that have a shape in the world geometry (empty when it is not installed)."""
    data = _atlas()
    if data is None:
        return frozenset()
    geometries = data["objects"]["countries"]["geometries"]
    return frozenset(int(g["id"]) for g in geometries if str(g.get("id", "")).isdigit())


def _arc_points(data: dict[str, Any], index: int) -> list[tuple[float, float]]:
    """An arc's points in degrees: running sums of its quantised steps, scaled and translated by
    the file's transform; ``~index`` is the arc reversed."""
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in data["arcs"][index if index >= 0 else ~index]:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


def _area(ring: list[tuple[float, float]]) -> float:
    """The ring's area in square degrees of longitude shrunk by the cosine of its latitude."""
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    latitude = sum(y for _, y in ring) / len(ring)
    return abs(twice) / 2 * math.cos(math.radians(latitude))


@cache
def atlas_bounds(m49: int) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in degrees of the state's largest landmass in the world geometry
    (France without French Guiana, the United States without Alaska), or None. A landmass across
    the antimeridian has an east above 180."""
    data = _atlas()
    if data is None:
        return None
    shape = next((g for g in data["objects"]["countries"]["geometries"] if str(g.get("id")) == f"{m49:03d}"), None)
    if shape is None or shape["type"] not in ("Polygon", "MultiPolygon"):
        return None
    polygons = [shape["arcs"]] if shape["type"] == "Polygon" else shape["arcs"]
    outlines = [[p for index in polygon[0] for p in _arc_points(data, index)] for polygon in polygons if polygon]
    largest = max((ring for ring in outlines if len(ring) > 2), key=_area, default=None)
    if largest is None:
        return None
    xs, ys = [x for x, _ in largest], [y for _, y in largest]
    if max(xs) - min(xs) > 180:  # across the antimeridian (Russia): count the west in east longitudes
        xs = [x + 360 if x < 0 else x for x in xs]
    return (min(xs), min(ys), max(xs), max(ys))


_KM_PER_DEGREE = 111.32


def _outer_rings(m49: int) -> list[list[tuple[float, float]]]:
    """The outer rings, in degrees, of every shape the world geometry files under ``m49`` (a state
    may have several: Australia's islets are filed under its code)."""
    data = _atlas()
    if data is None:
        return []
    rings: list[list[tuple[float, float]]] = []
    for shape in data["objects"]["countries"]["geometries"]:
        if str(shape.get("id")) != f"{m49:03d}" or shape["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [shape["arcs"]] if shape["type"] == "Polygon" else shape["arcs"]
        rings.extend([p for index in polygon[0] for p in _arc_points(data, index)] for polygon in polygons if polygon)
    return [ring for ring in rings if len(ring) > 2]


@cache
def atlas_area(m49: int) -> float | None:
    """The state's land in the world geometry, in km² (outer rings, as :func:`_area` measures them:
    good to a few per cent for the small states it is used for), or None without a shape."""
    rings = _outer_rings(m49)
    return sum(_area(ring) for ring in rings) * _KM_PER_DEGREE**2 if rings else None


@cache
def atlas_centre(m49: int) -> tuple[float, float] | None:
    """(longitude, latitude) of the centroid of the state's largest landmass, or None."""
    largest = max(_outer_rings(m49), key=_area, default=None)
    if largest is None:
        return None
    twice = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(largest, largest[1:] + largest[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice, cx, cy = twice + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if twice == 0:
        return (sum(x for x, _ in largest) / len(largest), sum(y for _, y in largest) / len(largest))
    return (round(cx / (3 * twice), 3), round(cy / (3 * twice), 3))
