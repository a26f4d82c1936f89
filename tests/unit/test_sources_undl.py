"""The UN Digital Library GA and SC voting readers, on excerpts the tests write in the Library's layout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import lzma
from collections.abc import Sequence
from pathlib import Path

import pytest

from unvotes.errors import (
    DuplicatePositionError,
    HeaderError,
    InputError,
    UnknownCodeError,
    UnknownCountryError,
)
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    DecisionKind,
    NonVotingReason,
    Outcome,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.sources.tabular import first_line, header_of
from unvotes.sources.undl import CITATION_GA, CITATION_SC, GA_SPEC, SC_SPEC, read_undl_ga, read_undl_sc

#: (ms_code, ms_name, ms_vote) or (ms_code, ms_name, ms_vote, vote_note)
Roll = Sequence[tuple[str, ...]]

GA_2014 = {
    "undl_id": "900188",
    "date": "2014-12-18",
    "session": "69",
    "resolution": "A/RES/69/188",
    "draft": "A/C.3/69/L.28/Rev.1",
    "committee_report": "A/69/488/Add.3",
    "meeting": "A/69/PV.73",
    "title": "Situation of human rights in the Democratic People's Republic of Korea",
    "agenda_title": "Promotion and protection of human rights",
    "subjects": "HUMAN RIGHTS|DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
    "total_yes": "116",
    "total_no": "20",
    "total_abstentions": "53",
    "total_non_voting": "4",
    "total_ms": "193",
    "undl_link": "https://digitallibrary.un.org/record/900188",
}
ROLL_2014: Roll = (
    ("PRK", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "N"),
    ("KOR", "REPUBLIC OF KOREA", "Y"),
    ("", "JAPAN", "Y"),
    ("CHN", "CHINA", "N"),
    ("RUS", "RUSSIAN FEDERATION", "N"),
    ("USA", "UNITED STATES", "Y"),
    ("DMA", "DOMINICA", "X"),
    ("CAF", "CENTRAL AFRICAN REPUBLIC", ""),
    ("SOM", "SOMALIA", "X", "Somalia was absent"),
)
SC_2014 = {
    "undl_id": "907353",
    "date": "2014-12-22",
    "resolution": "",
    "draft": "",
    "meeting": "S/PV.7353",
    "description": "Procedural vote on the adoption of the agenda",
    "agenda": "The situation in the Democratic People's Republic of Korea",
    "subjects": "",
    "total_yes": "11",
    "total_no": "2",
    "total_abstentions": "2",
    "total_non_voting": "0",
    "total_ms": "15",
    "modality": "Recorded Vote",
    "undl_link": "https://digitallibrary.un.org/record/907353",
}
MEMBERS_2014 = ("ARG", "AUS", "CHL", "JOR", "LTU", "LUX", "NGA", "KOR", "RWA", "TCD")
MEMBERS_2017 = ("BOL", "EGY", "ETH", "ITA", "JPN", "KAZ", "SEN", "SWE", "UKR", "URY")
MEMBERS_2022 = ("ALB", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "ARE")
PERMANENT = ("CHN", "FRA", "RUS", "GBR", "USA")


def write(path: Path, header: Sequence[str], rows: list[dict[str, str]], *, xz: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(lzma.compress(data, format=lzma.FORMAT_XZ) if xz else data)
    return path


def ga_rows(decision: dict[str, str], roll: Roll) -> list[dict[str, str]]:
    rows = []
    for entry in roll:
        code, name, vote, *note = entry
        rows.append({**decision, "ms_code": code, "ms_name": name, "ms_vote": vote, "vote_note": "".join(note)})
    return rows


def sc_rows(decision: dict[str, str], votes: dict[str, str]) -> list[dict[str, str]]:
    """``votes``: alpha-3 code -> Y/N/A/X; ms_name is left as the code (the code is what is read)."""
    return [
        {
            **decision,
            "ms_code": code,
            "ms_name": code,
            "permanent_member": "True" if code in PERMANENT else "False",
            "ms_vote": vote,
            "vote_note": "",
        }
        for code, vote in votes.items()
    ]


def roll_of(batch: SourceBatch, ref: str) -> dict[str, tuple[Vote, int]]:
    index = [d.ref for d in batch.decisions].index(ref)
    by_code = {code: vote for vote, code in VOTE_CODES.items()}
    pos = batch.positions
    return {
        str(pos.country[i]): (by_code[int(pos.vote[i])], int(pos.reason[i]))
        for i in range(len(pos))
        if pos.decision[i] == index
    }


def assert_where(error: InputError, path: Path, line: int) -> None:
    assert error.path == str(path)
    assert error.line == line
    assert str(error).startswith(f"{path}, line {line}: ")


# --- General Assembly ---------------------------------------------------------------------------------


def test_ga_plenary_dprk_vote(tmp_path: Path) -> None:
    path = write(tmp_path / "2026_02_06_ga_voting.csv", GA_SPEC.required, ga_rows(GA_2014, ROLL_2014))
    batch = read_undl_ga([path])

    assert batch.kind is SourceKind.UNDL_GA
    assert batch.lists_only_voters is False
    (source,) = batch.files
    assert (source.file_name, source.rows_read, source.citation) == (path.name, 9, CITATION_GA)
    (decision,) = batch.decisions
    assert decision.ref == "900188"
    assert (decision.body, decision.kind, decision.adoption_method) == (
        Body.GA,
        DecisionKind.RESOLUTION,
        AdoptionMethod.RECORDED_VOTE,
    )
    assert (decision.symbol, decision.date, decision.session) == ("A/RES/69/188", dt.date(2014, 12, 18), 69)
    assert decision.outcome is Outcome.ADOPTED
    counts = (decision.yes_count, decision.no_count, decision.abstain_count, decision.non_voting_count)
    assert counts == (116, 20, 53, 4)
    assert (decision.draft_symbol, decision.meeting_symbol) == ("A/C.3/69/L.28/Rev.1", "A/69/PV.73")
    assert decision.url == "https://digitallibrary.un.org/record/900188"
    assert decision.title == "Situation of human rights in the Democratic People's Republic of Korea"
    assert decision.topics == ()
    assert decision.description is not None
    assert "Committee report: A/69/488/Add.3" in decision.description
    assert "Subjects: HUMAN RIGHTS|DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA" in decision.description
    assert decision.line == 2

    did_not, absent = REASON_CODES[NonVotingReason.DID_NOT_PARTICIPATE], REASON_CODES[NonVotingReason.ABSENT]
    assert roll_of(batch, "900188") == {
        "PRK": (Vote.NO, 0),
        "KOR": (Vote.YES, 0),
        "JPN": (Vote.YES, 0),  # blank ms_code, resolved by name
        "CHN": (Vote.NO, 0),
        "RUS": (Vote.NO, 0),
        "USA": (Vote.YES, 0),
        "DMA": (Vote.NON_VOTING, did_not),
        "CAF": (Vote.NON_VOTING, 0),  # blank ms_vote: non-voting, no reason given
        "SOM": (Vote.NON_VOTING, absent),  # X, but the note says absent
    }
    assert list(batch.positions.line) == list(range(2, 11))
    assert batch.skipped == ()
    names = {(n.country_code, n.name): n.rows for n in batch.recorded_names}
    assert names[("JPN", "JAPAN")] == 1
    assert names[("USA", "UNITED STATES")] == 1


def test_ga_session_70_excerpt_xz(tmp_path: Path) -> None:
    base = {**GA_2014, "session": "70", "committee_report": "A/70/489/Add.3", "draft": "", "meeting": ""}
    resolution = {
        **base,
        "undl_id": "900172",
        "date": "2015-12-17 00:00:00",
        "resolution": "A/RES/70/172",
        "total_yes": "119",
        "total_no": "19",
        "total_abstentions": "48",
        "total_non_voting": "7",
    }
    amendment = {**base, "undl_id": "900170", "date": "2015-12-17", "resolution": "", "total_yes": "30"}
    draft = {**amendment, "undl_id": "900171", "title": "Draft resolution", "total_yes": "12"}
    emergency = {**resolution, "undl_id": "900019", "session": "ES-10", "resolution": "A/RES/ES-10/19"}
    rows = [
        *ga_rows(
            resolution,
            [("PRK", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "N"), ("KOR", "REPUBLIC OF KOREA", "Y")],
        ),
        *ga_rows(amendment, [("CUB", "CUBA", "Y", "Amendment rejected"), ("KOR", "REPUBLIC OF KOREA", "N")]),
        *ga_rows(draft, [("CUB", "CUBA", "N")]),
        *ga_rows(emergency, [("USA", "UNITED STATES", "N")]),
    ]
    path = write(tmp_path / "ga_voting.csv.xz", GA_SPEC.required, rows, xz=True)
    batch = read_undl_ga([path])

    by_ref = {d.ref: d for d in batch.decisions}
    assert [d.ref for d in batch.decisions] == ["900172", "900170", "900171", "900019"]
    assert by_ref["900172"].date == dt.date(2015, 12, 17)
    assert by_ref["900172"].session == 70
    assert (by_ref["900172"].yes_count, by_ref["900172"].no_count) == (119, 19)
    assert by_ref["900172"].meeting_symbol is None
    amended = by_ref["900170"]
    assert (amended.kind, amended.symbol, amended.outcome) == (DecisionKind.AMENDMENT, None, Outcome.REJECTED)
    assert (by_ref["900171"].kind, by_ref["900171"].outcome) == (DecisionKind.DRAFT, None)
    special = by_ref["900019"]
    assert (special.kind, special.symbol, special.session) == (
        DecisionKind.RESOLUTION,
        "A/RES/ES-10/19",
        None,
    )
    assert special.description is not None and "Session: ES-10" in special.description
    assert roll_of(batch, "900170") == {"CUB": (Vote.YES, 0), "KOR": (Vote.NO, 0)}
    assert len(batch.positions) == 6


#: Totals no larger than the members of 1950 and 1985 (the 2014 tallies of GA_2014 would be refused).
TOTALS_OF_ITS_DAY = {
    "total_yes": "52",
    "total_no": "5",
    "total_abstentions": "2",
    "total_non_voting": "1",
    "total_ms": "60",
}


def test_ga_old_names_and_seats_follow_the_date(tmp_path: Path) -> None:
    cold_war = {
        **GA_2014,
        "undl_id": "800001",
        "date": "1985-12-13",
        "session": "40",
        "resolution": "A/RES/40/1",
        **TOTALS_OF_ITS_DAY,
    }
    uniting = {
        **GA_2014,
        "undl_id": "700377",
        "date": "1950-11-03",
        "session": "5",
        "resolution": "A/RES/377(V)",
        **TOTALS_OF_ITS_DAY,
    }
    rows = [
        *ga_rows(
            cold_war,
            [("", "USSR", "N"), ("", "BYELORUSSIAN SSR", "N"), ("", "YUGOSLAVIA", "A"), ("", "ZAIRE", "Y")],
        ),
        *ga_rows(uniting, [("RUS", "USSR", "N"), ("JPN", "JAPAN", ""), ("USA", "UNITED STATES", "Y")]),
    ]
    batch = read_undl_ga([write(tmp_path / "old.csv", GA_SPEC.required, rows)])

    assert roll_of(batch, "800001") == {
        "SUN": (Vote.NO, 0),
        "BLR": (Vote.NO, 0),
        "YUG": (Vote.ABSTAIN, 0),
        "COD": (Vote.YES, 0),
    }
    # RUS is the Russian Federation's code; in 1950 the seat was the USSR's. Japan joined in 1956.
    assert roll_of(batch, "700377") == {"SUN": (Vote.NO, 0), "USA": (Vote.YES, 0)}
    assert batch.skipped == (SkipCount("blank ms_vote of a state not a UN member on the day of the vote", 1),)
    names = {(n.country_code, n.name): (n.rows, n.first_date) for n in batch.recorded_names}
    assert names[("SUN", "USSR")] == (2, dt.date(1950, 11, 3))
    assert ("JPN", "JAPAN") not in names


def test_a_note_on_the_whole_vote_sets_only_the_reason_of_the_state_it_names(tmp_path: Path) -> None:
    note = "Article 19 of the Charter applied to Comoros"
    roll = [
        ("KOR", "REPUBLIC OF KOREA", "Y", note),
        ("COM", "COMOROS", "X", note),
        ("DMA", "DOMINICA", "X", note),
    ]
    batch = read_undl_ga([ga_file(tmp_path, roll)])
    assert roll_of(batch, "900188") == {
        "KOR": (Vote.YES, 0),
        "COM": (Vote.NON_VOTING, REASON_CODES[NonVotingReason.INELIGIBLE]),
        "DMA": (Vote.NON_VOTING, REASON_CODES[NonVotingReason.DID_NOT_PARTICIPATE]),
    }
    assert batch.decisions[0].description is not None and f"Vote note: {note}" in batch.decisions[0].description


def test_specs_recognise_the_headers(tmp_path: Path) -> None:
    ga = write(tmp_path / "ga.csv.xz", GA_SPEC.required, ga_rows(GA_2014, ROLL_2014[:1]), xz=True)
    sc = write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows(SC_2014, {"CHN": "N"}))
    ga_header, sc_header = header_of(first_line(ga)), header_of(first_line(sc))
    assert GA_SPEC.matches(ga_header) and not SC_SPEC.matches(ga_header)
    assert SC_SPEC.matches(sc_header) and not GA_SPEC.matches(sc_header)
    assert GA_SPEC.matches([*ga_header, "modality"])


# --- Security Council ---------------------------------------------------------------------------------


def sc_excerpt() -> list[dict[str, str]]:
    adopted = {
        **SC_2014,
        "undl_id": "902397",
        "date": "2017-12-22",
        "resolution": "S/RES/2397 (2017)",
        "draft": "S/2017/1094",
        "meeting": "S/PV.8151",
        "description": "Resolution 2397 (2017) [on sanctions against the DPRK]",
        "agenda": "Non-proliferation/Democratic People's Republic of Korea",
        "subjects": "SANCTIONS|NUCLEAR NON-PROLIFERATION",
        "total_yes": "15",
        "total_no": "0",
        "total_abstentions": "0",
        "modality": "Voted",
    }
    vetoed = {
        **adopted,
        "undl_id": "902022",
        "date": "2022-05-26",
        "resolution": "",
        "draft": "S/2022/431",
        "meeting": "S/PV.9048",
        "description": "Draft resolution on non-proliferation/DPRK",
        "total_yes": "13",
        "total_no": "2",
    }
    return [
        *sc_rows(adopted, dict.fromkeys((*PERMANENT, *MEMBERS_2017), "Y")),
        *sc_rows(vetoed, {**dict.fromkeys((*PERMANENT, *MEMBERS_2022), "Y"), "CHN": "N", "RUS": "N"}),
        *sc_rows(
            SC_2014,
            {
                **dict.fromkeys((*PERMANENT, *MEMBERS_2014), "Y"),
                "CHN": "N",
                "RUS": "N",
                "TCD": "A",
                "NGA": "A",
            },
        ),
    ]


def test_sc_adopted_vetoed_and_procedural(tmp_path: Path) -> None:
    path = write(tmp_path / "2026_02_06_sc_voting.csv.xz", SC_SPEC.required, sc_excerpt(), xz=True)
    batch = read_undl_sc([path])

    assert batch.kind is SourceKind.UNDL_SC
    assert batch.lists_only_voters is False
    assert (batch.files[0].rows_read, batch.files[0].citation) == (45, CITATION_SC)
    adopted, vetoed, procedural = batch.decisions
    assert (adopted.body, adopted.kind, adopted.outcome) == (
        Body.SC,
        DecisionKind.RESOLUTION,
        Outcome.ADOPTED,
    )
    assert (adopted.symbol, adopted.draft_symbol, adopted.session) == (
        "S/RES/2397 (2017)",
        "S/2017/1094",
        None,
    )
    assert adopted.title == "Non-proliferation/Democratic People's Republic of Korea"
    assert adopted.description is not None and "Resolution 2397 (2017)" in adopted.description
    assert (vetoed.kind, vetoed.symbol, vetoed.draft_symbol) == (DecisionKind.DRAFT, None, "S/2022/431")
    assert vetoed.outcome is Outcome.REJECTED  # 13 yes, but China and Russia voted no
    assert (procedural.kind, procedural.symbol, procedural.date) == (
        DecisionKind.PROCEDURAL,
        None,
        dt.date(2014, 12, 22),
    )
    assert procedural.outcome is Outcome.ADOPTED  # no veto on procedure
    assert (procedural.yes_count, procedural.no_count, procedural.abstain_count) == (11, 2, 2)
    assert procedural.adoption_method is AdoptionMethod.RECORDED_VOTE
    assert procedural.title == "The situation in the Democratic People's Republic of Korea"
    roll = roll_of(batch, "907353")
    assert len(roll) == 15
    assert {c for c, (v, _) in roll.items() if v is Vote.NO} == {"CHN", "RUS"}
    assert {c for c, (v, _) in roll.items() if v is Vote.ABSTAIN} == {"TCD", "NGA"}
    assert len(batch.positions) == 45
    assert batch.skipped == ()


def test_sc_1950_absence_and_the_seats_of_the_day(tmp_path: Path) -> None:
    korea = {
        **SC_2014,
        "undl_id": "700083",
        "date": "1950-06-27",
        "resolution": "S/RES/83 (1950)",
        "modality": "",
    }
    rows = sc_rows(korea, {"USA": "Y", "GBR": "Y", "FRA": "Y", "CHN": "Y", "YUG": "N", "RUS": ""})
    for row in rows:
        row["vote_note"] = "USSR absent"
    rows[-1]["ms_name"] = "USSR"
    batch = read_undl_sc([write(tmp_path / "sc.csv", SC_SPEC.required, rows)])
    (decision,) = batch.decisions
    assert (decision.adoption_method, decision.outcome) == (AdoptionMethod.RECORDED_VOTE, Outcome.ADOPTED)
    roll = roll_of(batch, "700083")
    assert roll["TWN"] == (Vote.YES, 0)  # China's seat was the Republic of China's until 1971
    assert roll["SUN"] == (Vote.NON_VOTING, REASON_CODES[NonVotingReason.ABSENT])
    assert roll["YUG"] == (Vote.NO, 0)


@pytest.mark.parametrize(
    ("day", "yes", "votes", "outcome"),
    [
        ("2020-01-10", "8", {"USA": "Y", "FRA": "A"}, Outcome.REJECTED),  # too few yes votes
        ("2020-01-10", "9", {"USA": "Y", "FRA": "A"}, None),  # enough, no veto: not said to be rejected
        ("2020-01-10", "14", {"USA": "N", "FRA": "Y"}, Outcome.REJECTED),  # one permanent member's no
        ("1960-07-22", "7", {"USA": "Y", "FRA": "A"}, None),  # eleven members: seven votes were enough
        ("1960-07-22", "6", {"USA": "Y", "FRA": "A"}, Outcome.REJECTED),
    ],
)
def test_sc_draft_outcome_rules(
    tmp_path: Path, day: str, yes: str, votes: dict[str, str], outcome: Outcome | None
) -> None:
    draft = {**SC_2014, "date": day, "description": "Draft resolution", "total_yes": yes, "modality": "Voted"}
    batch = read_undl_sc([write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows(draft, votes))])
    (decision,) = batch.decisions
    assert decision.kind is DecisionKind.DRAFT
    assert decision.outcome is outcome


def test_sc_procedural_without_enough_votes_is_rejected(tmp_path: Path) -> None:
    vote = {
        **SC_2014,
        "total_yes": "8",
        "modality": "Procedural vote",
        "description": "Adoption of the agenda",
    }
    (decision,) = read_undl_sc([write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows(vote, {"CHN": "N"}))]).decisions
    assert (decision.kind, decision.outcome) == (DecisionKind.PROCEDURAL, Outcome.REJECTED)


@pytest.mark.parametrize(
    ("modality", "note"), [("Adopted without vote", ""), ("Consensus", ""), ("", "Adopted by acclamation")]
)
def test_sc_adoption_without_a_vote_is_not_a_roll(tmp_path: Path, modality: str, note: str) -> None:
    adopted = {**SC_2014, "resolution": "S/RES/1 (1946)", "date": "1946-01-25", "modality": modality}
    rows = sc_rows(adopted, {**dict.fromkeys(("CHN", "FRA", "USA"), "Y"), "JPN": ""})  # not yet a member
    for row in rows:
        row["vote_note"] = note
    batch = read_undl_sc([write(tmp_path / "sc.csv", SC_SPEC.required, rows)])
    (decision,) = batch.decisions
    assert decision.adoption_method is AdoptionMethod.WITHOUT_VOTE
    assert (decision.yes_count, decision.no_count) == (None, None)
    assert len(batch.positions) == 0
    assert batch.skipped == (SkipCount("adopted without a vote: the rows for it are not a roll call", 4),)


# --- Refusals: every error names the file and the line ------------------------------------------------


def ga_file(tmp_path: Path, roll: Roll = ROLL_2014, changes: dict[str, str] | None = None) -> Path:
    return write(tmp_path / "ga.csv", GA_SPEC.required, ga_rows({**GA_2014, **(changes or {})}, roll))


def test_unknown_vote_code(tmp_path: Path) -> None:
    path = ga_file(tmp_path, [*ROLL_2014[:3], ("FRA", "FRANCE", "Q")])
    with pytest.raises(UnknownCodeError, match="unknown ms_vote value 'Q'") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 5)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (("XXX", "NOWHERE", "Y"), "unknown ms_code 'XXX'"),
        (("", "FREEDONIA", "Y"), "unknown ms_name 'FREEDONIA'"),
    ],
)
def test_unknown_country(tmp_path: Path, entry: tuple[str, str, str], message: str) -> None:
    path = ga_file(tmp_path, [*ROLL_2014[:2], entry])
    with pytest.raises(UnknownCountryError, match=message) as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 4)


@pytest.mark.parametrize("second", [("KOR", "REPUBLIC OF KOREA", "N"), ("", "REPUBLIC OF KOREA", "N")])
def test_duplicate_position(tmp_path: Path, second: tuple[str, str, str]) -> None:
    path = ga_file(tmp_path, [*ROLL_2014[:4], second])
    with pytest.raises(DuplicatePositionError, match=r"KOR on decision 900188 .*first on line 3") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 6)


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    header = [c for c in GA_SPEC.required if c != "session"] + ["remarks"]
    rows = [{k: v for k, v in r.items() if k != "session"} | {"remarks": ""} for r in ga_rows(GA_2014, ROLL_2014)]
    path = write(tmp_path / "ga.csv", header, rows)
    with pytest.raises(HeaderError, match=r"missing column\(s\) session; unexpected column\(s\) 'remarks'") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 1)


def test_sc_file_given_to_the_ga_reader(tmp_path: Path) -> None:
    path = write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows(SC_2014, {"CHN": "N"}))
    with pytest.raises(HeaderError, match="unexpected column") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 1)


@pytest.mark.parametrize("text", ["18/12/2014", "2014-13-45", ""])
def test_bad_date(tmp_path: Path, text: str) -> None:
    path = ga_file(tmp_path, changes={"date": text})
    with pytest.raises(InputError, match=f"date {text!r} is not a date") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 2)


@pytest.mark.parametrize(("column", "text"), [("total_yes", "116a"), ("total_ms", "one"), ("total_no", "-3")])
def test_totals_not_integers(tmp_path: Path, column: str, text: str) -> None:
    path = ga_file(tmp_path, changes={column: text})
    with pytest.raises(InputError, match=f"{column} {text!r} is not a whole number") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 2)


@pytest.mark.parametrize(
    ("column", "text"), [("date", "2014-12-19"), ("resolution", "A/RES/69/189"), ("total_yes", "117")]
)
def test_decision_columns_differ_within_a_undl_id(tmp_path: Path, column: str, text: str) -> None:
    rows = ga_rows(GA_2014, ROLL_2014)
    rows[4][column] = text
    path = write(tmp_path / "ga.csv", GA_SPEC.required, rows)
    with pytest.raises(
        InputError, match=f"{column} {text!r} differs from .* on line 2, for the same undl_id"
    ) as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 6)


def test_bad_session_and_blank_undl_id(tmp_path: Path) -> None:
    path = ga_file(tmp_path, changes={"session": "sixty-nine"})
    with pytest.raises(InputError, match="session 'sixty-nine' is not a session") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 2)
    path = ga_file(tmp_path, changes={"undl_id": ""})
    with pytest.raises(InputError, match="undl_id is blank") as caught:
        read_undl_ga([path])
    assert_where(caught.value, path, 2)


def test_unknown_modality(tmp_path: Path) -> None:
    rows = sc_rows({**SC_2014, "modality": "Unanimous"}, {"CHN": "N", "USA": "Y"})
    path = write(tmp_path / "sc.csv", SC_SPEC.required, rows)
    with pytest.raises(UnknownCodeError, match="unknown modality value 'Unanimous'") as caught:
        read_undl_sc([path])
    assert_where(caught.value, path, 2)


def test_unknown_permanent_member_flag(tmp_path: Path) -> None:
    rows = sc_rows(SC_2014, {"CHN": "N", "USA": "Y"})
    rows[1]["permanent_member"] = "Maybe"
    path = write(tmp_path / "sc.csv", SC_SPEC.required, rows)
    with pytest.raises(UnknownCodeError, match="unknown permanent_member value 'Maybe'") as caught:
        read_undl_sc([path])
    assert_where(caught.value, path, 3)


def test_sc_resolution_symbol_and_no_vote_on_an_adoption_without_vote(tmp_path: Path) -> None:
    path = write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows({**SC_2014, "resolution": "2397"}, {"CHN": "N"}))
    with pytest.raises(InputError, match="resolution '2397' is not an S/RES symbol") as caught:
        read_undl_sc([path])
    assert_where(caught.value, path, 2)
    without = {**SC_2014, "resolution": "S/RES/1 (1946)", "modality": "Adopted without vote"}
    path = write(tmp_path / "sc.csv", SC_SPEC.required, sc_rows(without, {"USA": "Y", "CHN": "A"}))
    with pytest.raises(InputError, match="adopted without a vote") as caught:
        read_undl_sc([path])
    assert_where(caught.value, path, 3)


def test_one_file_only(tmp_path: Path) -> None:
    first, second = (
        ga_file(tmp_path),
        write(tmp_path / "again.csv", GA_SPEC.required, ga_rows(GA_2014, ROLL_2014)),
    )
    with pytest.raises(InputError, match="a second UN Digital Library GA voting file"):
        read_undl_ga([first, second])
