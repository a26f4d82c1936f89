"""What the hardening tests share: the real command line as a subprocess, and fingerprints of a
database that say whether anything in it changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TIMESTAMPS",
    "Fingerprint",
    "canonical_digest",
    "cli",
    "cli_command",
    "cli_env",
    "file_digest",
    "fingerprint",
    "leftovers",
]


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "unvotes", *args]


def cli_env() -> dict[str, str]:
    """The caller's environment without the variables that would point the command elsewhere."""
    return {k: v for k, v in os.environ.items() if k not in ("UNVOTES_DB", "UNVOTES_DATA_DIR")}


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(*args), capture_output=True, text=True, env=cli_env(), timeout=timeout, check=False
    )


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: Columns that say when a file was written, not what it holds.
TIMESTAMPS = ("applied_at", "ingested_at")


def canonical_digest(db: Path, *, ignore: tuple[str, ...] = ()) -> str:
    """sha256 over the schema and every row of every table, each table in the order of all its columns.

    Two databases with the same digest hold the same data, whatever their page layout. Columns named
    in ``ignore`` are left out. The file is opened read-only: computing the digest changes nothing.
    """
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for entry in con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"):
            digest.update(repr(entry).encode())
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            every = [r[0] for r in con.execute("SELECT name FROM pragma_table_info(?)", (table,))]
            columns = [c for c in every if c not in ignore]
            order = ", ".join(f'"{c}"' for c in columns)
            digest.update(f"\0{table}\0".encode())
            cursor = con.execute(f'SELECT {order} FROM "{table}" ORDER BY {order}')
            while rows := cursor.fetchmany(50_000):
                digest.update(repr(rows).encode())
        return digest.hexdigest()
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The database's bytes, its contents and the names of the files beside it."""

    file_sha256: str
    content_sha256: str
    neighbours: tuple[str, ...]


def fingerprint(db: Path) -> Fingerprint:
    return Fingerprint(
        file_sha256=file_digest(db),
        content_sha256=canonical_digest(db),
        neighbours=tuple(sorted(p.name for p in db.parent.iterdir())),
    )


def leftovers(db: Path) -> list[str]:
    """Files a build or an ingest of ``db`` may leave behind: half-built copies and journals."""
    return sorted(
        p.name
        for p in db.parent.iterdir()
        if p.name.startswith(f".{db.name}.building-") or p.name.startswith(f"{db.name}-")
    )
