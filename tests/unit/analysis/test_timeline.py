"""Series timeline: tallies, yes share, streaks, first and last recorded vote."""

from __future__ import annotations

from hypothesis import given, settings

from tests.unit.analysis.examples import GA_2014, GA_2015, dprk_like, roll_matrices
from unvotes.analysis import RollMatrix, Tally, TallySource, series_timeline
from unvotes.model import Body


def test_golden_ga_timeline() -> None:
    ga = series_timeline(dprk_like()).body(Body.GA)
    assert [e.decision.year for e in ga.entries] == [2011, 2012, 2013, 2014, 2015, 2016]
    assert [e.adoption_streak for e in ga.entries] == [1, 2, 3, 4, 5, 6]
    assert [e.without_vote_streak for e in ga.entries] == [0, 1, 2, 0, 0, 1]
    assert ga.first_recorded_vote is not None and ga.first_recorded_vote.year == 2011
    assert ga.last_recorded_vote is not None and ga.last_recorded_vote.decision_id == GA_2015
    assert (ga.n_recorded_votes, ga.n_without_vote) == (3, 3)
    assert (ga.longest_without_vote_streak, ga.current_without_vote_streak) == (2, 1)
    by_id = {e.decision.decision_id: e for e in ga.entries}
    official = by_id[GA_2014]
    assert official.tally_source is TallySource.OFFICIAL
    assert official.tally == Tally(116, 20, 53)
    assert official.yes_share == 116 / 189
    counted = by_id[GA_2015]
    assert counted.tally_source is TallySource.ROLL
    assert counted.tally == Tally(yes=7, no=5, abstain=3, non_voting=1)
    assert by_id[12].tally is None and by_id[12].yes_share is None


def test_amendments_are_left_out_by_default() -> None:
    c3 = series_timeline(dprk_like()).body(Body.C3)
    assert [e.decision.symbol for e in c3.entries] == ["A/C.3/69/L.28/Rev.1"]


@settings(deadline=None)
@given(roll_matrices())
def test_counted_tallies_equal_the_column_sums(rolls: RollMatrix) -> None:
    timeline = series_timeline(rolls)
    for body in timeline.bodies:
        for entry in body.entries:
            column = rolls.column(entry.decision.decision_id)
            roll = entry.roll_tally
            if roll is None:
                assert not column.any()
                continue
            assert (roll.yes, roll.no, roll.abstain, roll.non_voting) == tuple(
                int((column == code).sum()) for code in (1, 3, 2, 8)
            )
            assert roll.voting + (roll.non_voting or 0) == int((column != 0).sum())
            share = roll.yes_share
            assert share is None or 0.0 <= share <= 1.0
    assert sum(len(b.entries) for b in timeline.bodies) == rolls.n_decisions
