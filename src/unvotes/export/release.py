"""A citable, dated data release: ``DIR/unvotes-YYYY-MM-DD/``.

Layout of a release::

    unvotes.db                 a consistent copy of the database (SQLite backup API)
    csv/<table>.csv            every table, as the bulk download writes it
    parquet/<table>/<table>.parquet  one folder per table: read a folder as one dataset
    datapackage.json           Frictionless Tabular Data Package: schemas, licences per resource,
                               SHA-256 and size of every file it lists
    datasette-metadata.json    titles, descriptions, licences and canned queries for Datasette
    CHANGES.md, changes.json   decisions added, changed and removed since the previous release
    SHA256SUMS                 checksums of every other file (``sha256sum -c SHA256SUMS``)

The release is written into a hidden folder beside it and renamed into place when complete; an
existing release is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from unvotes import store
from unvotes.errors import InputError
from unvotes.export.bulk import (
    BulkFile,
    package_licences,
    package_resource,
    package_sources,
    sha256_of,
    tables_in,
    write_table,
)
from unvotes.export.changes import ChangeList, change_list
from unvotes.export.datasette import datasette_metadata
from unvotes.store.snapshot import backup_database, decision_fingerprints

__all__ = ["DATABASE", "Release", "release_name", "write_release"]

DATABASE = "unvotes.db"
_NAME = re.compile(r"^unvotes-(\d{4}-\d{2}-\d{2})$")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Release:
    """A release written: its folder, its tables and the change list against the previous one."""

    path: Path
    tables: tuple[BulkFile, ...]
    changes: ChangeList


def release_name(date: dt.date) -> str:
    """The folder name of the release of ``date``.

    >>> release_name(dt.date(2026, 12, 6))
    'unvotes-2026-12-06'
    """
    return f"unvotes-{date.isoformat()}"


def _usable(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise InputError("not a folder", path=directory, expected="a folder to hold releases")
    try:
        directory.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror or exc})", path=directory) from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InputError("the folder cannot be written to", path=directory, expected="a writable folder")


def _previous(directory: Path, name: str) -> Path | None:
    """The latest release in ``directory`` older than ``name``."""
    older = sorted(p for p in directory.iterdir() if _NAME.match(p.name) and p.name < name and p.is_dir())
    return older[-1] if older else None


def _datapackage(con: sqlite3.Connection, files: list[BulkFile], out: Path, name: str) -> dict[str, object]:
    resources = [package_resource(con, f, out, parquet=p) for f in files for p in (False, True)]
    return {
        "profile": "tabular-data-package",
        "name": "unvotes",
        "id": name,
        "version": name.removeprefix("unvotes-"),
        "title": "unvotes: UN decisions and member-state votes with provenance",
        "description": "A dated release of every table of the unvotes database, with the SQLite file "
        f"({DATABASE}). Each fact row names its source file (table sources); each resource names the "
        "licences of the sources its rows come from.",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "licenses": package_licences(resources),
        "sources": package_sources(con),
        "resources": resources,
    }


def _changes(directory: Path, name: str, con: sqlite3.Connection) -> ChangeList:
    previous = _previous(directory, name)
    current = decision_fingerprints(con)
    if previous is None:
        return change_list(None, current, names=("", name))
    old = store.open_db(previous / DATABASE, read_only=True)
    try:
        before = decision_fingerprints(old)
    finally:
        old.close()
    return change_list(before, current, names=(previous.name, name))


def _write_sums(out: Path) -> None:
    files = sorted(p for p in out.rglob("*") if p.is_file())
    lines = [f"{sha256_of(p)}  {p.relative_to(out).as_posix()}\n" for p in files]
    (out / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def _write_json(path: Path, payload: object) -> None:
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _fill(db: Path, out: Path, name: str, progress: Progress | None) -> Release:
    source = store.open_db(db, read_only=True)
    try:
        backup_database(source, out / DATABASE)
    finally:
        source.close()
    con = store.open_db(out / DATABASE, read_only=True)
    try:
        specs, _absent = tables_in(con)
        files = []
        for i, spec in enumerate(specs):
            if progress:
                progress(spec.name, i, len(specs))
            files.append(write_table(con, spec, out, parquet_folder=True))
        changes = _changes(out.parent, name, con)
        (out / "CHANGES.md").write_text(changes.as_markdown(), encoding="utf-8")
        (out / "changes.json").write_text(changes.as_json(), encoding="utf-8")
        _write_json(out / "datasette-metadata.json", datasette_metadata(con, database=Path(DATABASE).stem))
        _write_json(out / "datapackage.json", _datapackage(con, files, out, name))
    finally:
        con.close()
    _write_sums(out)
    return Release(out, tuple(files), changes)


def write_release(
    db: Path, directory: Path, *, date: dt.date | None = None, progress: Progress | None = None
) -> Release:
    """Write the release of ``date`` (default: today, UTC) of the database ``db`` into ``directory``
    (see the module docstring); refuses an unusable folder and an existing release."""
    _usable(directory)
    name = release_name(date or dt.datetime.now(dt.UTC).date())
    final = directory / name
    if final.exists():
        raise InputError(f"{name} exists; a release is never overwritten", path=directory)
    work = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=directory))
    try:
        release = _fill(db, work, name, progress)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if progress:
        progress("done", len(release.tables), len(release.tables))
    return Release(final, release.tables, release.changes)
