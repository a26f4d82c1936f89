"""Turning encoded vote and country columns into :class:`~unvotes.model.PositionColumns`.

Each reader declares its vote codes as data (:data:`VoteTable`), resolves each *distinct*
country spelling or code once, and hands index arrays to :func:`assemble`, which checks that no
state holds two positions on one decision and builds the columns. Nothing here loops over rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import UnknownCodeError, UnknownCountryError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    NonVotingReason,
    PositionColumns,
    RecordedName,
    SkipCount,
    Vote,
)
from unvotes.reference.countries import CountryRegistry
from unvotes.sources.tabular import find_duplicate, first_row_of, raise_duplicate

__all__ = [
    "NotAPosition",
    "VoteCodes",
    "VoteTable",
    "assemble",
    "follow_seats",
    "map_votes",
    "recorded_names",
    "repeated_rows",
    "resolve_distinct",
    "roll_keys",
]


@dataclass(frozen=True, slots=True)
class NotAPosition:
    """A vote code that means the row is no position at all; such rows are counted under ``reason``."""

    reason: str


#: A source's vote code -> (vote, reason why not voting) or :class:`NotAPosition`.
VoteTable = Mapping[str, tuple[Vote, NonVotingReason | None] | NotAPosition]


@dataclass(frozen=True, slots=True)
class VoteCodes:
    """Vote and reason codes per row, and which rows are positions at all."""

    vote: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int8]
    keep: npt.NDArray[np.bool_]
    skipped: tuple[SkipCount, ...]


def map_votes(
    indices: npt.NDArray[np.int32],
    values: Sequence[str],
    table: VoteTable,
    *,
    path: Path,
    lines: npt.NDArray[np.int64],
    column: str = "vote",
) -> VoteCodes:
    """Map every distinct vote value once; an unknown value is an :class:`UnknownCodeError`."""
    n = len(values)
    vote_of = np.zeros(n, np.int8)
    reason_of = np.zeros(n, np.int8)
    drop_reason: dict[int, str] = {}
    for i, value in enumerate(values):
        meaning = table.get(value)
        if meaning is None:
            row = first_row_of(indices, i)
            raise UnknownCodeError(
                f"unknown {column} value {value!r}",
                path=path,
                line=int(lines[row]),
                expected=f"one of {', '.join(repr(k) for k in table)}",
            )
        if isinstance(meaning, NotAPosition):
            drop_reason[i] = meaning.reason
            continue
        vote, reason = meaning
        vote_of[i] = VOTE_CODES[vote]
        reason_of[i] = REASON_CODES[reason] if reason else 0
    keep_of = np.ones(n, np.bool_)
    skipped: list[SkipCount] = []
    if drop_reason:
        counts = np.bincount(indices, minlength=n)
        by_reason: dict[str, int] = {}
        for i, why in drop_reason.items():
            keep_of[i] = False
            by_reason[why] = by_reason.get(why, 0) + int(counts[i])
        skipped = [SkipCount(why, rows) for why, rows in by_reason.items() if rows]
    return VoteCodes(vote_of[indices], reason_of[indices], keep_of[indices], tuple(skipped))


def resolve_distinct(
    indices: npt.NDArray[np.int32],
    values: Sequence[str],
    resolve: Callable[[str], str | None],
    *,
    path: Path,
    lines: npt.NDArray[np.int64],
    what: str,
    expected: str,
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Resolve each distinct value to an alpha-3 code: (code index per row, the distinct codes).

    ``resolve`` returns ``None`` (or raises :class:`UnknownCountryError`) for an unknown value;
    the error names the first line holding it.
    """
    codes: list[str] = []
    code_index: dict[str, int] = {}
    per_value = np.zeros(len(values), np.int64)
    present = np.bincount(indices, minlength=len(values)) > 0
    for i, value in enumerate(values):
        if not present[i]:
            continue
        try:
            code = resolve(value)
        except UnknownCountryError:
            code = None
        if code is None:
            row = first_row_of(indices, i)
            raise UnknownCountryError(f"unknown {what} {value!r}", path=path, line=int(lines[row]), expected=expected)
        per_value[i] = code_index.setdefault(code, len(codes))
        if per_value[i] == len(codes):
            codes.append(code)
    return per_value[indices], codes


def assemble(
    *,
    path: Path,
    decision: npt.NDArray[np.int32],
    code_id: npt.NDArray[np.int64],
    codes: Sequence[str],
    vote: npt.NDArray[np.int8],
    reason: npt.NDArray[np.int8],
    lines: npt.NDArray[np.int64],
    refs: Sequence[str],
) -> PositionColumns:
    """Check for repeated (decision, state) pairs and build the position columns."""
    repeat = find_duplicate(decision, code_id, lines)
    if repeat is not None:
        first, second = repeat
        what = f"{codes[int(code_id[second])]} on decision {refs[int(decision[second])]}"
        raise_duplicate(path, int(lines[first]), int(lines[second]), what)
    country = np.array(codes, dtype="<U3")[code_id] if len(codes) else np.zeros(len(decision), "<U3")
    return PositionColumns(
        decision=decision.astype(np.int32, copy=False),
        country=country,
        vote=vote.astype(np.int8, copy=False),
        reason=reason.astype(np.int8, copy=False),
        is_inferred=np.zeros(len(decision), np.bool_),
        line=lines.astype(np.int64, copy=False),
    )


def recorded_names(
    *,
    name_id: npt.NDArray[np.int32],
    names: Sequence[str],
    code_id: npt.NDArray[np.int64],
    codes: Sequence[str],
    decision: npt.NDArray[np.int32],
    dates: Sequence[dt.date | None],
) -> tuple[RecordedName, ...]:
    """One :class:`RecordedName` per (state, spelling): rows and first/last decision dates."""
    if not len(name_id):
        return ()
    none = np.iinfo(np.int64).max
    ordinal = np.array([d.toordinal() if d else none for d in dates], dtype=np.int64)[decision]
    key = code_id * (len(names) + 1) + name_id
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, len(ordered)])
    dated = ordinal[order]
    first = np.minimum.reduceat(dated, starts)
    last = np.maximum.reduceat(np.where(dated == none, -1, dated), starts)
    out = []
    for start, rows, lo, hi in zip(starts, counts, first, last, strict=True):
        row = order[start]
        out.append(
            RecordedName(
                country_code=codes[int(code_id[row])],
                name=names[int(name_id[row])],
                rows=int(rows),
                first_date=dt.date.fromordinal(int(lo)) if lo != none else None,
                last_date=dt.date.fromordinal(int(hi)) if hi >= 0 else None,
            )
        )
    return tuple(out)


def follow_seats(
    code_id: npt.NDArray[np.int64],
    codes: Sequence[str],
    decision: npt.NDArray[np.int32],
    dates: Sequence[dt.date | None],
    registry: CountryRegistry,
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Re-code positions of a seat that a source codes alike across a change of holder.

    Voeten codes the USSR and Russia alike (ISO ``RU``, COW 365), and Yugoslavia, the Federal
    Republic of Yugoslavia and Serbia alike (``YU``, COW 345); the reference table keys each
    holder of the seat separately. Each position on a seat that changed hands is given to the
    state holding the seat on the decision's date (:meth:`CountryRegistry.holder_on`) -- unless
    the source also codes that holder separately (Voeten has both PRC and ROC), in which case the
    source's own distinction stands.
    """
    in_chain = {c.successor_code for c in registry if c.successor_code}
    in_chain |= {c.country_code for c in registry if c.successor_code}
    out_codes = list(codes)
    position = {code: k for k, code in enumerate(out_codes)}
    present = set(codes)
    out = code_id.copy()
    for k, code in enumerate(codes):
        if code not in in_chain:
            continue
        rows = np.flatnonzero(code_id == k)
        by_date: dict[dt.date | None, str] = {None: code}
        on_day: dict[int, str] = {}
        for d in np.unique(decision[rows]).tolist():
            day = dates[d]
            if day not in by_date:
                by_date[day] = registry.holder_on(code, day)
            on_day[d] = by_date[day]
        if any(seat != code and seat in present for seat in set(on_day.values())):
            continue
        lookup = np.full(len(dates), k, np.int64)
        for d, seat in on_day.items():
            if seat not in position:
                position[seat] = len(out_codes)
                out_codes.append(seat)
            lookup[d] = position[seat]
        out[rows] = lookup[decision[rows]]
    return out, out_codes


def repeated_rows(decision: npt.NDArray[np.int32], code_id: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """Every (earlier row, later row) pair with the same decision and state, in row order."""
    if len(decision) < 2:
        return []
    key = decision.astype(np.int64) * (int(code_id.max()) + 1) + code_id
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    return sorted(zip(order[same].tolist(), order[same + 1].tolist(), strict=True), key=lambda p: p[1])


def drop_absent_non_members(
    positions: PositionColumns, dates: Sequence[dt.date | None], registry: CountryRegistry
) -> tuple[PositionColumns, SkipCount | None]:
    """Drop "absent" rows of states that were not UN members that day (a source that marks every
    state of its table absent on votes before its admission), counting them as skipped."""
    absent = positions.vote == VOTE_CODES[Vote.NON_VOTING]
    absent &= positions.reason == REASON_CODES[NonVotingReason.ABSENT]
    rows = np.flatnonzero(absent)
    never = np.datetime64("9999-12-31", "D")
    days = np.array([d or never for d in dates], dtype="datetime64[D]")
    member = registry.membership(days)
    order = {code: j for j, code in enumerate(registry.codes)}
    distinct, index = np.unique(positions.country[rows], return_inverse=True)
    column = np.array([order.get(str(c), -1) for c in distinct.tolist()], dtype=np.int64)[index]
    dated = days[positions.decision[rows]] != never
    outside = (column < 0) | ~member[positions.decision[rows], np.maximum(column, 0)]
    drop = np.zeros(len(positions), np.bool_)
    drop[rows[outside & dated]] = True
    if not drop.any():
        return positions, None
    keep = ~drop
    kept = PositionColumns(
        decision=positions.decision[keep],
        country=positions.country[keep],
        vote=positions.vote[keep],
        reason=positions.reason[keep],
        is_inferred=positions.is_inferred[keep],
        line=positions.line[keep],
    )
    return kept, SkipCount("absent code for a state that was not a UN member that day", int(drop.sum()))


def roll_keys(
    decision: npt.NDArray[np.int32], code_id: npt.NDArray[np.int64], vote: npt.NDArray[np.int8], n: int
) -> list[bytes]:
    """One key per decision index below ``n``: equal keys mean the same (state, vote) pairs; a
    decision without rows has the empty key.

    >>> keys = roll_keys(np.array([0, 0, 1, 1, 2], np.int32), np.array([3, 5, 5, 3, 5]),
    ...                  np.array([1, 2, 2, 1, 2], np.int8), 4)
    >>> keys[0] == keys[1], keys[0] == keys[2], keys[3]
    (True, False, b'')
    """
    pair = code_id.astype(np.int64) * 8 + vote
    order = np.lexsort((pair, decision))
    bounds = np.searchsorted(decision[order], np.arange(n + 1))
    ordered = pair[order]
    return [ordered[bounds[i] : bounds[i + 1]].tobytes() for i in range(n)]
