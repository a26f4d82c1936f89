"""Storing one prepared batch (:mod:`unvotes.ingest.prepare`): decision ids (merging with what is
stored), the positions (with the inferred non-voting members), rolls another source already gave
kept once, and the related records.

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

import numpy as np

from unvotes import store
from unvotes.errors import UnvotesError
from unvotes.ingest.prepare import DecisionKey, PreparedBatch, pack
from unvotes.ingest.reconcile import RollRows, RollSignatures, same_rolls
from unvotes.model import SOURCE_PRIORITY, FileRole, SkipCount, SourceKind

__all__ = ["DecisionIndex", "SourceReport", "StoredRolls", "store_batch"]


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
    """The merge keys of the stored accounts (key -> decision ids) and the next free decision id.

    Loaded once from the database (:meth:`load`) or started empty for a new one, then kept up to
    date as batches are stored.
    """

    keys: dict[DecisionKey, list[int]] = field(default_factory=dict)
    next_id: int = 1

    @classmethod
    def load(cls, con: sqlite3.Connection) -> DecisionIndex:
        return cls(store.decision_keys(con), store.next_decision_id(con))

    def assign(self, keys: list[DecisionKey | None]) -> tuple[list[int], list[bool]]:
        """A decision id for each key of a batch, and whether it is new; the index learns them."""
        in_batch = Counter(k for k in keys if k)
        ids: list[int] = []
        new: list[bool] = []
        for key in keys:
            match = self.keys.get(key) if key and in_batch[key] == 1 else None
            if match and len(match) == 1:
                ids.append(match[0])
                new.append(False)
            else:
                ids.append(self.next_id)
                new.append(True)
                self.next_id += 1
        for key, decision_id in zip(keys, ids, strict=True):
            if key:
                known = self.keys.setdefault(key, [])
                if decision_id not in known:
                    known.append(decision_id)
        return ids, new


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
    report = SourceReport(
        kind=batch.kind,
        files=tuple(f.file_name for f in batch.files),
        rows_read=sum(f.rows_read for f in batch.files),
        skipped=batch.skipped,
    )
    nothing = StoredRolls.concat([])
    known = [store.find_source(con, f.kind.value, f.sha256) for f in batch.files]
    if known and all(known):
        report.status = f"already ingested (source {', '.join(str(k) for k in known)})"
        return report, nothing
    if any(known):
        again = [f.file_name for f, k in zip(batch.files, known, strict=True) if k]
        raise UnvotesError(
            f"{batch.kind.value}: {', '.join(again)} already ingested with other files; "
            "ingest the whole set anew with 'unvotes build'"
        )
    now = _now()
    source_ids = [store.insert_source(con, f, ingested_at=now) for f in batch.files]
    source_of = {role: source_ids[batch.file_index(role)] for role in FileRole}
    decision_source = source_of[FileRole.DECISIONS]
    positions_source = source_of[FileRole.POSITIONS]
    store.insert_skipped(con, batch.skipped, source_id=positions_source)

    ids, new = index.assign(prepared.keys)
    id_array = np.array(ids, dtype=np.int64)
    merged = sorted({i for i, is_new in zip(ids, new, strict=True) if not is_new})
    rows_of = np.bincount(prepared.decision, minlength=len(ids)) if len(ids) else np.zeros(0, np.int64)
    shared: dict[int, int] = {}
    if merged:
        with_rows = rows_of > 0
        new_rolls = RollSignatures(
            np.full(int(with_rows.sum()), positions_source),
            id_array[with_rows],
            prepared.voted[with_rows],
            prepared.absent_listed[with_rows],
        )
        shared = same_rolls(existing(merged), new_rolls)
    is_shared = np.array([i in shared for i in ids], dtype=np.bool_)
    keep_decision = (rows_of > 0) & ~is_shared
    keep = keep_decision[prepared.decision]
    priority = SOURCE_PRIORITY[batch.kind]
    accounts = [
        store.DecisionSourceRow(
            i,
            decision_source,
            shared.get(i, positions_source),
            priority,
            values,
            ref=d.ref,
            line=d.line,
            year=d.year,
            shares_roll=i in shared,
            has_roll=i in shared or bool(has_roll),
        )
        for i, d, values, has_roll in zip(ids, batch.decisions, prepared.values, keep_decision.tolist(), strict=True)
    ]
    store.insert_new_decisions(con, [r for r, is_new in zip(accounts, new, strict=True) if is_new])
    payload, offset = (prepared.payload, prepared.offset) if keep.all() else pack(prepared.packed[keep])
    report.positions = store.insert_positions(
        con,
        payload=payload,
        offset=offset,
        decision_ids=[(n, i) for n, i in enumerate(ids) if keep_decision[n]],
        codes=prepared.codes,
        source_id=positions_source,
    )
    if report.positions != int(keep.sum()):
        raise UnvotesError(f"{batch.kind.value}: {int(keep.sum())} positions to store, {report.positions} stored")
    report.positions_inferred = int(prepared.is_inferred[keep].sum())
    report.positions_stored_once = int((~keep).sum())
    store.insert_decision_sources(con, accounts)
    report.decisions = len(accounts)
    report.decision_ids = tuple(ids)
    report.decisions_new = sum(new)
    report.decisions_merged = len(accounts) - report.decisions_new
    by_ref = {d.ref: i for d, i in zip(batch.decisions, ids, strict=True)}
    _store_related(con, prepared, ids, by_ref, source_of)
    store.insert_acknowledgements(
        con, [(by_ref[a.decision_ref], a) for a in batch.acknowledgements], source_id=decision_source
    )
    if batch.events or batch.mandate_holders:
        store.insert_context(
            con,
            series=batch.series,
            events=batch.events,
            holders=batch.mandate_holders,
            source_id=decision_source,
        )
    report.sponsorships = len(batch.sponsorships)
    report.disassociations = len(batch.disassociations)
    if batch.series:
        store.insert_series(con, batch.series, zip(ids, batch.decisions, strict=True), source_id=decision_source)
    rolls = RollRows(
        np.full(int(keep.sum()), positions_source, np.int64),
        id_array[prepared.decision[keep]],
        prepared.country[keep],
        prepared.vote[keep],
    )
    signatures = RollSignatures(
        np.full(int(keep_decision.sum()), positions_source, np.int64),
        id_array[keep_decision],
        prepared.voted[keep_decision],
        prepared.absent[keep_decision],
    )
    return report, StoredRolls(rolls, signatures)


def _store_related(
    con: sqlite3.Connection,
    prepared: PreparedBatch,
    ids: list[int],
    by_ref: dict[str, int],
    source_of: dict[FileRole, int],
) -> None:
    batch = prepared.batch
    decision_source = source_of[FileRole.DECISIONS]
    positions_source = source_of[FileRole.POSITIONS]
    sponsor_source = source_of[FileRole.SPONSORSHIPS]
    dissociation_source = source_of[FileRole.DISASSOCIATIONS]

    def ref(r: str) -> int:
        if r not in by_ref:
            raise UnvotesError(f"{batch.kind.value}: record refers to unknown decision {r!r}")
        return by_ref[r]

    store.insert_sponsorships(con, ((ids[n], s) for n, s in prepared.sponsorships), source_id=sponsor_source)
    store.insert_disassociations(
        con, [(ref(x.decision_ref), x) for x in batch.disassociations], source_id=dissociation_source
    )
    store.insert_links(con, [(ref(k.from_ref), ref(k.to_ref), k) for k in batch.links], source_id=decision_source)
    store.insert_topics(con, [(by_ref[d.ref], d) for d in batch.decisions], source_id=decision_source)
    store.insert_sponsor_counts(
        con,
        [(ref(c.decision_ref), c) for c in batch.sponsor_counts],
        source_id=source_of[FileRole.SPONSOR_COUNTS],
    )
    store.insert_recorded_names(con, batch.recorded_names, source_id=positions_source)
