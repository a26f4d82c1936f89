"""One roll call is one decision, whichever release, order or bytes it arrives in; `check` names
the pairs that still look like one decision stored twice."""

from __future__ import annotations

import dataclasses
import lzma
import sqlite3
from pathlib import Path

import pytest
from tests.batches import batch, decision

from unvotes import ingest, reports, sources, store
from unvotes.model import Decision, FindingKind, SourceBatch, SourceKind, Vote

Y, N, A = Vote.YES, Vote.NO, Vote.ABSTAIN
ROLL = {"USA": Y, "PRK": N, "CHN": A, "KOR": Y}


def _without_symbol(ref: str, day: str) -> Decision:
    """A Voeten roll call of the 1960s: an rcid and a date, no resolution symbol."""
    return dataclasses.replace(decision(ref, "", day), symbol=None, title=f"roll call {ref}")


def _release(kind: SourceKind, *, salt: str = "") -> SourceBatch:
    return batch(kind, [_without_symbol("1014", "1968-06-03")], {"1014": ROLL}, salt=salt)


def _decisions(db: Path) -> int:
    con = store.open_db(db, read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM decisions").fetchone()[0])
    finally:
        con.close()


def _loaders(*batches: SourceBatch) -> list[tuple[str, ingest.BatchLoader]]:
    return [(f"{b.kind.value}-{i}", lambda b=b: b) for i, b in enumerate(batches)]


@pytest.mark.parametrize("first", [SourceKind.VOETEN_2017, SourceKind.VOETEN_2021])
def test_one_roll_call_from_both_voeten_releases_is_one_decision(db_path: Path, first: SourceKind) -> None:
    second = SourceKind.VOETEN_2021 if first is SourceKind.VOETEN_2017 else SourceKind.VOETEN_2017
    report = ingest.build(db_path, _loaders(_release(first), _release(second)))
    assert [s.decisions_merged for s in report.sources] == [0, 1]
    assert _decisions(db_path) == 1
    con = store.open_db(db_path, read_only=True)
    accounts = con.execute("SELECT count(*), count(DISTINCT decision_id) FROM decision_sources").fetchone()
    con.close()
    assert tuple(accounts) == (2, 1)


def test_a_release_read_again_in_other_bytes_adds_no_decision(db_path: Path) -> None:
    ingest.build(db_path, _loaders(_release(SourceKind.VOETEN_2021)))
    again = _release(SourceKind.VOETEN_2021, salt="-decompressed")  # other bytes: another source file
    report = ingest.ingest(db_path, _loaders(again))
    assert report.sources[0].decisions_merged == 1
    assert _decisions(db_path) == 1


def test_check_names_a_probable_duplicate(db_path: Path) -> None:
    """Two datasets' accounts that no key can match (no symbol, other ids) but with the same roll."""
    voeten = batch(SourceKind.VOETEN_2021, [_without_symbol("7", "1968-06-03")], {"7": ROLL})
    undl = batch(SourceKind.UNDL_GA, [_without_symbol("U7", "1968-06-03")], {"U7": ROLL})
    other_day = batch(SourceKind.OHCHR, [_without_symbol("O7", "1968-06-04")], {"O7": ROLL})
    ingest.build(db_path, _loaders(voeten, undl, other_day))
    assert _decisions(db_path) == 3
    con = store.open_db(db_path, read_only=True)
    try:
        result = reports.audit(con)
    finally:
        con.close()
    found = [f for f in result.findings if f.kind is FindingKind.PROBABLE_DUPLICATE]
    assert [(f.date, f.is_acknowledged) for f in found] == [("1968-06-03", False)]
    assert not result.is_clean


def test_separate_votes_on_paragraphs_of_one_text_are_not_duplicates(db_path: Path) -> None:
    from unvotes.model import DecisionKind

    parts = [decision(r, "A/RES/63/69", "2008-12-02", kind=DecisionKind.PARAGRAPH) for r in ("p1", "p2")]
    ingest.build(db_path, _loaders(batch(SourceKind.VOETEN_2021, parts, {"p1": ROLL, "p2": ROLL})))
    con = store.open_db(db_path, read_only=True)
    try:
        assert store.probable_duplicates(con) == []
    finally:
        con.close()


def _reencoded(folder: Path, out: Path) -> list[Path]:
    """Voeten's 2021 release decompressed, with CRLF line ends: the same rows in other bytes."""
    out.mkdir()
    written = []
    for path in sorted((folder / "voeten").glob("voeten2021_*.csv.xz")):
        text = lzma.decompress(path.read_bytes()).decode("utf-8")
        target = out / path.name.removesuffix(".xz")
        target.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
        written.append(target)
    return written


@pytest.mark.shared
@pytest.mark.slow
def test_every_release_in_any_order_and_encoding_gives_the_same_decisions(shared_data: Path, tmp_path: Path) -> None:
    loaders = sources.detect(shared_data).loaders()
    forward, backward, again = tmp_path / "forward.db", tmp_path / "backward.db", tmp_path / "again.db"
    ingest.build(forward, loaders)
    ingest.build(backward, list(reversed(loaders)))
    ingest.build(again, loaders)
    reencoded = _reencoded(shared_data, tmp_path / "reencoded")
    report = ingest.ingest(again, [("voeten2021 reencoded", sources.loader_for(SourceKind.VOETEN_2021, reencoded))])
    assert report.sources[0].decisions_merged == report.sources[0].decisions > 6000
    counts = {_decisions(db) for db in (forward, backward, again)}
    assert len(counts) == 1, counts
    con = sqlite3.connect(forward)
    try:
        voeten = con.execute(
            """SELECT count(*) FROM (
                   SELECT ds.source_ref FROM decision_sources AS ds JOIN sources AS s USING (source_id)
               WHERE s.kind IN ('voeten2017', 'voeten2021')
               GROUP BY ds.source_ref HAVING count(DISTINCT ds.decision_id) > 1)"""
        ).fetchone()[0]
    finally:
        con.close()
    assert voeten == 0  # no rcid split over two decisions
