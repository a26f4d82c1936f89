"""A database built by an older unvotes (before the build record's tables) is served read-only as
it is: its pages and its bulk download answer, without the tables it does not hold."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from starlette.testclient import TestClient

from unvotes.web import create_app


def _older(dossier_db: Path, tmp_path: Path) -> Path:
    """A copy of the dossier database as schema version 1 wrote it."""
    db = tmp_path / "older.db"
    shutil.copyfile(dossier_db, db)
    con = sqlite3.connect(db)
    with con:
        con.execute("DROP TABLE build_files")
        con.execute("DROP TABLE builds")
        con.execute("DELETE FROM schema_migrations WHERE version > 1")
    con.close()
    return db


def test_an_older_database_is_served_without_the_tables_it_lacks(dossier_db: Path, tmp_path: Path) -> None:
    db = _older(dossier_db, tmp_path)
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        package = client.get("/downloads/datapackage.json")
        assert package.status_code == 200, package.text
        names = {r["name"] for r in package.json()["resources"]}
        assert "decisions" in names and not {"builds", "build_files"} & names
        assert client.get("/downloads/csv/decisions.csv").status_code == 200
        assert client.get("/downloads/csv/builds.csv").status_code == 404
        page = client.get("/downloads.json").json()["data"]["tables"]["tables"]
        assert any("builds, build_files" in note for note in page["notes"])
        assert "builds" not in {r["table"] for r in page["rows"]}
