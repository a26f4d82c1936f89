"""The bulk download: every table of the database as CSV and Parquet, described by a Frictionless
Tabular Data Package (``datapackage.json``), and zipped together.

Layout of the output folder::

    datapackage.json        one resource per table and format: column specs, size, SHA-256,
                            and the licences and sources of its rows
    csv/<table>.csv         UTF-8, header row, booleans as true/false, empty = missing
    parquet/<table>.parquet zstd-compressed, typed columns
    unvotes-data.zip        all of the above
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from unvotes import store
from unvotes.export.licences import PROJECT, licences_for
from unvotes.export.spec import BULK_TABLES, TableSpec
from unvotes.export.writers import TableWriter
from unvotes.reports import Table
from unvotes.reports.pages import Fact, Page
from unvotes.reports.pages.common import sources_table
from unvotes.store.snapshot import source_ids_of, source_kinds_of

__all__ = [
    "ARCHIVE",
    "BulkFile",
    "downloads_page",
    "field_of",
    "package_licences",
    "package_resource",
    "package_sources",
    "sha256_of",
    "tables_in",
    "write_bulk",
    "write_table",
]

ARCHIVE = "unvotes-data.zip"
_BATCH = 50_000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BulkFile:
    spec: TableSpec
    rows: int
    csv_path: str
    parquet_path: str


def write_table(con: sqlite3.Connection, spec: TableSpec, out: Path, *, parquet_folder: bool = False) -> BulkFile:
    """Write one table as ``csv/<table>.csv`` and ``parquet/<table>.parquet`` under ``out`` (with
    ``parquet_folder``, ``parquet/<table>/<table>.parquet``: a folder per table, read as one dataset)."""
    csv_rel = f"csv/{spec.name}.csv"
    parquet_rel = f"parquet/{spec.name}/{spec.name}.parquet" if parquet_folder else f"parquet/{spec.name}.parquet"
    writer = TableWriter(spec, out / csv_rel, out / parquet_rel)
    try:
        cursor = store.table_rows(con, spec.source, spec.column_names, order_by=spec.order_by)
        while batch := cursor.fetchmany(_BATCH):
            writer.write(batch)
    finally:
        writer.close()
    return BulkFile(spec, writer.rows, csv_rel, parquet_rel)


def field_of(column: object) -> dict[str, str]:
    name, kind, description = (getattr(column, a) for a in ("name", "type", "description"))
    return {"name": name, "type": kind, "description": description}


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, in hexadecimal."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def package_resource(con: sqlite3.Connection, f: BulkFile, out: Path, *, parquet: bool) -> dict[str, object]:
    """The ``datapackage.json`` resource of one table file under ``out`` (its CSV, or with
    ``parquet`` its Parquet file): schema, size and SHA-256, and the licences and sources of the
    rows it holds (:mod:`.licences`; a table without sources is the project's own)."""
    rel = f.parquet_path if parquet else f.csv_path
    kinds = source_kinds_of(con, f.spec.source)
    licences = licences_for(kinds, f.spec.source)
    origin = "the project's own" if kinds is None else f"rows from the sources {', '.join(kinds) or '(none)'}"
    described = f"{f.spec.description} Licences: {origin}; {'; '.join(x.title for x in licences)}."
    resource: dict[str, object] = {
        "name": f"{f.spec.name}-parquet" if parquet else f.spec.name,
        "path": rel,
        "profile": "tabular-data-resource",
        "title": f.spec.title,
        "description": described,
        "format": "parquet" if parquet else "csv",
        "mediatype": "application/vnd.apache.parquet" if parquet else "text/csv",
        "bytes": (out / rel).stat().st_size,
        "hash": f"sha256:{sha256_of(out / rel)}",
        "licenses": [x.descriptor() for x in licences],
        "sources": _resource_sources(con, f.spec.source),
        "source_kinds": list(kinds) if kinds is not None else [],
        "schema": {"fields": [field_of(c) for c in f.spec.columns]},
    }
    if not parquet:
        resource |= {"encoding": "utf-8", "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True}}
    return resource


def _resource_sources(con: sqlite3.Connection, table: str) -> list[dict[str, str]]:
    """The source files the rows of ``table`` were read from, as a resource's ``sources``; the
    project itself for a table without sources (reference tables, vocabularies)."""
    ids = source_ids_of(con, table)
    if ids is None:
        return [{"title": PROJECT.title, "path": PROJECT.path}]
    return _as_sources(sources_table(con, ids)) if ids else []


def _as_sources(table: Table) -> list[dict[str, str]]:
    """Source files as ``sources`` entries: title their citation, path their file name."""
    at = {c: i for i, c in enumerate(table.columns)}
    return [{"title": str(r[at["citation"]]), "path": str(r[at["file_name"]])} for r in table.rows]


def package_sources(con: sqlite3.Connection) -> list[dict[str, str]]:
    """Every source file of the database, as the package's ``sources``."""
    return _as_sources(sources_table(con, None))


def package_licences(resources: list[dict[str, object]]) -> list[dict[str, str]]:
    """The licences of a package: each licence of its resources, once, in a stable order."""
    seen = {json.dumps(x, sort_keys=True) for r in resources for x in r["licenses"]}  # type: ignore[attr-defined]
    return [json.loads(x) for x in sorted(seen)] or [PROJECT.descriptor()]


def _datapackage(con: sqlite3.Connection, files: list[BulkFile], out: Path) -> dict[str, object]:
    resources = [package_resource(con, f, out, parquet=p) for f in files for p in (False, True)]
    return {
        "profile": "tabular-data-package",
        "name": "unvotes",
        "title": "unvotes: UN decisions and member-state votes with provenance",
        "description": "Every table of the unvotes database. Each fact row names its source file (sources); "
        "each resource names the licences and the sources of its rows.",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "licenses": package_licences(resources),
        "sources": package_sources(con),
        "resources": resources,
    }


def tables_in(con: sqlite3.Connection) -> tuple[list[TableSpec], list[TableSpec]]:
    """The tables of :data:`BULK_TABLES` the database holds, and those it does not (a database built
    by an older unvotes, opened read-only, lacks the tables added since)."""
    present = [spec for spec in BULK_TABLES if store.table_columns(con, spec.source)]
    return [_with_runs(con, s) for s in present], [spec for spec in BULK_TABLES if spec not in present]


def _with_runs(con: sqlite3.Connection, spec: TableSpec) -> TableSpec:
    """The spec of a table of model estimates with the model version and parameters of every
    stored run in its description; any other spec as it is."""
    if spec.source not in ("estimates", "estimate_runs", "estimate_items"):
        return spec
    runs = "; ".join(
        f"run {r.run_id} {r.scope}: {r.model}, parameters {r.parameters}" for r in store.estimate_runs(con)
    )
    return replace(spec, description=f"{spec.description} Stored: {runs or 'none'}.")


def write_bulk(con: sqlite3.Connection, out: Path, *, progress: Progress | None = None) -> list[BulkFile]:
    """Write every table of :data:`BULK_TABLES` the database holds under ``out`` (see the module
    docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    specs, _absent = tables_in(con)
    for i, spec in enumerate(specs):
        if progress:
            progress(spec.name, i, len(specs))
        files.append(write_table(con, spec, out))
    package = _datapackage(con, files, out)
    (out / "datapackage.json").write_text(json.dumps(package, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp = out / (ARCHIVE + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.write(out / "datapackage.json", "datapackage.json")
        for f in files:
            archive.write(out / f.csv_path, f.csv_path)
            archive.write(out / f.parquet_path, f.parquet_path)
    tmp.replace(out / ARCHIVE)
    if progress:
        progress("done", len(specs), len(specs))
    return files


def downloads_page(con: sqlite3.Connection) -> Page:
    """The catalogue of the bulk download: each table, its rows and its files."""
    specs, absent = tables_in(con)
    rows = tuple(
        (
            spec.name,
            spec.title,
            spec.description,
            store.table_row_count(con, spec.source),
            len(spec.columns),
            f"csv/{spec.name}.csv",
            f"parquet/{spec.name}.parquet",
        )
        for spec in specs
    )
    older = (
        [f"Not in this database (built by an older unvotes): {', '.join(s.name for s in absent)}."] if absent else []
    )
    table = Table(
        name="tables",
        title="Tables of the bulk download",
        columns=("table", "title", "description", "rows", "columns", "csv_path", "parquet_path"),
        rows=rows,
        notes=(f"{ARCHIVE} holds every file and datapackage.json, which describes each column.", *older),
    )
    return Page(
        kind="downloads",
        title="Downloads",
        description="The whole database as CSV and Parquet, with a Frictionless data package describing it.",
        facts=(Fact("tables", "Tables", len(rows)), Fact("archive", "Archive", ARCHIVE)),
        tables=(table,),
        sources=sources_table(con, None),
    )
