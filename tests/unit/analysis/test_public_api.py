"""The public surface of unvotes.analysis: explicit, documented, and importing only the model."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import unvotes.analysis as analysis

PACKAGE = Path(analysis.__file__).parent
ALLOWED_IMPORTS = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "enum",
    "itertools",
    "math",
    "numpy",
    "unvotes.model",
}
STDLIB_AND_NUMPY = ALLOWED_IMPORTS - {"unvotes.model"}


def test_all_lists_exactly_the_public_names() -> None:
    exported = set(analysis.__all__)
    assert len(exported) == len(analysis.__all__)
    assert all(hasattr(analysis, name) for name in exported)
    defined = {name for name, value in vars(analysis).items() if not name.startswith("_")}
    submodules = {p.stem for p in PACKAGE.glob("*.py")} | {"annotations"}
    assert defined - submodules == exported


def test_every_public_function_has_a_doctest() -> None:
    missing = [
        name
        for name in analysis.__all__
        if inspect.isfunction(getattr(analysis, name)) and ">>>" not in (getattr(analysis, name).__doc__ or "")
    ]
    assert missing == []


def test_analysis_imports_only_the_model_and_numpy() -> None:
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)

    def allowed(name: str) -> bool:
        return name.startswith("unvotes.analysis") or name in ALLOWED_IMPORTS or name.split(".")[0] in STDLIB_AND_NUMPY

    assert {name for name in found if not allowed(name)} == set()
    assert "unvotes.model" in found
