"""The command line in a terminal: usage errors are one line and exit 1 like every other error,
`--help` still answers; an unknown series is refused and an empty answer is said on standard
error; tables fit an 80-column terminal without breaking a symbol, and ``--wide`` shows them whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli


def _in_terminal(columns: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        ("decisions", "--bogus"),
        ("votes",),
        ("decisions", "--from", "abc"),
        ("nosuchcommand",),
        ("analyse", "agreement"),
        ("decisions", "--from", "2015", "--to", "2014"),
    ],
    ids=["unknown-option", "missing-argument", "bad-number", "unknown-command", "no-selection", "backwards"],
)
def test_usage_errors_are_one_line_and_exit_1(built_dossier: Path, args: tuple[str, ...]) -> None:
    done = run_cli(*args, *(("--db", str(built_dossier)) if args[0] != "nosuchcommand" else ()))
    assert done.returncode == 1, done.stderr
    assert done.stdout == "" and done.stderr.startswith("error: ") and done.stderr.strip().count("\n") == 0
    assert "Traceback" not in done.stderr


def test_help_still_answers() -> None:
    done = run_cli("decisions", "--help")
    assert done.returncode == 0 and "--search" in done.stdout


def test_an_unknown_series_is_refused_and_an_empty_answer_said(built_dossier: Path) -> None:
    unknown = run_cli("decisions", "--series", "nope", "--db", str(built_dossier))
    assert unknown.returncode == 1 and "unknown series 'nope'" in unknown.stderr
    empty = run_cli("decisions", "--year", "1950", "--db", str(built_dossier), "--format", "csv")
    assert empty.returncode == 0 and "nothing to show" in empty.stderr
    assert empty.stdout.count("\n") == 1  # the header alone


def test_tables_fit_80_columns_and_wide_shows_all(built_dossier: Path) -> None:
    args = ("country", "KOR", "--series", "dprk-human-rights", "--from", "2014", "--to", "2014")
    narrow = _in_terminal(80, *args, "--db", str(built_dossier))
    assert narrow.returncode == 0, narrow.stderr
    assert all(len(line) <= 80 for line in narrow.stdout.splitlines())
    assert "A/RES/69/188" in narrow.stdout and "A/C.3/69/L.28/Rev.1" in narrow.stdout  # never broken
    assert "Not shown at this width" in narrow.stdout
    wide = _in_terminal(400, "--wide", *args, "--db", str(built_dossier))
    assert "Not shown at this width" not in wide.stdout and "group_share" in wide.stdout
