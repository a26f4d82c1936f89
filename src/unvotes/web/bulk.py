"""The bulk download for the server: written once per database file into a private folder, on
first request, then served as files."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from unvotes.export import ARCHIVE, BULK_TABLES, write_bulk
from unvotes.web.database import Database

__all__ = ["BULK_FILES", "BulkCache"]

#: Every file of the bulk download, by its path under ``downloads/``.
BULK_FILES: frozenset[str] = frozenset(
    {"datapackage.json", ARCHIVE}
    | {f"csv/{s.name}.csv" for s in BULK_TABLES}
    | {f"parquet/{s.name}.parquet" for s in BULK_TABLES}
)


class BulkCache:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._generation: object = None

    def path(self, name: str) -> Path | None:
        """The file ``name`` of the bulk download (written first if need be); ``None`` if unknown."""
        if name not in BULK_FILES:
            return None
        with self._lock:
            generation = self.db.generation
            if self._folder is None or self._generation != generation:
                if self._folder is not None:
                    self._folder.cleanup()
                folder = tempfile.TemporaryDirectory(prefix="unvotes-bulk-")
                try:
                    self.db.read(lambda con: write_bulk(con, Path(folder.name)))
                except BaseException:
                    folder.cleanup()
                    raise
                self._folder, self._generation = folder, generation
            found = Path(self._folder.name) / name
            return found if found.is_file() else None  # a table an older database does not hold
