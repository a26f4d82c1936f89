"""The pipeline: source batches in, database out, with a report of what happened to every row.

``build`` makes a whole database in a temporary file beside the target and moves it into place
only when complete, so a failed or killed build leaves the previous database untouched.
``ingest`` adds sources to an existing database inside one transaction, with the same guarantee.

Merging: a decision that two sources describe (same body, kind, symbol and date, unambiguous in
both) is stored once, with each source's account in ``decision_sources``; the canonical fields
come from the source with the best :data:`SOURCE_PRIORITY`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes import store
from unvotes.countries import CountryRegistry, load_registry
from unvotes.errors import StoreError, UnvotesError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    NonVotingReason,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)

__all__ = ["SOURCE_PRIORITY", "IngestReport", "Progress", "SourceReport", "build", "ingest", "store_batch"]

log = logging.getLogger(__name__)

#: Lower is preferred, for canonical decision fields and for the roll shown.
SOURCE_PRIORITY: dict[SourceKind, int] = {
    SourceKind.DOSSIER: 1,
    SourceKind.UNXML: 2,
    SourceKind.UNDL_GA: 3,
    SourceKind.UNDL_SC: 3,
    SourceKind.C3_DPRK: 4,
    SourceKind.OHCHR: 5,
    SourceKind.VOETEN_2017: 6,
    SourceKind.VOETEN_2021: 7,
}

#: Bodies in which every UN member sits, so an unlisted member can be inferred as not voting.
_PLENARY_BODIES = frozenset({Body.GA, Body.C3})

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]
BatchLoader = Callable[[], SourceBatch]


@dataclass
class SourceReport:
    """What became of one source: rows read, stored and skipped with reasons."""

    kind: SourceKind
    files: tuple[str, ...]
    rows_read: int
    decisions: int = 0
    decisions_new: int = 0
    decisions_merged: int = 0
    positions: int = 0
    positions_inferred: int = 0
    sponsorships: int = 0
    disassociations: int = 0
    skipped: tuple[SkipCount, ...] = ()
    status: str = "stored"


@dataclass(frozen=True, slots=True)
class DiscrepancyRow:
    decision_id: int
    body: str
    date: str | None
    symbol: str | None
    kind: str
    detail: str
    is_acknowledged: bool
    explanation: str | None


@dataclass
class IngestReport:
    database: Path
    sources: list[SourceReport] = field(default_factory=list)
    ignored_files: list[tuple[str, str]] = field(default_factory=list)
    discrepancies: list[DiscrepancyRow] = field(default_factory=list)
    seconds: float = 0.0


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _key(body: str, kind: str, symbol: str | None, date: dt.date | None) -> tuple[str, str, str, str] | None:
    if not symbol or not date:
        return None
    return (body, kind, symbol, date.isoformat())


def _assign_ids(con: sqlite3.Connection, batch: SourceBatch) -> tuple[list[int], list[bool]]:
    """A decision id for each decision of the batch, and whether it is new."""
    existing = store.decision_keys(con)
    keys = [_key(d.body.value, d.kind.value, d.symbol, d.date) for d in batch.decisions]
    in_batch = Counter(k for k in keys if k)
    next_id = store.next_decision_id(con)
    ids: list[int] = []
    new: list[bool] = []
    for key in keys:
        match = existing.get(key) if key and in_batch[key] == 1 else None
        if match and len(match) == 1:
            ids.append(match[0])
            new.append(False)
        else:
            ids.append(next_id)
            new.append(True)
            next_id += 1
    return ids, new


def _inferred_non_voting(
    batch: SourceBatch, registry: CountryRegistry
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.str_]]:
    """(decision index, country code) of members on the day who are not listed in a recorded vote."""
    pos = batch.positions
    codes = np.array(registry.codes)
    order = np.argsort(codes)
    sorted_codes = codes[order]
    listed = np.zeros((len(batch.decisions), len(codes)), dtype=np.bool_)
    if len(pos):
        idx = order[np.searchsorted(sorted_codes, pos.country)]
        listed[pos.decision, idx] = True
    eligible = np.array(
        [
            d.body in _PLENARY_BODIES
            and d.adoption_method is AdoptionMethod.RECORDED_VOTE
            and d.date is not None
            for d in batch.decisions
        ],
        dtype=np.bool_,
    ) & listed.any(axis=1)
    never = np.datetime64("9999-12-31")
    days = np.array([d.date or never for d in batch.decisions], dtype="datetime64[D]")
    member = registry.membership(days)
    missing = member & ~listed & eligible[:, None]
    dec, cty = np.nonzero(missing)
    return dec.astype(np.int32), codes[cty]


def store_batch(con: sqlite3.Connection, batch: SourceBatch, registry: CountryRegistry) -> SourceReport:
    """Write one batch into the open transaction; returns its report."""
    report = SourceReport(
        kind=batch.kind,
        files=tuple(f.file_name for f in batch.files),
        rows_read=sum(f.rows_read for f in batch.files),
        skipped=batch.skipped,
    )
    known = [store.find_source(con, f.kind.value, f.sha256) for f in batch.files]
    if known and all(known):
        report.status = f"already ingested (source {', '.join(str(k) for k in known)})"
        return report
    if any(known):
        again = [f.file_name for f, k in zip(batch.files, known, strict=True) if k]
        raise UnvotesError(
            f"{batch.kind.value}: {', '.join(again)} already ingested with other files; "
            "ingest the whole set anew with 'unvotes build'"
        )
    now = _now()
    source_ids = [store.insert_source(con, f, ingested_at=now) for f in batch.files]
    decision_source = source_ids[0]
    positions_source = source_ids[batch.positions_file]
    store.insert_skipped(con, positions_source, batch.skipped)

    ids, new = _assign_ids(con, batch)
    priority = SOURCE_PRIORITY[batch.kind]
    rows = [
        store.DecisionSourceRow(i, decision_source, positions_source, priority, d)
        for i, d in zip(ids, batch.decisions, strict=True)
    ]
    store.insert_new_decisions(con, [r for r, is_new in zip(rows, new, strict=True) if is_new])
    store.insert_decision_sources(con, rows)
    report.decisions = len(rows)
    report.decisions_new = sum(new)
    report.decisions_merged = len(rows) - report.decisions_new

    id_array = np.array(ids, dtype=np.int64)
    pos = batch.positions
    if len(pos):
        report.positions = store.insert_positions(
            con,
            decision_id=id_array[pos.decision],
            country=pos.country,
            vote=pos.vote,
            reason=pos.reason,
            is_inferred=pos.is_inferred,
            source_id=positions_source,
        )
    if batch.lists_only_voters:
        dec, countries = _inferred_non_voting(batch, registry)
        n = len(dec)
        report.positions_inferred = store.insert_positions(
            con,
            decision_id=id_array[dec],
            country=countries,
            vote=np.full(n, VOTE_CODES[Vote.NON_VOTING], np.int8),
            reason=np.full(n, REASON_CODES[NonVotingReason.NOT_LISTED], np.int8),
            is_inferred=np.ones(n, np.bool_),
            source_id=positions_source,
        )
    by_ref = {d.ref: i for d, i in zip(batch.decisions, ids, strict=True)}
    _store_related(con, batch, by_ref, source_ids)
    report.sponsorships = len(batch.sponsorships)
    report.disassociations = len(batch.disassociations)
    if batch.series:
        store.insert_series(
            con,
            series=batch.series.series,
            title=batch.series.title,
            description=batch.series.description,
            members=[(i, d.ref) for d, i in zip(batch.decisions, ids, strict=True)],
            source_id=decision_source,
        )
    return report


def _store_related(
    con: sqlite3.Connection, batch: SourceBatch, by_ref: dict[str, int], source_ids: list[int]
) -> None:
    decision_source = source_ids[0]
    positions_source = source_ids[batch.positions_file]
    sponsor_source = source_ids[
        batch.sponsorships_file if batch.sponsorships_file is not None else batch.positions_file
    ]
    dissociation_source = source_ids[
        batch.disassociations_file if batch.disassociations_file is not None else batch.positions_file
    ]

    def ref(r: str) -> int:
        if r not in by_ref:
            raise UnvotesError(f"{batch.kind.value}: record refers to unknown decision {r!r}")
        return by_ref[r]

    store.insert_sponsorships(
        con,
        [
            (ref(s.decision_ref), s.country_code, s.role, s.name_as_recorded, s.note)
            for s in batch.sponsorships
        ],
        source_id=sponsor_source,
    )
    store.insert_disassociations(
        con,
        [(ref(x.decision_ref), x.country_code, x.is_partial_list, x.note) for x in batch.disassociations],
        source_id=dissociation_source,
    )
    store.insert_links(
        con, [(ref(k.from_ref), ref(k.to_ref), k.relation) for k in batch.links], source_id=decision_source
    )
    store.insert_topics(
        con,
        [(by_ref[d.ref], t) for d in batch.decisions for t in d.topics],
        source_id=decision_source,
    )
    store.insert_recorded_names(con, batch.recorded_names, source_id=positions_source)


def _finish(con: sqlite3.Connection, report: IngestReport) -> None:
    """Derived fields, findings and the integrity check, inside the open transaction."""
    store.refresh_decisions(con)
    store.find_discrepancies(con)
    problems = store.foreign_key_problems(con)
    if problems:
        table, rowid, parent = problems[0]
        raise StoreError(f"integrity check failed: {table} row {rowid} points to a missing {parent} row")
    report.discrepancies = [DiscrepancyRow(*r) for r in store.list_discrepancies(con)]


def _stage(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress:
        progress(stage, done, total)


def _building_path(db: Path) -> Path:
    return db.parent / f".{db.name}.building-{os.getpid()}"


def _remove_stale(db: Path) -> None:
    """Delete half-built files that a killed build left behind (their process is gone)."""
    for path in db.parent.glob(f".{db.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
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


def build(
    db: Path,
    loaders: Sequence[tuple[str, BatchLoader]],
    *,
    ignored_files: Sequence[tuple[str, str]] = (),
    progress: Progress | None = None,
) -> IngestReport:
    """Build a new database at ``db`` from ``loaders`` (label, function returning a batch).

    Batches are read one at a time; the database is written to a temporary file and moved into
    place only after every source is stored and checked.
    """
    started = time.perf_counter()
    db.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(db)
    tmp = _building_path(db)
    if tmp.exists():
        tmp.unlink()
    report = IngestReport(database=db, ignored_files=list(ignored_files))
    registry = load_registry()
    try:
        con = store.open_scratch(tmp)
        try:
            store.write_reference_tables(con, registry)
            for n, (label, load) in enumerate(loaders):
                _stage(progress, f"reading {label}", n, len(loaders))
                batch = load()
                _stage(progress, f"storing {label}", n, len(loaders))
                report.sources.append(store_batch(con, batch, registry))
                del batch
            _stage(progress, "indexing and checking", len(loaders), len(loaders))
            store.create_position_indexes(con)
            _finish(con, report)
            con.commit()
        finally:
            con.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, db)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    report.seconds = time.perf_counter() - started
    return report


def ingest(
    db: Path, loaders: Sequence[tuple[str, BatchLoader]], *, progress: Progress | None = None
) -> IngestReport:
    """Add sources to the existing database at ``db`` in one transaction (all or nothing).

    Every file is read before anything is written, so bad input never touches the database.
    """
    started = time.perf_counter()
    report = IngestReport(database=db)
    registry = load_registry()
    batches = []
    for n, (label, load) in enumerate(loaders):
        _stage(progress, f"reading {label}", n, len(loaders))
        batches.append(load())
    con = store.open_db(db, create=True)
    try:
        store.begin_write(con)
        if not store.has_countries(con):
            store.write_reference_tables(con, registry)
        for n, batch in enumerate(batches):
            _stage(progress, f"storing {batch.kind.value}", n, len(batches))
            report.sources.append(store_batch(con, batch, registry))
        store.create_position_indexes(con)
        _finish(con, report)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()
    report.seconds = time.perf_counter() - started
    return report
