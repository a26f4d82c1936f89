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

from unvotes.countries import CountryRegistry
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
from unvotes.sources.tabular import find_duplicate, first_row_of, raise_duplicate

__all__ = [
    "NotAPosition",
    "VoteCodes",
    "VoteTable",
    "assemble",
    "follow_seats",
    "map_votes",
    "recorded_names",
    "resolve_distinct",
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
    for i, value in enumerate(values):
        try:
            code = resolve(value)
        except UnknownCountryError:
            code = None
        if code is None:
            row = first_row_of(indices, i)
            raise UnknownCountryError(
                f"unknown {what} {value!r}", path=path, line=int(lines[row]), expected=expected
            )
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


def _seat_on(registry: CountryRegistry, code: str, day: dt.date, before: dict[str, str]) -> str:
    """The holder of ``code``'s seat on ``day``, following successor and predecessor links."""
    seen = {code}
    country = registry.get(code)
    while True:
        if country.un_member_to and day > country.un_member_to and country.successor_code:
            nxt = country.successor_code
        elif country.un_member_from and day < country.un_member_from and country.country_code in before:
            nxt = before[country.country_code]
        else:
            return country.country_code
        if nxt in seen:
            return code
        seen.add(nxt)
        country = registry.get(nxt)


def follow_seats(
    code_id: npt.NDArray[np.int64],
    codes: Sequence[str],
    decision: npt.NDArray[np.int32],
    dates: Sequence[dt.date | None],
    registry: CountryRegistry,
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Re-code positions of a seat that a source codes the same across a change of holder.

    Voeten codes Yugoslavia, the Federal Republic of Yugoslavia and Serbia alike (ISO ``YU``,
    COW 345), and the USSR and Russia alike; the reference table keys each holder of the seat
    separately, linked by ``successor_code``. A position dated outside its state's membership is
    moved along those links to the state that held the seat that day.
    """
    before: dict[str, str] = {}
    for country in registry:
        if country.successor_code:
            before[country.successor_code] = "" if country.successor_code in before else country.country_code
    before = {k: v for k, v in before.items() if v}
    out_codes = list(codes)
    out = code_id.copy()
    for k, code in enumerate(codes):
        country = registry.get(code)
        if not country.successor_code and code not in before:
            continue
        rows = np.flatnonzero(code_id == k)
        per_decision: dict[int, int] = {}
        for d in np.unique(decision[rows]).tolist():
            day = dates[d]
            seat = _seat_on(registry, code, day, before) if day else code
            if seat not in out_codes:
                out_codes.append(seat)
            per_decision[d] = out_codes.index(seat)
        if all(v == k for v in per_decision.values()):
            continue
        lookup = np.full(len(dates), k, np.int64)
        lookup[list(per_decision)] = list(per_decision.values())
        out[rows] = lookup[decision[rows]]
    return out, out_codes
