"""How a series of decisions was acted on, body by body and year by year.

For each decision of the selected kinds: how it was adopted, its tally, the yes share, and the
streaks it extends. Tallies come from the official counts when a source gives all three of yes, no
and abstain (``tally_source = "official"``), else from counting the roll (``"roll"``); both are kept.

Yes share = yes / (yes + no + abstain). Note that under rule 86 of the General Assembly's rules of
procedure (A/520/Rev.20) "members present and voting" are those casting yes or no, so the share here,
which keeps abstentions in the denominator, is lower than the majority the Assembly itself computes.

An *adoption streak* counts consecutive adopted decisions of one body ending at an entry; a
*without-vote streak* counts consecutive adoptions without a vote. A decision counts as adopted when
its ``outcome`` says so; without an outcome, an adoption without a vote is adopted and a voted
decision is adopted when yes > no (simple majority of those present and voting, rule 86); an
unknown outcome ends both streaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from unvotes.analysis.rolls import ABSTAIN, NO, NON_VOTING, YES, DecisionInfo, RollMatrix
from unvotes.model import AdoptionMethod, Body, DecisionKind, Outcome

__all__ = [
    "DEFAULT_TIMELINE_KINDS",
    "BodyTimeline",
    "Tally",
    "TallySource",
    "Timeline",
    "TimelineEntry",
    "series_timeline",
]

#: The texts themselves: resolutions and committee drafts (no amendments, paragraphs or procedure).
DEFAULT_TIMELINE_KINDS: tuple[DecisionKind, ...] = (DecisionKind.RESOLUTION, DecisionKind.DRAFT)


class TallySource(StrEnum):
    OFFICIAL = "official"  #: announced counts given with the decision
    ROLL = "roll"  #: counted from the positions in the matrix


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of one decision. ``non_voting`` is ``None`` when the source does not give it.

    >>> Tally(yes=116, no=20, abstain=53).yes_share
    0.6137566137566137
    """

    yes: int
    no: int
    abstain: int
    non_voting: int | None = None

    @property
    def voting(self) -> int:
        """yes + no + abstain."""
        return self.yes + self.no + self.abstain

    @property
    def yes_share(self) -> float | None:
        """yes / (yes + no + abstain); ``None`` when nobody voted."""
        return self.yes / self.voting if self.voting else None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    decision: DecisionInfo
    tally: Tally | None  #: the official tally if given, else the counted roll, else None
    tally_source: TallySource | None
    roll_tally: Tally | None  #: counted from the matrix, when the decision has positions there
    is_adopted: bool | None
    adoption_streak: int  #: consecutive adoptions of this body ending here (0 if not adopted)
    without_vote_streak: int  #: consecutive adoptions without a vote ending here

    @property
    def yes_share(self) -> float | None:
        return self.tally.yes_share if self.tally else None


@dataclass(frozen=True, slots=True)
class BodyTimeline:
    body: Body
    entries: tuple[TimelineEntry, ...]  #: in chronological order
    first_recorded_vote: DecisionInfo | None
    last_recorded_vote: DecisionInfo | None
    n_recorded_votes: int
    n_without_vote: int
    longest_adoption_streak: int
    longest_without_vote_streak: int
    current_adoption_streak: int  #: the streak ending at the last entry
    current_without_vote_streak: int

    def in_year(self, year: int) -> tuple[TimelineEntry, ...]:
        return tuple(e for e in self.entries if e.decision.year == year)


@dataclass(frozen=True, slots=True)
class Timeline:
    bodies: tuple[BodyTimeline, ...]  #: in the order of :class:`unvotes.model.Body`
    kinds: tuple[DecisionKind, ...]
    tally_rule: str
    adoption_rule: str

    def body(self, body: Body) -> BodyTimeline:
        for b in self.bodies:
            if b.body is body:
                return b
        raise ValueError(f"no decisions of body {body.value!r} in the timeline")


_TALLY_RULE = "official counts when yes, no and abstain are all given, else counted from the roll"
_ADOPTION_RULE = "outcome if given; else without_vote = adopted; else yes > no; unknown outcome ends streaks"


def series_timeline(
    rolls: RollMatrix,
    *,
    kinds: Iterable[DecisionKind] = DEFAULT_TIMELINE_KINDS,
    bodies: Iterable[Body] | None = None,
) -> Timeline:
    """Timeline of a series per body: adoption method, tallies, yes share, streaks, first/last vote.

    Formula: yes share = yes / (yes + no + abstain); streak_t = streak_{t-1} + 1 if decision t is
    adopted (resp. adopted without a vote), else 0. Reference: GA rules of procedure, rules 86-88.

    >>> import numpy as np
    >>> from unvotes.model import AdoptionMethod as M
    >>> info = [DecisionInfo(decision_id=1, body=Body.GA, year=2011, yes_count=123, no_count=16,
    ...                      abstain_count=51),
    ...         DecisionInfo(decision_id=2, body=Body.GA, year=2012, adoption_method=M.WITHOUT_VOTE),
    ...         DecisionInfo(decision_id=3, body=Body.GA, year=2013, adoption_method=M.WITHOUT_VOTE)]
    >>> ga = series_timeline(RollMatrix(countries=(), decisions=tuple(info),
    ...                                 votes=np.zeros((0, 3), np.int8))).body(Body.GA)
    >>> [e.without_vote_streak for e in ga.entries], round(ga.entries[0].yes_share, 3)
    ([0, 1, 2], 0.647)
    """
    wanted_kinds = tuple(kinds)
    wanted_bodies = set(bodies) if bodies is not None else set(Body)
    counted = _roll_tallies(rolls)
    by_body: dict[Body, list[tuple[DecisionInfo, Tally | None]]] = {}
    for info, roll in zip(rolls.decisions, counted, strict=True):
        if info.kind in wanted_kinds and info.body in wanted_bodies:
            by_body.setdefault(info.body, []).append((info, roll))
    out = tuple(
        _body_timeline(body, sorted(by_body[body], key=lambda pair: pair[0].sort_key))
        for body in Body
        if body in by_body
    )
    return Timeline(bodies=out, kinds=wanted_kinds, tally_rule=_TALLY_RULE, adoption_rule=_ADOPTION_RULE)


def _roll_tallies(rolls: RollMatrix) -> list[Tally | None]:
    """Per decision, the counted roll (``None`` where the column holds no position)."""
    counts = {code: (rolls.votes == code).sum(axis=0) for code in (YES, NO, ABSTAIN, NON_VOTING)}
    present = rolls.has_positions()
    return [
        Tally(
            yes=int(counts[YES][j]),
            no=int(counts[NO][j]),
            abstain=int(counts[ABSTAIN][j]),
            non_voting=int(counts[NON_VOTING][j]),
        )
        if present[j]
        else None
        for j in range(rolls.n_decisions)
    ]


def _official(info: DecisionInfo) -> Tally | None:
    if info.yes_count is None or info.no_count is None or info.abstain_count is None:
        return None
    return Tally(info.yes_count, info.no_count, info.abstain_count, info.non_voting_count)


def _is_adopted(info: DecisionInfo, tally: Tally | None) -> bool | None:
    if info.outcome is not None:
        return info.outcome is Outcome.ADOPTED
    if info.adoption_method is AdoptionMethod.WITHOUT_VOTE:
        return True
    return None if tally is None else tally.yes > tally.no


def _body_timeline(body: Body, pairs: list[tuple[DecisionInfo, Tally | None]]) -> BodyTimeline:
    entries: list[TimelineEntry] = []
    adopted_run = quiet_run = 0
    for info, roll in pairs:
        official = _official(info)
        tally = official or roll
        source = TallySource.OFFICIAL if official else (TallySource.ROLL if roll else None)
        adopted = _is_adopted(info, tally)
        adopted_run = adopted_run + 1 if adopted else 0
        without_vote = bool(adopted) and info.adoption_method is AdoptionMethod.WITHOUT_VOTE
        quiet_run = quiet_run + 1 if without_vote else 0
        entries.append(TimelineEntry(info, tally, source, roll, adopted, adopted_run, quiet_run))
    recorded = [e.decision for e in entries if e.decision.is_recorded_vote]
    return BodyTimeline(
        body=body,
        entries=tuple(entries),
        first_recorded_vote=recorded[0] if recorded else None,
        last_recorded_vote=recorded[-1] if recorded else None,
        n_recorded_votes=len(recorded),
        n_without_vote=sum(e.decision.adoption_method is AdoptionMethod.WITHOUT_VOTE for e in entries),
        longest_adoption_streak=max((e.adoption_streak for e in entries), default=0),
        longest_without_vote_streak=max((e.without_vote_streak for e in entries), default=0),
        current_adoption_streak=entries[-1].adoption_streak if entries else 0,
        current_without_vote_streak=entries[-1].without_vote_streak if entries else 0,
    )
