"""Amendment -> committee -> plenary consistency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.unit.analysis.examples import AMENDMENT_2014, DRAFT_2014, GA_2014, dprk_like, roll_matrices
from unvotes.analysis import ChainStep, ChainVerdict, RollMatrix, vote_chain
from unvotes.model import Vote

STEPS = [ChainStep(AMENDMENT_2014, supports_text=False), ChainStep(DRAFT_2014), ChainStep(GA_2014)]


def test_golden_chain_of_2014() -> None:
    chain = vote_chain(dprk_like(), STEPS)
    assert chain.row("PRK").verdict is ChainVerdict.CONSISTENT
    assert chain.row("PRK").stances == (-1, -1, -1)
    assert chain.row("USA").stances == (1, 1, 1)
    assert chain.row("IND").verdict is ChainVerdict.CONSISTENT  # abstained throughout
    # voted for Cuba's amendment, then yes on the draft and the resolution
    assert chain.with_verdict(ChainVerdict.REVERSED) == ("BWA",)
    assert chain.row("BWA").positions == (Vote.YES, Vote.YES, Vote.YES)
    counts = dict(chain.verdict_counts)
    assert sum(counts.values()) == 16
    assert chain.patterns[0] == ((Vote.YES, Vote.NO, Vote.NO), 7)


def test_shifted_and_incomplete() -> None:
    chain = vote_chain(dprk_like(), [ChainStep(GA_2014), ChainStep(15)])
    assert chain.row("LAO").verdict is ChainVerdict.SHIFTED  # no, then abstain
    assert chain.row("SYR").verdict is ChainVerdict.INCOMPLETE  # no, then non-voting
    with pytest.raises(ValueError, match="at least one step"):
        vote_chain(dprk_like(), [])


@settings(deadline=None)
@given(roll_matrices(max_decisions=4))
def test_single_step_chains_are_incomplete_and_stances_follow_positions(rolls: RollMatrix) -> None:
    if rolls.n_decisions == 0:
        return
    chain = vote_chain(rolls, [ChainStep(d) for d in rolls.decision_ids])
    for row in chain.rows:
        for position, stance in zip(row.positions, row.stances, strict=True):
            expected = {Vote.YES: 1, Vote.NO: -1, Vote.ABSTAIN: 0}.get(position) if position else None
            assert stance == expected
    assert sum(n for _, n in chain.patterns) == rolls.n_countries
    single = vote_chain(rolls, [ChainStep(rolls.decision_ids[0])])
    assert all(r.verdict is ChainVerdict.INCOMPLETE for r in single.rows)
