"""How united a group of states votes, per decision and per year.

Agreement Index (Hix, Noury & Roland, "Power to the Parties: Cohesion and Competition in the
European Parliament, 1979-2001", *British Journal of Political Science* 35(2), 2005, 209-234)::

    AI = (max(Y, N, A) - (Y + N + A - max(Y, N, A)) / 2) / (Y + N + A)

1 when all the group's voters take the same position, 0 when they split evenly three ways.
Rice index (S. A. Rice, "The Behavior of Legislative Groups: A Method of Measurement", *Political
Science Quarterly* 40(1), 1925, 60-72) on yes and no only::

    Rice = |Y - N| / (Y + N)

Y, N, A count the group's members voting yes, no, abstain; non-voting and absent members are left
out. An index is NaN on a decision where fewer than ``min_voting`` members of the group voted
(yes+no+abstain for AI, yes+no for Rice). Yearly values are unweighted means over the decisions of
that year where the index is defined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.analysis.rolls import ABSTAIN, NO, YES, DecisionInfo, RollMatrix

__all__ = ["Cohesion", "YearCohesion", "agreement_index", "group_cohesion", "rice_index"]

FloatArray = npt.NDArray[np.float64]


def agreement_index(yes: npt.ArrayLike, no: npt.ArrayLike, abstain: npt.ArrayLike) -> FloatArray:
    """Hix-Noury-Roland Agreement Index, elementwise; NaN where nobody voted.

    >>> agreement_index([10, 5, 0], [0, 5, 0], [0, 5, 0]).tolist()
    [1.0, 0.0, nan]
    """
    counts = np.stack(np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in (yes, no, abstain))))
    total = counts.sum(axis=0)
    top = counts.max(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(total > 0, (top - (total - top) / 2) / total, np.nan), dtype=np.float64)


def rice_index(yes: npt.ArrayLike, no: npt.ArrayLike) -> FloatArray:
    """Rice index |Y - N| / (Y + N), elementwise; NaN where nobody voted yes or no.

    >>> rice_index([9, 5], [1, 5]).tolist()
    [0.8, 0.0]
    """
    y = np.asarray(yes, dtype=np.float64)
    n = np.asarray(no, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(y + n > 0, np.abs(y - n) / (y + n), np.nan), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class YearCohesion:
    group: str
    year: int
    n_decisions: int  #: decisions of the year where the Agreement Index is defined
    agreement_index: float | None
    rice_index: float | None


@dataclass(frozen=True, eq=False)
class Cohesion:
    """Per group (rows) and decision (columns): counts and indices; read-only arrays."""

    groups: tuple[str, ...]  #: sorted
    members: tuple[int, ...]  #: countries of the matrix assigned to each group
    decisions: tuple[DecisionInfo, ...]
    yes: npt.NDArray[np.int32]
    no: npt.NDArray[np.int32]
    abstain: npt.NDArray[np.int32]
    agreement_index: FloatArray
    rice_index: FloatArray
    yearly: tuple[YearCohesion, ...]  #: by group, then year
    min_voting: int
    n_unassigned: int  #: countries of the matrix in no group

    def for_group(self, group: str) -> tuple[YearCohesion, ...]:
        return tuple(y for y in self.yearly if y.group == group)


def group_cohesion(rolls: RollMatrix, groups: Mapping[str, str], *, min_voting: int = 2) -> Cohesion:
    """Agreement Index and Rice index of each group on each decision, and their yearly means.

    Formula: AI = (max(Y,N,A) - ½(Y+N+A-max)) / (Y+N+A); Rice = |Y-N| / (Y+N) (see module docstring
    for references). Group counts are one matrix product: G (groups × countries) · 1[votes = code].

    >>> from unvotes.model import Body
    >>> info = (DecisionInfo(decision_id=1, body=Body.GA, year=2014),)
    >>> rolls = RollMatrix(countries=("CHN", "CUB", "FRA", "GBR"), decisions=info,
    ...                    votes=np.array([[3], [3], [1], [1]], np.int8))
    >>> c = group_cohesion(rolls, {"CHN": "east", "CUB": "east", "FRA": "west", "GBR": "west"})
    >>> c.agreement_index.tolist(), c.yearly[0].rice_index
    ([[1.0], [1.0]], 1.0)
    """
    names = tuple(sorted(set(groups.values())))
    which = {g: k for k, g in enumerate(names)}
    indicator = np.zeros((len(names), rolls.n_countries), dtype=np.float32)
    for i, country in enumerate(rolls.countries):
        if country in groups:
            indicator[which[groups[country]], i] = 1.0
    yes, no, abstain = (
        np.rint(indicator @ (rolls.votes == code).astype(np.float32)).astype(np.int32) for code in (YES, NO, ABSTAIN)
    )
    ai = agreement_index(yes, no, abstain)
    rice = rice_index(yes, no)
    ai[(yes + no + abstain) < min_voting] = np.nan
    rice[(yes + no) < min_voting] = np.nan
    for array in (yes, no, abstain, ai, rice):
        array.flags.writeable = False
    return Cohesion(
        groups=names,
        members=tuple(int(x) for x in indicator.sum(axis=1)),
        decisions=rolls.decisions,
        yes=yes,
        no=no,
        abstain=abstain,
        agreement_index=ai,
        rice_index=rice,
        yearly=_yearly(names, rolls.decisions, ai, rice),
        min_voting=min_voting,
        n_unassigned=int(rolls.n_countries - indicator.sum()),
    )


def _yearly(
    names: tuple[str, ...], decisions: tuple[DecisionInfo, ...], ai: FloatArray, rice: FloatArray
) -> tuple[YearCohesion, ...]:
    years = sorted({d.year for d in decisions if d.year is not None})
    year_of = np.array([-1 if d.year is None else d.year for d in decisions])
    columns = {year: np.flatnonzero(year_of == year) for year in years}
    out = []
    for k, group in enumerate(names):
        for year in years:
            a = ai[k, columns[year]]
            r = rice[k, columns[year]]
            a_ok = a[~np.isnan(a)]
            r_ok = r[~np.isnan(r)]
            out.append(
                YearCohesion(
                    group=group,
                    year=year,
                    n_decisions=len(a_ok),
                    agreement_index=float(a_ok.mean()) if len(a_ok) else None,
                    rice_index=float(r_ok.mean()) if len(r_ok) else None,
                )
            )
    return tuple(out)
