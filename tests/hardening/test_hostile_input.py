"""Hostile input through the real command line: damaged or trailing compressed data, bombs,
non-regular files, numbers no reader may take, deep JSON, old-Mac line ends, and a database that
cannot be written. Each gives one line naming the file and the true reason, exit code 1, no
traceback, and nothing written.
"""

# The tests take the fixtures imported from test_bad_input as parameters of the same names.
# ruff: noqa: F811

from __future__ import annotations

import json
import lzma
import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.hardening.harness import cli, cli_command, cli_env, fingerprint, leftovers
from tests.hardening.test_bad_input import (
    C3_EVENTS,
    C3_VOTES,
    C3_VOTES_HEADER,
    ROLL_CALLS,
    ROLL_CALLS_HEADER,
    UNXML,
    VOTES,
    VOTES_HEADER,
    Case,
    _input_folder,
    base_db,  # noqa: F401  (a fixture: the shipped dossier built into a real database)
    db,  # noqa: F401  (a fixture: a copy of it for one test)
    lines,
    ohchr,
    unxml_record,
    voeten,
    write,
)
from tests.hardening.test_bad_input import test_ingest_refuses_and_writes_nothing as refused_by_ingest

from unvotes.sources.stored import MAX_DECOMPRESSED_BYTES

CALLS = lines(ROLL_CALLS_HEADER, ROLL_CALLS)
HUGE = "9" * 5000
TOO_LARGE = str(2**63)


def _xz_with(folder: Path, data: bytes) -> list[Path]:
    paths = voeten(folder)
    paths[1].write_bytes(data)
    return paths


def _second_stream_damaged(folder: Path) -> list[Path]:
    """Two xz streams, the second (holding the last roll call) with a flipped byte in its data."""
    split = CALLS.encode().index(b"9902")
    second = bytearray(lzma.compress(CALLS.encode()[split:]))
    second[len(second) // 2] ^= 0xFF
    return _xz_with(folder, lzma.compress(CALLS.encode()[:split]) + bytes(second))


def _bomb(folder: Path) -> list[Path]:
    """About 170 kB: the roll calls, then 17 xz streams of 64 MiB of zeros each (over 1 GiB in all)."""
    zeros = lzma.compress(b"0" * (64 << 20), preset=0)
    streams = MAX_DECOMPRESSED_BYTES // (64 << 20) + 1
    return _xz_with(folder, lzma.compress(CALLS.encode()) + zeros * streams)


def _fifo(folder: Path) -> list[Path]:
    paths = voeten(folder)
    paths[1].unlink()
    os.mkfifo(paths[1])
    return paths


def _calls(old: str, new: str) -> list[str]:
    return [ROLL_CALLS[0].replace(old, new, 1), ROLL_CALLS[1]]


def _unxml(**fields: str) -> list[str]:
    return [*UNXML, json.dumps(unxml_record("A/RES/77/1", **fields))]


CASES = [
    Case(
        "xz-second-stream-damaged",
        "voeten2021",
        _second_stream_damaged,
        "un_roll_calls.csv.xz",
        None,
        "corrupt compressed stream",
    ),
    Case(
        "xz-trailing-bytes",
        "voeten2021",
        lambda d: _xz_with(d, lzma.compress(CALLS.encode()) + b"9903,70.0,0,2015-12-18,R/70/1,0,0,X,Y\n"),
        "un_roll_calls.csv.xz",
        None,
        "38 bytes after the end of the compressed stream",
    ),
    Case("xz-bomb", "voeten2021", _bomb, "un_roll_calls.csv.xz", None, "larger than 1,024 MiB once decompressed"),
    Case("fifo", "voeten2021", _fifo, "un_roll_calls.csv.xz", None, "not a regular file (a pipe"),
    Case("device", "voeten2021", lambda d: [voeten(d)[0], Path("/dev/zero")], "/dev/zero", None, "not a regular"),
    Case(
        "rcid-2^63",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, _calls("9901", TOO_LARGE))),
        "un_roll_calls.csv.xz",
        2,
        f"rcid '{TOO_LARGE}' is too large",
    ),
    Case(
        "session-5000-digits",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, _calls("69.0", HUGE))),
        "un_roll_calls.csv.xz",
        2,
        "session '9999999999999999999999999999999999999999…' (5,000 characters) is too large",
    ),
    Case(
        "rcid-arabic-indic",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, _calls("9901", "٩٩٠١"))),
        "un_roll_calls.csv.xz",
        2,
        "rcid '٩٩٠١' is not a whole number",
    ),
    Case(
        "rcid-fraction",
        "voeten2021",
        lambda d: voeten(d, calls=lines(ROLL_CALLS_HEADER, _calls("9901", "9901.5"))),
        "un_roll_calls.csv.xz",
        2,
        "rcid '9901.5' is not a whole number",
    ),
    Case(
        "votes-rcid-5000-digits",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, [VOTES[0].replace("9901", HUGE), *VOTES[1:]])),
        "un_votes.csv",
        2,
        "(5,000 characters) is not in un_roll_calls.csv.xz",
    ),
    Case(
        "c3-count-superscript",
        "c3_dprk",
        lambda d: [
            write(d / "c3_votes.csv", lines(C3_VOTES_HEADER, C3_VOTES)),
            write(d / "c3_events.csv.xz", C3_EVENTS.replace(",2,1,0,2,1,0,", ",2²,1,0,2,1,0,")),
        ],
        "c3_events.csv.xz",
        2,
        "stated_yes '2²' is not a whole number",
    ),
    Case(
        "c3-count-5000-digits",
        "c3_dprk",
        lambda d: [
            write(d / "c3_votes.csv", lines(C3_VOTES_HEADER, C3_VOTES)),
            write(d / "c3_events.csv.xz", C3_EVENTS.replace(",2,1,0,2,1,0,", f",{HUGE},1,0,2,1,0,")),
        ],
        "c3_events.csv.xz",
        2,
        "is too large",
    ),
    Case(
        "ohchr-count-superscript",
        "ohchr",
        lambda d: ohchr(d, ("2²", "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")]),
        "hrc.csv.xz",
        2,
        "yes '2²' is not a whole number",
    ),
    Case(
        "ohchr-count-2^63",
        "ohchr",
        lambda d: ohchr(d, (TOO_LARGE, "1", "0"), [("USA", "Y"), ("FRA", "Y"), ("CHN", "N")]),
        "hrc.csv.xz",
        2,
        "is too large",
    ),
    Case(
        "unxml-count-arabic-indic",
        "unxml",
        lambda d: [write(d / "r.jsonl", "\n".join(_unxml(MS_in_favour_count="٢")))],
        "r.jsonl",
        5,
        "MS_in_favour_count '٢' is not a whole number",
    ),
    Case(
        "unxml-count-2^63",
        "unxml",
        lambda d: [write(d / "r.jsonl", "\n".join(_unxml(MS_in_favour_count=TOO_LARGE)))],
        "r.jsonl",
        5,
        "is too large",
    ),
    Case(
        "unxml-year-2^63",
        "unxml",
        lambda d: [write(d / "r.jsonl", "\n".join(_unxml(adoption_date=f"15 December {TOO_LARGE}")))],
        "r.jsonl",
        5,
        "adoption_date",
        "cannot be read",
    ),
    Case(
        "unxml-year-arabic-indic",
        "unxml",
        lambda d: [write(d / "r.jsonl", "\n".join(_unxml(adoption_date="15 December ٢٠٢٢")))],
        "r.jsonl",
        5,
        "cannot be read",
    ),
    Case(
        "unxml-deep-json",
        "unxml",
        lambda d: [write(d / "r.jsonl", "\n".join([*UNXML, '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"]))],
        "r.jsonl",
        5,
        "JSON nested too deeply",
    ),
    Case(
        "cr-only-csv",
        "voeten2021",
        lambda d: voeten(d, votes=lines(VOTES_HEADER, VOTES).replace("\n", "\r")),
        "un_votes.csv",
        1,
        "carriage return alone",
    ),
    Case(
        "cr-only-jsonl",
        "unxml",
        lambda d: [write(d / "r.jsonl.xz", "\r".join(UNXML))],
        "r.jsonl.xz",
        1,
        "carriage return alone",
    ),
]


def _one_line(stderr: str) -> str:
    text = stderr.strip()
    assert "\n" not in text and "Traceback" not in text, stderr
    assert text.startswith("error: "), stderr
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_ingest_refuses_with_the_true_reason(case: Case, db: Path, tmp_path: Path) -> None:
    """The check of the malformed-input tests (one line naming file and line, nothing written)."""
    refused_by_ingest(case, db, tmp_path)


BUILD_CASES = ["xz-second-stream-damaged", "xz-trailing-bytes", "rcid-arabic-indic", "unxml-deep-json"]


@pytest.mark.parametrize("name", BUILD_CASES)
def test_build_refuses_with_the_true_reason(name: str, db: Path, tmp_path: Path) -> None:
    [case] = [c for c in CASES if c.name == name]
    case.files(_input_folder(tmp_path))
    before = fingerprint(db)
    done = cli("build", "--data-dir", str(tmp_path / "input"), "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr
    text = _one_line(done.stderr)
    assert case.file in text and case.says in text, text
    assert fingerprint(db) == before
    assert leftovers(db) == []


def test_xz_stream_padding_is_accepted(db: Path, tmp_path: Path) -> None:
    """NUL padding in multiples of four after a stream is part of the xz format."""
    paths = _xz_with(_input_folder(tmp_path), lzma.compress(CALLS.encode()) + b"\0" * 8)
    done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("command", ["ingest", "build"])
def test_db_naming_a_folder(command: str, tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path))
    folder = tmp_path / "folder"
    folder.mkdir()
    args = ["ingest", "voeten2021", *map(str, paths)] if command == "ingest" else ["build", "--data-dir"]
    args += [str(tmp_path / "input")] if command == "build" else []
    done = cli(*args, "--db", str(folder))
    assert done.returncode == 1
    assert f"{folder}: is a folder, not a database file" in _one_line(done.stderr)
    assert list(folder.iterdir()) == []


def _file_size_limit() -> None:
    """A writer that may write no more than 200 kB per file: writing more fails with EFBIG."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


@pytest.mark.parametrize("command", ["ingest", "build"])
def test_a_file_too_large_to_write_says_so(command: str, db: Path, tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path))
    target = db if command == "ingest" else tmp_path / "new" / "unvotes.db"
    before = fingerprint(db)
    args = ["ingest", "voeten2021", *map(str, paths)] if command == "ingest" else ["build", "--data-dir"]
    args += [str(tmp_path / "input")] if command == "build" else []
    done = subprocess.run(
        cli_command(*args, "--db", str(target)),
        capture_output=True,
        text=True,
        env=cli_env(),
        preexec_fn=_file_size_limit,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    text = _one_line(done.stderr)
    assert f"{target}: cannot write the database: no space left on device or file too large" in text
    assert "build it anew" not in text
    assert fingerprint(db) == before
    assert leftovers(target) == []


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` and the files in it made read-only for the command run inside the block.

    Permissions bind every user but root; as root the folder becomes a read-only tmpfs mount
    holding a copy of its files (skipped where mounting is not allowed).
    """
    if os.geteuid() != 0:
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    saved = folder.with_name(f"{folder.name}.saved")
    shutil.copytree(folder, saved)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], check=False).returncode:
        shutil.rmtree(saved)
        pytest.skip("running as root, and a read-only tmpfs cannot be mounted here")
    try:
        shutil.copytree(saved, folder, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        shutil.rmtree(saved)


def test_a_read_only_database_says_so(base_db: Path, tmp_path: Path) -> None:
    paths = voeten(_input_folder(tmp_path))
    db = tmp_path / "db" / "unvotes.db"
    db.parent.mkdir()
    shutil.copyfile(base_db, db)
    before = fingerprint(db)
    with _read_only(db.parent):
        done = cli("ingest", "voeten2021", *map(str, paths), "--db", str(db))
        assert done.returncode == 1, done.stdout + done.stderr
        text = _one_line(done.stderr)
        assert f"{db}: cannot write the database: " in text and "read-only" in text, text
        assert "build it anew" not in text
        assert fingerprint(db) == before
