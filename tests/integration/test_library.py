"""The library API on a real built database: each question gives the frame of the command's CSV,
the default database is found (or the dossier built into the cache) as documented, and errors
are the package's own."""

from __future__ import annotations

import csv
import importlib.util
import inspect
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import unvotes
import unvotes.library
from unvotes.cli import app
from unvotes.errors import NotFoundError, ParameterError, StoreError, UnvotesError
from unvotes.reports.table import csv_text

RUNNER = CliRunner()
DPRK = "dprk-human-rights"

# (what the library is asked, the same question on the command line)
QUESTIONS: list[tuple[str, Callable[[unvotes.Database[pd.DataFrame]], pd.DataFrame], list[str]]] = [
    ("decisions", lambda db: db.decisions(series=DPRK, body="ga"), ["decisions", "--series", DPRK, "--body", "ga"]),
    (
        "decisions-year",
        lambda db: db.decisions(year=2014, search="Korea"),
        ["decisions", "--year", "2014", "--search", "Korea"],
    ),
    ("votes", lambda db: db.votes("A/RES/69/188"), ["votes", "A/RES/69/188"]),
    (
        "country",
        lambda db: db.country("PRK", series=DPRK, body="ga"),
        ["country", "PRK", "--series", DPRK, "--body", "ga"],
    ),
    ("sponsors", lambda db: db.sponsors("A/RES/69/188"), ["sponsors", "A/RES/69/188"]),
    (
        "sponsor-counts",
        lambda db: db.sponsors(series=DPRK, year_from=2010),
        ["sponsors", "--series", DPRK, "--from", "2010"],
    ),
    (
        "agreement",
        lambda db: db.agreement(with_country="JPN", series=DPRK, body="ga"),
        ["analyse", "agreement", "--with", "JPN", "--series", DPRK, "--body", "ga"],
    ),
    (
        "agreement-pairs",
        lambda db: db.agreement(series=DPRK, count_absences=True, year_from=2015),
        ["analyse", "agreement", "--series", DPRK, "--absences", "count", "--from", "2015"],
    ),
    (
        "ideal-points",
        lambda db: db.ideal_points(series=DPRK, body="ga", reference="JPN"),
        ["analyse", "ideal-points", "--series", DPRK, "--body", "ga", "--reference", "JPN"],
    ),
]


@pytest.fixture(scope="module")
def dossier_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("library") / "dossier.db"
    unvotes.build(path=path)
    return path


@pytest.fixture()
def db(dossier_db: Path) -> Any:
    with unvotes.open(dossier_db) as opened:
        yield opened


def _plain(value: object) -> object:
    if value is pd.NA:
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def _cli_csv(args: list[str], path: Path) -> list[list[str]]:
    result = RUNNER.invoke(app, [*args, "--db", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


@pytest.mark.parametrize(("name", "ask", "args"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_each_question_gives_the_commands_csv(
    name: str, ask: Callable[[Any], pd.DataFrame], args: list[str], db: Any, dossier_db: Path
) -> None:
    frame = ask(db)
    header, *rows = _cli_csv(args, dossier_db)
    assert list(frame.columns) == header
    assert rows, f"{name}: the question has an answer in the dossier"
    assert [[csv_text(_plain(v)) for v in row] for row in frame.itertuples(index=False)] == rows  # type: ignore[arg-type]
    assert frame.attrs["title"] and isinstance(frame.attrs["notes"], list)


def test_unknown_stays_unknown(db: Any) -> None:
    roll = db.votes("A/RES/69/188")
    assert roll.shape == (193, 7)
    assert str(roll["m49"].dtype) == "Int64" and str(roll["is_inferred"].dtype) == "boolean"
    ranked = db.agreement(with_country="PRK", series=DPRK)
    unranked = ranked[ranked["rank"].isna()]
    assert not unranked.empty and unranked["agreement"].isna().all()  # no decision in common: not 0


def test_a_state_by_name_or_code(db: Any) -> None:
    by_code = db.country("jpn", series=DPRK)
    assert by_code.equals(db.country("Japan", series=DPRK))
    with pytest.raises(NotFoundError, match="unknown state 'Atlantis': did you mean"):
        db.country("Atlantis")


def test_a_decision_by_id(db: Any) -> None:
    first = db.decisions(series=DPRK).iloc[0]
    assert db.votes(int(first["decision_id"])).shape[1] == 7


def test_parameters_are_checked_as_on_the_command_line(db: Any) -> None:
    with pytest.raises(ParameterError, match="body"):
        db.decisions(body="assembly")
    with pytest.raises(ParameterError, match="either --year or --from/--to"):
        db.decisions(year=2014, year_from=2010)
    with pytest.raises(ParameterError, match="give a decision"):
        db.sponsors()
    with pytest.raises(ParameterError, match="series=, body= or topic="):
        db.agreement()
    with pytest.raises(ParameterError, match="series=, body= or topic="):
        db.ideal_points(year_from=2010)
    with pytest.raises(NotFoundError, match="no decision with symbol"):
        db.votes("A/RES/1/999999")


def test_closing(dossier_db: Path) -> None:
    with unvotes.open(dossier_db) as db:
        assert "closed" not in repr(db)
    assert "closed" in repr(db)
    with pytest.raises(ParameterError, match="closed"):
        db.votes("A/RES/69/188")
    db.close()  # twice is harmless


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database here"):
        unvotes.open(tmp_path / "none.db")
    with pytest.raises(ParameterError, match="frames must be"):
        unvotes.open(tmp_path / "none.db", frames="arrow")  # type: ignore[call-overload]
    assert not (tmp_path / "none.db").exists()


def test_build_reports_and_refuses_what_is_not_a_folder(tmp_path: Path) -> None:
    seen: list[str] = []
    report = unvotes.build(path=tmp_path / "x.db", progress=lambda stage, done, total: seen.append(stage))
    assert report.database == tmp_path / "x.db" and seen
    assert [s.kind.value for s in report.sources] == ["dossier"]
    with pytest.raises(UnvotesError, match="not a folder"):
        unvotes.build(data_dir=tmp_path / "x.db", path=tmp_path / "y.db")
    assert not (tmp_path / "y.db").exists()


@pytest.mark.skipif(importlib.util.find_spec("polars") is not None, reason="polars is installed")
def test_polars_asked_for_without_polars(dossier_db: Path) -> None:
    with unvotes.open(dossier_db, frames="polars") as db, pytest.raises(ParameterError, match="pip install polars"):
        db.votes("A/RES/69/188")


@pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="polars is not installed")
def test_polars_frames(dossier_db: Path) -> None:
    with unvotes.open(dossier_db, frames="polars") as db, unvotes.open(dossier_db) as pandas_db:
        for _, ask, _ in QUESTIONS:
            frame, expected = ask(db), ask(pandas_db)
            assert frame.columns == list(expected.columns)
            assert frame.shape == expected.shape


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"UNVOTES_DB", "XDG_DATA_HOME", "XDG_CACHE_HOME"}}
    return {**env, "HOME": str(home)}


def _python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, check=True)


SHAPE = "import unvotes; print(unvotes.open().votes('A/RES/69/188').shape)"


def test_after_unvotes_build_open_finds_the_users_database(tmp_path: Path) -> None:
    env = _user_env(tmp_path)
    subprocess.run([sys.executable, "-m", "unvotes", "build"], env=env, cwd=tmp_path, capture_output=True, check=True)
    assert (tmp_path / ".local" / "share" / "unvotes" / "unvotes.db").exists()
    done = _python(SHAPE, env, tmp_path)
    assert done.stdout.startswith("(193, ") and done.stderr == ""
    assert not (tmp_path / ".cache").exists()


def test_without_a_database_open_builds_the_dossier_into_the_cache(tmp_path: Path) -> None:
    env = _user_env(tmp_path)
    first = _python(SHAPE, env, tmp_path)
    cached = tmp_path / ".cache" / "unvotes" / "dossier.db"
    assert first.stdout.startswith("(193, ") and cached.exists()
    assert first.stderr.count("\n") == 1 and str(cached) in first.stderr
    again = _python(SHAPE, env, tmp_path)
    assert again.stdout == first.stdout and again.stderr == ""
    os.utime(cached, (0, 0))  # as if built by an older copy of the package
    rebuilt = _python(SHAPE, env, tmp_path)
    assert rebuilt.stdout == first.stdout and str(cached) in rebuilt.stderr
    assert cached.stat().st_mtime > 0


def test_unvotes_db_is_used_and_never_replaced_by_the_cache(tmp_path: Path, dossier_db: Path) -> None:
    env = {**_user_env(tmp_path), "UNVOTES_DB": str(dossier_db)}
    assert _python("import unvotes; print(unvotes.open().path)", env, tmp_path).stdout.strip() == str(dossier_db)
    env["UNVOTES_DB"] = str(tmp_path / "missing.db")
    failed = subprocess.run([sys.executable, "-c", SHAPE], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1 and "no database here" in failed.stderr
    assert not (tmp_path / ".cache").exists()


def test_every_public_name_is_documented() -> None:
    undocumented = [name for name in unvotes.__all__ if name != "__version__" and not getattr(unvotes, name).__doc__]
    for name, member in inspect.getmembers(unvotes.Database):
        if not name.startswith("_") and not inspect.getdoc(member):
            undocumented.append(f"Database.{name}")
    assert undocumented == []
    assert set(unvotes.library.__all__) <= set(unvotes.__all__)
