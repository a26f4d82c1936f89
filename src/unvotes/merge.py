"""Storing one source batch: decision ids (merging with what is stored), positions with the
inferred non-voting members, rolls another source already gave kept once, and the related records.

Merging: a decision that two sources describe (same body, kind, symbol and date, unambiguous in
both) is stored once, with each source's account in ``decision_sources``; the canonical fields
come from the source with the best :data:`~unvotes.model.SOURCE_PRIORITY`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes import store
from unvotes.countries import CountryRegistry
from unvotes.errors import UnvotesError
from unvotes.model import (
    REASON_CODES,
    SOURCE_PRIORITY,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    NonVotingReason,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.reconcile import RollRows, StoredPositions, same_rolls

__all__ = ["SourceReport", "store_batch"]

#: Bodies in which every UN member sits, so an unlisted member can be inferred as not voting.
_PLENARY_BODIES = frozenset({Body.GA, Body.C3})


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
            d.body in _PLENARY_BODIES and d.adoption_method is AdoptionMethod.RECORDED_VOTE and d.date is not None
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


def _batch_positions(
    batch: SourceBatch, registry: CountryRegistry, id_array: npt.NDArray[np.int64], source_id: int
) -> tuple[StoredPositions, int]:
    """The batch's positions with database decision ids, plus inferred non-voting members."""
    pos = batch.positions
    parts = [
        StoredPositions(
            np.full(len(pos), source_id),
            id_array[pos.decision],
            pos.country,
            pos.vote,
            pos.reason,
            pos.is_inferred,
        )
    ]
    inferred = 0
    if batch.lists_only_voters:
        dec, countries = _inferred_non_voting(batch, registry)
        inferred = len(dec)
        parts.append(
            StoredPositions(
                np.full(inferred, source_id),
                id_array[dec],
                countries,
                np.full(inferred, VOTE_CODES[Vote.NON_VOTING], np.int8),
                np.full(inferred, REASON_CODES[NonVotingReason.NOT_LISTED], np.int8),
                np.ones(inferred, np.bool_),
            )
        )
    return StoredPositions.concat(parts), inferred


def store_batch(
    con: sqlite3.Connection,
    batch: SourceBatch,
    registry: CountryRegistry,
    existing: Callable[[list[int]], RollRows],
) -> tuple[SourceReport, RollRows]:
    """Write one batch into the open transaction; returns its report and the positions stored.

    ``existing(decision_ids)`` gives the rolls already stored for decisions this batch shares with
    earlier sources; a roll equal to one of them is not stored again (the account points to it).
    """
    report = SourceReport(
        kind=batch.kind,
        files=tuple(f.file_name for f in batch.files),
        rows_read=sum(f.rows_read for f in batch.files),
        skipped=batch.skipped,
    )
    known = [store.find_source(con, f.kind.value, f.sha256) for f in batch.files]
    if known and all(known):
        report.status = f"already ingested (source {', '.join(str(k) for k in known)})"
        return report, RollRows.concat([])
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
    id_array = np.array(ids, dtype=np.int64)
    rows, _ = _batch_positions(batch, registry, id_array, positions_source)
    merged = set(np.array(ids)[~np.array(new, dtype=np.bool_)].tolist()) if ids else set()
    shared = same_rolls(existing(sorted(merged)), rows.rolls(), rows.is_inferred) if merged else {}
    keep = ~np.isin(rows.decision_id, np.array(sorted(shared), dtype=np.int64))
    kept = rows.subset(keep)
    priority = SOURCE_PRIORITY[batch.kind]
    with_positions = set(np.unique(kept.decision_id).tolist())
    accounts = [
        store.DecisionSourceRow(
            i,
            decision_source,
            shared.get(i, positions_source),
            priority,
            d,
            shares_roll=i in shared,
            has_roll=i in shared or i in with_positions,
        )
        for i, d in zip(ids, batch.decisions, strict=True)
    ]
    store.insert_new_decisions(con, [r for r, is_new in zip(accounts, new, strict=True) if is_new])
    report.positions = store.insert_positions(
        con,
        decision_id=kept.decision_id,
        country=kept.country,
        vote=kept.vote,
        reason=kept.reason,
        is_inferred=kept.is_inferred,
        source_id=positions_source,
    )
    report.positions_inferred = int(kept.is_inferred.sum())
    report.positions_stored_once = int((~keep).sum())
    store.insert_decision_sources(con, accounts)
    report.decisions = len(accounts)
    report.decision_ids = tuple(ids)
    report.decisions_new = sum(new)
    report.decisions_merged = len(accounts) - report.decisions_new
    by_ref = {d.ref: i for d, i in zip(batch.decisions, ids, strict=True)}
    _store_related(con, batch, by_ref, source_ids)
    store.insert_acknowledgements(
        con,
        [(by_ref[a.decision_ref], a.kind, a.explanation) for a in batch.acknowledgements],
        source_id=decision_source,
    )
    if batch.events or batch.mandate_holders:
        store.insert_context(
            con,
            series=batch.series.series if batch.series else None,
            events=batch.events,
            holders=batch.mandate_holders,
            source_id=decision_source,
        )
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
    return report, kept.rolls()


def _store_related(con: sqlite3.Connection, batch: SourceBatch, by_ref: dict[str, int], source_ids: list[int]) -> None:
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
        [(ref(s.decision_ref), s.country_code, s.role, s.name_as_recorded, s.note) for s in batch.sponsorships],
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
    store.insert_sponsor_counts(
        con,
        [(ref(c.decision_ref), c) for c in batch.sponsor_counts],
        source_id=source_ids[batch.sponsor_counts_file] if batch.sponsor_counts_file is not None else sponsor_source,
    )
    store.insert_recorded_names(con, batch.recorded_names, source_id=positions_source)
