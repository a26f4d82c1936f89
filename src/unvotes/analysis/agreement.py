"""Agreement between states over any selection of decisions, under a stated definition.

Each definition is a table over the positions of the two states (Y yes, A abstain, N no,
X non_voting): the agreement a pair of positions earns, or ``-`` when the decision is not counted
for that pair. Agreement = Σ earned / number of counted decisions.

``state_dept`` — US Department of State, *Voting Practices in the United Nations* (annual report
to Congress since 1984), "votes only": identical votes / (identical + opposite votes)::

        Y  A  N            counts only decisions where both voted yes or no
    Y   1  -  0
    A   -  -  -
    N   0  -  1

``state_dept_half`` — the same, with an abstention facing a yes or no counted as half agreement;
two abstentions are still not counted (neither state cast a vote)::

        Y  A  N
    Y   1 .5  0
    A  .5  - .5
    N   0 .5  1

``voeten`` — agreement index 1 - d/2 with positions on a line yes = 0, abstain = 1, no = 2 and
d = |p - q| (E. Voeten, "Data and Analyses of Voting in the UN General Assembly", *Routledge
Handbook of International Organization*, 2013; the ``agree3un`` measure of Bailey, Strezhnev &
Voeten, JCR 61(2), 2017): every decision on which both took yes, no or abstain counts, and an
abstention facing a vote is half disagreement::

        Y  A  N
    Y   1 .5  0
    A  .5  1 .5
    N   0 .5  1

With ``count_absences=True`` non-voting (X) becomes a position: under ``state_dept_half`` it is
read as an abstention (half agreement with a vote, not counted against A or X); under ``voeten``
it is its own position at distance 1 from yes, abstain and no and 0 from itself. ``state_dept``
counts votes only and refuses the flag. "Not a member" (0) is never counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, YES, RollMatrix

__all__ = [
    "AgreementMatrix",
    "AgreementMethod",
    "AgreementRanking",
    "AgreementRow",
    "agreement_definition",
    "agreement_matrix",
    "agreement_with",
]

FloatArray = npt.NDArray[np.float64]


class AgreementMethod(StrEnum):
    STATE_DEPT = "state_dept"  #: votes only (yes/no)
    STATE_DEPT_HALF = "state_dept_half"  #: abstention facing a vote = half agreement
    VOETEN = "voeten"  #: 1 - d/2 on yes < abstain < no


_POSITIONS = (YES, ABSTAIN, NO, NON_VOTING)  # table order: Y A N X
_TABLES: dict[tuple[AgreementMethod, bool], tuple[str, ...]] = {
    (AgreementMethod.STATE_DEPT, False): ("1 - 0 -", "- - - -", "0 - 1 -", "- - - -"),
    (AgreementMethod.STATE_DEPT_HALF, False): ("1 .5 0 -", ".5 - .5 -", "0 .5 1 -", "- - - -"),
    (AgreementMethod.STATE_DEPT_HALF, True): ("1 .5 0 .5", ".5 - .5 -", "0 .5 1 .5", ".5 - .5 -"),
    (AgreementMethod.VOETEN, False): ("1 .5 0 -", ".5 1 .5 -", "0 .5 1 -", "- - - -"),
    (AgreementMethod.VOETEN, True): ("1 .5 0 .5", ".5 1 .5 .5", "0 .5 1 .5", ".5 .5 .5 1"),
}
_DEFINITIONS = {
    AgreementMethod.STATE_DEPT: "identical votes / (identical + opposite votes); yes/no only",
    AgreementMethod.STATE_DEPT_HALF: ("(identical + 0.5 x vote-vs-abstention) / decisions where one voted yes/no"),
    AgreementMethod.VOETEN: "mean of 1 - |p - q| / 2 with yes=0, abstain=1, no=2",
}


def agreement_definition(method: AgreementMethod, count_absences: bool) -> str:
    """The definition stated in results, e.g. for reports and exports.

    >>> agreement_definition(AgreementMethod.VOETEN, False)
    'voeten: mean of 1 - |p - q| / 2 with yes=0, abstain=1, no=2; absences dropped'
    """
    _table(method, count_absences)
    if count_absences:
        extra = (
            "; non_voting read as abstention"
            if method is AgreementMethod.STATE_DEPT_HALF
            else ("; non_voting a position at distance 1 from the others")
        )
    else:
        extra = "; absences dropped"
    return f"{method.value}: {_DEFINITIONS[method]}{extra}"


@dataclass(frozen=True, slots=True)
class AgreementRow:
    country_code: str
    agreement: float | None  #: None when fewer than ``min_common`` decisions are counted
    common: int  #: decisions counted for the pair


@dataclass(frozen=True, slots=True)
class AgreementRanking:
    reference: str
    rows: tuple[AgreementRow, ...]  #: highest first, undefined last; ties: more common votes, then code
    method: AgreementMethod
    count_absences: bool
    min_common: int
    n_decisions: int
    definition: str

    def top(self, k: int) -> tuple[str, ...]:
        return tuple(r.country_code for r in self.rows[:k] if r.agreement is not None)


@dataclass(frozen=True, eq=False)
class AgreementMatrix:
    """Pairwise agreement; ``values`` is NaN where fewer than ``min_common`` decisions count."""

    countries: tuple[str, ...]
    values: FloatArray  #: countries × countries, symmetric, read-only
    common: npt.NDArray[np.int32]  #: decisions counted per pair
    method: AgreementMethod
    count_absences: bool
    min_common: int
    n_decisions: int
    definition: str

    def value(self, a: str, b: str) -> float | None:
        x = float(self.values[self.countries.index(a), self.countries.index(b)])
        return None if np.isnan(x) else x

    def ranking(self, reference: str) -> AgreementRanking:
        i = self.countries.index(reference)
        return _ranking(self, reference, self.values[i], self.common[i])


def agreement_matrix(
    rolls: RollMatrix,
    *,
    method: AgreementMethod = AgreementMethod.VOETEN,
    count_absences: bool = False,
    min_common: int = 1,
) -> AgreementMatrix:
    """Agreement of every pair of countries over every decision of ``rolls``, vectorised.

    Formula: with one-hot matrices X_p (countries × decisions, float32) for each position p,
    earned = Σ_pq W_pq X_p X_qᵀ and counted = Σ_pq M_pq X_p X_qᵀ (W the table's values, M its
    non-blank cells), computed as one matrix product; agreement = earned / counted. References:
    see the module docstring.

    >>> from unvotes.analysis.rolls import DecisionInfo
    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=i, body=Body.GA, year=2000) for i in range(5))
    >>> rolls = RollMatrix(countries=("CUB", "USA"), decisions=info,
    ...                    votes=np.array([[1, 1, 1, 2, 1], [1, 1, 3, 2, 2]], np.int8))
    >>> [(m.value, round(agreement_matrix(rolls, method=m).value("CUB", "USA") or 0, 3))
    ...  for m in AgreementMethod]
    [('state_dept', 0.667), ('state_dept_half', 0.625), ('voeten', 0.7)]
    >>> agreement_matrix(rolls, method=AgreementMethod.STATE_DEPT).common.tolist()
    [[4, 3], [3, 3]]
    """
    weights, counted, used = _table(method, count_absences)
    onehot = _onehot(rolls.votes, used)
    k, n, d = onehot.shape
    left = onehot.transpose(1, 0, 2).reshape(n, k * d)
    earned_side = np.einsum("pq,qnd->npd", weights[np.ix_(used, used)].astype(np.float32), onehot)
    counted_side = np.einsum("pq,qnd->npd", counted[np.ix_(used, used)].astype(np.float32), onehot)
    right = np.concatenate([earned_side.reshape(n, k * d), counted_side.reshape(n, k * d)], axis=0)
    both = left @ right.T
    earned = both[:, :n].astype(np.float64)
    common = np.rint(both[:, n:]).astype(np.int32)
    earned = (earned + earned.T) / 2
    values = np.full((n, n), np.nan)
    ok = common >= max(min_common, 1)
    values[ok] = earned[ok] / common[ok]
    values.flags.writeable = False
    common.flags.writeable = False
    return AgreementMatrix(
        countries=rolls.countries,
        values=values,
        common=common,
        method=method,
        count_absences=count_absences,
        min_common=min_common,
        n_decisions=rolls.n_decisions,
        definition=agreement_definition(method, count_absences),
    )


def agreement_with(
    rolls: RollMatrix,
    reference: str,
    *,
    method: AgreementMethod = AgreementMethod.VOETEN,
    count_absences: bool = False,
    min_common: int = 1,
) -> AgreementRanking:
    """Every other country ranked by its agreement with ``reference`` (one row of the matrix).

    Formula: as :func:`agreement_matrix`, for the reference row only.

    >>> from unvotes.analysis.rolls import DecisionInfo
    >>> from unvotes.model import Body
    >>> info = tuple(DecisionInfo(decision_id=i, body=Body.GA, year=2015) for i in range(2))
    >>> rolls = RollMatrix(countries=("CHN", "JPN", "PRK"), decisions=info,
    ...                    votes=np.array([[3, 2], [1, 1], [3, 3]], np.int8))
    >>> [(r.country_code, r.agreement) for r in agreement_with(rolls, "PRK").rows]
    [('CHN', 0.75), ('JPN', 0.0)]
    """
    i = rolls.country_index(reference)
    weights, counted, used = _table(method, count_absences)
    onehot = _onehot(rolls.votes, used)
    ref = onehot[:, i, :]
    earned = np.einsum("pq,pd,qnd->n", weights[np.ix_(used, used)], ref, onehot, dtype=np.float64)
    common = np.rint(np.einsum("pq,pd,qnd->n", counted[np.ix_(used, used)], ref, onehot, dtype=np.float64))
    values = np.full(rolls.n_countries, np.nan)
    ok = common >= max(min_common, 1)
    values[ok] = earned[ok] / common[ok]
    matrix_like = _Header(rolls.countries, method, count_absences, min_common, rolls.n_decisions)
    return _ranking(matrix_like, reference, values, common.astype(np.int32))


@dataclass(frozen=True, slots=True)
class _Header:
    countries: tuple[str, ...]
    method: AgreementMethod
    count_absences: bool
    min_common: int
    n_decisions: int


def _ranking(
    source: AgreementMatrix | _Header,
    reference: str,
    values: FloatArray,
    common: npt.NDArray[np.int32],
) -> AgreementRanking:
    rows = [
        AgreementRow(code, None if np.isnan(values[j]) else float(values[j]), int(common[j]))
        for j, code in enumerate(source.countries)
        if code != reference
    ]
    rows.sort(key=lambda r: (r.agreement is None, -(r.agreement or 0.0), -r.common, r.country_code))
    return AgreementRanking(
        reference=reference,
        rows=tuple(rows),
        method=source.method,
        count_absences=source.count_absences,
        min_common=source.min_common,
        n_decisions=source.n_decisions,
        definition=agreement_definition(source.method, source.count_absences),
    )


def _table(method: AgreementMethod, count_absences: bool) -> tuple[FloatArray, FloatArray, list[int]]:
    """(earned weights W, counted mask M, indices of positions that take part) for a definition."""
    try:
        rows = _TABLES[(AgreementMethod(method), count_absences)]
    except KeyError:
        raise ValueError(f"{method} counts yes/no votes only; count_absences is not defined for it") from None
    cells = [row.split() for row in rows]
    weights = np.array([[0.0 if c == "-" else float(c) for c in row] for row in cells])
    counted = np.array([[c != "-" for c in row] for row in cells], dtype=np.float64)
    used = [p for p in range(len(_POSITIONS)) if counted[p].any()]
    return weights, counted, used


def _onehot(votes: npt.NDArray[np.int8], used: Sequence[int]) -> npt.NDArray[np.float32]:
    """(positions × countries × decisions) float32 indicators of the used positions."""
    return np.stack([(votes == _POSITIONS[p]).astype(np.float32) for p in used])
