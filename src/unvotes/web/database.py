"""The web app's access to the database: opened so that it cannot be changed, one connection per
thread, and every read through :meth:`Database.read`.

Connections come from :func:`~unvotes.store.connection.open_unchanged` (SQLite's ``mode=ro``; its
docstring says why not ``immutable=1``): the explorer never writes, not even to roll back the
journal of an interrupted ``ingest``, and it runs on a read-only file or folder.

The file's identity on disk (inode, size, modification time) is its *generation*; cached answers
are kept per generation. When the file is replaced (``unvotes build`` moves a new file into
place), the generation changes once the new file opens as an unvotes database, and each thread
reopens on its next read. While the file is missing or cannot be opened, the generation stays that
of the last file that could: answers cached from it are still served, and anything else is a
:class:`~unvotes.errors.StoreError` (503) naming the file, never its folder.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from unvotes.errors import StoreError
from unvotes.store.connection import no_database, open_unchanged, read_error

__all__ = ["Database"]

log = logging.getLogger(__name__)

T = TypeVar("T")

Generation = tuple[int, int, int]


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = self._on_disk()
        open_unchanged(path).close()  # fail early: missing file, wrong schema, interrupted write

    def _on_disk(self) -> Generation:
        """The identity of the file on disk now: (inode, size, modification time in ns)."""
        try:
            st = os.stat(self.path)
        except OSError:
            raise no_database(self.path) from None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    @property
    def generation(self) -> Generation:
        """The generation answers come from: the file on disk if it opens as an unvotes database,
        else the last one that did."""
        try:
            now = self._on_disk()
        except StoreError:
            return self._generation
        if now != self._generation:
            with self._lock:
                if now != self._generation and self._opens():
                    self._generation = now
        return self._generation

    def _opens(self) -> bool:
        try:
            open_unchanged(self.path).close()
        except StoreError as exc:
            log.warning("%s", exc)
            return False
        return True

    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the file on disk, reopened if the file was replaced."""
        generation = self.generation
        if self._on_disk() != generation:  # missing, or replaced by a file that does not open
            open_unchanged(self.path).close()  # raises the StoreError that says why
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "generation", None) != generation:
            if con is not None:
                con.close()
            con = open_unchanged(self.path)
            self._local.con = con
            self._local.generation = generation
        return con

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """``query`` over this thread's connection; a failing read is a :class:`StoreError`."""
        con = self.connection()
        try:
            return query(con)
        except sqlite3.Error as exc:
            raise read_error(exc, self.path) from exc
