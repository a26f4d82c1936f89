"""One writer at a time: a build or an ingest holds a lock beside the database, a second writer
fails at once naming the first, and a build never replaces a database that changed since it began.

The lock is an ``flock`` on ``.NAME.lock``; here another process takes it the same way (a plain
Python process, so that nothing of ours decides whether it holds it), and the real command runs as
a subprocess against a real database. The kernel drops the lock of a killed process, so a killed
holder blocks no one.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.hardening.harness import cli, cli_command, cli_env, fingerprint, leftovers
from tests.hardening.test_bad_input import C3_VOTES, c3

from unvotes import ingest, sources
from unvotes.errors import StoreError
from unvotes.model import SourceBatch

#: Takes the lock as any writer would, writes who it is, says so, and holds it until its stdin closes.
HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, f"pid {os.getpid()}: test holder".encode())
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    target = tmp_path / "db" / "unvotes.db"
    done = cli("build", "--db", str(target))
    assert done.returncode == 0, done.stderr
    return target


@pytest.fixture()
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.parent / f".{db.name}.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


def _c3_files(tmp_path: Path) -> list[str]:
    folder = tmp_path / "input"
    folder.mkdir()
    return [str(p) for p in c3(folder, C3_VOTES)]


def _stored_c3(db: Path) -> int:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM decisions WHERE draft_symbol = 'A/C.3/69/L.99'").fetchone()[0])
    finally:
        con.close()


def test_a_second_writer_fails_at_once_naming_the_first(
    db: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    before = fingerprint(db)
    for args in (["ingest", "c3_dprk", *_c3_files(tmp_path)], ["build"]):
        done = cli(*args, "--db", str(db))
        text = done.stderr.strip()
        assert done.returncode == 1, done.stdout + done.stderr
        assert "\n" not in text and text.startswith(f"error: {db}: another writer"), text
        assert f"pid {holder.pid}: test holder" in text, text
    assert fingerprint(db) == before
    assert leftovers(db) == []


def test_a_killed_writer_leaves_no_lock_behind(db: Path, holder: subprocess.Popen[str], tmp_path: Path) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (db.parent / f".{db.name}.lock").exists()  # the file stays; its lock went with the process
    done = cli("ingest", "c3_dprk", *_c3_files(tmp_path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert _stored_c3(db) == 1
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_a_build_does_not_replace_a_database_changed_since_it_began(db: Path) -> None:
    """A writer that takes no lock changes the database while the build reads its sources."""

    def meddle() -> SourceBatch:
        con = sqlite3.connect(db)
        con.execute("DELETE FROM discrepancies")
        con.execute("UPDATE decisions SET title = 'changed meanwhile' WHERE decision_id = 1")
        con.commit()
        con.close()
        return sources.read_dossier()

    with pytest.raises(StoreError, match=r"changed while this build ran"):
        ingest.build(db, [("dossier", meddle)])
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT title FROM decisions WHERE decision_id = 1").fetchone() == ("changed meanwhile",)
    finally:
        con.close()
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


@pytest.mark.slow
@pytest.mark.shared
def test_an_ingest_during_a_build_is_refused_or_kept(db: Path, tmp_path: Path, shared_data: Path) -> None:
    """The reported loss: an ingest that exits 0 while a build runs must not vanish when the build
    moves its file into place. Either the ingest is refused (the build holds the lock) or, if the
    build was over first, what it stored is in the final database."""
    files = _c3_files(tmp_path)
    building = subprocess.Popen(
        cli_command("build", "--data-dir", str(shared_data), "--db", str(db)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    half_built = db.parent / f".{db.name}.building-{building.pid}"
    while not half_built.exists() and building.poll() is None:
        time.sleep(0.01)
    done = cli("ingest", "c3_dprk", *files, "--db", str(db))
    _, stderr = building.communicate()
    assert building.returncode == 0, stderr
    if done.returncode == 0:
        assert _stored_c3(db) == 1, "an ingest that succeeded was lost"
    else:
        assert f"another writer is at work on this database (pid {building.pid}:" in done.stderr, done.stderr
        assert _stored_c3(db) == 0
    assert leftovers(db) == []
