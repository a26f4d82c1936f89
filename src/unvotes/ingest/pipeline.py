"""The pipeline: source batches in, database out, with a report of what happened to every row.

``build`` makes a whole database in a temporary file beside the target and moves it into place
only when complete, so a failed or killed build leaves the previous database untouched.
``ingest`` adds sources to an existing database inside one transaction, with the same guarantee.
Both hold the database's writer lock (:func:`unvotes.store.writer_lock`) throughout, so a second
writer fails at once; a build also refuses to replace a database that changed since it began.

Each batch is stored by :func:`unvotes.ingest.merge.store_batch`; the findings (totals against counted
rolls, sources against each other) are made once all batches are in, and the report lists them
by :class:`~unvotes.model.FindingKind`.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from unvotes import store
from unvotes.errors import StoreError
from unvotes.ingest.merge import DecisionIndex, SourceReport, StoredRolls, store_batch
from unvotes.ingest.prepare import PreparedBatch, prepare
from unvotes.ingest.reconcile import RollRows, RollSignatures, reconcile, signatures
from unvotes.model import SourceBatch
from unvotes.reference.countries import CountryRegistry, load_registry
from unvotes.store.connection import unusable_file

__all__ = ["IngestReport", "Progress", "SourceReport", "build", "ingest", "store_batch"]

log = logging.getLogger(__name__)

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]
BatchLoader = Callable[[], SourceBatch]


@dataclass
class IngestReport:
    database: Path
    sources: list[SourceReport] = field(default_factory=list)
    ignored_files: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    data_dir: str | None = None
    discrepancies: list[store.DiscrepancyRecord] = field(default_factory=list)
    seconds: float = 0.0


def _finish(
    con: sqlite3.Connection,
    registry: CountryRegistry,
    report: IngestReport,
    rolls: RollRows | None,
    affected: list[int] | None,
) -> None:
    """Derived fields, findings and the integrity check, inside the open transaction.

    ``rolls`` holds every stored position when the whole database was just built; otherwise the
    positions of the ``affected`` decisions are read back from the database.
    """
    store.refresh_decisions(con)
    store.refresh_search(con)
    store.find_source_disagreements(con)
    decision_ids, roll_sources, totals = store.roll_choices(con, affected)
    if rolls is None:
        rolls = _load_rolls(con, registry, decision_ids.tolist())
    findings = reconcile(
        rolls, codes=registry.sorted_codes, decision_id=decision_ids, roll_source_id=roll_sources, totals=totals
    )
    store.replace_roll_findings(
        con,
        [(f.decision_id, f.kind.value, f.detail, f.source_id, f.other_source_id) for f in findings],
        decision_ids=affected,
    )
    store.apply_acknowledgements(con)
    problems = store.foreign_key_problems(con)
    if problems:
        table, rowid, parent = problems[0]
        raise StoreError(f"integrity check failed: {table} row {rowid} points to a missing {parent} row")
    report.discrepancies = store.list_discrepancies(con)


def _load_rolls(con: sqlite3.Connection, registry: CountryRegistry, decision_ids: list[int]) -> RollRows:
    """The stored positions of the decisions, read back from the database."""
    source_id, decision_id, country, vote = store.load_positions(con, decision_ids)
    return RollRows(source_id, decision_id, registry.index_of(country), vote)


def _stage(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress:
        progress(stage, done, total)


def _building_path(db: Path) -> Path:
    return db.parent / f".{db.name}.building-{os.getpid()}"


def _remove_stale(db: Path) -> None:
    """Delete half-built files that a killed build left behind (their process is gone)."""
    for path in db.parent.glob(f".{db.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isascii() and pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: How many sources are read ahead of the one being stored (each on its own thread).
READ_AHEAD = 3


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector during a bulk load.

    A load makes hundreds of thousands of long-lived objects (records, rows), and each collection
    walks all of them again; collecting once afterwards costs far less. Reference counting still
    frees everything else as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_ahead(
    loaders: Sequence[tuple[str, BatchLoader]], registry: CountryRegistry
) -> Iterator[tuple[str, PreparedBatch]]:
    """Yield each loader's batch, read and prepared, in order, while the next ones are being read
    and prepared on other threads.

    Readers spend much of their time in decompression, pyarrow and numpy, which release the GIL,
    so reading the next sources overlaps with storing this one. ``READ_AHEAD`` threads take the
    loaders in order, each as soon as it is free; at most ``READ_AHEAD + 1`` batches are read but
    not yet stored at any time.
    """
    if not loaders:
        return
    room = threading.Semaphore(READ_AHEAD + 1)
    stopped = threading.Event()

    def read(load: BatchLoader) -> PreparedBatch | None:
        room.acquire()
        if stopped.is_set():
            return None
        return prepare(load(), registry)

    with ThreadPoolExecutor(max_workers=READ_AHEAD, thread_name_prefix="unvotes-read") as pool:
        pending = [pool.submit(read, load) for _, load in loaders]
        try:
            for (label, _), future in zip(loaders, pending, strict=True):
                prepared = future.result()
                if prepared is None:  # only a stopped pipeline reads nothing
                    raise StoreError(f"{label}: reading stopped")
                yield label, prepared
                del prepared
                room.release()
        finally:
            # On an error (or a consumer that stops early) let no reader wait for room again.
            stopped.set()
            for future in pending:
                future.cancel()
            for _ in range(READ_AHEAD):
                room.release()


def build(
    db: Path,
    loaders: Sequence[tuple[str, BatchLoader]],
    *,
    ignored_files: Sequence[tuple[str, str]] = (),
    left_out: Sequence[tuple[str, str]] = (),
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Build a new database at ``db`` from ``loaders`` (label, function returning a batch).

    Batches are read one at a time; the database is written to a temporary file and moved into
    place only after every source is stored and checked, and only if no one changed the database
    meanwhile. ``ignored_files`` and ``left_out`` ((path, reason): files under ``data_dir`` that are
    not sources, and files that may be and could not be read) go into the build record.
    """
    started = time.perf_counter()
    if db.is_dir():
        raise StoreError(f"{db}: is a folder, not a database file (pass --db a file name)")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unusable_file(db, exc) from exc
    report = IngestReport(
        database=db,
        ignored_files=list(ignored_files),
        left_out=list(left_out),
        data_dir=None if data_dir is None else str(data_dir),
    )
    registry = load_registry()
    with store.writer_lock(db):
        _remove_stale(db)
        tmp = _building_path(db)
        if tmp.exists():
            tmp.unlink()
        stamp = store.file_stamp(db)
        try:
            with _without_cycle_collection():
                _build_into(tmp, loaders, registry, report, progress)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            _replace_unless_changed(tmp, db, stamp)
        except (OSError, sqlite3.OperationalError) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise unusable_file(db, exc) from exc
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    report.seconds = time.perf_counter() - started
    return report


def _replace_unless_changed(tmp: Path, db: Path, stamp: store.FileStamp | None) -> None:
    """Move the new database into place, unless the old one changed since the build began."""
    if store.file_stamp(db) != stamp:
        raise StoreError(
            f"{db}: the database changed while this build ran (another process wrote to it); "
            "the build was not moved into place, run it again"
        )
    os.replace(tmp, db)


def _build_into(
    tmp: Path,
    loaders: Sequence[tuple[str, BatchLoader]],
    registry: CountryRegistry,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    """Every batch into a new database file at ``tmp``, committed."""
    con = store.open_scratch(tmp)
    try:
        store.write_reference_tables(con, registry)
        index = DecisionIndex.load(con)
        stored: list[StoredRolls] = []

        def existing(decision_ids: list[int]) -> RollSignatures:
            known = RollSignatures.concat([s.signatures for s in stored])
            return known.subset(np.isin(known.decision_id, decision_ids))

        for n, (label, prepared) in enumerate(_read_ahead(loaders, registry)):
            _stage(progress, f"storing {label}", n, len(loaders))
            source_report, rolls = store_batch(con, prepared, index, existing)
            report.sources.append(source_report)
            stored.append(rolls)
            del prepared
        _stage(progress, "reconciling and checking", len(loaders), len(loaders))
        _finish(con, registry, report, RollRows.concat([s.rows for s in stored]), None)
        store.write_build_record(con, data_dir=report.data_dir, ignored=report.ignored_files, left_out=report.left_out)
        con.commit()
    finally:
        con.close()


def ingest(db: Path, loaders: Sequence[tuple[str, BatchLoader]], *, progress: Progress | None = None) -> IngestReport:
    """Add sources to the existing database at ``db`` in one transaction (all or nothing).

    Every file is read before anything is written, so bad input never touches the database.
    """
    started = time.perf_counter()
    report = IngestReport(database=db)
    registry = load_registry()
    with store.writer_lock(db), _without_cycle_collection():
        _ingest_into(db, loaders, registry, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _ingest_into(
    db: Path,
    loaders: Sequence[tuple[str, BatchLoader]],
    registry: CountryRegistry,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    batches = []
    for n, (label, load) in enumerate(loaders):
        _stage(progress, f"reading {label}", n, len(loaders))
        batches.append(prepare(load(), registry))
    con = store.open_db(db, create=True)
    try:
        store.begin_write(con)
        if not store.has_countries(con):
            store.write_reference_tables(con, registry)
        index = DecisionIndex.load(con)
        affected: list[int] = []
        for n, prepared in enumerate(batches):
            _stage(progress, f"storing {prepared.batch.kind.value}", n, len(batches))
            source_report, _ = store_batch(
                con, prepared, index, lambda ids: signatures(_load_rolls(con, registry, ids))
            )
            report.sources.append(source_report)
            affected.extend(source_report.decision_ids)
        _finish(con, registry, report, None, sorted(set(affected)))
        con.commit()
    except (OSError, sqlite3.OperationalError) as exc:
        with contextlib.suppress(sqlite3.Error):
            con.rollback()
        raise unusable_file(db, exc) from exc
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()
