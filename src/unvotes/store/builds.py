"""The build record: the data folder a database was built from and the files the build did not store."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["BuildRecord", "build_record", "write_build_record"]


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """``ignored``: (path, reason) of files that are not sources; ``left_out``: of files that may be
    sources and could not be read (a partial build)."""

    data_dir: str | None
    is_partial: bool
    ignored: tuple[tuple[str, str], ...]
    left_out: tuple[tuple[str, str], ...]


def write_build_record(
    con: sqlite3.Connection,
    *,
    data_dir: str | None,
    ignored: Sequence[tuple[str, str]],
    left_out: Sequence[tuple[str, str]],
) -> None:
    cursor = con.execute("INSERT INTO builds (data_dir, is_partial) VALUES (?, ?)", (data_dir, int(bool(left_out))))
    build_id = cursor.lastrowid
    rows = [(build_id, path, "ignored", reason) for path, reason in ignored]
    rows += [(build_id, path, "left_out", reason) for path, reason in left_out]
    con.executemany("INSERT INTO build_files (build_id, path, status, detail) VALUES (?, ?, ?, ?)", rows)


def build_record(con: sqlite3.Connection) -> BuildRecord | None:
    """The record of the build that made the database, or None (made by ingest alone)."""
    row = con.execute("SELECT build_id, data_dir, is_partial FROM builds ORDER BY build_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    files = con.execute(
        "SELECT status, path, detail FROM build_files WHERE build_id = ? ORDER BY status, path", (row[0],)
    ).fetchall()
    return BuildRecord(
        data_dir=row[1],
        is_partial=bool(row[2]),
        ignored=tuple((path, reason) for status, path, reason in files if status == "ignored"),
        left_out=tuple((path, reason) for status, path, reason in files if status == "left_out"),
    )
