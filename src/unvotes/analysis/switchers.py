"""Who changed position between two decisions, and the full transition table.

States are the four positions and "not a member / no position" (code 0), so the 5 × 5 table
``transitions[before][after]`` sums to the number of countries in the matrix. A change between a
position and "not a member" is listed too, flagged ``is_membership_change`` (in sources that list
only voters, such as Voeten's 2021 release, absence also shows as "not a member").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, NOT_MEMBER, YES, DecisionInfo, RollMatrix, vote_of
from unvotes.analysis.timeline import DEFAULT_TIMELINE_KINDS
from unvotes.model import Body, DecisionKind, Vote

__all__ = ["TRANSITION_STATES", "PositionChange", "Switchers", "compare_positions", "year_on_year"]

#: Row and column labels of :attr:`Switchers.transitions`.
TRANSITION_STATES: tuple[str, ...] = ("yes", "no", "abstain", "non_voting", "not_member")
_STATE_CODES = np.array([YES, NO, ABSTAIN, NON_VOTING, NOT_MEMBER], dtype=np.int8)


@dataclass(frozen=True, slots=True)
class PositionChange:
    country_code: str
    before: Vote | None  #: None = not a member / no position
    after: Vote | None

    @property
    def is_membership_change(self) -> bool:
        return self.before is None or self.after is None


@dataclass(frozen=True, slots=True)
class Switchers:
    before: DecisionInfo
    after: DecisionInfo
    states: tuple[str, ...]  #: labels of the rows (before) and columns (after)
    transitions: tuple[tuple[int, ...], ...]
    changes: tuple[PositionChange, ...]  #: sorted by country code

    def count(self, before: str, after: str) -> int:
        """Countries that went from ``before`` to ``after`` (labels of :data:`TRANSITION_STATES`)."""
        return self.transitions[self.states.index(before)][self.states.index(after)]

    @property
    def n_countries(self) -> int:
        return sum(map(sum, self.transitions))

    def moved(self, before: Vote | None, after: Vote | None) -> tuple[str, ...]:
        return tuple(c.country_code for c in self.changes if c.before == before and c.after == after)


def compare_positions(rolls: RollMatrix, before_id: int, after_id: int) -> Switchers:
    """Transition table and list of changes from decision ``before_id`` to ``after_id``.

    Formula: T[a, b] = #{countries with state a on the first decision and b on the second},
    states (yes, no, abstain, non_voting, not_member); Σ T = number of countries.
    Reference: the vote-switching tables of Voeten, "Data and Analyses of Voting in the UN General
    Assembly", Routledge Handbook of International Organization (2013).

    >>> from unvotes.model import Body
    >>> info = (DecisionInfo(decision_id=1, body=Body.GA, year=2014),
    ...         DecisionInfo(decision_id=2, body=Body.GA, year=2015))
    >>> rolls = RollMatrix(countries=("LAO", "PRK"), decisions=info,
    ...                    votes=np.array([[3, 2], [3, 3]], np.int8))
    >>> s = compare_positions(rolls, 1, 2)
    >>> s.moved(Vote.NO, Vote.ABSTAIN), s.count("no", "no")
    (('LAO',), 1)
    """
    a = rolls.column(before_id)
    b = rolls.column(after_id)
    index = np.zeros(256, dtype=np.intp)
    index[_STATE_CODES.astype(np.intp)] = np.arange(len(_STATE_CODES))
    table = np.zeros((len(_STATE_CODES), len(_STATE_CODES)), dtype=np.int64)
    np.add.at(table, (index[a.astype(np.intp)], index[b.astype(np.intp)]), 1)
    moved = np.flatnonzero(a != b)
    changes = sorted(
        (PositionChange(rolls.countries[i], vote_of(int(a[i])), vote_of(int(b[i]))) for i in moved),
        key=lambda c: c.country_code,
    )
    return Switchers(
        before=rolls.decision(before_id),
        after=rolls.decision(after_id),
        states=TRANSITION_STATES,
        transitions=tuple(tuple(int(x) for x in row) for row in table),
        changes=tuple(changes),
    )


def year_on_year(
    rolls: RollMatrix,
    body: Body,
    *,
    kinds: Iterable[DecisionKind] = DEFAULT_TIMELINE_KINDS,
) -> tuple[Switchers, ...]:
    """Each recorded vote of ``body`` against the previous recorded vote of the same body.

    Decisions of the given kinds that hold positions in the matrix are taken in chronological
    order; adoptions without a vote are skipped, so 2014 is compared with 2011 when 2012-2013
    passed without a vote.

    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=y, body=Body.GA, year=y) for y in (2011, 2014, 2015))
    >>> rolls = RollMatrix(countries=("LAO",), decisions=info, votes=np.array([[3, 3, 2]], np.int8))
    >>> [(s.before.year, s.after.year, len(s.changes)) for s in year_on_year(rolls, Body.GA)]
    [(2011, 2014, 0), (2014, 2015, 1)]
    """
    wanted = tuple(kinds)
    present = rolls.has_positions()
    voted = sorted(
        (d for d, has in zip(rolls.decisions, present, strict=True) if has and d.body is body and d.kind in wanted),
        key=lambda d: d.sort_key,
    )
    return tuple(compare_positions(rolls, a.decision_id, b.decision_id) for a, b in pairwise(voted))
