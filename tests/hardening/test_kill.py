"""Fault injection: ``unvotes build`` and ``unvotes ingest`` killed (SIGKILL) part-way.

A build writes a half-built copy beside the database (``.NAME.building-PID``) and moves it into
place only when complete; an ingest writes inside one SQLite transaction. Killed at any moment,
either must leave the previous database with the same bytes and the same contents, openable,
and nothing beside it that stops the next run from succeeding.

The build is killed at points spread over its run (as fractions of the time a whole build takes
on this machine, about 0.3, 0.8, 1.5 and 2.5 s of a 4 s build), the moment its half-built file
appears, and while that file is being filled with the bulk of the rows (the positions). A kill
that comes too late (the run finished first) is retried on the new database.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.hardening.harness import (
    TIMESTAMPS,
    Fingerprint,
    canonical_digest,
    cli,
    cli_command,
    cli_env,
    file_digest,
    fingerprint,
    leftovers,
)

from unvotes import sources, store
from unvotes.model import SourceKind

pytestmark = [pytest.mark.slow, pytest.mark.shared]

#: The half-built file holds the schema and reference tables (about 0.2 MB) until the rows are
#: written; past this size it is being filled with the decisions and positions.
FILLING_BYTES = 2 << 20
POLL_SECONDS = 0.0005
ATTEMPTS = 5
#: A whole ingest of Voeten's 2017 release into the dossier takes about 3 s; far more means the
#: rolls of the decisions it touches are read back by scanning every position once per decision.
INGEST_SECONDS = 60


@dataclass
class Target:
    """The database the runs are killed on top of, and what it must still be afterwards."""

    db: Path
    args: tuple[str, ...]
    baseline: Fingerprint
    content: str  #: canonical digest without timestamps: what any complete run must produce
    seconds: float  #: how long a whole run took
    kills: list[int] = field(default_factory=list)  #: pids of the runs killed

    def rebaseline(self) -> None:
        self.baseline = fingerprint(self.db)


def _start(target: Target) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cli_command(*target.args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env())


def _kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], *, timeout: float = 60) -> tuple[bool, str]:
    """SIGKILL ``process`` as soon as ``ready()``: (whether it was killed, not finished first; its stderr)."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(POLL_SECONDS)
    _out, err = process.communicate(timeout=timeout)
    return process.returncode == -signal.SIGKILL, (err or b"").decode()


Condition = Callable[[Target, subprocess.Popen[bytes], float], bool]


def _kill_run(target: Target, when: Condition) -> int:
    """Start the run and kill it when ``when(target, process, started)``; retried when it finished first.

    Returns the pid of the run killed.
    """
    for _ in range(ATTEMPTS):
        process = _start(target)
        started = time.monotonic()

        def ready(process: subprocess.Popen[bytes] = process, started: float = started) -> bool:
            return when(target, process, started)

        killed, stderr = _kill_when(process, ready)
        if killed:
            target.kills.append(process.pid)
            return process.pid
        assert process.returncode == 0, stderr
        # the run completed before the kill (a busy machine timed the first run slow): time the
        # kill on the run just seen; and it must have produced the same contents
        target.seconds = min(target.seconds, time.monotonic() - started)
        assert canonical_digest(target.db, ignore=TIMESTAMPS) == target.content
        target.rebaseline()
    pytest.fail(f"the run finished before the kill {ATTEMPTS} times")


def _half_built(target: Target, pid: int) -> Path:
    return target.db.parent / f".{target.db.name}.building-{pid}"


def _assert_intact(target: Target, pid: int) -> None:
    """Same bytes, same contents, opens and passes SQLite's check. Beside it, only half-built files
    of killed runs; a run that got as far as starting its own removed those of the runs before."""
    after = fingerprint(target.db)
    assert after.file_sha256 == target.baseline.file_sha256
    assert after.content_sha256 == target.baseline.content_sha256
    left = set(leftovers(target.db))
    assert left <= {_half_built(target, k).name for k in target.kills}
    if _half_built(target, pid).exists():
        assert left == {_half_built(target, pid).name}
    con = store.open_db(target.db, read_only=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM positions").fetchone()[0] > 0
    finally:
        con.close()


# --- build --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Target:
    db = tmp_path_factory.mktemp("kill-build") / "unvotes.db"
    args = ("build", "--data-dir", str(shared_data), "--db", str(db))
    started = time.monotonic()
    done = cli(*args)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return Target(db, args, fingerprint(db), canonical_digest(db, ignore=TIMESTAMPS), seconds)


def _after(fraction: float) -> Condition:
    def when(target: Target, process: subprocess.Popen[bytes], started: float) -> bool:
        return time.monotonic() - started >= fraction * target.seconds

    return when


def _half_built_appears(target: Target, process: subprocess.Popen[bytes], started: float) -> bool:
    return _half_built(target, process.pid).exists()


def _half_built_filling(target: Target, process: subprocess.Popen[bytes], started: float) -> bool:
    try:
        return _half_built(target, process.pid).stat().st_size > FILLING_BYTES
    except FileNotFoundError:
        return False


BUILD_KILLS: list[tuple[str, Condition]] = [
    ("half-built-file-appears", _half_built_appears),
    ("at-0.08", _after(0.08)),
    ("at-0.2", _after(0.2)),
    ("at-0.4", _after(0.4)),
    ("at-0.65", _after(0.65)),
    ("writing-positions", _half_built_filling),
]


@pytest.mark.parametrize("when", [w for _, w in BUILD_KILLS], ids=[n for n, _ in BUILD_KILLS])
def test_killed_build_leaves_the_previous_database(built: Target, when: Condition) -> None:
    pid = _kill_run(built, when)
    _assert_intact(built, pid)


def test_next_build_succeeds_and_cleans_up(built: Target) -> None:
    _kill_run(built, _after(0.5))
    done = cli(*built.args)
    assert done.returncode == 0, done.stderr
    assert leftovers(built.db) == []
    assert canonical_digest(built.db, ignore=TIMESTAMPS) == built.content
    assert len(built.kills) >= 1


# --- ingest -------------------------------------------------------------------------------------


@pytest.fixture()
def ingesting(tmp_path: Path, shared_data: Path) -> Target:
    """A dossier-only database and the command adding Voeten's 2017 release to it (about 3 s)."""
    db = tmp_path / "unvotes.db"
    done = cli("build", "--db", str(db))
    assert done.returncode == 0, done.stderr
    files = sources.detect(shared_data).groups[SourceKind.VOETEN_2017]
    return Target(db, ("ingest", "voeten2017", *map(str, files), "--db", str(db)), fingerprint(db), "", 0.0)


def _journal(target: Target) -> Path:
    return target.db.with_name(f"{target.db.name}-journal")


def _journal_appears(target: Target) -> Callable[[], bool]:
    """The transaction has saved its first original page (the database file is untouched so far)."""
    return _journal(target).exists


def _database_overwritten(target: Target) -> Callable[[], bool]:
    """The transaction is writing into the database file itself (its pages saved in the journal)."""
    first = target.db.stat()

    def ready() -> bool:
        now = target.db.stat()
        return (now.st_size, now.st_mtime_ns) != (first.st_size, first.st_mtime_ns)

    return ready


INGEST_KILLS = [("journal-appears", _journal_appears, False), ("database-overwritten", _database_overwritten, True)]


@pytest.mark.parametrize(("when", "touched"), [k[1:] for k in INGEST_KILLS], ids=[k[0] for k in INGEST_KILLS])
def test_killed_ingest_is_rolled_back(
    ingesting: Target, when: Callable[[Target], Callable[[], bool]], touched: bool
) -> None:
    before = ingesting.baseline
    process = _start(ingesting)
    killed, stderr = _kill_when(process, when(ingesting))
    assert killed, f"the ingest finished first: {stderr}"
    assert _journal(ingesting).exists()  # the interrupted transaction
    if touched:  # the file itself is half-written: only the journal can put it back
        assert file_digest(ingesting.db) != before.file_sha256
    # a read-only command answers from the database as it was (undoing the transaction if need be)
    read = cli("decisions", "--body", "sc", "--format", "json", "--db", str(ingesting.db))
    assert read.returncode == 0, read.stderr
    after = fingerprint(ingesting.db)  # read-only: fails if a journal still had to be rolled back
    assert (after.file_sha256, after.content_sha256) == (before.file_sha256, before.content_sha256)
    assert leftovers(ingesting.db) in ([], [_journal(ingesting).name])
    # and the next ingest succeeds, leaving nothing beside the database
    done = cli(*ingesting.args, timeout=INGEST_SECONDS)
    assert done.returncode == 0, done.stderr
    assert leftovers(ingesting.db) == []
    con = store.open_db(ingesting.db, read_only=True)
    try:
        kinds = {r[0] for r in con.execute("SELECT kind FROM sources")}
        assert kinds == {"dossier", "voeten2017"}
    finally:
        con.close()
