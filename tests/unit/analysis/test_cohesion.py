"""Group cohesion: Agreement Index and Rice index."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from tests.unit.analysis.examples import GROUPS, dprk_like, roll_matrices
from unvotes.analysis import RollMatrix, agreement_index, group_cohesion, rice_index


def test_index_formulas_on_known_splits() -> None:
    assert agreement_index([116], [20], [53])[0] == pytest.approx((116 - 0.5 * 73) / 189)
    assert agreement_index([3], [3], [3])[0] == 0.0
    assert rice_index([3], [1])[0] == 0.5


def test_golden_group_cohesion() -> None:
    c = group_cohesion(dprk_like(), GROUPS)
    assert c.groups == ("african", "asia_pacific", "eastern_european", "latin_american", "western")
    western = c.groups.index("western")
    assert np.nanmin(c.agreement_index[western]) == 1.0
    assert np.isnan(c.agreement_index[c.groups.index("eastern_european")]).all()  # one member < min_voting
    asia = c.groups.index("asia_pacific")
    j = c.decisions.index(dprk_like().decision(15))
    assert (c.yes[asia, j], c.no[asia, j], c.abstain[asia, j]) == (3, 3, 2)
    assert c.agreement_index[asia, j] == pytest.approx((3 - 0.5 * 5) / 8)
    years = {y.year: y for y in c.for_group("western")}
    assert years[2012].n_decisions == 0 and years[2012].agreement_index is None
    assert years[2014].n_decisions == 3 and years[2014].agreement_index == 1.0
    assert c.n_unassigned == 0 and sum(c.members) == 16


@settings(deadline=None)
@given(roll_matrices())
def test_indices_lie_in_unit_interval_and_counts_add_up(rolls: RollMatrix) -> None:
    groups = {c: "g" + str(i % 3) for i, c in enumerate(rolls.countries) if i % 4 != 3}
    c = group_cohesion(rolls, groups, min_voting=1)
    for index in (c.agreement_index, c.rice_index):
        finite = index[~np.isnan(index)]
        assert ((finite >= 0) & (finite <= 1)).all()
    voting = ((rolls.votes == 1) | (rolls.votes == 2) | (rolls.votes == 3)).astype(int)
    assigned = np.array([c in groups for c in rolls.countries])
    assert (c.yes + c.no + c.abstain).sum(axis=0).tolist() == voting[assigned].sum(axis=0).tolist()
    assert c.n_unassigned == int((~assigned).sum())
    for y in c.yearly:
        assert y.agreement_index is None or 0.0 <= y.agreement_index <= 1.0
