"""Imports point one way: model <- sources <- ingest -> store; analysis knows only model;
reports -> store, analysis; the faces (cli, web, export) -> reports."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "unvotes"

# package part -> parts of unvotes it may import (itself always allowed)
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "errors": set(),
    "reference": {"errors", "model"},
    "sources": {"model", "errors", "reference"},
    "store": {"model", "errors", "reference"},
    "ingest": {"model", "errors", "reference", "store", "sources"},
    "analysis": {"model"},
    "reports": {"model", "errors", "reference", "store", "analysis", "sources"},
}


def _part(path: Path) -> str:
    relative = path.relative_to(SRC).with_suffix("")
    return relative.parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("unvotes"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("unvotes."):
                    found.add(alias.name.split(".")[1])
    return found


def test_imports_point_one_way() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        part = _part(path)
        if part not in ALLOWED:
            continue  # the faces (cli, web, export) and __main__ may import anything below them
        extra = _imports(path) - ALLOWED[part] - {part}
        if extra:
            wrong.append(f"{path.relative_to(SRC)} imports {sorted(extra)}")
    assert wrong == []


def test_no_grab_bag_or_shadowing_modules() -> None:
    names = {p.stem for p in SRC.rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "csv", "json", "sqlite3", "logging"}
