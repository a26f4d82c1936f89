"""One state's record over a series: its position on every decision, beside its group's.

Sponsorships and dissociations are inputs (decision id -> set of country codes), as is group
membership (country code -> group name). The *group position* on a decision is the plurality
position among the **other** members of the state's group that voted yes, no or abstain
(non-voting and absent members are left out); a tie gives no group position. ``group_share`` is
the share of those voters holding it, so a plurality below 0.5 is visible.

A position of ``None`` means no position is recorded: the state was not a member, the source lists
only voters, or the decision was adopted without a vote (then ``has_disassociated`` is the only
individual signal).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.analysis.rolls import ABSTAIN, NO, YES, DecisionInfo, RollMatrix, vote_of
from unvotes.model import AdoptionMethod, Vote

__all__ = ["CountryRecord", "RecordEntry", "RecordSummary", "country_record"]

_GROUP_RULE = "plurality of yes/no/abstain among the other members of the group; tie = none"
_PLURALITY_CODES = (YES, NO, ABSTAIN)


@dataclass(frozen=True, slots=True)
class RecordEntry:
    decision: DecisionInfo
    position: Vote | None
    is_sponsor: bool
    has_disassociated: bool
    group_position: Vote | None
    group_share: float | None  #: share of the group's other voters holding ``group_position``
    is_with_group: bool | None  #: None unless both the state and its group took yes/no/abstain


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """Counts over the entries; ``yes + no + abstain + non_voting + no_position`` = decisions."""

    decisions: int
    yes: int
    no: int
    abstain: int
    non_voting: int
    no_position: int
    without_vote: int
    sponsored: int
    disassociated: int
    with_group: int
    against_group: int


@dataclass(frozen=True, slots=True)
class CountryRecord:
    country_code: str
    group: str | None
    entries: tuple[RecordEntry, ...]  #: chronological
    summary: RecordSummary
    group_rule: str


def country_record(
    rolls: RollMatrix,
    country_code: str,
    *,
    sponsors: Mapping[int, Collection[str]] | None = None,
    disassociations: Mapping[int, Collection[str]] | None = None,
    groups: Mapping[str, str] | None = None,
) -> CountryRecord:
    """Every decision of ``rolls`` with the state's position, sponsorship, dissociation and group.

    Formula: group position = argmax over {yes, no, abstain} of the count among the other group
    members (unique maximum only); group share = that count / (their yes + no + abstain).
    Reference: the member-page shape of voteview.com (Lewis et al., *Voteview: Congressional
    Roll-Call Votes Database*, 2019-), applied to UN decisions.

    >>> import numpy as np
    >>> from unvotes.model import Body
    >>> info = (DecisionInfo(decision_id=1, body=Body.GA, year=2014),)
    >>> rolls = RollMatrix(countries=("BLR", "CUB", "RUS"), decisions=info,
    ...                    votes=np.array([[3], [3], [2]], np.int8))
    >>> r = country_record(rolls, "RUS", groups={"BLR": "EEG", "RUS": "EEG", "CUB": "GRULAC"})
    >>> r.entries[0].position, r.entries[0].group_position, r.summary.against_group
    (<Vote.ABSTAIN: 'abstain'>, <Vote.NO: 'no'>, 1)
    """
    row = rolls.country_index(country_code)
    groups = groups or {}
    group = groups.get(country_code)
    mates = [i for i, c in enumerate(rolls.countries) if group is not None and groups.get(c) == group and i != row]
    plurality, share = _group_positions(rolls.votes[mates])
    sponsors = sponsors or {}
    disassociations = disassociations or {}
    entries = []
    for j in sorted(range(rolls.n_decisions), key=lambda k: rolls.decisions[k].sort_key):
        info = rolls.decisions[j]
        position = vote_of(int(rolls.votes[row, j]))
        group_position = vote_of(int(plurality[j]))
        comparable = position in (Vote.YES, Vote.NO, Vote.ABSTAIN) and group_position is not None
        entries.append(
            RecordEntry(
                decision=info,
                position=position,
                is_sponsor=country_code in sponsors.get(info.decision_id, ()),
                has_disassociated=country_code in disassociations.get(info.decision_id, ()),
                group_position=group_position,
                group_share=None if group_position is None else float(share[j]),
                is_with_group=(position == group_position) if comparable else None,
            )
        )
    return CountryRecord(
        country_code=country_code,
        group=group,
        entries=tuple(entries),
        summary=_summary(entries),
        group_rule=_GROUP_RULE,
    )


def _group_positions(
    block: npt.NDArray[np.int8],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float64]]:
    """Per column: plurality code among yes/no/abstain (0 on ties or no voters) and its share."""
    counts = np.stack([(block == code).sum(axis=0) for code in _PLURALITY_CODES])
    if counts.shape[1] == 0:
        return np.zeros(0, np.int8), np.zeros(0)
    top = counts.max(axis=0)
    is_unique = (counts == top).sum(axis=0) == 1
    codes = np.array(_PLURALITY_CODES, dtype=np.int8)[counts.argmax(axis=0)]
    plurality = np.where(is_unique & (top > 0), codes, 0).astype(np.int8)
    voters = counts.sum(axis=0)
    share = np.divide(top, voters, out=np.zeros(len(top)), where=voters > 0)
    return plurality, share


def _summary(entries: list[RecordEntry]) -> RecordSummary:
    def count(vote: Vote | None) -> int:
        return sum(e.position == vote for e in entries)

    return RecordSummary(
        decisions=len(entries),
        yes=count(Vote.YES),
        no=count(Vote.NO),
        abstain=count(Vote.ABSTAIN),
        non_voting=count(Vote.NON_VOTING),
        no_position=count(None),
        without_vote=sum(e.decision.adoption_method is AdoptionMethod.WITHOUT_VOTE for e in entries),
        sponsored=sum(e.is_sponsor for e in entries),
        disassociated=sum(e.has_disassociated for e in entries),
        with_group=sum(e.is_with_group is True for e in entries),
        against_group=sum(e.is_with_group is False for e in entries),
    )
