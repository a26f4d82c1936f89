"""Storing one prepared batch (:mod:`unvotes.ingest.prepare`). :func:`store_batch` reads as its
steps: the batch's files become sources, each standing for the records of its
:class:`~unvotes.model.FileRole`; the decisions get ids (merging with what is stored); the
positions go in (with the inferred non-voting members), except rolls another source already gave,
which are kept once; then each source's account of its decisions, the related records and the
context; last the report's counts and the rolls stored, for later batches and the reconciliation.

Merging: a decision that two sources describe (same body, kind, symbol and date, unambiguous in
both) is stored once, with each source's account in ``decision_sources``; the canonical fields
come from the source with the best :data:`~unvotes.model.SOURCE_PRIORITY`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from unvotes import store
from unvotes.errors import UnvotesError
from unvotes.ingest.prepare import DecisionKey, PreparedBatch, RecordKey, pack
from unvotes.ingest.reconcile import RollRows, RollSignatures, same_rolls
from unvotes.model import SOURCE_DATASET, SOURCE_PRIORITY, FileRole, SkipCount, SourceBatch, SourceKind

__all__ = ["DecisionIndex", "SourceReport", "StoredRolls", "store_batch"]

K = TypeVar("K")


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
    positions_stored_once: int = 0  #: rows equal to a roll another source already gave, not stored twice
    sponsorships: int = 0
    disassociations: int = 0
    skipped: tuple[SkipCount, ...] = ()
    status: str = "stored"
    decision_ids: tuple[int, ...] = ()  #: the decisions this source describes


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class DecisionIndex:
    """The merge keys of the stored accounts and the next free decision id.

    Two keys match an account to a stored decision: its dataset's own id (:data:`RecordKey`: the
    same roll call from either Voeten release, or a release read again in other bytes), else its
    body, kind, symbol and date (:data:`DecisionKey`: the same decision from different datasets).
    Loaded once from the database (:meth:`load`) or started empty for a new one, then kept up to
    date as batches are stored.
    """

    keys: dict[DecisionKey, list[int]] = field(default_factory=dict)
    next_id: int = 1
    records: dict[RecordKey, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, con: sqlite3.Connection) -> DecisionIndex:
        records: dict[RecordKey, list[int]] = {}
        for (kind, ref), ids in store.record_keys(con).items():
            for decision_id in ids:
                _learn(records, (SOURCE_DATASET[SourceKind(kind)], ref), decision_id)
        return cls(store.decision_keys(con), store.next_decision_id(con), records)

    def _match(self, key: DecisionKey | None, record: RecordKey, in_batch: Counter[DecisionKey]) -> int | None:
        """The one stored decision an account is, by its record key, else by its decision key."""
        by_record = self.records.get(record)
        if by_record and len(by_record) == 1:
            return by_record[0]
        by_key = self.keys.get(key) if key and in_batch[key] == 1 else None
        return by_key[0] if by_key and len(by_key) == 1 else None

    def assign(self, keys: list[DecisionKey | None], records: list[RecordKey]) -> tuple[list[int], list[bool]]:
        """A decision id for each account of a batch, and whether it is new; the index learns them."""
        in_batch = Counter(k for k in keys if k)
        ids: list[int] = []
        new: list[bool] = []
        for key, record in zip(keys, records, strict=True):
            match = self._match(key, record, in_batch)
            ids.append(self.next_id if match is None else match)
            new.append(match is None)
            if match is None:
                self.next_id += 1
        for key, record, decision_id in zip(keys, records, ids, strict=True):
            if key:
                _learn(self.keys, key, decision_id)
            _learn(self.records, record, decision_id)
        return ids, new


def _learn(index: dict[K, list[int]], key: K, decision_id: int) -> None:
    known = index.setdefault(key, [])
    if decision_id not in known:
        known.append(decision_id)


@dataclass(frozen=True, eq=False)
class StoredRolls:
    """What a stored batch adds to the rolls: its rows, and a signature per roll."""

    rows: RollRows
    signatures: RollSignatures

    @classmethod
    def concat(cls, parts: list[StoredRolls]) -> StoredRolls:
        return cls(RollRows.concat([p.rows for p in parts]), RollSignatures.concat([p.signatures for p in parts]))


def store_batch(
    con: sqlite3.Connection,
    prepared: PreparedBatch,
    index: DecisionIndex,
    existing: Callable[[list[int]], RollSignatures],
) -> tuple[SourceReport, StoredRolls]:
    """Write one prepared batch into the open transaction; returns its report and the rolls stored.

    ``index`` matches the batch's decisions to those stored (and learns the new ones);
    ``existing(decision_ids)`` gives the signatures of the rolls already stored for decisions this
    batch shares with earlier sources: a roll equal to one of them is not stored again (the
    account points to it).
    """
    batch = prepared.batch
    report = _new_report(batch)
    status = _already_ingested(con, batch)
    if status:
        report.status = status
        return report, StoredRolls.concat([])
    source_of = _insert_sources(con, batch)
    placed = _place(prepared, index, existing, source_of[FileRole.POSITIONS])
    accounts = _accounts(prepared, placed, source_of)
    store.insert_new_decisions(con, [a for a, is_new in zip(accounts, placed.new, strict=True) if is_new])
    report.positions = _store_positions(con, prepared, placed, source_of[FileRole.POSITIONS])
    store.insert_decision_sources(con, accounts)
    _store_related(con, prepared, placed, source_of)
    _store_context(con, batch, placed, source_of[FileRole.DECISIONS])
    _count(report, prepared, placed)
    return report, _stored_rolls(prepared, placed, source_of[FileRole.POSITIONS])


@dataclass(frozen=True, eq=False)
class _Placement:
    """Where a batch's decisions go: their ids (``by_ref`` maps each ``ref`` to one), which are
    new, and which rolls are stored.

    ``shared`` maps a decision id to the earlier source whose equal roll stands for this batch's;
    ``roll_stored`` tells per decision of the batch that its rows are stored (it has rows and
    shares no roll), ``row_stored`` the same per row of the prepared batch.
    """

    ids: list[int]
    new: list[bool]
    by_ref: dict[str, int]
    shared: dict[int, int]
    roll_stored: npt.NDArray[np.bool_]
    row_stored: npt.NDArray[np.bool_]


def _new_report(batch: SourceBatch) -> SourceReport:
    """The report of a batch before anything is stored: its files, the rows read and skipped."""
    return SourceReport(
        kind=batch.kind,
        files=tuple(f.file_name for f in batch.files),
        rows_read=sum(f.rows_read for f in batch.files),
        skipped=batch.skipped,
    )


def _already_ingested(con: sqlite3.Connection, batch: SourceBatch) -> str | None:
    """The status of a batch whose files are all stored already, else None; some of them stored raises."""
    known = [store.find_source(con, f.kind.value, f.sha256) for f in batch.files]
    if known and all(known):
        return f"already ingested (source {', '.join(str(k) for k in known)})"
    if any(known):
        again = [f.file_name for f, k in zip(batch.files, known, strict=True) if k]
        raise UnvotesError(
            f"{batch.kind.value}: {', '.join(again)} already ingested with other files; "
            "ingest the whole set anew with 'unvotes build'"
        )
    return None


def _insert_sources(con: sqlite3.Connection, batch: SourceBatch) -> dict[FileRole, int]:
    """Store the batch's files and the rows it skipped; returns the source id that plays each role."""
    now = _now()
    source_ids = [store.insert_source(con, f, ingested_at=now) for f in batch.files]
    source_of = {role: source_ids[batch.file_index(role)] for role in FileRole}
    store.insert_skipped(con, batch.skipped, source_id=source_of[FileRole.POSITIONS])
    return source_of


def _place(
    prepared: PreparedBatch,
    index: DecisionIndex,
    existing: Callable[[list[int]], RollSignatures],
    positions_source: int,
) -> _Placement:
    """Give the batch's decisions their ids and find the rolls that earlier sources already stored."""
    ids, new = index.assign(prepared.keys, prepared.record_keys)
    id_array = np.array(ids, dtype=np.int64)
    has_rows = np.bincount(prepared.decision, minlength=len(ids)) > 0 if len(ids) else np.zeros(0, np.bool_)
    merged = sorted({i for i, is_new in zip(ids, new, strict=True) if not is_new})
    shared: dict[int, int] = {}
    if merged:
        new_rolls = RollSignatures(
            np.full(int(has_rows.sum()), positions_source),
            id_array[has_rows],
            prepared.voted[has_rows],
            prepared.absent_listed[has_rows],
        )
        shared = same_rolls(existing(merged), new_rolls)
    roll_stored = has_rows & ~np.array([i in shared for i in ids], dtype=np.bool_)
    by_ref = {d.ref: i for d, i in zip(prepared.batch.decisions, ids, strict=True)}
    return _Placement(ids, new, by_ref, shared, roll_stored, roll_stored[prepared.decision])


def _accounts(
    prepared: PreparedBatch, placed: _Placement, source_of: dict[FileRole, int]
) -> list[store.DecisionSourceRow]:
    """This source's account of each of its decisions, pointing to where the decision's roll is stored."""
    priority = SOURCE_PRIORITY[prepared.batch.kind]
    decision_source, positions_source = source_of[FileRole.DECISIONS], source_of[FileRole.POSITIONS]
    return [
        store.DecisionSourceRow(
            i,
            decision_source,
            placed.shared.get(i, positions_source),
            priority,
            values,
            ref=d.ref,
            line=d.line,
            year=d.year,
            shares_roll=i in placed.shared,
            has_roll=i in placed.shared or has_roll,
        )
        for i, d, values, has_roll in zip(
            placed.ids, prepared.batch.decisions, prepared.values, placed.roll_stored.tolist(), strict=True
        )
    ]


def _store_positions(con: sqlite3.Connection, prepared: PreparedBatch, placed: _Placement, source_id: int) -> int:
    """Store the rows of the rolls no earlier source gave; returns how many (all of them, or it raises)."""
    keep = placed.row_stored
    payload, offset = (prepared.payload, prepared.offset) if keep.all() else pack(prepared.packed[keep])
    stored = store.insert_positions(
        con,
        payload=payload,
        offset=offset,
        decision_ids=[(n, placed.ids[n]) for n in np.flatnonzero(placed.roll_stored).tolist()],
        codes=prepared.codes,
        source_id=source_id,
    )
    if stored != int(keep.sum()):
        raise UnvotesError(f"{prepared.batch.kind.value}: {int(keep.sum())} positions to store, {stored} stored")
    return stored


def _store_related(
    con: sqlite3.Connection, prepared: PreparedBatch, placed: _Placement, source_of: dict[FileRole, int]
) -> None:
    """Store the sponsorships, disassociations, links, topics, sponsor counts and names as recorded."""
    batch = prepared.batch
    decision_source = source_of[FileRole.DECISIONS]

    def ref(r: str) -> int:
        if r not in placed.by_ref:
            raise UnvotesError(f"{batch.kind.value}: record refers to unknown decision {r!r}")
        return placed.by_ref[r]

    ids = placed.ids
    store.insert_sponsorships(
        con, ((ids[n], s) for n, s in prepared.sponsorships), source_id=source_of[FileRole.SPONSORSHIPS]
    )
    store.insert_disassociations(
        con, [(ref(x.decision_ref), x) for x in batch.disassociations], source_id=source_of[FileRole.DISASSOCIATIONS]
    )
    store.insert_coverage(
        con, [(ref(c.decision_ref), c) for c in batch.coverage], source_id=source_of[FileRole.COVERAGE]
    )
    store.insert_statements(
        con, [(ref(x.decision_ref), x) for x in batch.statements], source_id=source_of[FileRole.STATEMENTS]
    )
    store.insert_links(con, [(ref(k.from_ref), ref(k.to_ref), k) for k in batch.links], source_id=decision_source)
    store.insert_topics(con, [(placed.by_ref[d.ref], d) for d in batch.decisions], source_id=decision_source)
    store.insert_sponsor_counts(
        con, [(ref(c.decision_ref), c) for c in batch.sponsor_counts], source_id=source_of[FileRole.SPONSOR_COUNTS]
    )
    store.insert_recorded_names(con, batch.recorded_names, source_id=source_of[FileRole.POSITIONS])


def _store_context(con: sqlite3.Connection, batch: SourceBatch, placed: _Placement, source_id: int) -> None:
    """Store the acknowledgements, the events and mandate holders, and the series the batch makes up."""
    store.insert_acknowledgements(
        con, [(placed.by_ref[a.decision_ref], a) for a in batch.acknowledgements], source_id=source_id
    )
    if batch.events or batch.mandate_holders:
        store.insert_context(
            con, series=batch.series, events=batch.events, holders=batch.mandate_holders, source_id=source_id
        )
    if batch.series:
        store.insert_series(con, batch.series, zip(placed.ids, batch.decisions, strict=True), source_id=source_id)


def _count(report: SourceReport, prepared: PreparedBatch, placed: _Placement) -> None:
    """Fill in the report's counts of decisions, of positions inferred and kept once, and of related records."""
    keep = placed.row_stored
    report.positions_inferred = int(prepared.is_inferred[keep].sum())
    report.positions_stored_once = int((~keep).sum())
    report.decisions = len(placed.new)
    report.decision_ids = tuple(placed.ids)
    report.decisions_new = sum(placed.new)
    report.decisions_merged = report.decisions - report.decisions_new
    report.sponsorships = len(prepared.batch.sponsorships)
    report.disassociations = len(prepared.batch.disassociations)


def _stored_rolls(prepared: PreparedBatch, placed: _Placement, source_id: int) -> StoredRolls:
    """The rows and roll signatures the batch added, for later batches and the reconciliation."""
    keep, kept_rolls = placed.row_stored, placed.roll_stored
    ids = np.array(placed.ids, dtype=np.int64)
    rolls = RollRows(
        np.full(int(keep.sum()), source_id, np.int64),
        ids[prepared.decision[keep]],
        prepared.country[keep],
        prepared.vote[keep],
    )
    signatures = RollSignatures(
        np.full(int(kept_rolls.sum()), source_id, np.int64),
        ids[kept_rolls],
        prepared.voted[kept_rolls],
        prepared.absent[kept_rolls],
    )
    return StoredRolls(rolls, signatures)
