"""Imports point one way: model <- sources <- ingest -> store; analysis knows only model;
reports -> store, analysis; the faces (cli, web, export, the library API) -> reports. And no cycles: the graph of
imports between the package's modules, imports inside functions included, has none."""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator, Mapping
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
    # The faces render reports, in the package's vocabulary and error tree; what else one needs is
    # allowed in named modules only (ONLY_IN).
    "export": {"reports", "model", "errors", "store"},
    "web": {"reports", "model", "errors", "export", "store"},
    "cli": {"reports", "model", "errors", "store", "ingest", "sources", "analysis", "web", "export"},
    # the library API answers the CLI's questions as data frames, and builds as the CLI does
    "library": {"reports", "model", "errors", "store", "ingest"},
    "__init__": {"errors", "library"},
    "__main__": {"cli"},
}

# (part, part it imports) -> the only modules of the part that may import it
ONLY_IN: dict[tuple[str, str], set[str]] = {
    # the bulk download reads every table of the store as it is
    # a release copies the database and compares it with the previous release's; the Datasette
    # metadata names the sources of each table
    ("export", "store"): {"export/bulk.py", "export/release.py", "export/datasette.py", "export/changes.py"},
    # the server opens its read-only connection; the static site opens the file and lists the
    # decisions linked to the series' (the decision pages it writes); the decision browser builds
    # the store's filter (until a selection parser shared with the CLI takes its place)
    ("web", "store"): {"web/database.py", "web/site.py", "web/views.py"},
    # the commands open the database
    ("cli", "store"): {"cli/analyse.py", "cli/check.py", "cli/options.py", "cli/read.py"},
    # build and ingest drive the pipeline over the readers
    ("cli", "ingest"): {"cli/build.py"},
    ("cli", "sources"): {"cli/build.py", "cli/fetch.py"},
    # release and datasette-metadata write what the export package makes
    ("cli", "export"): {"cli/release.py"},
    # the agreement command's --method takes the analysis' own enum
    ("cli", "analysis"): {"cli/analyse.py"},
    # serve and site build
    ("cli", "web"): {"cli/web.py"},
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
        assert part in ALLOWED, f"{path.relative_to(SRC)}: declare what {part} may import in ALLOWED"
        extra = _imports(path) - ALLOWED[part] - {part}
        if extra:
            wrong.append(f"{path.relative_to(SRC)} imports {sorted(extra)}")
    assert wrong == []


def test_a_face_imports_what_it_needs_only_where_it_needs_it() -> None:
    wrong = []
    for (part, other), allowed in sorted(ONLY_IN.items()):
        users = {str(p.relative_to(SRC)) for p in (SRC / part).rglob("*.py") if other in _imports(p)}
        if users - allowed:
            wrong.append(f"{sorted(users - allowed)} import {other}: only {sorted(allowed)} may")
    assert wrong == []


def test_no_grab_bag_or_shadowing_modules() -> None:
    names = {p.stem for p in SRC.rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "csv", "json", "sqlite3", "logging"}


# -- the import graph ---------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imported(name: str, path: Path) -> Iterator[str]:
    """The modules of the package that ``name`` imports, anywhere in it (inside functions too):
    ``import unvotes.x``, ``from unvotes.x import y`` (``unvotes.x.y`` if that is a module, else
    ``unvotes.x``) and their relative forms."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:
                yield f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    return {name: {m for m in _imported(name, path) if m in MODULES and m != name} for name, path in MODULES.items()}


def _components(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _shortest_cycle(graph: Mapping[str, set[str]], start: str, within: set[str]) -> list[str]:
    """The shortest path from ``start`` back to itself inside one component."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for other in sorted(graph[node] & within):
            if other == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if other not in came_from:
                came_from[other] = node
                queue.append(other)
    raise AssertionError(f"{start} is on no cycle")  # pragma: no cover - a component's modules all are


def cycles(graph: Mapping[str, set[str]]) -> list[str]:
    """Each cycle of the graph as ``a -> b -> a``: per component, the shortest through each module."""
    found: dict[str, None] = {}
    for component in _components(graph):
        for module in component:
            cycle = _shortest_cycle(graph, module, set(component))[:-1]
            first = cycle.index(min(cycle))
            rotated = cycle[first:] + cycle[:first]
            found[" -> ".join([*rotated, rotated[0]])] = None
    return sorted(found)


def test_the_cycle_finder_names_each_cycle() -> None:
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}, "e": {"a"}}
    assert cycles(graph) == ["a -> b -> a", "c -> d -> c"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a -> b -> c -> a"]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    assert "unvotes.web.views" in graph["unvotes.web.site"]  # from unvotes.web import views (a module)
    assert "unvotes.errors" in graph["unvotes.web.params"]  # from unvotes.errors import ParameterError
    assert "unvotes.web" in graph["unvotes.cli.web"]  # from unvotes.web import create_app, in a function


def test_the_import_graph_has_no_cycle() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(found)
