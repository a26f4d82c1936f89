"""The bulk download: every table of the schema has a spec; the files read back as the database holds
them; the data package describes every column."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from starlette.testclient import TestClient

from unvotes import store
from unvotes.export import BULK_TABLES, csv_text, write_bulk

_SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "REAL", "string": "TEXT", "date": "TEXT"}


@pytest.fixture(scope="module")
def bulk(dossier_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulk")
    con = store.open_db(dossier_db, read_only=True)
    write_bulk(con, out)
    con.close()
    return out


def test_every_table_and_column_of_the_schema_has_a_spec(dossier_db: Path) -> None:
    con = sqlite3.connect(dossier_db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    # the search index (an FTS5 table and its shadow tables) is rebuilt from the decisions: not data
    index = {t for t in tables if t == "decision_text" or t.startswith("decision_text_")}
    assert index == {"decision_text", *(f"decision_text_{s}" for s in ("data", "idx", "content", "docsize", "config"))}
    tables -= index
    specs = {s.source: s for s in BULK_TABLES}
    assert tables == set(specs), "add a TableSpec to unvotes.export.spec.BULK_TABLES"
    for name, spec in specs.items():
        declared = {r[1]: r[2] for r in con.execute(f"SELECT * FROM pragma_table_info('{name}')")}
        assert set(declared) == set(spec.column_names), name
        for column in spec.columns:
            if declared[column.name]:  # views carry no declared types
                assert declared[column.name] == _SQL_TYPES[column.type], (name, column.name)
            assert column.description, (name, column.name)


def test_the_datapackage_describes_every_file(bulk: Path) -> None:
    package = json.loads((bulk / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names)) == 2 * len(BULK_TABLES)
    for resource in package["resources"]:
        path = bulk / resource["path"]
        assert path.is_file(), resource["path"]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert all(
            f["type"] in {"string", "integer", "number", "boolean", "date"} for f in resource["schema"]["fields"]
        )
        if resource["format"] == "csv":
            with path.open(encoding="utf-8", newline="") as f:
                assert next(csv.reader(f)) == fields
        else:
            assert pq.read_schema(path).names == fields
    assert package["sources"], "the package cites its sources"


def test_bulk_files_hold_what_the_database_holds(bulk: Path, dossier_db: Path) -> None:
    con = sqlite3.connect(dossier_db)
    for spec in BULK_TABLES:
        count = con.execute(f"SELECT count(*) FROM {spec.source}").fetchone()[0]
        with (bulk / f"csv/{spec.name}.csv").open(encoding="utf-8", newline="") as f:
            assert sum(1 for _ in csv.reader(f)) - 1 == count, spec.name
        assert pq.read_metadata(bulk / f"parquet/{spec.name}.parquet").num_rows == count, spec.name
    votes = pq.read_table(bulk / "parquet/votes.parquet").to_pylist()
    first = con.execute(
        "SELECT decision_id, country_code, vote, is_inferred FROM votes ORDER BY decision_id, country_code LIMIT 1"
    ).fetchone()
    assert (votes[0]["decision_id"], votes[0]["country_code"], votes[0]["vote"]) == first[:3]
    assert votes[0]["is_inferred"] is bool(first[3])


def test_the_archive_holds_everything(bulk: Path) -> None:
    with zipfile.ZipFile(bulk / "unvotes-data.zip") as archive:
        names = set(archive.namelist())
    assert "datapackage.json" in names
    assert {f"csv/{s.name}.csv" for s in BULK_TABLES} <= names
    assert {f"parquet/{s.name}.parquet" for s in BULK_TABLES} <= names


def test_the_server_serves_the_bulk_files(client: TestClient) -> None:
    package: dict[str, Any] = client.get("/downloads/datapackage.json").json()
    assert package["name"] == "unvotes"
    response = client.get("/downloads/csv/decisions.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    header = next(csv.reader(io.StringIO(response.text)))
    assert header[:3] == ["decision_id", "body", "kind"]
    archive = client.get("/downloads/unvotes-data.zip")
    assert archive.headers["content-type"] == "application/zip"
    assert archive.content[:2] == b"PK"


def test_csv_cells_are_plain() -> None:
    assert [csv_text(v) for v in (None, False, 0, "")] == ["", "false", "0", ""]
