"""A database whose writer died mid-transaction opens read-only as it was before that transaction.

The crash is made without killing anything: while a transaction has already overwritten pages of
the database file, the file and its rollback journal are copied, as a crash would leave them.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.hardening.harness import canonical_digest, file_digest

from unvotes import ingest, sources, store


def _crash_image(db: Path, folder: Path) -> Path:
    """A copy of ``db`` and its hot journal, taken while a large update is half-way into the file."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA cache_size = 1")  # spill changed pages to the file early
    con.execute("BEGIN")
    con.execute("UPDATE positions SET vote = 'abstain'")
    journal = db.with_name(f"{db.name}-journal")
    assert journal.exists() and journal.stat().st_size > 0
    folder.mkdir()
    shutil.copyfile(db, folder / db.name)
    shutil.copyfile(journal, folder / journal.name)
    con.rollback()
    con.close()
    return folder / db.name


def test_read_only_open_undoes_an_interrupted_write(tmp_path: Path) -> None:
    db = tmp_path / "unvotes.db"
    ingest.build(db, [("dossier", sources.read_dossier)])
    before = (file_digest(db), canonical_digest(db))
    crashed = _crash_image(db, tmp_path / "crashed")
    assert file_digest(crashed) != before[0]  # the file itself is half-written
    con = store.open_db(crashed, read_only=True)
    try:
        votes = {r[0] for r in con.execute("SELECT DISTINCT vote FROM positions")}
    finally:
        con.close()
    assert votes == {"yes", "no", "abstain", "non_voting"}
    assert (file_digest(crashed), canonical_digest(crashed)) == before
    assert sorted(p.name for p in crashed.parent.iterdir()) == [crashed.name]
