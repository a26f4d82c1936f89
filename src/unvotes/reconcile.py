"""Reconciliation of rolls: counted positions against official totals, and source against source.

Pure functions over column arrays (no database): the ingest hands in every stored position of the
decisions concerned and the roll source chosen for each, and gets back findings to record.

* ``totals_vs_roll``: the official yes/no/abstain differ from the positions counted in the roll shown;
* ``sources_disagree_positions``: another source gives a state a different position than the roll
  shown (a state listed by one source and absent from the other is not a disagreement: sources
  differ in whether they list absentees).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from unvotes.model import VOTE_CODES, Vote, country_keys

__all__ = ["Finding", "RollRows", "StoredPositions", "reconcile", "same_rolls"]

_YES, _NO, _ABSTAIN = VOTE_CODES[Vote.YES], VOTE_CODES[Vote.NO], VOTE_CODES[Vote.ABSTAIN]
_NON_VOTING = VOTE_CODES[Vote.NON_VOTING]
_WORD = {code: vote.value for vote, code in VOTE_CODES.items()}


@dataclass(frozen=True, eq=False)
class RollRows:
    """Stored positions, column-wise: ``source_id``, ``decision_id``, ``country`` (code), ``vote``;
    ``country_key`` holds :func:`~unvotes.model.country_keys` of ``country``, computed once."""

    source_id: npt.NDArray[np.int64]
    decision_id: npt.NDArray[np.int64]
    country: npt.NDArray[np.str_]
    vote: npt.NDArray[np.int8]
    country_key: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))

    def __post_init__(self) -> None:
        if len(self.country_key) != len(self.country):
            object.__setattr__(self, "country_key", country_keys(self.country))

    def subset(self, mask: npt.NDArray[np.bool_]) -> RollRows:
        return RollRows(
            self.source_id[mask], self.decision_id[mask], self.country[mask], self.vote[mask], self.country_key[mask]
        )

    @classmethod
    def concat(cls, parts: list[RollRows]) -> RollRows:
        if not parts:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, "<U3"), np.zeros(0, np.int8))
        return cls(
            np.concatenate([p.source_id for p in parts]),
            np.concatenate([p.decision_id for p in parts]),
            np.concatenate([p.country for p in parts]),
            np.concatenate([p.vote for p in parts]),
            np.concatenate([p.country_key for p in parts]),
        )


@dataclass(frozen=True, eq=False)
class StoredPositions:
    """Positions as written to the database: :class:`RollRows` plus reason codes and inference flags."""

    source_id: npt.NDArray[np.int64]
    decision_id: npt.NDArray[np.int64]
    country: npt.NDArray[np.str_]
    vote: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int8]
    is_inferred: npt.NDArray[np.bool_]

    @classmethod
    def concat(cls, parts: list[StoredPositions]) -> StoredPositions:
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in cls.__dataclass_fields__))

    def subset(self, mask: npt.NDArray[np.bool_]) -> StoredPositions:
        return StoredPositions(
            self.source_id[mask],
            self.decision_id[mask],
            self.country[mask],
            self.vote[mask],
            self.reason[mask],
            self.is_inferred[mask],
        )

    def rolls(self) -> RollRows:
        return RollRows(self.source_id, self.decision_id, self.country, self.vote)


@dataclass(frozen=True, slots=True)
class Finding:
    decision_id: int
    kind: str
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
    decision_id: npt.NDArray[np.int64],
    roll_source_id: npt.NDArray[np.int64],
    totals: npt.NDArray[np.int64],
) -> list[Finding]:
    """Findings for the decisions listed (``decision_id`` with their roll source and official totals,
    ``totals[i] = (yes, no, abstain)``, -1 where unknown), from the stored ``rows``.

    >>> rows = RollRows(np.array([1, 1, 2, 2]), np.array([7, 7, 7, 7]), np.array(["USA", "CHN", "USA", "CHN"]),
    ...                 np.array([1, 3, 1, 2], np.int8))
    >>> [f.detail for f in reconcile(rows, decision_id=np.array([7]), roll_source_id=np.array([1]),
    ...                               totals=np.array([[2, 0, 0]]))]
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
    differs = (totals[:, 0] >= 0) & has_roll & np.any(counted != totals, axis=1)
    for i in np.flatnonzero(differs):
        y, n, a = totals[i]
        cy, cn, ca = counted[i]
        detail = f"official {y}-{n}-{a}, counted {cy}-{cn}-{ca}"
        findings.append(Finding(int(decision_id[i]), "totals_vs_roll", detail, int(roll_source_id[i])))

    # Every other source's row against the roll row of the same decision and state.
    codes, country_index = np.unique(rows.country_key, return_inverse=True)
    key = rows.decision_id * len(codes) + country_index
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
        pairs.setdefault((d, s), []).append(f"{c} {_WORD[rv]}/{_WORD[ov]}")
    roll_of = dict(zip(decision_id.tolist(), roll_source_id.tolist(), strict=True))
    for (d, s), items in sorted(pairs.items()):
        detail = f"{len(items)} states differ: {', '.join(sorted(items))}"
        findings.append(Finding(d, "sources_disagree_positions", detail, roll_of[d], s))
    return findings


def _hashes(country_key: npt.NDArray[np.int64], vote: npt.NDArray[np.int8]) -> npt.NDArray[np.float64]:
    """Two independent 32-bit hashes of (state, vote) per row, as float columns (n, 2): their sums
    over a roll are exact in float64 and identify the roll (set of state/vote pairs)."""
    key = (country_key.astype(np.uint64) << np.uint64(4)) | vote.astype(np.uint64)
    out = np.empty((len(key), 2), np.float64)
    for column, seed in enumerate((np.uint64(0x9E3779B97F4A7C15), np.uint64(0xD1B54A32D192ED03))):
        z = key * seed
        z ^= z >> np.uint64(31)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(29)
        out[:, column] = (z >> np.uint64(32)).astype(np.float64)
    return out


def _signatures(
    groups: npt.NDArray[np.int64], n: int, hashes: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """(n, 3): row count and the two hash sums of the masked rows of each group."""
    out = np.zeros((n, 3), np.float64)
    out[:, 0] = np.bincount(groups[mask], minlength=n)
    for column in (0, 1):
        out[:, column + 1] = np.bincount(groups[mask], weights=hashes[mask, column], minlength=n)
    return out


def same_rolls(existing: RollRows, new: RollRows, new_is_inferred: npt.NDArray[np.bool_]) -> dict[int, int]:
    """Decisions whose ``new`` roll says nothing that an ``existing`` roll does not already say.

    Returns decision_id -> the existing source whose roll it equals. Equal means: the same states
    voted yes, no and abstain in both; and if the new source lists states as not voting, the same
    states are not voting in the existing roll (rows inferred for members the new source does not
    list do not count). Such a roll need not be stored twice. Rolls are compared by sums of hashes
    of (state, vote) pairs, one pass over the rows.

    >>> old = RollRows(np.array([1, 1, 1]), np.array([7, 7, 7]), np.array(["USA", "CHN", "FRA"]),
    ...                np.array([1, 3, 8], np.int8))
    >>> new = RollRows(np.array([2, 2, 2]), np.array([7, 7, 7]), np.array(["USA", "CHN", "FRA"]),
    ...                np.array([1, 3, 8], np.int8))
    >>> same_rolls(old, new, np.array([False, False, True]))
    {7: 1}
    >>> same_rolls(old, RollRows(new.source_id, new.decision_id, new.country, np.array([1, 2, 8], np.int8)),
    ...            np.array([False, False, True]))
    {}
    """
    if len(new.decision_id) == 0 or len(existing.decision_id) == 0:
        return {}
    top = int(max(existing.decision_id.max(), new.decision_id.max())) + 1
    in_new = np.zeros(top, np.bool_)
    in_new[new.decision_id] = True
    wanted = in_new[existing.decision_id]
    if not wanted.any():
        return {}
    old = existing.subset(wanted)
    pairs, group = np.unique(old.source_id * top + old.decision_id, return_inverse=True)
    old_hash = _hashes(old.country_key, old.vote)
    old_voted = _signatures(group, len(pairs), old_hash, old.vote != _NON_VOTING)
    old_absent = _signatures(group, len(pairs), old_hash, old.vote == _NON_VOTING)
    new_hash = _hashes(new.country_key, new.vote)
    new_voted = _signatures(new.decision_id, top, new_hash, new.vote != _NON_VOTING)
    listed_absent = (new.vote == _NON_VOTING) & ~new_is_inferred
    new_absent = _signatures(new.decision_id, top, new_hash, listed_absent)
    decision = pairs % top
    same = np.all(old_voted == new_voted[decision], axis=1)
    same &= (new_absent[decision, 0] == 0) | np.all(old_absent == new_absent[decision], axis=1)
    found: dict[int, int] = {}
    for pair in np.flatnonzero(same).tolist():
        found.setdefault(int(decision[pair]), int(pairs[pair] // top))
    return found
