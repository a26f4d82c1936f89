"""Known facts, checked on the real shared source files (skipped when they are absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from unvotes.model import (
    VOTE_CODES,
    AdoptionMethod,
    NonVotingReason,
    Outcome,
    SourceBatch,
    SourceKind,
    SponsorRole,
    Vote,
)
from unvotes.sources import READERS, detect

pytestmark = pytest.mark.shared

YES, NO, ABSTAIN = VOTE_CODES[Vote.YES], VOTE_CODES[Vote.NO], VOTE_CODES[Vote.ABSTAIN]


@pytest.fixture(scope="module")
def batches(shared_data: Path) -> dict[SourceKind, SourceBatch]:
    found = detect(shared_data)
    return {kind: READERS[kind](paths) for kind, paths in found.groups.items()}


def roll(batch: SourceBatch, ref: str) -> dict[str, int]:
    index = [d.ref for d in batch.decisions].index(ref)
    rows = batch.positions.decision == index
    return dict(zip(batch.positions.country[rows].tolist(), batch.positions.vote[rows].tolist(), strict=True))


def decision(batch: SourceBatch, symbol: str) -> int:
    matches = [i for i, d in enumerate(batch.decisions) if d.symbol == symbol]
    assert len(matches) == 1, symbol
    return matches[0]


def test_detect_finds_every_source(shared_data: Path) -> None:
    found = detect(shared_data)
    assert set(found.groups) == {
        SourceKind.VOETEN_2021,
        SourceKind.VOETEN_2017,
        SourceKind.UNXML,
        SourceKind.OHCHR,
        SourceKind.C3_DPRK,
    }
    reasons = Counter(i.reason for i in found.ignored)
    assert reasons["derived copy of the unxml JSONL"] == 2
    assert reasons["regional groups table, not votes"] == 2


def test_voeten2021_dprk_2014(batches: dict[SourceKind, SourceBatch]) -> None:
    batch = batches[SourceKind.VOETEN_2021]
    # 6,202 roll calls in the file, five of them a second copy of a resolution's roll call (kept once)
    assert len(batch.decisions) == 6197 and len(batch.positions) == 869_937 - 850
    assert [(s.reason[:40], s.rows) for s in batch.skipped] == [
        ("resolution's roll call listed twice in t", 5),
        ("vote row of a roll call listed twice (ke", 850),
    ]
    got = roll(batch, batch.decisions[decision(batch, "A/RES/69/188")].ref)
    assert Counter(got.values()) == {YES: 116, NO: 20, ABSTAIN: 53}
    assert {c: got[c] for c in ("PRK", "CHN", "RUS", "CUB", "KOR", "USA")} == {
        "PRK": NO, "CHN": NO, "RUS": NO, "CUB": NO, "KOR": YES, "USA": YES,
    }  # fmt: skip


def test_voeten2017_matches_2021(batches: dict[SourceKind, SourceBatch]) -> None:
    old, new = batches[SourceKind.VOETEN_2017], batches[SourceKind.VOETEN_2021]
    assert {d.ref for d in old.decisions} <= {d.ref for d in new.decisions}
    sample = [d.ref for d in old.decisions[:: len(old.decisions) // 40]]
    for ref in sample:
        voted = {c: v for c, v in roll(old, ref).items() if v != VOTE_CODES[Vote.NON_VOTING]}
        assert voted == roll(new, ref), ref
    by_ref = {d.ref: d for d in new.decisions}
    dprk = old.decisions[decision(old, "A/RES/69/188")]
    assert (dprk.yes_count, dprk.no_count, dprk.abstain_count) == (116, 20, 53)
    assert by_ref[dprk.ref].symbol == dprk.symbol and by_ref[dprk.ref].date == dprk.date
    # Voeten marks states absent on roll calls before their admission (or in a merger's gap): those
    # rows are no positions of members and are counted, not stored
    assert {s.reason: s.rows for s in old.skipped} == {
        "not a UN member (Voeten code 9)": 254_521,
        "absent code for a state that was not a UN member that day": 1_188,
    }
    absent = old.positions.reason[old.positions.vote == VOTE_CODES[Vote.NON_VOTING]]
    assert np.all(absent == 1) and len(absent) == 73_328 - 1_188
    assert NonVotingReason.ABSENT.value == "absent"


def test_unxml_dprk(batches: dict[SourceKind, SourceBatch]) -> None:
    batch = batches[SourceKind.UNXML]
    for symbol, sponsors_kor in (("A/RES/76/177", False), ("A/RES/77/226", True)):
        d = batch.decisions[decision(batch, symbol)]
        assert d.adoption_method is AdoptionMethod.WITHOUT_VOTE and d.outcome is Outcome.ADOPTED
        kor = [s.role for s in batch.sponsorships if s.decision_ref == d.ref and s.country_code == "KOR"]
        assert kor == ([SponsorRole.INITIAL] if sponsors_kor else [])
    skipped = {s.reason: s.rows for s in batch.skipped}
    assert skipped["adoption modality blank in the source (not guessed)"] == 4
    assert skipped["earlier copy of a re-uploaded record (the last copy is kept)"] == 39


def test_ohchr_dprk_2003(batches: dict[SourceKind, SourceBatch]) -> None:
    batch = batches[SourceKind.OHCHR]
    d = batch.decisions[decision(batch, "E/CN.4/RES/2003/10")]
    assert (d.yes_count, d.no_count, d.abstain_count) == (28, 10, 14)
    got = roll(batch, d.ref)
    assert Counter(v for v in got.values() if v != VOTE_CODES[Vote.NON_VOTING]) == {
        YES: 28,
        NO: 10,
        ABSTAIN: 14,
    }
    assert got["KOR"] == VOTE_CODES[Vote.NON_VOTING] and got["USA"] == YES and got["CHN"] == NO


def test_third_committee_cuban_amendment(batches: dict[SourceKind, SourceBatch]) -> None:
    batch = batches[SourceKind.C3_DPRK]
    d = batch.decisions[decision(batch, "A/C.3/69/L.63")]
    assert d.outcome is Outcome.REJECTED and (d.yes_count, d.no_count, d.abstain_count) == (40, 77, 50)
    got = roll(batch, d.ref)
    assert Counter(got.values()) == {YES: 40, NO: 77, ABSTAIN: 50}
    assert [(k.from_ref, k.to_ref) for k in batch.links] == [(d.ref, "69-SR47-1")]
