"""A source batch in the integer-coded form the store writes: pure work, no database.

The decision columns come from the store (:func:`unvotes.store.decision_values`), which owns
the row layout. A build prepares each batch on the thread that read it, so that this work overlaps with storing
the batch before it. Everything here depends on the batch and the country registry only; what
depends on the database (decision ids, rolls stored already) is left to :mod:`unvotes.ingest.merge`.

Each position becomes one integer ``(decision · W + state) · 1000 + vote · 100 + reason · 10 +
inferred``, where ``decision`` is the decision's place in the batch, ``state`` the state's index in
:attr:`~unvotes.reference.countries.CountryRegistry.sorted_codes` and ``W`` the number of states. Sorted,
these integers are the rows in primary-key order, and a JSON array of them crosses into SQLite as
one bound string. Sponsorships, the largest list of other records, are matched to their
decision's place here too, and go to the store as the model's records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unvotes.errors import UnvotesError
from unvotes.ingest.reconcile import roll_signatures
from unvotes.model import (
    REASON_CODES,
    SOURCE_DATASET,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    NonVotingReason,
    SourceBatch,
    SourceKind,
    Sponsorship,
    Vote,
)
from unvotes.reference.countries import CountryRegistry
from unvotes.store import decision_values

__all__ = ["DecisionKey", "PreparedBatch", "RecordKey", "decision_key", "pack", "prepare", "record_key"]

#: Bodies in which every UN member sits, so an unlisted member can be inferred as not voting.
_PLENARY_BODIES = frozenset({Body.GA, Body.C3})
_NON_VOTING = VOTE_CODES[Vote.NON_VOTING]

#: (body, kind, symbol, ISO date): how two sources' accounts of one decision are matched.
DecisionKey = tuple[str, str, str, str]


#: (dataset, the dataset's own id of the record): the same roll call in any release or encoding.
RecordKey = tuple[str, str]


def decision_key(d: Decision) -> DecisionKey | None:
    if not d.symbol or not d.date:
        return None
    return (d.body.value, d.kind.value, d.symbol, d.date.isoformat())


def record_key(kind: SourceKind, d: Decision) -> RecordKey:
    """The dataset's own id of a decision (:data:`~unvotes.model.SOURCE_DATASET`).

    >>> from unvotes.model import DecisionKind
    >>> d = Decision("1014", Body.GA, DecisionKind.RESOLUTION, AdoptionMethod.RECORDED_VOTE, None, None)
    >>> record_key(SourceKind.VOETEN_2017, d) == record_key(SourceKind.VOETEN_2021, d)
    True
    """
    return (SOURCE_DATASET[kind], d.ref)


def pack(packed: npt.NDArray[np.int64]) -> tuple[str, int]:
    """Packed positions (non-negative) as the JSON array the store binds, and the offset added to
    each: every number gets the same count of digits, so numpy writes the text column by column
    (a decimal digit at a time) instead of Python formatting each integer.

    >>> pack(np.array([7, 42, 0]))
    ('[107,142,100]', 100)
    """
    if len(packed) == 0:
        return "[]", 0
    digits = len(str(int(packed.max())))
    offset = 10**digits
    value = packed + offset
    text = np.empty((len(value), digits + 2), np.uint8)  # digits + 1 for the leading 1, then ","
    text[:, -1] = ord(",")
    for column in range(digits, -1, -1):
        text[:, column] = value % 10 + ord("0")
        value //= 10
    return "[" + text.tobytes()[:-1].decode("ascii") + "]", offset


@dataclass(frozen=True, eq=False)
class PreparedBatch:
    """A batch with its positions coded as integers, rows in (decision, state) order.

    ``decision``, ``country``, ``vote`` and ``is_inferred`` are parallel arrays over the rows
    (the listed positions and the inferred non-voting members); ``decision`` is the place in
    ``batch.decisions``. ``voted``, ``absent`` and ``absent_listed`` are the roll signatures of
    each decision of the batch (see :class:`~unvotes.ingest.reconcile.RollSignatures`): ``absent`` over
    every non-voting row, ``absent_listed`` over those the source lists.
    """

    batch: SourceBatch
    codes: tuple[str, ...]  #: the registry's sorted codes, which ``country`` indexes
    keys: list[DecisionKey | None]
    record_keys: list[RecordKey]
    values: list[tuple[object, ...]]
    packed: npt.NDArray[np.int64]
    payload: str  #: :func:`pack` of ``packed``
    offset: int  #: added to each number of ``payload``
    decision: npt.NDArray[np.int64]
    country: npt.NDArray[np.int16]
    vote: npt.NDArray[np.int8]
    is_inferred: npt.NDArray[np.bool_]
    voted: npt.NDArray[np.float64]
    absent: npt.NDArray[np.float64]
    absent_listed: npt.NDArray[np.float64]
    #: each sponsorship with the place of its decision in ``batch.decisions``
    sponsorships: list[tuple[int, Sponsorship]]

    @property
    def width(self) -> int:
        return len(self.codes)


def _inferred_non_voting(
    batch: SourceBatch, registry: CountryRegistry, country: npt.NDArray[np.int16]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int16]]:
    """(decision, state index) of members on the day who are not listed in a recorded vote."""
    pos = batch.positions
    listed = np.zeros((len(batch.decisions), len(registry)), dtype=np.bool_)
    listed[pos.decision, country] = True
    eligible = np.array(
        [
            d.body in _PLENARY_BODIES and d.adoption_method is AdoptionMethod.RECORDED_VOTE and d.date is not None
            for d in batch.decisions
        ],
        dtype=np.bool_,
    ) & listed.any(axis=1)
    never = np.datetime64("9999-12-31")
    days = np.array([d.date or never for d in batch.decisions], dtype="datetime64[D]")
    missing = registry.membership_by_index(days) & ~listed & eligible[:, None]
    dec, cty = np.nonzero(missing)
    return dec.astype(np.int64), cty.astype(np.int16)


def _sponsorships(batch: SourceBatch) -> list[tuple[int, Sponsorship]]:
    """Each sponsorship with the place of its decision in the batch (the batch's largest list of
    records, so it is matched here, on the reader's thread)."""
    place = {d.ref: n for n, d in enumerate(batch.decisions)}
    missing = {s.decision_ref for s in batch.sponsorships} - place.keys()
    if missing:
        raise UnvotesError(f"{batch.kind.value}: record refers to unknown decision {min(missing)!r}")
    return [(place[s.decision_ref], s) for s in batch.sponsorships]


def prepare(batch: SourceBatch, registry: CountryRegistry) -> PreparedBatch:
    """Code ``batch`` for the store; an unknown country code, or a sponsorship of a decision the
    batch does not hold, raises."""
    pos = batch.positions
    country = registry.index_of(pos.country)
    decision = pos.decision.astype(np.int64)
    vote, reason, is_inferred = pos.vote, pos.reason, pos.is_inferred
    if batch.lists_only_voters and len(batch.decisions):
        dec, cty = _inferred_non_voting(batch, registry, country)
        decision = np.concatenate([decision, dec])
        country = np.concatenate([country, cty])
        vote = np.concatenate([vote, np.full(len(dec), _NON_VOTING, np.int8)])
        reason = np.concatenate([reason, np.full(len(dec), REASON_CODES[NonVotingReason.NOT_LISTED], np.int8)])
        is_inferred = np.concatenate([is_inferred, np.ones(len(dec), np.bool_)])
    codes = registry.sorted_codes
    width = len(codes)
    code = vote.astype(np.int64) * 100 + reason.astype(np.int64) * 10 + is_inferred.astype(np.int64)
    packed = (decision * width + country) * 1000 + code
    order = np.argsort(packed)
    packed = packed[order]
    decision, country, vote, is_inferred = decision[order], country[order], vote[order], is_inferred[order]
    payload, offset = pack(packed)
    non_voting = vote == _NON_VOTING
    voted, absent, absent_listed = roll_signatures(
        decision, len(batch.decisions), country, vote, [~non_voting, non_voting, non_voting & ~is_inferred]
    )
    return PreparedBatch(
        sponsorships=_sponsorships(batch),
        batch=batch,
        codes=codes,
        keys=[decision_key(d) for d in batch.decisions],
        record_keys=[record_key(batch.kind, d) for d in batch.decisions],
        values=[decision_values(d) for d in batch.decisions],
        packed=packed,
        payload=payload,
        offset=offset,
        decision=decision,
        country=country,
        vote=vote,
        is_inferred=is_inferred,
        voted=voted,
        absent=absent,
        absent_listed=absent_listed,
    )
