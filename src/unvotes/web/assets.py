"""The explorer's static assets: its own CSS and JavaScript, and the third-party files it serves.

Third-party files come from npm packages pinned in ``package.json`` (installed by
``scripts/setup.sh``) and are copied into ``static/vendor/`` (not in the repository) by
``scripts/vendor_assets.py``, which reads :data:`VENDOR_FILES` and :data:`VENDOR_BUNDLES` below.
Nothing is loaded from a CDN. Without the vendor files the pages still work; charts and maps say
that they are unavailable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "ATLAS",
    "VENDOR_BUNDLES",
    "VENDOR_FILES",
    "VendorBundle",
    "VendorFile",
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
def atlas_ids() -> frozenset[int]:
    """M49 codes that have a shape in the world geometry (empty when it is not installed)."""
    path = vendor_dir() / ATLAS
    if not path.is_file():
        return frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    geometries = data["objects"]["countries"]["geometries"]
    return frozenset(int(g["id"]) for g in geometries if str(g.get("id", "")).isdigit())
