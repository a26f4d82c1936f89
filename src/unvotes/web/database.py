"""Read-only access to the database for the web app: one connection per thread.

Connections use SQLite's read-only mode. When the file is replaced (``unvotes build`` moves a new
file into place), :attr:`Database.generation` changes and each thread reopens on its next request,
so cached responses are never served for an older file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from unvotes import store

__all__ = ["Database"]


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        store.open_db(path, read_only=True).close()  # fail early: missing file, wrong schema

    @property
    def generation(self) -> tuple[int, int, int]:
        """Identity of the file on disk: (inode, size, modification time in ns)."""
        st = os.stat(self.path)
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection, reopened if the file was replaced."""
        generation = self.generation
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "generation", None) != generation:
            if con is not None:
                con.close()
            con = store.open_db(self.path, read_only=True)
            self._local.con = con
            self._local.generation = generation
        return con
