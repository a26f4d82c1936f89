"""Opening the database and keeping its schema current.

The schema lives in ``schema.sql`` (version 1); later changes are numbered files in
``migrations/`` (``0002_name.sql`` ...). Each applied version is recorded in
``schema_migrations``. Connections are opened explicitly, with foreign keys on.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from unvotes.errors import StoreError

__all__ = [
    "SCHEMA_VERSION",
    "begin_write",
    "default_db_path",
    "has_countries",
    "migrate",
    "no_database",
    "open_db",
    "open_scratch",
    "open_unchanged",
    "read_error",
    "unusable_file",
]

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every schema step, in order."""
    package = resources.files("unvotes.store")
    steps = [(1, "schema", package.joinpath("schema.sql").read_text(encoding="utf-8"))]
    folder = package.joinpath("migrations")
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            match = _MIGRATION_NAME.match(entry.name)
            if match:
                steps.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return steps


SCHEMA_VERSION = _migrations()[-1][0]


def default_db_path() -> Path:
    """``$UNVOTES_DB``, else ``$XDG_DATA_HOME/unvotes/unvotes.db`` (``~/.local/share/...``)."""
    if env := os.environ.get("UNVOTES_DB"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "unvotes" / "unvotes.db"


def open_db(path: Path, *, read_only: bool = False, create: bool = False) -> sqlite3.Connection:
    """Open ``path``; with ``create`` a missing file is made and given the schema.

    Read-only connections use SQLite's ``mode=ro`` URI, so nothing can be written through them.
    """
    if not path.exists() and not create:
        raise StoreError(f"{path}: no database here; run 'unvotes build' first (or pass --db)")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file (pass --db a file name)")
    try:
        if read_only:
            _roll_back_interrupted_write(path)
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(path)
        con.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            migrate(con)
        else:
            _check_version(con, path)
    except sqlite3.DatabaseError as exc:
        raise unusable_file(path, exc) from exc
    except OSError as exc:
        raise unusable_file(path, exc) from exc
    return con


def open_unchanged(path: Path) -> sqlite3.Connection:
    """Open ``path`` for a reader that must never change it, the explorer's way; errors name the
    file but not its folder (a visitor of the explorer may read them).

    It is SQLite's ``mode=ro``, as for :func:`open_db` with ``read_only``, but without rolling back
    the journal of a writer that was killed mid-way: that would write. ``immutable=1`` was the
    other choice, and the wrong one here:

    - a hot journal beside the file: ``mode=ro`` refuses to read (SQLITE_READONLY_ROLLBACK, see
      :func:`read_error`) and leaves file and journal as they are; ``immutable=1`` ignores the
      journal and reads the half-written pages, votes that no source gives;
    - a file changed under an open connection (an ``ingest`` commits): ``mode=ro`` keeps SQLite's
      locks and change counter, so a read sees the data before the commit or after it; ``immutable=1``
      takes no locks and keeps pages cached as if nothing could change, so it may mix the two;
    - read-only storage (a read-only file or folder): both open it, ``mode=ro`` as long as the
      database is not in WAL mode (``unvotes`` writes rollback-journal files).
    """
    if not path.is_file():
        raise no_database(path)
    con: sqlite3.Connection | None = None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        _check_version(con, Path(path.name))
    except (sqlite3.Error, StoreError) as exc:
        if con is not None:
            con.close()
        if isinstance(exc, StoreError):
            raise
        raise read_error(exc, path) from exc
    return con


def no_database(path: Path) -> StoreError:
    """The error of a reader of :func:`open_unchanged` that finds no file at ``path``."""
    return StoreError(f"{path.name}: no database here (deleted or moved?); run 'unvotes build' first (or pass --db)")


def read_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """What a failed read of ``path`` through :func:`open_unchanged` means, naming the file only."""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return StoreError(
            f"{path.name}: a write to it was interrupted and its journal is still beside it; "
            "run 'unvotes check' on it once to roll that write back (the explorer never writes)"
        )
    return StoreError(f"{path.name}: cannot be read as an unvotes database now ({exc})")


#: SQLite's primary result codes that say the file cannot be written, and what they mean here.
_SQLITE_REASONS = {
    5: "another process is writing to it; try again when it has finished",  # SQLITE_BUSY
    8: "the database file or its folder is read-only",  # SQLITE_READONLY
    13: "no space left on device",  # SQLITE_FULL
    14: "the file cannot be opened or created there (a folder, or a folder that cannot be written)",
}
#: Extended SQLITE_IOERR codes of a failed write, fsync or truncate: a full disk, or a file larger
#: than the process may write (EFBIG); SQLite does not say which.
_WRITE_IOERRS = {778, 1034, 1290, 1546}


def unusable_file(path: Path, exc: sqlite3.Error | OSError) -> StoreError:
    """The one-line reason the database file at ``path`` cannot be opened or written."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return StoreError(f"{path}: cannot write the database: no space left on device or file too large")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StoreError(f"{path}: cannot write the database: the file or its folder is read-only")
        return StoreError(f"{path}: cannot write the database ({exc.strerror or exc})")
    code = getattr(exc, "sqlite_errorcode", None)
    if code in _WRITE_IOERRS:
        return StoreError(f"{path}: cannot write the database: no space left on device or file too large ({exc})")
    if isinstance(code, int) and code & 0xFF in _SQLITE_REASONS:
        return StoreError(f"{path}: cannot write the database: {_SQLITE_REASONS[code & 0xFF]} ({exc})")
    return StoreError(f"{path}: cannot open as an unvotes database: {exc}")


def _roll_back_interrupted_write(path: Path) -> None:
    """Undo the transaction of a writer that was killed mid-way (an interrupted ``ingest``).

    Its rollback journal is left "hot": SQLite restores the pages it holds on the next read, but a
    ``mode=ro`` connection may not, and every read would fail with SQLITE_READONLY_ROLLBACK. One
    read through an ordinary connection puts the database back as it was before that write.
    """
    journal = path.with_name(f"{path.name}-journal")
    if journal.exists() and journal.stat().st_size > 0:
        con = sqlite3.connect(path)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()


def open_scratch(path: Path) -> sqlite3.Connection:
    """A new database file for a build, tuned for one bulk load, with a transaction open.

    No journal and no fsync per commit: the file is private until the build moves it into place,
    so a crash simply leaves a half-built file that is thrown away. Foreign keys are checked once,
    in bulk, at the end of the build (:func:`unvotes.store.foreign_key_problems`).
    """
    con = sqlite3.connect(path)
    con.execute("PRAGMA page_size = 16384")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -262144")  # 256 MiB
    migrate(con)
    con.execute("BEGIN")
    return con


def begin_write(con: sqlite3.Connection) -> None:
    """Start a write transaction now (not at the first write), so nothing else writes meanwhile."""
    con.execute("BEGIN IMMEDIATE")


def has_countries(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM countries LIMIT 1").fetchone() is not None


def _applied(con: sqlite3.Connection) -> set[int]:
    has_table = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not has_table:
        return set()
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations")}


def _check_version(con: sqlite3.Connection, path: Path) -> None:
    applied = _applied(con)
    if not applied:
        raise StoreError(f"{path}: not an unvotes database (no schema_migrations table)")
    if max(applied) > SCHEMA_VERSION:
        raise StoreError(f"{path}: schema version {max(applied)} is newer than this unvotes ({SCHEMA_VERSION})")


def migrate(con: sqlite3.Connection) -> list[int]:
    """Apply every schema step not yet recorded; returns the versions applied."""
    applied = _applied(con)
    if not applied:
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise StoreError("database has tables but no schema_migrations: not an unvotes database")
    done: list[int] = []
    for version, name, sql in _migrations():
        if version in applied:
            continue
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        # The step and its record commit together. The three literals are ours (an int, a name
        # matched by _MIGRATION_NAME, an ISO timestamp), never user input.
        record = f"INSERT INTO schema_migrations VALUES ({version:d}, '{name}', '{now}');"
        try:
            con.executescript(f"BEGIN;\n{sql}\n{record}\nCOMMIT;")
        except sqlite3.Error:
            if con.in_transaction:
                con.rollback()
            raise
        done.append(version)
    return done
