"""The input shape of every analysis: a members × decisions matrix of vote codes.

A :class:`RollMatrix` holds one row per state (ISO 3166-1 alpha-3 ``country_code``) and one column
per decision (:class:`DecisionInfo`). Cells hold the storage codes of :data:`unvotes.model.VOTE_CODES`
(yes 1, abstain 2, no 3, non_voting 8) and :data:`NOT_MEMBER` (0) where the state has no position
on the decision: not a member that day, a source that lists only voters, or a decision adopted
without a vote (whose column is all zeros).

>>> from unvotes.model import Body
>>> rolls = RollMatrix.from_long(
...     decision_ids=[1, 1, 2],
...     country_codes=["PRK", "USA", "USA"],
...     vote_codes=[3, 1, 1],
...     decisions=[DecisionInfo(decision_id=1, body=Body.GA, year=2014),
...                DecisionInfo(decision_id=2, body=Body.GA, year=2015)],
... )
>>> rolls.countries, rolls.votes.tolist()
(('PRK', 'USA'), [[3, 0], [1, 1]])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from unvotes.model import VOTE_CODES, AdoptionMethod, Body, DecisionKind, Outcome, Vote

__all__ = [
    "ABSTAIN",
    "NO",
    "NON_VOTING",
    "NOT_MEMBER",
    "YES",
    "DecisionInfo",
    "RollMatrix",
    "code_of",
    "vote_of",
]

YES = VOTE_CODES[Vote.YES]
ABSTAIN = VOTE_CODES[Vote.ABSTAIN]
NO = VOTE_CODES[Vote.NO]
NON_VOTING = VOTE_CODES[Vote.NON_VOTING]
#: Matrix code for "not a member / no position recorded" (never a storage code).
NOT_MEMBER = 0

_VOTE_BY_CODE: dict[int, Vote] = {code: vote for vote, code in VOTE_CODES.items()}
_VALID_CODES = np.array(sorted({NOT_MEMBER, *VOTE_CODES.values()}), dtype=np.int8)

IntArray = npt.NDArray[np.int8]


def vote_of(code: int) -> Vote | None:
    """The :class:`Vote` a matrix code stands for; ``None`` for :data:`NOT_MEMBER`.

    >>> vote_of(3), vote_of(0)
    (<Vote.NO: 'no'>, None)
    """
    if code == NOT_MEMBER:
        return None
    try:
        return _VOTE_BY_CODE[int(code)]
    except KeyError:
        raise ValueError(f"unknown vote code {code!r}") from None


def code_of(vote: Vote | None) -> int:
    """The matrix code of a :class:`Vote`; :data:`NOT_MEMBER` for ``None``.

    >>> code_of(Vote.ABSTAIN), code_of(None)
    (2, 0)
    """
    return NOT_MEMBER if vote is None else VOTE_CODES[vote]


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionInfo:
    """What the analyses need to know about one decision (a column of a :class:`RollMatrix`).

    ``year`` defaults to the year of ``date``. Counts are the official (announced) figures where a
    source gives them, else ``None``; analyses then count the roll themselves.

    >>> DecisionInfo(decision_id=7, body=Body.GA, date=dt.date(2014, 12, 18)).year
    2014
    """

    decision_id: int
    body: Body
    year: int | None = None
    date: dt.date | None = None
    symbol: str | None = None
    kind: DecisionKind = DecisionKind.RESOLUTION
    adoption_method: AdoptionMethod = AdoptionMethod.RECORDED_VOTE
    outcome: Outcome | None = None
    yes_count: int | None = None
    no_count: int | None = None
    abstain_count: int | None = None
    non_voting_count: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.date is not None:
            object.__setattr__(self, "year", self.date.year)
        if self.year is not None and self.date is not None and self.year != self.date.year:
            raise ValueError(f"decision {self.decision_id}: year {self.year} disagrees with date {self.date}")

    @property
    def is_recorded_vote(self) -> bool:
        return self.adoption_method is AdoptionMethod.RECORDED_VOTE

    @property
    def sort_key(self) -> tuple[int, dt.date, int]:
        """Chronological order: year, then date, then decision id (unknowns first)."""
        return (self.year or 0, self.date or dt.date.min, self.decision_id)


@dataclass(frozen=True, eq=False)
class RollMatrix:
    """Vote codes of ``countries`` (rows) on ``decisions`` (columns); ``votes`` is read-only int8.

    >>> m = RollMatrix(countries=("CUB", "JPN"), decisions=(DecisionInfo(decision_id=5, body=Body.C3),),
    ...                votes=np.array([[1], [3]], dtype=np.int8))
    >>> m.position("JPN", 5), m.n_countries, m.n_decisions
    (<Vote.NO: 'no'>, 2, 1)
    """

    countries: tuple[str, ...]
    decisions: tuple[DecisionInfo, ...]
    votes: IntArray
    _country_index: dict[str, int] = field(init=False, repr=False, compare=False)
    _decision_index: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        votes = np.array(self.votes, dtype=np.int8, copy=True)
        shape = (len(self.countries), len(self.decisions))
        if votes.shape != shape:
            raise ValueError(f"votes has shape {votes.shape}, expected {shape} (countries × decisions)")
        bad = ~np.isin(votes, _VALID_CODES)
        if bad.any():
            raise ValueError(f"{int(bad.sum())} cells hold codes outside {_VALID_CODES.tolist()}")
        votes.flags.writeable = False
        object.__setattr__(self, "votes", votes)
        countries = {c: i for i, c in enumerate(self.countries)}
        if len(countries) != len(self.countries):
            raise ValueError("countries must be unique")
        decisions = {d.decision_id: j for j, d in enumerate(self.decisions)}
        if len(decisions) != len(self.decisions):
            raise ValueError("decision ids must be unique")
        object.__setattr__(self, "_country_index", countries)
        object.__setattr__(self, "_decision_index", decisions)

    @classmethod
    def from_long(
        cls,
        decision_ids: Sequence[int] | npt.ArrayLike,
        country_codes: Sequence[str] | npt.ArrayLike,
        vote_codes: Sequence[int] | npt.ArrayLike,
        decisions: Iterable[DecisionInfo],
        *,
        countries: Iterable[str] | None = None,
    ) -> RollMatrix:
        """Build the matrix from parallel arrays, one entry per position (as the store returns them).

        Rows are ``countries`` in the order given, else the sorted distinct codes; columns follow
        ``decisions`` (which may include decisions without positions, e.g. adoptions without a vote).
        Raises ``ValueError`` on unknown decision ids or countries, bad codes, or duplicate positions.

        >>> info = [DecisionInfo(decision_id=9, body=Body.GA, year=2015)]
        >>> RollMatrix.from_long([9, 9], ["USA", "CUB"], [1, 3], info).countries
        ('CUB', 'USA')
        """
        decision_list = tuple(decisions)
        d = np.asarray(decision_ids, dtype=np.int64).ravel()
        c = np.asarray(country_codes, dtype=np.str_).ravel()
        v = np.asarray(vote_codes, dtype=np.int64).ravel()
        if not len(d) == len(c) == len(v):
            raise ValueError(f"parallel arrays differ in length: {len(d)}, {len(c)}, {len(v)}")
        if np.isin(v, [NOT_MEMBER]).any() or not np.isin(v, _VALID_CODES).all():
            raise ValueError(f"vote codes must be among {sorted(VOTE_CODES.values())}")
        ids = np.array([x.decision_id for x in decision_list], dtype=np.int64)
        cols = _lookup(ids, d, "decision id")
        if countries is None:
            labels, rows = np.unique(c, return_inverse=True)
            row_labels = tuple(str(x) for x in labels)
        else:
            row_labels = tuple(countries)
            rows = _lookup(np.array(row_labels, dtype=np.str_), c, "country")
        n_rows, n_cols = len(row_labels), len(decision_list)
        cells = rows.astype(np.int64) * n_cols + cols
        uniq, counts = np.unique(cells, return_counts=True)
        if len(uniq) != len(cells):
            first = int(uniq[np.argmax(counts > 1)])
            who, which = row_labels[first // n_cols], decision_list[first % n_cols].decision_id
            raise ValueError(f"{len(cells) - len(uniq)} duplicate positions, e.g. {who} on decision {which}")
        votes = np.zeros(n_rows * n_cols, dtype=np.int8)
        votes[cells] = v.astype(np.int8)
        return cls(countries=row_labels, decisions=decision_list, votes=votes.reshape(n_rows, n_cols))

    @property
    def n_countries(self) -> int:
        return len(self.countries)

    @property
    def n_decisions(self) -> int:
        return len(self.decisions)

    @property
    def decision_ids(self) -> tuple[int, ...]:
        return tuple(d.decision_id for d in self.decisions)

    def country_index(self, country_code: str) -> int:
        try:
            return self._country_index[country_code]
        except KeyError:
            raise ValueError(f"country {country_code!r} is not in the matrix") from None

    def decision_index(self, decision_id: int) -> int:
        try:
            return self._decision_index[decision_id]
        except KeyError:
            raise ValueError(f"decision {decision_id!r} is not in the matrix") from None

    def decision(self, decision_id: int) -> DecisionInfo:
        return self.decisions[self.decision_index(decision_id)]

    def column(self, decision_id: int) -> IntArray:
        """The codes of every country on one decision (read-only view)."""
        return self.votes[:, self.decision_index(decision_id)]

    def position(self, country_code: str, decision_id: int) -> Vote | None:
        return vote_of(int(self.votes[self.country_index(country_code), self.decision_index(decision_id)]))

    def has_positions(self) -> npt.NDArray[np.bool_]:
        """Per decision: whether any country holds a position (a roll exists)."""
        return np.asarray((self.votes != NOT_MEMBER).any(axis=0))

    def select(
        self,
        decisions: Iterable[int] | Callable[[DecisionInfo], bool] | None = None,
        countries: Iterable[str] | None = None,
    ) -> RollMatrix:
        """A sub-matrix: decision ids (in the order given) or a predicate on :class:`DecisionInfo`
        (matrix order kept), and country codes (in the order given).

        >>> info = [DecisionInfo(decision_id=i, body=Body.GA, year=2000 + i) for i in (1, 2, 3)]
        >>> m = RollMatrix.from_long([1, 2, 3], ["USA"] * 3, [1, 2, 3], info)
        >>> m.select(decisions=lambda d: (d.year or 0) >= 2002).votes.tolist()
        [[2, 3]]
        """
        if decisions is None:
            cols = list(range(self.n_decisions))
        elif callable(decisions):
            cols = [j for j, info in enumerate(self.decisions) if decisions(info)]
        else:
            cols = [self.decision_index(i) for i in decisions]
        rows = list(range(self.n_countries)) if countries is None else [self.country_index(c) for c in countries]
        return RollMatrix(
            countries=tuple(self.countries[i] for i in rows),
            decisions=tuple(self.decisions[j] for j in cols),
            votes=self.votes[np.ix_(rows, cols)],
        )


def _lookup(keys: npt.NDArray[np.generic], wanted: npt.NDArray[np.generic], what: str) -> npt.NDArray[np.intp]:
    """Position of each ``wanted`` value in ``keys`` (vectorised); raises naming unknown values."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    pos = np.searchsorted(ordered, wanted)
    pos_clipped = np.minimum(pos, max(len(ordered) - 1, 0))
    found = (pos < len(ordered)) & (ordered[pos_clipped] == wanted) if len(ordered) else np.zeros(len(wanted), bool)
    if not found.all():
        missing = np.unique(wanted[~found])
        raise ValueError(f"{int((~found).sum())} positions refer to an unknown {what}, e.g. {missing[:5].tolist()}")
    return np.asarray(order[pos_clipped], dtype=np.intp)
