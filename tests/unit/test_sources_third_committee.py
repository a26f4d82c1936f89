"""The Third Committee DPRK reader on excerpts in the upstream layout."""

from __future__ import annotations

import datetime as dt
import lzma
from pathlib import Path

import pytest

from unvotes.errors import DuplicatePositionError, InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import Body, DecisionKind, LinkRelation, Outcome, SourceBatch
from unvotes.sources.third_committee import read_c3_dprk

EVENTS = (
    "event_id,session,sr_symbol,meeting_date,kind,draft_symbol,result,stated_yes,stated_no,stated_abstain,"
    "n_yes,n_no,n_abstain,note,subject\n"
    "69-SR46-3,69,A/C.3/69/SR.46,2014-11-18,amendment,A/C.3/69/L.63,rejected,40,77,50,40,77,50,"
    "amendment proposed by Cuba to DPRK draft A/C.3/69/L.28/Rev.1,"
    "Amendment proposed by Cuba (A/C.3/69/L.63) to DPRK draft resolution A/C.3/69/L.28/Rev.1\n"
    "69-SR47-1,69,A/C.3/69/SR.47,2014-11-18,draft,A/C.3/69/L.28/Rev.1,adopted,111,19,55,111,19,55,,"
    "Situation of human rights in the Democratic People's Republic of Korea "
    "(Third Committee draft resolution)\n"
)
VOTES = """event_id,session,draft_symbol,iso3,vote
69-SR46-3,69,A/C.3/69/L.63,PRK,Y
69-SR46-3,69,A/C.3/69/L.63,KOR,N
69-SR46-3,69,A/C.3/69/L.63,CHE,A
69-SR47-1,69,A/C.3/69/L.28/Rev.1,PRK,N
69-SR47-1,69,A/C.3/69/L.28/Rev.1,KOR,Y
"""


def read(directory: Path, votes: str = VOTES, events: str = EVENTS) -> SourceBatch:
    (directory / "c3_dprk_events.csv.xz").write_bytes(lzma.compress(events.encode()))
    (directory / "c3_dprk_votes.csv").write_text(votes, encoding="utf-8")
    return read_c3_dprk([directory / "c3_dprk_votes.csv", directory / "c3_dprk_events.csv.xz"])


def test_events_votes_and_link(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert batch.lists_only_voters
    amendment, draft = batch.decisions
    assert amendment.ref == "69-SR46-3" and amendment.body is Body.C3
    assert amendment.kind is DecisionKind.AMENDMENT and amendment.outcome is Outcome.REJECTED
    assert amendment.symbol == "A/C.3/69/L.63" and amendment.meeting_symbol == "A/C.3/69/SR.46"
    assert (amendment.yes_count, amendment.no_count, amendment.abstain_count) == (40, 77, 50)
    assert amendment.date == dt.date(2014, 11, 18) and amendment.session == 69
    assert draft.kind is DecisionKind.DRAFT and draft.outcome is Outcome.ADOPTED
    assert [(k.from_ref, k.to_ref, k.relation) for k in batch.links] == [
        ("69-SR46-3", "69-SR47-1", LinkRelation.AMENDS)
    ]
    assert batch.positions.country.tolist() == ["PRK", "KOR", "CHE", "PRK", "KOR"]
    assert batch.positions.vote.tolist() == [1, 3, 2, 3, 1]
    assert batch.positions.decision.tolist() == [0, 0, 0, 1, 1]


def test_errors_name_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(UnknownCodeError) as code:
        read(tmp_path, VOTES + "69-SR47-1,69,A/C.3/69/L.28/Rev.1,USA,yes\n")
    assert "c3_dprk_votes.csv, line 7" in str(code.value) and "'yes'" in str(code.value)
    with pytest.raises(DuplicatePositionError) as dup:
        read(tmp_path, VOTES + "69-SR47-1,69,A/C.3/69/L.28/Rev.1,KOR,N\n")
    assert "c3_dprk_votes.csv, line 7" in str(dup.value) and "first on line 6" in str(dup.value)
    with pytest.raises(UnknownCountryError) as country:
        read(tmp_path, VOTES + "69-SR47-1,69,A/C.3/69/L.28/Rev.1,XXX,Y\n")
    assert "c3_dprk_votes.csv, line 7" in str(country.value)
    with pytest.raises(InputError, match=r"event_id '70-SR1-1' is not in c3_dprk_events\.csv\.xz") as event:
        read(tmp_path, VOTES + "70-SR1-1,70,A/C.3/70/L.1,USA,Y\n")
    assert "line 7" in str(event.value)
    with pytest.raises(InputError, match="meeting_date '18/11/2014'") as date:
        read(tmp_path, events=EVENTS.replace("2014-11-18,draft", "18/11/2014,draft"))
    assert "c3_dprk_events.csv.xz, line 3" in str(date.value)
