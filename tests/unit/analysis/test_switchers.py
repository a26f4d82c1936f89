"""Position changes between two decisions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.analysis.examples import GA_2011, GA_2014, GA_2015, dprk_like, roll_matrices
from unvotes.analysis import TRANSITION_STATES, RollMatrix, compare_positions, year_on_year
from unvotes.model import Body, Vote


def test_golden_2014_to_2015_plenary() -> None:
    s = compare_positions(dprk_like(), GA_2014, GA_2015)
    assert s.moved(Vote.NO, Vote.ABSTAIN) == ("LAO",)
    assert s.moved(Vote.ABSTAIN, Vote.YES) == ("IDN",)
    assert s.moved(Vote.NO, Vote.NON_VOTING) == ("SYR",)
    assert s.count("yes", "yes") == 6
    assert s.count("no", "no") == 5
    assert s.n_countries == 16
    assert [c.country_code for c in s.changes] == ["IDN", "LAO", "SYR"]


def test_year_on_year_skips_adoptions_without_a_vote() -> None:
    pairs = year_on_year(dprk_like(), Body.GA)
    assert [(p.before.decision_id, p.after.decision_id) for p in pairs] == [
        (GA_2011, GA_2014),
        (GA_2014, GA_2015),
    ]
    first = pairs[0]
    assert first.moved(None, Vote.ABSTAIN) == ("SSD",)
    assert first.changes[[c.country_code for c in first.changes].index("SSD")].is_membership_change
    assert first.moved(Vote.ABSTAIN, Vote.NO) == ("VNM",)


@settings(deadline=None)
@given(roll_matrices(max_decisions=6), st.data())
def test_transition_table_sums_to_the_members(rolls: RollMatrix, data: st.DataObject) -> None:
    if rolls.n_decisions == 0:
        return
    a = data.draw(st.sampled_from(rolls.decision_ids))
    b = data.draw(st.sampled_from(rolls.decision_ids))
    s = compare_positions(rolls, a, b)
    table = np.array(s.transitions)
    assert table.shape == (len(TRANSITION_STATES), len(TRANSITION_STATES))
    assert table.sum() == rolls.n_countries
    codes = (1, 3, 2, 8, 0)
    assert table.sum(axis=1).tolist() == [int((rolls.column(a) == c).sum()) for c in codes]
    assert table.sum(axis=0).tolist() == [int((rolls.column(b) == c).sum()) for c in codes]
    assert len(s.changes) == table.sum() - np.trace(table)
    if a == b:
        assert s.changes == ()
