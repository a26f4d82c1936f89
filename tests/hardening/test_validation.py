"""Impossible values through the real command line: refused with one line naming the file, the line
and what was expected, and nothing written -- or, where the source really says it, kept and counted.

Dates must be ISO ``YYYY-MM-DD`` (or the source's documented format) within 1945-06-26 .. one year
after today; an official count must not exceed the UN members of the year; an adoption without a
vote carries no roll; a recorded vote whose source lists no positions is kept and counted.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest
from tests.hardening import test_bad_input as bad
from tests.hardening.harness import cli

# the fixtures of test_bad_input: the shipped dossier built into a real database, and a copy per test
base_db, db = bad.base_db, bad.db
Case, lines, write, voeten, ohchr, undl_ga, unxml_record = (
    bad.Case, bad.lines, bad.write, bad.voeten, bad.ohchr, bad.undl_ga, bad.unxml_record
)  # fmt: skip


def _calls_dated(day: str) -> str:
    return lines(bad.ROLL_CALLS_HEADER, [bad.ROLL_CALLS[0], bad.ROLL_CALLS[1].replace("2014-12-18", day)])


def _unxml_with(**fields: object) -> str:
    return "\n".join([*bad.UNXML, json.dumps(unxml_record("A/RES/77/1", **fields))]) + "\n"


def _ohchr_dated(folder: Path, day: str) -> list[Path]:
    paths = ohchr(folder, ("2", "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")])
    write(paths[1], lzma.decompress(paths[1].read_bytes()).decode().replace("2008-03-27", day))
    return paths


def _c3(folder: Path, events: str) -> list[Path]:
    return [
        write(folder / "c3_votes.csv", lines(bad.C3_VOTES_HEADER, bad.C3_VOTES)),
        write(folder / "c3_events.csv.xz", events),
    ]


def _undl_totals(folder: Path, yes: str, no: str, day: str = "2014-12-18") -> list[Path]:
    [path] = undl_ga(folder, [("USA", "Y"), ("PRK", "N")])
    text = path.read_text().replace(",1,1,0,0,193,", f",{yes},{no},0,0,193,").replace("2014-12-18", day)
    return [write(path, text)]


DATE_EXPECTED = "expected YYYY-MM-DD"
RANGE = "is out of range (expected a date from 1945-06-26 to "

CASES = [
    Case("date-basic-format", "voeten2021", lambda d: voeten(d, calls=_calls_dated("20151218")),
         "un_roll_calls.csv.xz", 3, "date '20151218' is not a date", DATE_EXPECTED),
    Case("date-week-format", "voeten2021", lambda d: voeten(d, calls=_calls_dated("2015W514")),
         "un_roll_calls.csv.xz", 3, "date '2015W514' is not a date", DATE_EXPECTED),
    Case("date-year-one", "voeten2021", lambda d: voeten(d, calls=_calls_dated("0001-01-01")),
         "un_roll_calls.csv.xz", 3, "date 0001-01-01 " + RANGE),
    Case("date-year-9999", "voeten2021", lambda d: voeten(d, calls=_calls_dated("9999-12-31")),
         "un_roll_calls.csv.xz", 3, "date 9999-12-31 " + RANGE),
    Case("date-trailing-garbage", "unxml",
         lambda d: [write(d / "resolutions.jsonl", _unxml_with(adoption_date="2023-12-19garbage"))],
         "resolutions.jsonl", 5, "adoption_date '2023-12-19garbage' cannot be read"),
    Case("date-prose-before-charter", "unxml",
         lambda d: [write(d / "resolutions.jsonl", _unxml_with(adoption_date="1 January 1900"))],
         "resolutions.jsonl", 5, "adoption_date 1900-01-01 " + RANGE),
    Case("ohchr-date-basic-format", "ohchr", lambda d: _ohchr_dated(d, "20080327"),
         "hrc.csv.xz", 2, "date '20080327' is not a date", DATE_EXPECTED),
    Case("c3-date-before-charter", "c3_dprk", lambda d: _c3(d, bad.C3_EVENTS.replace("2014-11-18", "1900-11-18")),
         "c3_events.csv.xz", 2, "meeting_date 1900-11-18 " + RANGE),
    Case("undl-date-year-9999", "undl_ga", lambda d: _undl_totals(d, "1", "1", day="9999-12-31"),
         "ga_voting.csv", 2, "date 9999-12-31 " + RANGE),
    Case("count-above-members", "ohchr",
         lambda d: ohchr(d, ("250", "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")]),
         "hrc.csv.xz", 2, "yes_count 250 is more than the ", "(expected a count from 0 to "),
    Case("c3-count-above-members", "c3_dprk",
         lambda d: _c3(d, bad.C3_EVENTS.replace(",2,1,0,2,1,0,", ",2,900,0,2,1,0,")),
         "c3_events.csv.xz", 2, "no_count 900 is more than the "),
    Case("unxml-count-above-members", "unxml",
         lambda d: [write(d / "resolutions.jsonl", _unxml_with(MS_in_favour_count="999"))],
         "resolutions.jsonl", 5, "yes_count 999 is more than the "),
    Case("undl-sum-above-members", "undl_ga", lambda d: _undl_totals(d, "150", "150"),
         "ga_voting.csv", 2, "yes + no + abstain 300 is more than the "),
    Case("negative-count", "ohchr", lambda d: ohchr(d, ("-1", "1", "0"), [("USA", "Y"), ("CHN", "N")]),
         "hrc.csv.xz", 2, "yes '-1' is not a whole number"),
    Case("without-vote-with-roll", "unxml",
         lambda d: [write(d / "resolutions.jsonl", _unxml_with(adoption_type="Without a vote"))],
         "resolutions.jsonl", 5, "adopted without_vote carries positions",
         "expected positions only for a recorded vote"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_impossible_values_are_refused_and_nothing_written(case: Case, db: Path, tmp_path: Path) -> None:
    bad.test_ingest_refuses_and_writes_nothing(case, db, tmp_path)


def _stored(db: Path, *args: str) -> list[dict[str, object]]:
    done = cli(*args, "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)["rows"]
    return rows


def test_votes_file_with_only_a_header_keeps_the_decisions_and_says_the_roll_is_missing(
    db: Path, tmp_path: Path
) -> None:
    paths = voeten(bad._input_folder(tmp_path), votes=bad.VOTES_HEADER + "\n")
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "skipped 2: recorded vote without a roll in the source" in done.stdout, done.stdout
    [decision] = _stored(db, "decisions", "--search", "A/RES/69/901")
    assert decision["adoption_method"] == "recorded_vote"
    assert _stored(db, "votes", "A/RES/69/901") == []


def test_a_valid_date_and_tally_are_still_accepted(db: Path, tmp_path: Path) -> None:
    paths = ohchr(bad._input_folder(tmp_path), ("2", "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")])
    done = cli("ingest", "ohchr", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr
    [decision] = _stored(db, "decisions", "--search", "A/HRC/RES/99/1")
    assert (decision["yes_count"], decision["no_count"], decision["date"]) == (2, 1, "2008-03-27")


def _totals_findings(db: Path, symbol: str) -> list[str]:
    return [str(f["detail"]) for f in _stored(db, "discrepancies", "--kind", "totals_vs_roll") if f["symbol"] == symbol]


def test_an_unknown_total_is_never_compared_as_a_number(db: Path, tmp_path: Path) -> None:
    """A total the source does not give is stored as NULL and left out of the reconciliation, never
    read as -1: 2-1-N.A. against a counted 2-1-0 agrees; 3-1-N.A. differs and shows the unknown as ?."""
    records = [
        json.dumps(unxml_record("A/RES/77/981", MS_abstaining_count="N.A.")),
        json.dumps(unxml_record("A/RES/77/982", MS_in_favour_count="3", MS_abstaining_count="N.A.")),
    ]
    path = write(bad._input_folder(tmp_path) / "resolutions.jsonl", "\n".join(records) + "\n")
    done = cli("ingest", "unxml", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    [decision] = _stored(db, "decisions", "--search", "A/RES/77/981")
    assert (decision["yes_count"], decision["no_count"], decision["abstain_count"]) == (2, 1, None)
    assert _totals_findings(db, "A/RES/77/981") == []
    assert _totals_findings(db, "A/RES/77/982") == ["official 3-1-?, counted 2-1-0"]
