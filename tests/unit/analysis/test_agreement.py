"""Pairwise agreement: the vectorised matrix against a plain per-pair count, and its invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.analysis.examples import dprk_like, roll_matrices
from unvotes.analysis import AgreementMethod, RollMatrix, agreement_matrix, agreement_with

Y, A, N, X = 1, 2, 3, 8


def pair_score(method: AgreementMethod, count_absences: bool, p: int, q: int) -> float | None:
    """Agreement one decision earns for a pair, or None when it is not counted (written out plainly)."""
    if 0 in (p, q):
        return None
    if method is AgreementMethod.STATE_DEPT:
        return float(p == q) if {p, q} <= {Y, N} else None
    if method is AgreementMethod.STATE_DEPT_HALF:
        if count_absences:
            p, q = (A if p == X else p), (A if q == X else q)
        if X in (p, q) or (p == A and q == A):
            return None
        return 1.0 if p == q else (0.0 if {p, q} == {Y, N} else 0.5)
    if X in (p, q):
        if not count_absences:
            return None
        return 1.0 if p == q else 0.5
    place = {Y: 0, A: 1, N: 2}
    return 1 - abs(place[p] - place[q]) / 2


def naive(rolls: RollMatrix, method: AgreementMethod, count_absences: bool, i: int, j: int) -> tuple[float, int]:
    scores = [
        pair_score(method, count_absences, int(p), int(q)) for p, q in zip(rolls.votes[i], rolls.votes[j], strict=True)
    ]
    counted = [s for s in scores if s is not None]
    return (sum(counted) / len(counted) if counted else math.nan), len(counted)


SETTINGS = [
    (AgreementMethod.STATE_DEPT, False),
    (AgreementMethod.STATE_DEPT_HALF, False),
    (AgreementMethod.STATE_DEPT_HALF, True),
    (AgreementMethod.VOETEN, False),
    (AgreementMethod.VOETEN, True),
]


@settings(deadline=None)
@given(roll_matrices(), st.sampled_from(SETTINGS), st.integers(1, 4))
def test_matrix_matches_plain_counting_and_invariants(
    rolls: RollMatrix, setting: tuple[AgreementMethod, bool], min_common: int
) -> None:
    method, count_absences = setting
    result = agreement_matrix(rolls, method=method, count_absences=count_absences, min_common=min_common)
    values = result.values
    assert np.array_equal(values, values.T, equal_nan=True)
    defined = ~np.isnan(values)
    assert ((values[defined] >= 0) & (values[defined] <= 1)).all()
    assert (np.diag(values)[~np.isnan(np.diag(values))] == 1.0).all()
    for i in range(rolls.n_countries):
        for j in range(rolls.n_countries):
            expected, common = naive(rolls, method, count_absences, i, j)
            assert result.common[i, j] == common
            if common >= min_common:
                assert values[i, j] == pytest.approx(expected, abs=1e-12)
            else:
                assert math.isnan(values[i, j])
    ranking = agreement_with(rolls, rolls.countries[0], method=method, count_absences=count_absences)
    for row in ranking.rows:
        j = rolls.countries.index(row.country_code)
        assert row.common == result.common[0, j]
        full = agreement_matrix(rolls, method=method, count_absences=count_absences).values[0, j]
        assert (row.agreement is None) == math.isnan(full)
        if row.agreement is not None:
            assert row.agreement == pytest.approx(full)


def test_golden_dprk_like_agreement() -> None:
    ga = dprk_like().select(decisions=[11, 14, 15])
    voeten = agreement_matrix(ga)
    assert voeten.value("PRK", "CHN") == 1.0
    assert voeten.value("LAO", "PRK") == pytest.approx(2.5 / 3)
    assert agreement_matrix(ga, method=AgreementMethod.STATE_DEPT).value("PRK", "USA") == 0.0
    ranking = agreement_with(ga, "PRK", min_common=3)
    assert ranking.top(5) == ("CHN", "CUB", "RUS", "LAO", "VNM")  # ties: more common votes, then code
    assert [(r.country_code, r.common) for r in ranking.rows if r.agreement is None] == [
        ("SSD", 2),
        ("SYR", 2),
    ]
    assert ranking.definition.startswith("voeten: ")


def test_votes_only_refuses_absences() -> None:
    with pytest.raises(ValueError, match="yes/no votes only"):
        agreement_matrix(dprk_like(), method=AgreementMethod.STATE_DEPT, count_absences=True)


def test_definitions_differ_on_abstentions() -> None:
    rolls = dprk_like().select(decisions=[14], countries=["IND", "IDN", "USA"])
    # IND and IDN both abstained: full agreement for Voeten, not counted for the State Department
    assert agreement_matrix(rolls).value("IND", "IDN") == 1.0
    assert agreement_matrix(rolls, method=AgreementMethod.STATE_DEPT_HALF).value("IND", "IDN") is None
    assert agreement_matrix(rolls, method=AgreementMethod.STATE_DEPT_HALF).value("IND", "USA") == 0.5
