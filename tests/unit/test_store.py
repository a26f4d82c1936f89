"""The database file: schema steps recorded, read-only opening, refusal of foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unvotes import store
from unvotes.errors import StoreError


def test_new_database_gets_schema_and_records_it(db_path: Path) -> None:
    con = store.open_db(db_path, create=True)
    versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, store.SCHEMA_VERSION + 1))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"decisions", "positions", "sources", "countries", "sponsorships", "discrepancies"} <= tables
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    con.close()
    again = store.open_db(db_path)
    assert store.migrate(again) == []


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database here"):
        store.open_db(tmp_path / "absent.db")


def test_read_only_connection_cannot_write(db_path: Path) -> None:
    store.open_db(db_path, create=True).close()
    con = store.open_db(db_path, read_only=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        con.execute("INSERT INTO bodies VALUES ('xx', 'nothing')")


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not an unvotes database"):
        store.open_db(other)
    with pytest.raises(StoreError, match="not an unvotes database"):
        store.open_db(other, read_only=True)


def test_text_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        store.open_db(bogus, read_only=True)


def test_foreign_keys_hold(db_path: Path) -> None:
    con = store.open_db(db_path, create=True)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO positions (decision_id, country_code, vote, source_id) VALUES (999, 'USA', 'yes', 1)")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO decisions (body, kind, adoption_method, source_id) VALUES ('ga', 'vote', 'recorded_vote', 1)"
        )
