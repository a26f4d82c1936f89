"""The OHCHR (CHR/HRC) reader on excerpts in the upstream layout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import lzma
from pathlib import Path

import pytest

from unvotes.errors import DuplicatePositionError, InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    DecisionKind,
    FileRole,
    LinkRelation,
    NonVotingReason,
    Outcome,
    SourceBatch,
    Vote,
)
from unvotes.sources.ohchr import RESOLUTIONS, read_ohchr


def resolution(record_id: str, symbol: str, vote_type: str, **fields: str) -> dict[str, str]:
    row = dict.fromkeys(RESOLUTIONS.required, "")
    row.update(
        record_id=record_id,
        symbol=symbol,
        title="Situation of human rights : resolution /",
        date="2003-04-16",
        body="Commission on Human Rights",
        collection="Voting Collection",
        vote_type=vote_type,
        record_url=f"https://searchlibrary.ohchr.org/record/{record_id}",
    )
    row.update(fields)
    return row


RESOLUTIONS_ROWS = [
    resolution(
        "21499",
        "E/CN.4/RES/2003/10",
        "RECORDED",
        meeting="E/CN.4/2003/SR.52",
        draft="Draft resolution E/CN.4/2003/L.31/Rev.1",
        yes="28",
        no="10",
        abstain="14",
        nonvoting="1",
        total="53",
    ),
    resolution("25344", "E/HR/RES", "NON-RECORDED, no voting information available", date="1946-05-16"),
    resolution("25333", "E/HR/RES", "ADOPTED WITHOUT VOTE", date="1946-05-16"),
    resolution("30001", "A/HRC/7/L.6", "WITHDRAWN", body="Human Rights Council"),
    resolution(
        "31207",
        "A/HRC/2/L.48",
        "RECORDED",
        body="Human Rights Council",
        title="Implementation of resolution 60/251 : amendment /",
        draft="Amendment A/HRC/2/L.48 to draft resolution A/HRC/2/L.1 Rejected by a recorded vote",
        yes="20",
        no="22",
        abstain="4",
        nonvoting="1",
    ),
    resolution(
        "31300",
        "A/HRC/RES/2/1",
        "ADOPTED WITHOUT VOTE",
        body="Human Rights Council",
        meeting="Adopted at the 31st meeting",
        draft="Draft resolution A/HRC/2/L.1",
        url_resolution="https://undocs.org/A/HRC/RES/2/1",
    ),
]
VOTES = """record_id,symbol,date,body,iso3,country,un_group,vote
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,CHN,China,ASIA_PACIFIC,N
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,RUS,Russian Federation,EEG,N
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,CUB,Cuba,GRULAC,N
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,KOR,Republic Of Korea,ASIA_PACIFIC,.
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,USA,United States,WEOG,Y
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,,Sweden,WEOG,A
21499,E/CN.4/RES/2003/10,2003-04-16,CHR,PER,Peru,GRULAC,
31207,A/HRC/2/L.48,2006-10-03,HRC,CUB,Cuba,GRULAC,Y
"""


def resolutions_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(RESOLUTIONS.required), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read(directory: Path, votes: str = VOTES, rows: list[dict[str, str]] = RESOLUTIONS_ROWS) -> SourceBatch:
    res = directory / "ohchr_chr_hrc_resolutions.csv.xz"
    res.write_bytes(lzma.compress(resolutions_csv(rows).encode()))
    long = directory / "ohchr_chr_hrc_votes_long.csv"
    long.write_text(votes, encoding="utf-8")
    return read_ohchr([long, res])


def test_decisions(tmp_path: Path) -> None:
    batch = read(tmp_path)
    by_ref = {d.ref: d for d in batch.decisions}
    assert set(by_ref) == {"21499", "25344", "25333", "31207", "31300"}
    dprk = by_ref["21499"]
    assert dprk.body is Body.CHR and dprk.kind is DecisionKind.RESOLUTION
    assert (dprk.yes_count, dprk.no_count, dprk.abstain_count, dprk.non_voting_count) == (28, 10, 14, 1)
    assert dprk.outcome is Outcome.ADOPTED and dprk.date == dt.date(2003, 4, 16)
    assert dprk.title == "Situation of human rights" and dprk.meeting_symbol == "E/CN.4/2003/SR.52"
    assert dprk.draft_symbol == "E/CN.4/2003/L.31/Rev.1"
    assert dprk.url == "https://searchlibrary.ohchr.org/record/21499"
    assert by_ref["25344"].adoption_method is AdoptionMethod.NON_RECORDED_VOTE
    assert by_ref["25333"].adoption_method is AdoptionMethod.WITHOUT_VOTE
    amendment = by_ref["31207"]
    assert amendment.kind is DecisionKind.AMENDMENT and amendment.body is Body.HRC
    assert amendment.outcome is Outcome.REJECTED and amendment.draft_symbol == "A/HRC/2/L.48"
    assert by_ref["31300"].url == "https://undocs.org/A/HRC/RES/2/1"
    assert [(k.from_ref, k.to_ref, k.relation) for k in batch.links] == [("31207", "31300", LinkRelation.AMENDS)]
    assert {s.reason: s.rows for s in batch.skipped} == {"draft withdrawn before action (vote_type WITHDRAWN)": 1}
    assert not batch.lists_only_voters and batch.file_index(FileRole.POSITIONS) == 1


def test_positions(tmp_path: Path) -> None:
    batch = read(tmp_path)
    pos = batch.positions
    index = [d.ref for d in batch.decisions].index("21499")
    rows = pos.decision == index
    pairs = zip(pos.vote[rows].tolist(), pos.reason[rows].tolist(), strict=True)
    got = dict(zip(pos.country[rows].tolist(), pairs, strict=True))
    non_voting = VOTE_CODES[Vote.NON_VOTING]
    assert got == {
        "CHN": (3, 0),
        "RUS": (3, 0),
        "CUB": (3, 0),
        "KOR": (non_voting, REASON_CODES[NonVotingReason.DID_NOT_PARTICIPATE]),
        "USA": (1, 0),
        "SWE": (2, 0),  # no iso3: resolved by name
        "PER": (non_voting, 0),  # empty vote: not voting, no reason given
    }


def test_known_verbatim_repeat_is_counted(tmp_path: Path) -> None:
    rows = [*RESOLUTIONS_ROWS, resolution("21028", "E/CN.4/RES/1999/S-4/1", "RECORDED", date="1999-09-27")]
    repeat = "21028,E/CN.4/RES/1999/S-4/1,1999-09-27,CHR,PER,Peru,GRULAC,Y\n"
    batch = read(tmp_path, VOTES + repeat + repeat, rows)
    assert {s.reason: s.rows for s in batch.skipped}["vote row repeated verbatim in the source"] == 1
    assert len(batch.positions) == 9


def test_errors_name_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(UnknownCodeError) as code:
        read(tmp_path, VOTES + "31207,A/HRC/2/L.48,2006-10-03,HRC,USA,United States,WEOG,X\n")
    assert "ohchr_chr_hrc_votes_long.csv, line 10" in str(code.value) and "'X'" in str(code.value)
    with pytest.raises(DuplicatePositionError) as dup:
        read(tmp_path, VOTES + "21499,E/CN.4/RES/2003/10,2003-04-16,CHR,CHN,China,ASIA_PACIFIC,Y\n")
    assert "line 10" in str(dup.value) and "first on line 2" in str(dup.value)
    with pytest.raises(UnknownCountryError) as country:
        read(tmp_path, VOTES + "31207,A/HRC/2/L.48,2006-10-03,HRC,ATL,Atlantis,WEOG,Y\n")
    assert "ohchr_chr_hrc_votes_long.csv, line 10" in str(country.value)
    with pytest.raises(InputError, match="record_id '99' is not in the resolutions file") as record:
        read(tmp_path, VOTES + "99,A/HRC/2/L.48,2006-10-03,HRC,USA,United States,WEOG,Y\n")
    assert "line 10" in str(record.value)
    bad_date = [resolution("1", "E/CN.4/RES/1", "RECORDED", date="2003-02-30")]
    with pytest.raises(InputError, match="date '2003-02-30'") as date:
        read(tmp_path, "record_id,symbol,date,body,iso3,country,un_group,vote\n", bad_date)
    assert "ohchr_chr_hrc_resolutions.csv.xz, line 2" in str(date.value)
    with pytest.raises(UnknownCodeError, match="vote_type 'POSTPONED'") as kind:
        read(tmp_path, VOTES, [*RESOLUTIONS_ROWS, resolution("2", "E/CN.4/RES/2", "POSTPONED")])
    assert "line 8" in str(kind.value)
