"""Voeten 2021 and 2017 readers on small excerpts in the exact upstream layouts."""

from __future__ import annotations

import datetime as dt
import lzma
from pathlib import Path

import pytest

from unvotes.errors import DuplicatePositionError, InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    DecisionKind,
    FileRole,
    NonVotingReason,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.sources.voeten import read_voeten2017, read_voeten2021
from unvotes.sources.voeten_symbols import un_symbol

ROLL_CALLS = """rcid,session,importantvote,date,unres,amend,para,short,descr
3,1.0,0,1946-01-01,R/1/66,1,0,"AMENDMENTS, RULES OF PROCEDURE","TO ADOPT A CUBAN AMENDMENT TO THE UK PROPOSAL"
1506,29.0,0,1974-12-02,R/29/3255A,0,1,NAPALM,TO ADOPT PARAGRAPH A
1571,29.0,0,1974-12-06,R/29/3396,0,0,NAMIBIA,NAMIBIA
1600,30.0,0,1975-11-10,R/30/3379,0,0,ZIONISM,ZIONISM
1618,30.0,0,1975-12-07,R/30/3586,0,0,NEW ECONOMIC ORDER,NIEO
5377,69.0,1,2014-12-18,R/69/188,,,,Situation of human rights in the Democratic People's Republic of Korea
"""
VOTES = """rcid,country,country_code,vote
3,United States,US,yes
3,Russia,RU,no
3,Yugoslavia,YU,abstain
3,Czechoslovakia,CS,no
5377,North Korea,KP,no
5377,China,CN,no
5377,Russia,RU,no
5377,Cuba,CU,no
5377,South Korea,KR,yes
5377,United States,US,yes
5377,Yugoslavia,YU,yes
1600,Yemen Arab Republic,,yes
"""
ISSUES = """rcid,short_name,issue
5377,hr,Human rights
1600,me,Palestinian conflict
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    data = text.encode("utf-8")
    path.write_bytes(lzma.compress(data) if name.endswith(".xz") else data)
    return path


def read_2021(tmp_path: Path, votes: str = VOTES, calls: str = ROLL_CALLS) -> SourceBatch:
    return read_voeten2021(
        [
            write(tmp_path, "voeten2021_un_votes.csv.xz", votes),
            write(tmp_path, "voeten2021_un_roll_calls.csv", calls),
            write(tmp_path, "voeten2021_un_roll_call_issues.csv.xz", ISSUES),
        ]
    )


def roll(batch: SourceBatch, ref: str) -> dict[str, int]:
    index = [d.ref for d in batch.decisions].index(ref)
    rows = batch.positions.decision == index
    return dict(zip(batch.positions.country[rows].tolist(), batch.positions.vote[rows].tolist(), strict=True))


def test_2021_decisions(tmp_path: Path) -> None:
    batch = read_2021(tmp_path)
    assert batch.kind is SourceKind.VOETEN_2021 and batch.lists_only_voters
    by_ref = {d.ref: d for d in batch.decisions}
    dprk = by_ref["5377"]
    assert dprk.symbol == "A/RES/69/188"
    assert dprk.date == dt.date(2014, 12, 18)
    assert dprk.kind is DecisionKind.RESOLUTION  # amend/para blank: not coded
    assert dprk.is_important is True and dprk.topics == ("hr",) and dprk.outcome is None
    assert dprk.title is None and dprk.description and dprk.description.startswith("Situation")
    assert by_ref["3"].kind is DecisionKind.AMENDMENT and by_ref["3"].symbol == "R/1/66"
    assert by_ref["1506"].kind is DecisionKind.PARAGRAPH
    assert by_ref["1506"].symbol == "A/RES/3255(XXIX)[A]"
    assert by_ref["1600"].symbol == "A/RES/3379(XXX)"
    assert by_ref["1571"].symbol == "R/29/3396"  # not below session 30's numbers
    assert by_ref["1618"].symbol == "R/30/3586"  # above 3541
    assert [f.rows_read for f in batch.files] == [6, 12, 2]
    assert [f.roles for f in batch.files] == [{FileRole.DECISIONS}, {FileRole.POSITIONS}, set()]
    assert batch.file_index(FileRole.POSITIONS) == 1


def test_2021_positions_follow_seat_holders(tmp_path: Path) -> None:
    batch = read_2021(tmp_path)
    yes, no = VOTE_CODES[Vote.YES], VOTE_CODES[Vote.NO]
    assert roll(batch, "5377") == {
        "PRK": no, "CHN": no, "RUS": no, "CUB": no, "KOR": yes, "USA": yes, "SRB": yes,
    }  # fmt: skip
    assert roll(batch, "3") == {"USA": yes, "SUN": no, "YUG": VOTE_CODES[Vote.ABSTAIN], "CSK": no}
    assert roll(batch, "1600") == {"YEM": yes}
    assert batch.positions.line.tolist() == list(range(2, 14))
    names = {(r.country_code, r.name): r for r in batch.recorded_names}
    assert names[("SRB", "Yugoslavia")].rows == 1
    assert names[("YUG", "Yugoslavia")].first_date == dt.date(1946, 1, 1)


def test_2021_unknown_rcid(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"rcid '999' is not in voeten2021_un_roll_calls\.csv") as err:
        read_2021(tmp_path, VOTES + "999,Cuba,CU,yes\n")
    assert "voeten2021_un_votes.csv.xz, line 14" in str(err.value)


def test_2021_unknown_vote(tmp_path: Path) -> None:
    with pytest.raises(UnknownCodeError) as err:
        read_2021(tmp_path, VOTES + "3,Cuba,CU,maybe\n")
    text = str(err.value)
    assert "voeten2021_un_votes.csv.xz, line 14" in text and "'maybe'" in text and "'abstain'" in text


def test_2021_duplicate_position(tmp_path: Path) -> None:
    with pytest.raises(DuplicatePositionError) as err:
        read_2021(tmp_path, VOTES + "5377,Cuba,CU,yes\n")
    assert "voeten2021_un_votes.csv.xz, line 14" in str(err.value)
    assert "CUB on decision 5377" in str(err.value) and "first on line 9" in str(err.value)


def test_2021_unknown_country(tmp_path: Path) -> None:
    with pytest.raises(UnknownCountryError) as err:
        read_2021(tmp_path, VOTES + "3,Atlantis,,yes\n")
    assert "voeten2021_un_votes.csv.xz, line 14" in str(err.value) and "Atlantis" in str(err.value)


def test_2021_bad_date(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="date '1946-13-01'") as err:
        read_2021(tmp_path, calls=ROLL_CALLS.replace("1946-01-01", "1946-13-01"))
    assert "voeten2021_un_roll_calls.csv, line 2" in str(err.value)


def test_un_symbol() -> None:
    assert un_symbol("R/70/55A", 70) == "A/RES/70/55 A"
    assert un_symbol("R/42/70/A", 42) == "A/RES/42/70 A"
    assert un_symbol("R/34/233/IX", 34) == "R/34/233/IX"
    assert un_symbol("A/RES/ES-10/19", 72) == "A/RES/ES-10/19"
    assert un_symbol("R/677/46", 67) == "R/677/46"
    assert un_symbol("", 5) is None


VOTES_2017 = """rcid,session,vote,ccode,member,importantvote,date,unres,me,nu,di,hr,co,ec,year
3,1,1,2,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0
3,1,3,365,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0
3,1,9,31,,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0
3,1,8,345,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0
5377,69,3,731,1,1,12/18/2014,R/69/188,0,0,0,1,0,0,2014.0
5377,69,3,365,1,1,12/18/2014,R/69/188,0,0,0,1,0,0,2014.0
5377,69,1,2,1,1,12/18/2014,R/69/188,0,0,0,1,0,0,2014.0
5377,69,1,345,1,1,12/18/2014,R/69/188,0,0,0,1,0,0,2014.0
5377,69,8,732,1,1,12/18/2014,R/69/188,0,0,0,1,0,0,2014.0
610,14,1,2,1,0,12/2/1959,R/14/746B,0,0,0,1,0,0,1959.0
"""
DESCRIPTIONS = (
    "session,rcid,abstain,yes,no,importantvote,date,unres,amend,para,short,descr,me,nu,di,hr,co,ec\n"
    '1,3,0,1,1,0,1946-01-01,R/1/66,1.0,0.0,"AMENDMENTS","TO ADOPT A CUBAN AMENDMENT",0.0,0.0,0.0,0.0,0.0,0\n'
    "69,5377,53,116,20,1,2014-12-18,R/69/188,,,,Situation of human rights in the DPRK,0.0,0.0,0.0,1.0,0.0,0\n"
    # Upstream fault kept: short swallowed descr through a TAB, the flags shifted one column right.
    '14,610,21,55,4,0,1959-12-02,R/14/746B,0.0,1.0,"ALGERIA\tTO ADOPT 3RD PREAMBULAR PARAGRAPH",'
    "0,0.0,0.0,0.0,1.0,0.0,\n"
)


def read_2017(tmp_path: Path, votes: str = VOTES_2017, descriptions: str | None = DESCRIPTIONS) -> SourceBatch:
    paths = [write(tmp_path, "voeten2017_UNVotesPublished.csv.xz", votes)]
    if descriptions is not None:
        paths.append(write(tmp_path, "voeten2017_descriptions1-70.csv", descriptions))
    return read_voeten2017(paths)


def test_2017_with_descriptions(tmp_path: Path) -> None:
    batch = read_2017(tmp_path)
    assert not batch.lists_only_voters
    by_ref = {d.ref: d for d in batch.decisions}
    dprk = by_ref["5377"]
    assert (dprk.yes_count, dprk.no_count, dprk.abstain_count) == (116, 20, 53)
    assert dprk.symbol == "A/RES/69/188" and dprk.topics == ("hr",)
    # The row whose short swallowed descr through a TAB is realigned.
    algeria = by_ref["610"]
    assert algeria.title == "ALGERIA" and algeria.description == "TO ADOPT 3RD PREAMBULAR PARAGRAPH"
    assert algeria.topics == ("co",) and algeria.kind is DecisionKind.PARAGRAPH  # flags shifted back
    assert [s.reason for s in batch.skipped] == ["not a UN member (Voeten code 9)"]
    assert batch.skipped[0].rows == 1
    absent = VOTE_CODES[Vote.NON_VOTING]
    assert roll(batch, "3") == {"USA": 1, "SUN": 3, "YUG": absent}
    assert roll(batch, "5377") == {"PRK": 3, "RUS": 3, "USA": 1, "SRB": 1, "KOR": absent}
    reasons = batch.positions.reason[batch.positions.vote == absent]
    assert set(reasons.tolist()) == {REASON_CODES[NonVotingReason.ABSENT]}
    assert [f.file_name for f in batch.files] == [
        "voeten2017_descriptions1-70.csv",
        "voeten2017_UNVotesPublished.csv.xz",
    ]


def test_2017_votes_only(tmp_path: Path) -> None:
    batch = read_2017(tmp_path, descriptions=None)
    by_ref = {d.ref: d for d in batch.decisions}
    assert by_ref["5377"].date == dt.date(2014, 12, 18) and by_ref["5377"].yes_count is None
    assert by_ref["5377"].is_important is True and by_ref["610"].symbol == "R/14/746B"
    assert len(batch.positions) == 9 and batch.file_index(FileRole.POSITIONS) == 0
    assert batch.files[0].roles == {FileRole.DECISIONS, FileRole.POSITIONS}


def test_2017_errors_name_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(UnknownCodeError) as code:
        read_2017(tmp_path, VOTES_2017 + "3,1,7,20,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0\n")
    assert "voeten2017_UNVotesPublished.csv.xz, line 12" in str(code.value) and "'7'" in str(code.value)
    with pytest.raises(DuplicatePositionError) as dup:
        read_2017(tmp_path, VOTES_2017 + "3,1,2,2,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0\n")
    assert "line 12" in str(dup.value) and "first on line 2" in str(dup.value)
    with pytest.raises(UnknownCountryError) as country:
        read_2017(tmp_path, VOTES_2017 + "3,1,2,9999,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0\n")
    assert "voeten2017_UNVotesPublished.csv.xz, line 12" in str(country.value)
    with pytest.raises(InputError, match=r"is not in voeten2017_descriptions1-70\.csv") as rcid:
        read_2017(tmp_path, VOTES_2017 + "4,1,2,2,1,0,1/1/1946,R/1/66,0,0,0,0,0,0,1946.0\n")
    assert "line 12" in str(rcid.value)
    with pytest.raises(InputError, match="date '13/1/1946'") as date:
        read_2017(tmp_path, VOTES_2017.replace("1/1/1946", "13/1/1946"), descriptions=None)
    assert "line 2" in str(date.value)
