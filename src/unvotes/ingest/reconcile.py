"""Reconciliation of rolls: counted positions against official totals, and source against source.

Pure functions over column arrays (no database): the ingest hands in every stored position of the
decisions concerned and the roll source chosen for each, and gets back findings to record.

* :attr:`~unvotes.model.FindingKind.TOTALS_VS_ROLL`: the official yes/no/abstain differ from the
  positions counted in the roll shown;
* :attr:`~unvotes.model.FindingKind.SOURCES_DISAGREE_POSITIONS`: another source gives a state a
  different position than the roll shown (a state listed by one source and absent from the other
  is not a disagreement: sources differ in whether they list absentees).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from unvotes.model import VOTE_CODES, FindingKind, Vote

__all__ = ["Finding", "RollRows", "RollSignatures", "reconcile", "roll_signatures", "same_rolls", "signatures"]

_YES, _NO, _ABSTAIN = VOTE_CODES[Vote.YES], VOTE_CODES[Vote.NO], VOTE_CODES[Vote.ABSTAIN]
_NON_VOTING = VOTE_CODES[Vote.NON_VOTING]
_WORD = {code: vote.value for vote, code in VOTE_CODES.items()}


@dataclass(frozen=True, eq=False)
class RollRows:
    """Stored positions, column-wise: ``source_id``, ``decision_id``, ``country`` (a state's index
    in :attr:`~unvotes.reference.countries.CountryRegistry.sorted_codes`), ``vote`` (a vote code)."""

    source_id: npt.NDArray[np.int64]
    decision_id: npt.NDArray[np.int64]
    country: npt.NDArray[np.int16]
    vote: npt.NDArray[np.int8]

    def subset(self, mask: npt.NDArray[np.bool_]) -> RollRows:
        return RollRows(self.source_id[mask], self.decision_id[mask], self.country[mask], self.vote[mask])

    @classmethod
    def concat(cls, parts: list[RollRows]) -> RollRows:
        if not parts:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int16), np.zeros(0, np.int8))
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in cls.__dataclass_fields__))


@dataclass(frozen=True, eq=False)
class RollSignatures:
    """One row per roll (a source's positions on a decision): ``voted`` holds the row count and two
    hash sums of its yes/no/abstain rows, ``absent`` the same of its non-voting rows (n, 3 each).

    Two rolls with equal signatures hold the same (state, vote) pairs; see :func:`signatures`.
    """

    source_id: npt.NDArray[np.int64]
    decision_id: npt.NDArray[np.int64]
    voted: npt.NDArray[np.float64]
    absent: npt.NDArray[np.float64]

    @classmethod
    def concat(cls, parts: list[RollSignatures]) -> RollSignatures:
        if not parts:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3)), np.zeros((0, 3)))
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in cls.__dataclass_fields__))

    def subset(self, mask: npt.NDArray[np.bool_]) -> RollSignatures:
        return RollSignatures(self.source_id[mask], self.decision_id[mask], self.voted[mask], self.absent[mask])


@dataclass(frozen=True, slots=True)
class Finding:
    decision_id: int
    kind: FindingKind
    detail: str
    source_id: int
    other_source_id: int | None = None


def _counts(votes: npt.NDArray[np.int8], groups: npt.NDArray[np.int64], n: int) -> npt.NDArray[np.int64]:
    """(n, 3) yes/no/abstain counts per group index."""
    out = np.zeros((n, 3), np.int64)
    for column, code in enumerate((_YES, _NO, _ABSTAIN)):
        out[:, column] = np.bincount(groups[votes == code], minlength=n)
    return out


def reconcile(
    rows: RollRows,
    *,
    codes: Sequence[str],
    decision_id: npt.NDArray[np.int64],
    roll_source_id: npt.NDArray[np.int64],
    totals: np.ma.MaskedArray[Any, np.dtype[np.int64]],
) -> list[Finding]:
    """Findings for the decisions listed (``decision_id`` with their roll source and official totals,
    ``totals[i] = (yes, no, abstain)``, masked where the decision does not give them), from the
    stored ``rows``; ``codes`` names the states of ``rows.country``. Only the totals given are
    compared; one not given is shown as ``?``.

    >>> rows = RollRows(np.array([1, 1, 2, 2]), np.array([7, 7, 7, 7]), np.array([1, 0, 1, 0], np.int16),
    ...                 np.array([1, 3, 1, 2], np.int8))
    >>> [f.detail for f in reconcile(rows, codes=["CHN", "USA"], decision_id=np.array([7]),
    ...                               roll_source_id=np.array([1]), totals=np.ma.MaskedArray([[2, 0, 0]]))]
    ['official 2-0-0, counted 1-1-0', '1 states differ: CHN no/abstain']
    """
    findings: list[Finding] = []
    if len(decision_id) == 0 or len(rows.decision_id) == 0:
        return findings
    order = np.argsort(decision_id)
    decision_id, roll_source_id, totals = decision_id[order], roll_source_id[order], totals[order]
    slot = np.clip(np.searchsorted(decision_id, rows.decision_id), 0, len(decision_id) - 1)
    known = decision_id[slot] == rows.decision_id
    in_roll = known & (rows.source_id == roll_source_id[slot])

    counted = _counts(rows.vote[in_roll], slot[in_roll], len(decision_id))
    has_roll = np.bincount(slot[in_roll], minlength=len(decision_id)) > 0
    given = ~np.ma.getmaskarray(totals)
    differs = has_roll & np.any(given & (counted != totals.filled(0)), axis=1)
    for i in np.flatnonzero(differs):
        official = "-".join(str(int(v)) if g else "?" for v, g in zip(totals.data[i], given[i], strict=True))
        cy, cn, ca = counted[i]
        detail = f"official {official}, counted {cy}-{cn}-{ca}"
        findings.append(Finding(int(decision_id[i]), FindingKind.TOTALS_VS_ROLL, detail, int(roll_source_id[i])))

    # Every other source's row against the roll row of the same decision and state.
    key = rows.decision_id * len(codes) + rows.country
    other = known & ~in_roll
    roll_keys = key[in_roll]
    sort = np.argsort(roll_keys)
    roll_keys, roll_votes = roll_keys[sort], rows.vote[in_roll][sort]
    if len(roll_keys) == 0:
        return findings
    at = np.clip(np.searchsorted(roll_keys, key[other]), 0, len(roll_keys) - 1)
    other_vote = rows.vote[other]
    bad = (roll_keys[at] == key[other]) & (roll_votes[at] != other_vote)
    pairs: dict[tuple[int, int], list[str]] = {}
    for d, s, c, rv, ov in zip(
        rows.decision_id[other][bad].tolist(),
        rows.source_id[other][bad].tolist(),
        rows.country[other][bad].tolist(),
        roll_votes[at][bad].tolist(),
        other_vote[bad].tolist(),
        strict=True,
    ):
        pairs.setdefault((d, s), []).append(f"{codes[c]} {_WORD[rv]}/{_WORD[ov]}")
    roll_of = dict(zip(decision_id.tolist(), roll_source_id.tolist(), strict=True))
    for (d, s), items in sorted(pairs.items()):
        detail = f"{len(items)} states differ: {', '.join(sorted(items))}"
        findings.append(Finding(d, FindingKind.SOURCES_DISAGREE_POSITIONS, detail, roll_of[d], s))
    return findings


def _hashes(country: npt.NDArray[np.int16], vote: npt.NDArray[np.int8]) -> npt.NDArray[np.float64]:
    """Two independent 32-bit hashes of (state, vote) per row, as float columns (n, 2): their sums
    over a roll are exact in float64 and identify the roll (set of state/vote pairs)."""
    key = (country.astype(np.uint64) << np.uint64(4)) | vote.astype(np.uint64)
    out = np.empty((len(key), 2), np.float64)
    for column, seed in enumerate((np.uint64(0x9E3779B97F4A7C15), np.uint64(0xD1B54A32D192ED03))):
        z = key * seed
        z ^= z >> np.uint64(31)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(29)
        out[:, column] = (z >> np.uint64(32)).astype(np.float64)
    return out


def roll_signatures(
    groups: npt.NDArray[np.int64],
    n: int,
    country: npt.NDArray[np.int16],
    vote: npt.NDArray[np.int8],
    masks: Sequence[npt.NDArray[np.bool_]],
) -> list[npt.NDArray[np.float64]]:
    """For each mask, an (n, 3) array: row count and the two hash sums of the masked rows of each
    group (``groups`` numbers the rows' rolls 0 .. n-1)."""
    hashes = _hashes(country, vote)
    out = []
    for mask in masks:
        table = np.zeros((n, 3), np.float64)
        table[:, 0] = np.bincount(groups[mask], minlength=n)
        for column in (0, 1):
            table[:, column + 1] = np.bincount(groups[mask], weights=hashes[mask, column], minlength=n)
        out.append(table)
    return out


def signatures(rows: RollRows) -> RollSignatures:
    """The signature of every (source, decision) roll in ``rows``."""
    if len(rows.decision_id) == 0:
        return RollSignatures.concat([])
    top = int(rows.decision_id.max()) + 1
    pairs, group = np.unique(rows.source_id * top + rows.decision_id, return_inverse=True)
    voted, absent = roll_signatures(
        group, len(pairs), rows.country, rows.vote, [rows.vote != _NON_VOTING, rows.vote == _NON_VOTING]
    )
    return RollSignatures(pairs // top, pairs % top, voted, absent)


def same_rolls(existing: RollSignatures, new: RollSignatures) -> dict[int, int]:
    """Decisions whose ``new`` roll says nothing that an ``existing`` roll does not already say.

    Returns decision_id -> the existing source whose roll it equals. Equal means: the same states
    voted yes, no and abstain in both; and if the new source lists states as not voting, the same
    states are not voting in the existing roll. ``new.absent`` counts only the non-voting rows the
    new source lists (rows inferred for members it does not list do not count). Such a roll need
    not be stored twice.

    >>> def roll(source, country, vote):
    ...     n = len(country)
    ...     return RollRows(np.full(n, source), np.full(n, 7), np.array(country, np.int16), np.array(vote, np.int8))
    >>> old = signatures(roll(1, [2, 0, 1], [1, 3, 8]))
    >>> same_rolls(old, signatures(roll(2, [2, 0], [1, 3])))
    {7: 1}
    >>> same_rolls(old, signatures(roll(2, [2, 0, 1], [1, 2, 8])))
    {}
    """
    if len(new.decision_id) == 0 or len(existing.decision_id) == 0:
        return {}
    order = np.argsort(new.decision_id, kind="stable")
    new_ids = new.decision_id[order]
    at = np.clip(np.searchsorted(new_ids, existing.decision_id), 0, len(new_ids) - 1)
    found_at = new_ids[at] == existing.decision_id
    if not found_at.any():
        return {}
    old = existing.subset(found_at)
    match = order[at[found_at]]
    same = np.all(old.voted == new.voted[match], axis=1)
    same &= (new.absent[match, 0] == 0) | np.all(old.absent == new.absent[match], axis=1)
    found: dict[int, int] = {}
    for i in np.flatnonzero(same).tolist():
        found.setdefault(int(old.decision_id[i]), int(old.source_id[i]))
    return found
