"""The pipeline on a real SQLite file: merging sources, inferring non-voting, findings, atomicity."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from pathlib import Path

import pytest

from tests.batches import batch, decision
from unvotes import ingest, reports, store
from unvotes.errors import InputError, StoreError
from unvotes.model import (
    Acknowledgement,
    Body,
    DecisionKind,
    DecisionLink,
    Disassociation,
    FileRole,
    FindingKind,
    LinkRelation,
    NonVotingReason,
    Series,
    SourceBatch,
    SourceKind,
    SponsorCount,
    SponsorRole,
    Sponsorship,
    Vote,
)
from unvotes.reference.countries import load_registry

Y, N, A = Vote.YES, Vote.NO, Vote.ABSTAIN


def _loader(b: SourceBatch) -> tuple[str, ingest.BatchLoader]:
    return (b.kind.value, lambda: b)


def _two_sources() -> list[SourceBatch]:
    old = batch(
        SourceKind.VOETEN_2017,
        [decision("4001", "A/RES/69/188", "2014-12-18", totals=(2, 1, 1))],
        {"4001": {"USA": Y, "KOR": Y, "PRK": N, "CHN": A, "FRA": NonVotingReason.ABSENT}},
    )
    new = batch(
        SourceKind.VOETEN_2021,
        [decision("4001", "A/RES/69/188", "2014-12-18"), decision("4002", "A/RES/69/189", "2014-12-18")],
        {"4001": {"USA": Y, "KOR": Y, "PRK": N, "CHN": N}, "4002": {"USA": Y}},
        lists_only_voters=True,
    )
    return [old, new]


def test_same_decision_from_two_sources_is_stored_once(db_path: Path) -> None:
    report = ingest.build(db_path, [_loader(b) for b in _two_sources()])
    assert [s.decisions_merged for s in report.sources] == [0, 1]
    con = store.open_db(db_path, read_only=True)
    (n,) = con.execute("SELECT count(*) FROM decisions WHERE symbol = 'A/RES/69/188'").fetchone()
    assert n == 1
    accounts = con.execute(
        "SELECT count(*) FROM decision_sources JOIN decisions AS d USING (decision_id) WHERE d.symbol = 'A/RES/69/188'"
    ).fetchone()[0]
    assert accounts == 2
    # voeten2017 ranks above voeten2021, so its roll is shown, absence included
    table = reports.votes_table(con, "A/RES/69/188")
    votes = {r["country_code"]: (r["vote"], r["reason"]) for r in table.records()}
    assert votes["FRA"] == ("non_voting", "absent")
    assert votes["CHN"] == ("abstain", None)


def _with_records_of_every_role() -> SourceBatch:
    """A batch whose sponsorships come from a file of their own, with one record of every kind."""
    draft = decision("r2", "A/C.3/69/L.28", "2014-11-18", body=Body.C3, kind=DecisionKind.DRAFT)
    resolution = dataclasses.replace(decision("r1", "A/RES/69/188", "2014-12-18"), topics=("hr",))
    b = batch(SourceKind.UNXML, [resolution, draft], {"r1": {"USA": Y}})
    (main,) = b.files
    sponsors_file = dataclasses.replace(
        main, file_name="sponsors.csv", sha256="0" * 64, roles=frozenset({FileRole.SPONSORSHIPS})
    )
    return dataclasses.replace(
        b,
        files=(main, sponsors_file),
        sponsorships=(Sponsorship("r1", "JPN", SponsorRole.INITIAL, "Japan"), Sponsorship("r1", "FRA", None)),
        sponsor_counts=(SponsorCount("r1", None, None, 59, "total only", "a press release"),),
        disassociations=(Disassociation("r1", "CHN", True, "partial list"),),
        links=(DecisionLink("r2", "r1", LinkRelation.BECAME),),
        acknowledgements=(Acknowledgement("r1", FindingKind.TOTALS_VS_ROLL, "announced otherwise"),),
        series=Series("s", "A series"),
    )


def test_each_record_is_stored_as_given_under_the_file_of_its_role(db_path: Path) -> None:
    ingest.build(db_path, [_loader(_with_records_of_every_role())])
    con = sqlite3.connect(db_path)

    def rows(sql: str) -> list[tuple[object, ...]]:
        return con.execute(sql).fetchall()

    assert rows("SELECT source_id, file_name FROM sources") == [(1, "unxml.csv"), (2, "sponsors.csv")]
    # sponsorships and (falling back to them) sponsor counts from the sponsors file, the rest from the main file
    assert rows("SELECT decision_id, country_code, role, name_as_recorded, note, source_id FROM sponsorships") == [
        (1, "JPN", "initial", "Japan", None, 2),
        (1, "FRA", None, None, None, 2),
    ]
    assert rows("SELECT decision_id, total_count, note, citation, source_id FROM sponsor_counts") == [
        (1, 59, "total only", "a press release", 2)
    ]
    assert rows("SELECT decision_id, country_code, is_partial_list, note, source_id FROM disassociations") == [
        (1, "CHN", 1, "partial list", 1)
    ]
    assert rows("SELECT from_decision_id, to_decision_id, relation, source_id FROM decision_links") == [
        (2, 1, "became", 1)
    ]
    assert rows("SELECT decision_id, topic, source_id FROM decision_topics") == [(1, "hr", 1)]
    assert rows("SELECT decision_id, kind, explanation, source_id FROM acknowledgements") == [
        (1, "totals_vs_roll", "announced otherwise", 1)
    ]
    assert rows("SELECT series, decision_id, decision_key, source_id FROM series_decisions ORDER BY 2") == [
        ("s", 1, "r1", 1),
        ("s", 2, "r2", 1),
    ]
    assert rows("SELECT DISTINCT source_id FROM positions") == [(1,)]


def test_unlisted_members_are_inferred_non_voting(db_path: Path) -> None:
    report = ingest.build(db_path, [_loader(b) for b in _two_sources()])
    members = len(load_registry().members_on(__import__("datetime").date(2014, 12, 18)))
    new = report.sources[1]
    assert new.positions_inferred == (members - 4) + (members - 1)
    assert new.positions - new.positions_inferred == 5
    con = store.open_db(db_path, read_only=True)
    table = reports.votes_table(con, "A/RES/69/189")
    assert len(table.rows) == members
    inferred = [r for r in table.records() if r["is_inferred"]]
    assert len(inferred) == members - 1
    assert all(r["vote"] == "non_voting" and r["reason"] == "not_listed" for r in inferred)


def test_findings_list_totals_and_disagreements(db_path: Path) -> None:
    report = ingest.build(db_path, [_loader(b) for b in _two_sources()])
    kinds = {(d.symbol, d.kind): d.detail for d in report.discrepancies}
    # official 2-1-1 vs counted 2 yes, 1 no, 1 abstain: consistent, so no totals finding ...
    assert ("A/RES/69/188", "totals_vs_roll") not in kinds
    # ... but the two sources disagree on China
    assert "CHN abstain/no" in kinds[("A/RES/69/188", "sources_disagree_positions")]


def test_totals_that_do_not_add_up_are_stored_and_reported(db_path: Path) -> None:
    b = batch(
        SourceKind.OHCHR,
        [decision("77", "A/HRC/RES/7/15", "2008-03-27", totals=(22, 7, 18))],
        {"77": {"USA": Y, "CHN": N}},
    )
    report = ingest.build(db_path, [_loader(b)])
    [finding] = [d for d in report.discrepancies if d.kind == "totals_vs_roll"]
    assert finding.detail == "official 22-7-18, counted 1-1-0"
    con = store.open_db(db_path, read_only=True)
    row = con.execute("SELECT yes_count, no_count, abstain_count FROM decisions").fetchone()
    assert row == (22, 7, 18)


def _bad_loader() -> SourceBatch:
    raise InputError("bad vote code 'Q'", path="votes.csv", line=7, expected="Y, N or A")


def test_failed_build_leaves_previous_database_intact(db_path: Path) -> None:
    ingest.build(db_path, [_loader(b) for b in _two_sources()])
    before = db_path.read_bytes()
    with pytest.raises(InputError, match=r"votes.csv, line 7: bad vote code"):
        ingest.build(db_path, [_loader(_two_sources()[0]), ("broken", _bad_loader)])
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir()] == [db_path.name]


@pytest.mark.parametrize("broken_at", [0, 3, 7])
def test_a_failed_read_stops_the_readers_ahead(db_path: Path, broken_at: int) -> None:
    """More sources than reader threads, one of them bad: the build fails with its error, and
    every reader that started has returned (none is left waiting for room)."""
    started: list[int] = []
    finished: list[int] = []

    def slow(n: int) -> tuple[str, ingest.BatchLoader]:
        def load() -> SourceBatch:
            started.append(n)
            time.sleep(0.02)
            finished.append(n)
            return _two_sources()[0]

        return (f"source {n}", load)

    loaders = [slow(n) for n in range(8)]
    loaders[broken_at] = ("broken", _bad_loader)
    with pytest.raises(InputError, match=r"votes.csv, line 7: bad vote code"):
        ingest.build(db_path, loaders)
    assert sorted(started) == sorted(finished)
    assert len(started) <= ingest.READ_AHEAD + 1 + broken_at
    assert not db_path.exists()
    assert list(db_path.parent.iterdir()) == []


def test_failed_ingest_writes_nothing(db_path: Path) -> None:
    ingest.build(db_path, [_loader(_two_sources()[0])])
    con = sqlite3.connect(db_path)
    count = con.execute("SELECT count(*) FROM positions").fetchone()[0]
    con.close()
    with pytest.raises(InputError):
        ingest.ingest(db_path, [_loader(_two_sources()[1]), ("broken", _bad_loader)])
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM positions").fetchone()[0] == count
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 1


def test_ingest_adds_and_refuses_to_duplicate_a_file(db_path: Path) -> None:
    first, second = _two_sources()
    ingest.build(db_path, [_loader(first)])
    report = ingest.ingest(db_path, [_loader(second)])
    assert report.sources[0].decisions_merged == 1
    again = ingest.ingest(db_path, [_loader(second)])
    assert again.sources[0].status.startswith("already ingested")
    con = store.open_db(db_path, read_only=True)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 2


def test_a_roll_equal_to_one_already_stored_is_stored_once(db_path: Path) -> None:
    roll = {"USA": Y, "KOR": Y, "PRK": N, "CHN": N}
    first = batch(SourceKind.VOETEN_2017, [decision("9", "A/RES/70/172", "2015-12-17")], {"9": roll})
    second = batch(
        SourceKind.VOETEN_2021,
        [decision("9", "A/RES/70/172", "2015-12-17")],
        {"9": roll},
        lists_only_voters=True,
    )
    report = ingest.build(db_path, [_loader(first), _loader(second)])
    assert report.sources[1].positions == 0
    assert report.sources[1].positions_stored_once > 4  # the four listed plus the members inferred
    con = store.open_db(db_path, read_only=True)
    shares = con.execute("SELECT shares_roll FROM decision_sources ORDER BY priority").fetchall()
    assert shares == [(0,), (1,)]
    table = reports.votes_table(con, "A/RES/70/172")
    assert {r["country_code"]: r["vote"] for r in table.records()} == {k: v.value for k, v in roll.items()}
    assert not [d for d in report.discrepancies if d.kind == "sources_disagree_positions"]


def test_a_writer_holding_the_lock_keeps_out_the_others(db_path: Path) -> None:
    first, second = _two_sources()
    ingest.build(db_path, [_loader(first)])
    before = db_path.read_bytes()
    with store.writer_lock(db_path):
        for write in (ingest.ingest, ingest.build):
            with pytest.raises(StoreError, match=rf"another writer is at work on this database \(pid {os.getpid()}:"):
                write(db_path, [_loader(second)])
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir()] == [db_path.name]
    assert ingest.ingest(db_path, [_loader(second)]).sources[0].decisions_merged == 1
