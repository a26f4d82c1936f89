"""Consistency of each state along a chain: draft -> amendment(s) -> committee vote -> plenary vote.

Every step says whether a yes supports the text (``supports_text=True``: the draft, the committee
and plenary votes, a friendly amendment) or opposes it (a hostile amendment such as Cuba's
A/C.3/69/L.63, which would have struck the referral paragraphs of A/C.3/69/L.28/Rev.1).
A position becomes a *stance*: +1 for the text, -1 against, 0 abstaining; non-voting and absent
states have no stance on that step.

Verdicts over the steps with a stance: ``consistent`` (one stance throughout), ``shifted`` (moved
between abstention and one side), ``reversed`` (for the text on one step, against it on another,
e.g. yes on the hostile amendment, then yes on the draft), ``incomplete`` (fewer than two stances).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from unvotes.analysis.rolls import DecisionInfo, RollMatrix, vote_of
from unvotes.model import Vote

__all__ = ["ChainResult", "ChainRow", "ChainStep", "ChainVerdict", "vote_chain"]


class ChainVerdict(StrEnum):
    CONSISTENT = "consistent"
    SHIFTED = "shifted"
    REVERSED = "reversed"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True, slots=True)
class ChainStep:
    decision_id: int
    supports_text: bool = True  #: False for a hostile amendment or a no-action motion


@dataclass(frozen=True, slots=True)
class ChainRow:
    country_code: str
    positions: tuple[Vote | None, ...]  #: one per step; None = not a member / no position
    stances: tuple[int | None, ...]  #: +1 for the text, -1 against, 0 abstain, None no stance
    verdict: ChainVerdict


@dataclass(frozen=True, slots=True)
class ChainResult:
    steps: tuple[ChainStep, ...]
    decisions: tuple[DecisionInfo, ...]
    rows: tuple[ChainRow, ...]  #: sorted by country code
    verdict_counts: tuple[tuple[ChainVerdict, int], ...]  #: every verdict, in enum order
    patterns: tuple[tuple[tuple[Vote | None, ...], int], ...]  #: position sequences, most frequent first

    def row(self, country_code: str) -> ChainRow:
        for r in self.rows:
            if r.country_code == country_code:
                return r
        raise ValueError(f"country {country_code!r} is not in the chain")

    def with_verdict(self, verdict: ChainVerdict) -> tuple[str, ...]:
        return tuple(r.country_code for r in self.rows if r.verdict is verdict)


_STANCE = {Vote.YES: 1, Vote.NO: -1, Vote.ABSTAIN: 0}


def vote_chain(rolls: RollMatrix, steps: Sequence[ChainStep]) -> ChainResult:
    """Each state's positions along ordered ``steps`` and whether they hold together.

    Formula: stance = s · v with v = +1 yes, -1 no, 0 abstain and s = +1 if a yes supports the
    text else -1; consistent if all stances are equal, reversed if both +1 and -1 occur, else shifted.
    Reference: the amendment-and-final-passage comparisons of Clinton, Jackman & Rivers, "The
    Statistical Analysis of Roll Call Data", APSR 98(2), 2004.

    >>> import numpy as np
    >>> from unvotes.model import Body, DecisionKind
    >>> info = (DecisionInfo(decision_id=63, body=Body.C3, year=2014, kind=DecisionKind.AMENDMENT),
    ...         DecisionInfo(decision_id=28, body=Body.C3, year=2014, kind=DecisionKind.DRAFT))
    >>> rolls = RollMatrix(countries=("CUB", "JPN", "XXX"), decisions=info,
    ...                    votes=np.array([[1, 3], [3, 1], [1, 1]], np.int8))
    >>> chain = vote_chain(rolls, [ChainStep(63, supports_text=False), ChainStep(28)])
    >>> [r.verdict.value for r in chain.rows]
    ['consistent', 'consistent', 'reversed']
    """
    if not steps:
        raise ValueError("a chain needs at least one step")
    cols = [rolls.decision_index(s.decision_id) for s in steps]
    rows = []
    for i, country in enumerate(rolls.countries):
        positions = tuple(vote_of(int(rolls.votes[i, j])) for j in cols)
        stances = tuple(_stance(p, s) for p, s in zip(positions, steps, strict=True))
        rows.append(ChainRow(country, positions, stances, _verdict(stances)))
    rows.sort(key=lambda r: r.country_code)
    verdicts = Counter(r.verdict for r in rows)
    patterns = Counter(r.positions for r in rows)
    return ChainResult(
        steps=tuple(steps),
        decisions=tuple(rolls.decisions[j] for j in cols),
        rows=tuple(rows),
        verdict_counts=tuple((v, verdicts.get(v, 0)) for v in ChainVerdict),
        patterns=tuple(sorted(patterns.items(), key=lambda kv: (-kv[1], _pattern_key(kv[0])))),
    )


def _stance(position: Vote | None, step: ChainStep) -> int | None:
    if position is None or position not in _STANCE:
        return None
    value = _STANCE[position]
    return value if step.supports_text else -value


def _verdict(stances: tuple[int | None, ...]) -> ChainVerdict:
    known = {s for s in stances if s is not None}
    if sum(s is not None for s in stances) < 2:
        return ChainVerdict.INCOMPLETE
    if len(known) == 1:
        return ChainVerdict.CONSISTENT
    if {1, -1} <= known:
        return ChainVerdict.REVERSED
    return ChainVerdict.SHIFTED


def _pattern_key(pattern: tuple[Vote | None, ...]) -> tuple[str, ...]:
    return tuple("~" if p is None else p.value for p in pattern)
