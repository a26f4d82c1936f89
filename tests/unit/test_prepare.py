"""A batch coded for the store: packed positions, inferred non-voting members, roll signatures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import numpy as np
import pytest

from tests.batches import batch, decision
from unvotes.errors import UnknownCountryError, UnvotesError
from unvotes.ingest.prepare import pack, prepare
from unvotes.ingest.reconcile import RollRows, same_rolls, signatures
from unvotes.model import REASON_CODES, VOTE_CODES, NonVotingReason, SourceKind, SponsorRole, Sponsorship, Vote
from unvotes.reference.countries import load_registry

Y, N, A = Vote.YES, Vote.NO, Vote.ABSTAIN


@pytest.mark.parametrize(
    "values",
    [[0], [9], [10], [999, 1000, 1001], [7, 42, 0], list(range(0, 10**6, 997)), [2**40 + 3, 5]],
)
def test_pack_writes_json_that_reads_back(values: list[int]) -> None:
    text, offset = pack(np.array(values, np.int64))
    assert [n - offset for n in json.loads(text)] == values


def test_pack_of_nothing() -> None:
    assert pack(np.zeros(0, np.int64)) == ("[]", 0)


def _codes_of(prepared_country: np.ndarray, codes: tuple[str, ...]) -> list[str]:
    return [codes[i] for i in prepared_country.tolist()]


def test_prepare_codes_positions_in_key_order_with_inferred_members() -> None:
    registry = load_registry()
    b = batch(
        SourceKind.UNXML,
        [decision("r1", "A/RES/69/188", "2014-12-18"), decision("r2", "A/RES/69/189", "2014-12-18")],
        {"r2": {"USA": Y, "PRK": N}, "r1": {"KOR": Y, "CHN": A}},
        lists_only_voters=True,
    )
    p = prepare(b, registry)
    members = len(registry.members_on(dt.date(2014, 12, 18)))
    assert len(p.decision) == 2 * members
    # (decision, state) order, the listed rows with their votes, every other member inferred
    assert p.packed.tolist() == sorted(p.packed.tolist())
    first = p.decision == 0
    assert _codes_of(p.country[first], p.codes) == sorted(registry.members_on(dt.date(2014, 12, 18)))
    listed = {
        p.codes[c]: v for c, v, i in zip(p.country[first], p.vote[first], p.is_inferred[first], strict=True) if not i
    }
    assert listed == {"CHN": VOTE_CODES[A], "KOR": VOTE_CODES[Y]}
    assert int(p.is_inferred.sum()) == 2 * members - 4
    # each packed number decodes to its row
    decoded = p.packed // 1000
    assert (decoded // p.width == p.decision).all()
    assert (decoded % p.width == p.country).all()
    assert ((p.packed % 1000) // 100 == p.vote).all()
    not_listed = REASON_CODES[NonVotingReason.NOT_LISTED]
    assert ((p.packed % 100) // 10 == np.where(p.is_inferred, not_listed, 0)).all()
    # the payload is the packed numbers, offset
    assert [n - p.offset for n in json.loads(p.payload)] == p.packed.tolist()


def test_prepare_signatures_match_those_of_the_stored_rows() -> None:
    registry = load_registry()
    b = batch(
        SourceKind.VOETEN_2017,
        [decision("r1", "A/RES/69/188", "2014-12-18")],
        {"r1": {"USA": Y, "PRK": N, "FRA": NonVotingReason.ABSENT}},
    )
    p = prepare(b, registry)
    rows = RollRows(np.full(3, 5), np.full(3, 40), p.country, p.vote)
    stored = signatures(rows)
    assert np.array_equal(stored.voted, p.voted)
    assert np.array_equal(stored.absent, p.absent)
    assert np.array_equal(p.absent, p.absent_listed)  # nothing inferred here
    # the same roll from another source is recognised; a changed vote is not
    other = signatures(RollRows(np.full(3, 6), np.full(3, 40), p.country, p.vote))
    assert same_rolls(stored, other) == {40: 5}
    changed = signatures(RollRows(np.full(3, 6), np.full(3, 40), p.country, np.array([1, 1, 8], np.int8)))
    assert same_rolls(stored, changed) == {}


def test_prepare_refuses_an_unknown_country_code() -> None:
    b = batch(SourceKind.VOETEN_2017, [decision("r1", "A/RES/69/188", "2014-12-18")], {"r1": {"XXX": Y}})
    with pytest.raises(UnknownCountryError, match="'XXX'"):
        prepare(b, load_registry())


def test_prepare_places_sponsorships_and_refuses_one_of_an_unknown_decision() -> None:
    # how the store writes them: tests/integration/test_ingest.py, test_each_record_is_stored_...
    b = batch(SourceKind.UNXML, [decision("r1", "A/RES/69/188", "2014-12-18")], {"r1": {"USA": Y}})
    sponsors = (Sponsorship("r1", "JPN", SponsorRole.INITIAL, "Japan"), Sponsorship("r1", "FRA", None))
    with_sponsors = dataclasses.replace(b, sponsorships=sponsors)
    assert prepare(with_sponsors, load_registry()).sponsorships == [(0, sponsors[0]), (0, sponsors[1])]
    stray = dataclasses.replace(b, sponsorships=(Sponsorship("r9", "JPN", SponsorRole.INITIAL),))
    with pytest.raises(UnvotesError, match="unxml: record refers to unknown decision 'r9'"):
        prepare(stray, load_registry())
