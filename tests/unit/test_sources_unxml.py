"""The DGACM JSON-lines reader on records written in the upstream shape."""

from __future__ import annotations

import datetime as dt
import json
import lzma
from pathlib import Path
from typing import Any

import pytest

from unvotes.errors import (
    DuplicatePositionError,
    HeaderError,
    InputError,
    UnknownCodeError,
    UnknownCountryError,
)
from unvotes.model import VOTE_CODES, AdoptionMethod, Outcome, SourceBatch, SponsorRole, Vote
from unvotes.sources.unxml import read_unxml


def record(symbol: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "symbol": symbol,
        "resolution_number": symbol.removeprefix("A/RES/") + ".",
        "title": "Situation of human rights",
        "session": "Seventy-seventh session",
        "adoption_meeting": "54th plenary meeting",
        "adoption_date": "15 December 2022",
        "originating_document": "A/77/463/Add.3, para. 32",
        "report_paragraph": "32",
        "committee": "Third Committee",
        "agenda_item": "Agenda item 68 (c)",
        "agenda_item_name": "Promotion and protection of human rights",
        "adoption_type": "Without a vote",
        "MS_in_favour_count": "0",
        "MS_against_count": "0",
        "MS_abstaining_count": "0",
        "pv": "A/77/PV.54",
        "MS_in_favour": [],
        "MS_against": [],
        "MS_abstaining": [],
        "sponsors": [],
        "additional_sponsors": [],
        "SDGs": [],
        "subjects": [["Human rights", "UNBIS Thesaurus"]],
        "_source_file": "data_extract/77.json",
    }
    base.update(fields)
    return base


RECORDS = [
    record(
        "A/RES/76/177",
        adoption_date="2021-12-16 00:00:00",
        sponsors=["AUSTRIA", "SUBMITTED BY THE CHAIR OF THE COMMITTEE"],
    ),
    record(
        "A/RES/77/226",
        adoption_date="15\xa0December 2022",
        voting_type="adoptedWithoutVote",
        sponsors=["REPUBLIC OF KOREA", "Cuba (on behalf of the Group of 77 and China) and Chile"],
        additional_sponsors=["REPUBLIC OF KOREA", "GE RMANY", "JAPAN\xa0"],
    ),
    record(
        "A/RES/74/7",
        adoption_type="By a recorded vote",
        adoption_date="2019-11-07 00:00:00",
        originating_document="A/74/L.6",
        MS_in_favour_count="3",
        MS_against_count="N.A.",
        MS_abstaining_count="1",
        MS_in_favour=["CUBA", "CHILE", "NORWAY"],
        MS_abstaining=["UNITED STATES"],
        sponsors=["CUBA"],
    ),
    record("A/RES/79/259 A-C", adoption_type="", voting_type="", sponsors=["FRANCE"]),
]
REUPLOAD = record(
    "A/RES/74/7",
    adoption_type="By a recorded vote",
    adoption_date="2019-11-07 00:00:00",
    MS_in_favour_count="3",
    MS_against_count="N.A.",
    MS_abstaining_count="1",
    MS_in_favour=["CUBA", "CHILE", "NORWAY"],
    MS_abstaining=["UNITED STATES"],
    sponsors=["CUBA"],
    additional_sponsors=["MEXICO"],
)


def write(directory: Path, lines: list[str], name: str = "unxml_ga_resolutions.jsonl.xz") -> Path:
    path = directory / name
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(lzma.compress(data) if name.endswith(".xz") else data)
    return path


def read(directory: Path, records: list[dict[str, Any]], extra: tuple[str, ...] = ()) -> SourceBatch:
    return read_unxml([write(directory, [json.dumps(r) for r in records] + list(extra))])


def test_decisions_positions_and_skips(tmp_path: Path) -> None:
    batch = read(tmp_path, [*RECORDS, REUPLOAD])
    assert batch.lists_only_voters
    by_ref = {d.ref: d for d in batch.decisions}
    assert list(by_ref) == ["A/RES/76/177", "A/RES/77/226", "A/RES/74/7"]
    plain = by_ref["A/RES/76/177"]
    assert plain.adoption_method is AdoptionMethod.WITHOUT_VOTE and plain.outcome is Outcome.ADOPTED
    assert plain.yes_count is None and plain.date == dt.date(2021, 12, 16) and plain.session == 76
    assert by_ref["A/RES/77/226"].date == dt.date(2022, 12, 15)
    voted = by_ref["A/RES/74/7"]
    assert voted.adoption_method is AdoptionMethod.RECORDED_VOTE
    assert (voted.yes_count, voted.no_count, voted.abstain_count) == (3, None, 1)
    assert voted.line == 5  # the re-upload on line 5 is the copy kept
    assert voted.meeting_symbol == "A/77/PV.54" and voted.draft_symbol is None
    rows = dict(zip(batch.positions.country.tolist(), batch.positions.vote.tolist(), strict=True))
    assert rows == {"CUB": 1, "CHL": 1, "NOR": 1, "USA": VOTE_CODES[Vote.ABSTAIN]}
    assert set(batch.positions.line.tolist()) == {5}
    skipped = {s.reason: s.rows for s in batch.skipped}
    assert skipped["earlier copy of a re-uploaded record (the last copy is kept)"] == 1
    assert skipped["adoption modality blank in the source (not guessed)"] == 1
    assert skipped["state listed again as sponsor of the same resolution"] == 1
    assert skipped["sponsor entry names a chair, rapporteur, bureau or committee, not a state"] == 1
    assert {(r.country_code, r.name) for r in batch.recorded_names} >= {("USA", "UNITED STATES")}


def test_sponsors(tmp_path: Path) -> None:
    batch = read(tmp_path, [*RECORDS, REUPLOAD])
    by_decision: dict[str, list[tuple[str, SponsorRole]]] = {}
    for s in batch.sponsorships:
        by_decision.setdefault(s.decision_ref, []).append((s.country_code, s.role))
    assert by_decision["A/RES/76/177"] == [("AUT", SponsorRole.INITIAL)]
    assert by_decision["A/RES/77/226"] == [
        ("KOR", SponsorRole.INITIAL),
        ("CUB", SponsorRole.INITIAL),
        ("CHL", SponsorRole.INITIAL),
        ("DEU", SponsorRole.ADDITIONAL),
        ("JPN", SponsorRole.ADDITIONAL),
    ]
    assert ("MEX", SponsorRole.ADDITIONAL) in by_decision["A/RES/74/7"]


def test_line_that_is_not_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a JSON object") as err:
        read(tmp_path, RECORDS, extra=('{"symbol": "A/RES/1/1",',))
    assert "unxml_ga_resolutions.jsonl.xz, line 5" in str(err.value)


def test_missing_fields(tmp_path: Path) -> None:
    broken = record("A/RES/74/8")
    del broken["MS_in_favour"]
    with pytest.raises(HeaderError, match="missing MS_in_favour") as err:
        read(tmp_path, [RECORDS[0], broken])
    assert err.value.line == 2


def test_unknown_name_in_a_list(tmp_path: Path) -> None:
    bad = record("A/RES/74/9", adoption_type="By a recorded vote", MS_in_favour=["CUBA", "ATLANTIS"])
    with pytest.raises(UnknownCountryError, match="ATLANTIS") as err:
        read(tmp_path, [RECORDS[0], bad])
    assert "unxml_ga_resolutions.jsonl.xz, line 2" in str(err.value)


def test_unknown_sponsor(tmp_path: Path) -> None:
    with pytest.raises(UnknownCountryError, match="ATLANTIS") as err:
        read(tmp_path, [RECORDS[0], record("A/RES/74/9", sponsors=["ATLANTIS"])])
    assert err.value.line == 2


def test_state_in_two_lists(tmp_path: Path) -> None:
    bad = record("A/RES/74/9", adoption_type="By a recorded vote", MS_in_favour=["CUBA"], MS_against=["CHILE", "CUBA"])
    with pytest.raises(DuplicatePositionError, match="CUB on decision A/RES/74/9") as err:
        read(tmp_path, [RECORDS[0], bad])
    assert "unxml_ga_resolutions.jsonl.xz, line 2" in str(err.value)


def test_unknown_adoption_type(tmp_path: Path) -> None:
    with pytest.raises(UnknownCodeError, match="'By consensus'") as err:
        read(tmp_path, [RECORDS[0], record("A/RES/74/9", adoption_type="By consensus")])
    assert err.value.line == 2 and "'Without a vote'" in str(err.value)


def test_bad_date(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="adoption_date '31 Smarch 2020'") as err:
        read(tmp_path, [record("A/RES/74/9", adoption_date="31 Smarch 2020")])
    assert "line 1" in str(err.value)
