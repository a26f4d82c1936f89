"""``unvotes build --data-dir`` holds everything the folder holds, or fails and changes nothing.

Every folder here is written by the test: a good Third Committee source, and beside it one file
that is plainly meant as a source (by its name or most of its header) and cannot be read, a
broken link, or nothing at all. The real command runs as a subprocess on top of a real database;
a refused build leaves it with the same bytes and contents and nothing beside it. With
``--allow-partial`` the build goes ahead, lists on standard error what it left out, and records it
in the database's build record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.hardening import test_bad_input
from tests.hardening.harness import cli, fingerprint, leftovers
from tests.hardening.test_bad_input import C3_VOTES, VOTES, VOTES_HEADER, c3, lines, voeten, write

from unvotes import store
from unvotes.sources.unxml import FIELDS


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], object]  # writes the broken file beside the good source
    file: str  # the file the error names
    line: int | None
    says: str


def _unxml_line(**changes: object) -> str:
    record = dict.fromkeys(FIELDS.required, "x")
    record.update(changes)
    return json.dumps({k: v for k, v in record.items() if v is not None}) + "\n"


CASES = [
    Case(
        "one-damaged-header-cell",
        lambda d: write(d / "votes.csv", lines(VOTES_HEADER.replace("country_code", "country_cod"), VOTES)),
        "votes.csv",
        1,
        "missing column(s) country_code",
    ),
    Case(
        "one-unknown-extra-column",
        lambda d: write(d / "votes.csv.xz", lines(VOTES_HEADER + ",remark", [v + "," for v in VOTES])),
        "votes.csv.xz",
        1,
        "unexpected column(s) 'remark'",
    ),
    Case(
        "garbled-first-line-of-a-named-source",
        lambda d: write(d / "voeten2021_un_votes.csv", b"\x00\x01\x02\x03\n" + lines(VOTES_HEADER, VOTES).encode()),
        "voeten2021_un_votes.csv",
        1,
        "Voeten 2021 votes header",
    ),
    Case(
        "garbled-first-line-of-the-unxml-extract",
        lambda d: write(d / "unxml_ga_resolutions.jsonl.xz", '{"symbol": "A/RES/1\n' + _unxml_line()),
        "unxml_ga_resolutions.jsonl.xz",
        1,
        "not one JSON object",
    ),
    Case(
        "unxml-record-missing-a-field",
        lambda d: write(d / "extract.jsonl", _unxml_line(adoption_date=None)),
        "extract.jsonl",
        1,
        "adoption_date",
    ),
    Case(
        "broken-symbolic-link",
        lambda d: os.symlink(d / "gone" / "votes.csv", d / "votes.csv"),
        "votes.csv",
        None,
        "broken symbolic link",
    ),
]


#: A real database to replace (the shipped dossier), copied for each test.
base_db = test_bad_input.base_db
db = test_bad_input.db


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A data folder holding one good source (a Third Committee roll call)."""
    path = tmp_path / "data"
    (path / "c3").mkdir(parents=True)
    c3(path / "c3", C3_VOTES)
    return path


def _assert_refused(done: object, db: Path, before: object, where: str, says: str) -> str:
    assert getattr(done, "returncode", None) == 1, done
    text = str(getattr(done, "stderr", "")).strip()
    assert "\n" not in text and "Traceback" not in text and text.startswith("error: "), text
    assert where in text and says in text, f"expected {where!r} and {says!r} in {text!r}"
    assert fingerprint(db) == before
    assert leftovers(db) == []
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_source_that_cannot_be_read_stops_the_build(case: Case, db: Path, folder: Path) -> None:
    case.make(folder)
    before = fingerprint(db)
    done = cli("build", "--data-dir", str(folder), "--db", str(db))
    where = case.file if case.line is None else f"{case.file}, line {case.line}: "
    text = _assert_refused(done, db, before, where, case.says)
    assert "--allow-partial" in text


@pytest.mark.parametrize("content", [None, "# notes\n"], ids=["empty", "no-source"])
def test_a_folder_without_sources_is_refused(content: str | None, db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    if content is not None:
        write(empty / "README.md", content)
    before = fingerprint(db)
    done = cli("build", "--data-dir", str(empty), "--db", str(db))
    _assert_refused(done, db, before, str(empty), "no source files")


def test_an_unrelated_json_file_is_listed_as_ignored(db: Path, folder: Path) -> None:
    write(folder / "deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    done = cli("build", "--data-dir", str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"not ingested: {folder / 'deep.json'}: unrecognised" in done.stdout
    assert "c3_dprk" in done.stdout


def test_symbolic_links_to_folders_are_followed_once(db: Path, folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    voeten(elsewhere)
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    (folder / "c3" / "loop").symlink_to(folder, target_is_directory=True)
    done = cli("build", "--data-dir", str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"not ingested: {folder / 'c3' / 'loop'}: a folder already read" in done.stdout
    assert "un_votes.csv" in done.stdout and "voeten2021" in done.stdout
    assert "c3_dprk" in done.stdout


def test_allow_partial_builds_without_them_and_records_it(db: Path, folder: Path) -> None:
    for case in CASES[:2]:
        case.make(folder)
    write(folder / "README.md", "# notes\n")
    done = cli("build", "--data-dir", str(folder), "--db", str(db), "--allow-partial")
    assert done.returncode == 0, done.stderr
    left = [line for line in done.stderr.splitlines() if line.startswith("left out (--allow-partial): ")]
    assert len(left) == 2 and "votes.csv, line 1" in left[0] and "votes.csv.xz, line 1" in left[1], done.stderr
    assert "c3_dprk" in done.stdout
    con = store.open_db(db, read_only=True)
    try:
        record = store.build_record(con)
    finally:
        con.close()
    assert record is not None and record.is_partial and record.data_dir == str(folder)
    assert [Path(path).name for path, _ in record.left_out] == ["votes.csv", "votes.csv.xz"]
    assert all("line 1" in reason for _, reason in record.left_out)
    assert record.ignored == ((str(folder / "README.md"), "unrecognised"),)


def test_a_complete_build_records_no_omission(db: Path, folder: Path) -> None:
    done = cli("build", "--data-dir", str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    con = store.open_db(db, read_only=True)
    try:
        record = store.build_record(con)
    finally:
        con.close()
    assert record is not None and not record.is_partial and record.left_out == ()
