"""Malformed input through the real command line: one clear line naming the file and the line,
exit code 1, and nothing written.

Every file is generated here in the layout its reader expects, then broken in one way. A case
is driven through ``unvotes ingest KIND PATH... --db X`` (and a few through ``unvotes build
--data-dir``) on top of a real database; afterwards the database has the same bytes and the same
canonical contents, and no temporary file is left beside it.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.harness import cli, fingerprint, leftovers

from unvotes.sources.ohchr import RESOLUTIONS as OHCHR_RESOLUTIONS
from unvotes.sources.undl import GA_SPEC

# --- valid files in each reader's layout --------------------------------------------------------

ROLL_CALLS_HEADER = "rcid,session,importantvote,date,unres,amend,para,short,descr"
ROLL_CALLS = [
    "9901,69.0,0,2014-12-18,R/69/901,0,0,TEST ONE,A first test roll call",
    "9902,69.0,0,2014-12-18,R/69/902,0,0,TEST TWO,A second test roll call",
]
VOTES_HEADER = "rcid,country,country_code,vote"
STATES = [
    ("United States", "US"),
    ("Russia", "RU"),
    ("China", "CN"),
    ("France", "FR"),
    ("United Kingdom", "GB"),
    ("South Korea", "KR"),
    ("North Korea", "KP"),
    ("Japan", "JP"),
    ("Cuba", "CU"),
    ("Chile", "CL"),
]
VOTES = [
    f"{rcid},{name},{iso2},{vote}"
    for rcid in (9901, 9902)
    for (name, iso2), vote in zip(STATES, ["yes", "no", "abstain"] * 4, strict=False)
]

C3_EVENTS = (
    "event_id,session,sr_symbol,meeting_date,kind,draft_symbol,result,stated_yes,stated_no,stated_abstain,"
    "n_yes,n_no,n_abstain,note,subject\n"
    "99-SR1-1,69,A/C.3/69/SR.99,2014-11-18,draft,A/C.3/69/L.99,adopted,2,1,0,2,1,0,,A test draft\n"
)
C3_VOTES_HEADER = "event_id,session,draft_symbol,iso3,vote"
C3_VOTES = ["99-SR1-1,69,A/C.3/69/L.99,KOR,Y", "99-SR1-1,69,A/C.3/69/L.99,USA,Y", "99-SR1-1,69,A/C.3/69/L.99,PRK,N"]

OHCHR_VOTES_HEADER = "record_id,symbol,date,body,iso3,country,un_group,vote"


def unxml_record(symbol: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "symbol": symbol,
        "resolution_number": symbol.removeprefix("A/RES/") + ".",
        "title": "A test resolution",
        "session": "Seventy-seventh session",
        "adoption_meeting": "54th plenary meeting",
        "adoption_date": "15 December 2022",
        "originating_document": "A/77/999",
        "report_paragraph": "1",
        "committee": "Third Committee",
        "agenda_item": "Agenda item 68 (c)",
        "agenda_item_name": "Promotion and protection of human rights",
        "adoption_type": "By a recorded vote",
        "MS_in_favour_count": "2",
        "MS_against_count": "1",
        "MS_abstaining_count": "0",
        "pv": "A/77/PV.54",
        "MS_in_favour": ["CUBA", "CHILE"],
        "MS_against": ["NORWAY"],
        "MS_abstaining": [],
        "sponsors": ["CUBA"],
        "additional_sponsors": [],
        "SDGs": [],
        "subjects": [["Human rights", "UNBIS Thesaurus"]],
    }
    record.update(fields)
    return record


UNXML = [json.dumps(unxml_record(f"A/RES/77/99{i}")) for i in range(4)]


def write(path: Path, data: str | bytes, *, xz: bool | None = None) -> Path:
    """``data`` (text as UTF-8), xz-compressed when ``xz`` or, by default, when the name ends in .xz."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    compress = path.name.endswith(".xz") if xz is None else xz
    path.write_bytes(lzma.compress(raw) if compress else raw)
    return path


def lines(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def voeten(folder: Path, *, votes: str | bytes | None = None, calls: str | bytes | None = None) -> list[Path]:
    """A Voeten 2021 pair: the votes file (plain CSV) and the roll calls (xz)."""
    return [
        write(folder / "un_votes.csv", votes if votes is not None else lines(VOTES_HEADER, VOTES)),
        write(folder / "un_roll_calls.csv.xz", calls if calls is not None else lines(ROLL_CALLS_HEADER, ROLL_CALLS)),
    ]


def c3(folder: Path, votes: list[str]) -> list[Path]:
    return [
        write(folder / "c3_votes.csv", lines(C3_VOTES_HEADER, votes)),
        write(folder / "c3_events.csv.xz", C3_EVENTS),
    ]


def ohchr(folder: Path, totals: tuple[str, str, str], votes: list[tuple[str, str]]) -> list[Path]:
    """One recorded HRC vote with official ``totals`` and the roll ``votes`` (iso3, vote)."""
    row = dict.fromkeys(OHCHR_RESOLUTIONS.required, "")
    row.update(
        record_id="990001",
        symbol="A/HRC/RES/99/1",
        title="A test resolution",
        date="2008-03-27",
        body="Human Rights Council",
        collection="Voting Collection",
        vote_type="RECORDED",
        yes=totals[0],
        no=totals[1],
        abstain=totals[2],
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(OHCHR_RESOLUTIONS.required), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    long = [f"990001,A/HRC/RES/99/1,2008-03-27,HRC,{code},{code},WEOG,{vote}" for code, vote in votes]
    return [
        write(folder / "hrc_votes.csv", lines(OHCHR_VOTES_HEADER, long)),
        write(folder / "hrc.csv.xz", out.getvalue()),
    ]


def undl_ga(folder: Path, votes: list[tuple[str, str]]) -> list[Path]:
    decision = {
        "undl_id": "999001",
        "date": "2014-12-18",
        "session": "69",
        "resolution": "A/RES/69/901",
        "draft": "A/C.3/69/L.901",
        "committee_report": "A/69/999",
        "meeting": "A/69/PV.73",
        "title": "A test resolution",
        "agenda_title": "Promotion and protection of human rights",
        "subjects": "HUMAN RIGHTS",
        "total_yes": "1",
        "total_no": "1",
        "total_abstentions": "0",
        "total_non_voting": "0",
        "total_ms": "193",
        "undl_link": "https://digitallibrary.un.org/record/999001",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(GA_SPEC.required), lineterminator="\n")
    writer.writeheader()
    for code, vote in votes:
        writer.writerow({**decision, "ms_code": code, "ms_name": code, "ms_vote": vote, "vote_note": ""})
    return [write(folder / "ga_voting.csv", out.getvalue())]


# --- the broken cases ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """A broken input: how to write it, and what the one-line message must say."""

    name: str
    kind: str
    files: Callable[[Path], list[Path]]
    file: str  #: the file the message must name
    line: int | None  #: the line it must name (None: the fault is not on a line)
    says: str  #: a fragment of the message
    also: str = ""  #: another fragment


def _truncated_xz(folder: Path) -> list[Path]:
    paths = voeten(folder)
    data = paths[1].read_bytes()
    paths[1].write_bytes(data[: len(data) // 2])
    return paths


def _latin1(folder: Path) -> list[Path]:
    text = lines(VOTES_HEADER, [*VOTES[:5], "9901,Côte d'Ivoire,CI,yes", *VOTES[5:]])
    return voeten(folder, votes=text.encode("latin-1"))


CASES = [
    Case(
        "truncated-csv",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, VOTES)[:-12]),
        "un_votes.csv",
        21,
        "wrong number of fields",
    ),
    Case("truncated-xz", "voeten2021", _truncated_xz, "un_roll_calls.csv.xz", None, "truncated or corrupt compressed"),
    Case(
        "header-missing-column",
        "voeten2021",
        lambda d: voeten(
            d, calls=lines(ROLL_CALLS_HEADER.removesuffix(",descr"), [r.rsplit(",", 1)[0] for r in ROLL_CALLS])
        ),
        "un_roll_calls.csv.xz",
        1,
        "missing column(s) descr",
    ),
    Case(
        "extra-unknown-column",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER + ",comment", [v + "," for v in VOTES])),
        "un_votes.csv",
        1,
        "unexpected column(s) 'comment'",
    ),
    Case(
        "wrong-delimiter",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, VOTES).replace(",", ";")),
        "un_votes.csv",
        1,
        "the delimiter is not a comma",
        "Voeten 2021 votes header",  # judged by the names between the semicolons
    ),
    Case("latin-1-bytes", "voeten2021", _latin1, "un_votes.csv", 7, "byte 0xf4 is not valid UTF-8"),
    Case("empty-file", "voeten2021", lambda d: voeten(d, votes=""), "un_votes.csv", None, "empty file"),
    Case(
        "unknown-country",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, [*VOTES, "9902,Atlantis,XX,yes"])),
        "un_votes.csv",
        22,
        "Atlantis",
    ),
    Case(
        "unknown-vote-code",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, [*VOTES[:3], "9901,Japan,JP,maybe", *VOTES[3:]])),
        "un_votes.csv",
        5,
        "'maybe'",
    ),
    Case(
        "duplicate-position",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, [*VOTES, "9901,Russia,RU,yes"])),
        "un_votes.csv",
        22,
        "second position (first on line 3)",
    ),
    Case(
        "rcid-not-in-roll-calls",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, [*VOTES, "7777,Chile,CL,yes"])),
        "un_votes.csv",
        22,
        "rcid '7777' is not in un_roll_calls.csv.xz",
    ),
    Case(
        "huge-field",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, [ROLL_CALLS[0], ROLL_CALLS[1] + "x" * (2 << 20)])),
        "un_roll_calls.csv.xz",
        3,
        "field 'descr' is 2,097,1",
    ),
    Case(
        "unquoted-comma",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, [ROLL_CALLS[0], ROLL_CALLS[1] + ", with a comma"])),
        "un_roll_calls.csv.xz",
        3,
        "wrong number of fields: found 10",
    ),
    Case(
        "not-compressed-despite-name",
        "voeten2021",
        lambda d: [
            *voeten(d)[:1],
            write(d / "calls.csv.xz", lines(ROLL_CALLS_HEADER, ROLL_CALLS), xz=False),
        ],
        "calls.csv.xz",
        None,
        "not a compressed stream despite its name",
    ),
    Case(
        "wrong-kind-for-reader",
        "voeten2021",
        lambda d: [
            voeten(d)[1],
            write(d / "hrc_votes.csv", lines(OHCHR_VOTES_HEADER, ["1,A/HRC/RES/1/1,2008-03-27,HRC,USA,USA,WEOG,Y"])),
        ],
        "hrc_votes.csv",
        1,
        "unexpected column(s)",
    ),
    Case(
        "csv-given-to-jsonl-reader",
        "unxml",
        lambda d: [write(d / "un_votes.csv", lines(VOTES_HEADER, VOTES))],
        "un_votes.csv",
        1,
        "not a JSON object",
    ),
    Case(
        "jsonl-line-not-json",
        "unxml",
        lambda d: [
            write(d / "resolutions.jsonl.xz", "\n".join([*UNXML[:2], '{"symbol": "A/RES/77/1",', *UNXML[2:]]) + "\n")
        ],
        "resolutions.jsonl.xz",
        3,
        "not a JSON object",
    ),
    Case(
        "jsonl-record-missing-field",
        "unxml",
        lambda d: [
            write(
                d / "resolutions.jsonl",
                "\n".join([*UNXML, json.dumps({k: v for k, v in unxml_record("A/RES/77/1").items() if k != "pv"})]),
            )
        ],
        "resolutions.jsonl",
        5,
        "missing pv",
    ),
    Case(
        "jsonl-unknown-country",
        "unxml",
        lambda d: [
            write(
                d / "resolutions.jsonl",
                "\n".join([*UNXML, json.dumps(unxml_record("A/RES/77/1", MS_against=["ATLANTIS"]))]),
            )
        ],
        "resolutions.jsonl",
        5,
        "ATLANTIS",
    ),
    Case(
        "c3-unknown-vote-code",
        "c3_dprk",
        lambda d: c3(d, [*C3_VOTES, "99-SR1-1,69,A/C.3/69/L.99,CHN,no"]),
        "c3_votes.csv",
        5,
        "'no'",
    ),
    Case(
        "c3-duplicate-position",
        "c3_dprk",
        lambda d: c3(d, [*C3_VOTES, "99-SR1-1,69,A/C.3/69/L.99,KOR,N"]),
        "c3_votes.csv",
        5,
        "first on line 2",
    ),
    Case(
        "ohchr-unknown-country",
        "ohchr",
        lambda d: ohchr(d, ("1", "1", "0"), [("USA", "Y"), ("ATL", "N")]),
        "hrc_votes.csv",
        3,
        "ATL",
    ),
    Case(
        "undl-unknown-vote-code",
        "undl_ga",
        lambda d: undl_ga(d, [("USA", "Y"), ("PRK", "N"), ("KOR", "Q")]),
        "ga_voting.csv",
        4,
        "'Q'",
    ),
]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real database to write on: the shipped dossier."""
    db = tmp_path_factory.mktemp("base") / "unvotes.db"
    done = cli("build", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture()
def db(base_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "db" / "unvotes.db"
    target.parent.mkdir()
    shutil.copyfile(base_db, target)
    return target


def _input_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    return folder


def _assert_one_clear_line(stderr: str, case: Case) -> None:
    text = stderr.strip()
    assert "\n" not in text and "Traceback" not in text, stderr
    assert text.startswith("error: "), stderr
    where = case.file if case.line is None else f"{case.file}, line {case.line}: "
    assert where in text, f"{case.name}: expected {where!r} in {text!r}"
    assert case.says in text and case.also in text, f"{case.name}: expected {case.says!r} in {text!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_ingest_refuses_and_writes_nothing(case: Case, db: Path, tmp_path: Path) -> None:
    paths = case.files(_input_folder(tmp_path))
    before = fingerprint(db)
    done = cli("ingest", case.kind, *map(str, paths), "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr
    _assert_one_clear_line(done.stderr, case)
    assert fingerprint(db) == before
    assert leftovers(db) == []


def test_ingest_into_a_new_path_creates_no_database(tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path), votes=lines(VOTES_HEADER, [*VOTES, "9902,Atlantis,XX,yes"]))
    target = tmp_path / "new" / "unvotes.db"
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(target))
    assert done.returncode == 1 and "Atlantis" in done.stderr
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def _stored(db: Path, *args: str) -> list[dict[str, Any]]:
    done = cli(*args, "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)["rows"]
    return rows


def test_byte_order_mark_is_accepted(db: Path, tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path), votes=b"\xef\xbb\xbf" + lines(VOTES_HEADER, VOTES).encode())
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    roll = {r["country_code"]: r["vote"] for r in _stored(db, "votes", "A/RES/69/901")}
    assert roll["USA"] == "yes" and roll["RUS"] == "no" and roll["CHN"] == "abstain"


def test_windows_line_ends_are_accepted(db: Path, tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path), votes=lines(VOTES_HEADER, VOTES).replace("\n", "\r\n"))
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    roll = {r["country_code"]: r["vote"] for r in _stored(db, "votes", "A/RES/69/902")}
    assert roll["USA"] == "yes" and roll["RUS"] == "no" and roll["CHL"] == "yes"


def test_totals_that_do_not_add_up_are_stored_and_reported(db: Path, tmp_path: Path) -> None:
    """Valid but inconsistent: the official 30-10-5 against a roll of 2-1-0 is kept, and reported."""
    paths = ohchr(_input_folder(tmp_path), ("30", "10", "5"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")])
    done = cli("ingest", "ohchr", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "totals_vs_roll" in done.stdout and "A/HRC/RES/99/1" in done.stdout
    [decision] = _stored(db, "decisions", "--search", "A/HRC/RES/99/1")
    assert (decision["yes_count"], decision["no_count"], decision["abstain_count"]) == (30, 10, 5)
    findings = _stored(db, "discrepancies", "--kind", "totals_vs_roll")
    [finding] = [f for f in findings if f["symbol"] == "A/HRC/RES/99/1"]
    assert finding["detail"] == "official 30-10-5, counted 2-1-0"


# --- the same through a build of a data folder ------------------------------------------------------

BY_NAME = {c.name: c for c in CASES}
BUILD_CASES = [
    ("truncated-votes", lambda d: voeten(d, votes=lines(VOTES_HEADER, VOTES)[:-12]), "un_votes.csv, line 21: "),
    ("truncated-xz", _truncated_xz, "un_roll_calls.csv.xz"),
    ("jsonl-line-not-json", BY_NAME["jsonl-line-not-json"].files, "resolutions.jsonl.xz, line 3: "),
    ("c3-duplicate-position", BY_NAME["c3-duplicate-position"].files, "c3_votes.csv, line 5: "),
]


@pytest.mark.parametrize(("name", "files", "where"), BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_build_refuses_and_leaves_the_database(
    name: str, files: Callable[[Path], list[Path]], where: str, db: Path, tmp_path: Path
) -> None:
    folder = _input_folder(tmp_path)
    files(folder)
    (folder / "good").mkdir()
    ohchr(folder / "good", ("2", "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")])  # a good source beside
    before = fingerprint(db)
    done = cli("build", "--data-dir", str(folder), "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr
    text = done.stderr.strip()
    assert text.startswith("error: ") and "\n" not in text and where in text, text
    assert fingerprint(db) == before
    assert leftovers(db) == []


def test_cases_are_many_and_distinct() -> None:
    assert len(CASES) >= 12
    assert len({c.name for c in CASES}) == len(CASES)
