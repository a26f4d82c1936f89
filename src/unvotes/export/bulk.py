"""The bulk download: every table of the database as CSV and Parquet, described by a Frictionless
Tabular Data Package (``datapackage.json``), and zipped together.

Layout of the output folder::

    datapackage.json        one resource per table and format, with the column specs
    csv/<table>.csv         UTF-8, header row, booleans as true/false, empty = missing
    parquet/<table>.parquet zstd-compressed, typed columns
    unvotes-data.zip        all of the above
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from unvotes import store
from unvotes.export.spec import BULK_TABLES, TableSpec
from unvotes.export.writers import TableWriter
from unvotes.reports import Table
from unvotes.reports.pages import Fact, Page
from unvotes.reports.pages.common import sources_table

__all__ = ["ARCHIVE", "BulkFile", "downloads_page", "field_of", "tables_in", "write_bulk", "write_table"]

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


def _datapackage(files: list[BulkFile], sources: Table) -> dict[str, object]:
    resources: list[dict[str, object]] = []
    for f in files:
        schema = {"fields": [field_of(c) for c in f.spec.columns]}
        common = {"title": f.spec.title, "description": f.spec.description, "schema": schema}
        resources.append(
            {
                "name": f.spec.name,
                "path": f.csv_path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                **common,
            }
        )
        resources.append(
            {
                "name": f"{f.spec.name}-parquet",
                "path": f.parquet_path,
                "profile": "tabular-data-resource",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                **common,
            }
        )
    at = {c: i for i, c in enumerate(sources.columns)}
    return {
        "profile": "tabular-data-package",
        "name": "unvotes",
        "title": "unvotes: UN decisions and member-state votes with provenance",
        "description": "Every table of the unvotes database. Each fact row names its source file (sources).",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sources": [{"title": str(r[at["citation"]]), "path": str(r[at["file_name"]])} for r in sources.rows],
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
    package = _datapackage(files, sources_table(con, None))
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
