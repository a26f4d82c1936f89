"""Small source batches built in memory for pipeline tests (real records, no files)."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np

from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    FileRole,
    NonVotingReason,
    PositionColumns,
    SourceBatch,
    SourceFile,
    SourceKind,
    Vote,
)


def decision(
    ref: str,
    symbol: str,
    day: str,
    *,
    body: Body = Body.GA,
    kind: DecisionKind = DecisionKind.RESOLUTION,
    method: AdoptionMethod = AdoptionMethod.RECORDED_VOTE,
    totals: tuple[int, int, int] | None = None,
    title: str | None = None,
) -> Decision:
    yes, no, abstain = totals if totals else (None, None, None)
    return Decision(
        ref=ref,
        body=body,
        kind=kind,
        adoption_method=method,
        symbol=symbol,
        date=dt.date.fromisoformat(day),
        title=title or f"Resolution {symbol}",
        yes_count=yes,
        no_count=no,
        abstain_count=abstain,
    )


def batch(
    kind: SourceKind,
    decisions: list[Decision],
    rolls: dict[str, dict[str, Vote | NonVotingReason]],
    *,
    lists_only_voters: bool = False,
    salt: str = "",
) -> SourceBatch:
    """``rolls[ref][country] = Vote`` or a NonVotingReason (stored as non_voting with that reason)."""
    index = {d.ref: i for i, d in enumerate(decisions)}
    dec, cty, vote, reason = [], [], [], []
    for ref, roll in rolls.items():
        for code, value in roll.items():
            dec.append(index[ref])
            cty.append(code)
            if isinstance(value, NonVotingReason):
                vote.append(VOTE_CODES[Vote.NON_VOTING])
                reason.append(REASON_CODES[value])
            else:
                vote.append(VOTE_CODES[value])
                reason.append(0)
    n = len(dec)
    positions = PositionColumns(
        decision=np.array(dec, np.int32),
        country=np.array(cty, "<U3"),
        vote=np.array(vote, np.int8),
        reason=np.array(reason, np.int8),
        is_inferred=np.zeros(n, np.bool_),
        line=np.arange(2, n + 2, dtype=np.int64),
    )
    digest = hashlib.sha256(f"{kind}{salt}{[d.ref for d in decisions]}".encode()).hexdigest()
    roles = frozenset({FileRole.DECISIONS, FileRole.POSITIONS})
    files = (SourceFile(kind, f"{kind.value}{salt}.csv", digest, n, f"test data for {kind.value}", roles),)
    return SourceBatch(
        kind=kind,
        files=files,
        decisions=tuple(decisions),
        positions=positions,
        lists_only_voters=lists_only_voters,
    )
