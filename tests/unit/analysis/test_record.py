"""A state's record over a series, with sponsorship, dissociation and its group's position."""

from __future__ import annotations

from hypothesis import given, settings

from tests.unit.analysis.examples import GA_2012, GA_2014, GA_2015, GROUPS, dprk_like, roll_matrices
from unvotes.analysis import RollMatrix, country_record
from unvotes.model import Vote


def test_golden_record_of_a_state_that_moved() -> None:
    record = country_record(
        dprk_like(),
        "LAO",
        groups=GROUPS,
        sponsors={GA_2014: {"JPN", "FRA"}},
        disassociations={GA_2012: {"LAO", "PRK"}},
    )
    by_id = {e.decision.decision_id: e for e in record.entries}
    assert record.group == "asia_pacific"
    assert by_id[GA_2014].position is Vote.NO
    assert by_id[GA_2014].group_position is Vote.NO  # 4 of the 8 other members voted no
    assert by_id[GA_2014].group_share == 0.5
    assert by_id[GA_2014].is_with_group is True
    assert by_id[GA_2015].position is Vote.ABSTAIN
    assert by_id[GA_2015].group_position is None  # three yes, three no: no plurality
    assert by_id[GA_2012].position is None and by_id[GA_2012].has_disassociated
    assert not by_id[GA_2014].is_sponsor
    s = record.summary
    assert (s.yes, s.no, s.abstain, s.non_voting, s.no_position) == (1, 3, 1, 0, 3)
    assert (s.without_vote, s.disassociated, s.sponsored) == (3, 1, 0)


def test_sponsor_is_flagged() -> None:
    record = country_record(dprk_like(), "JPN", sponsors={GA_2014: {"JPN"}})
    assert [e.decision.decision_id for e in record.entries if e.is_sponsor] == [GA_2014]
    assert record.group is None and all(e.group_position is None for e in record.entries)


@settings(deadline=None)
@given(roll_matrices())
def test_summary_counts_add_up(rolls: RollMatrix) -> None:
    groups = {c: "g" + str(i % 2) for i, c in enumerate(rolls.countries)}
    record = country_record(rolls, rolls.countries[0], groups=groups)
    s = record.summary
    assert s.yes + s.no + s.abstain + s.non_voting + s.no_position == s.decisions == rolls.n_decisions
    assert s.with_group + s.against_group <= s.yes + s.no + s.abstain
    for e in record.entries:
        assert e.group_share is None or 0.0 < e.group_share <= 1.0
