"""States by any name: the command line and the pages take a code (ISO alpha-3 or alpha-2, M49) or
a name in any case, with or without accents, current or former; unknown text gets the three
nearest states, in one line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.integration.conftest import run_cli
from unvotes.web import create_app


@pytest.fixture()
def db(built_dossier: Path) -> Path:
    return built_dossier


def _record(db: Path, state: str) -> list[dict[str, str]]:
    done = run_cli("country", state, "--series", "dprk-human-rights", "--db", str(db), "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


@pytest.mark.parametrize(
    "name",
    [
        "prk",
        "KP",
        "408",
        "North Korea",
        "DPRK",
        "Corée du Nord",
        "corea del norte",
        "République populaire démocratique de Corée",
        "República Popular Democrática de Corea",
    ],
)
def test_a_state_by_any_name_has_the_same_record(db: Path, name: str) -> None:
    assert _record(db, name) == _record(db, "PRK")


@pytest.mark.parametrize(("typed", "nearest"), [("PKR", "(PRK)"), ("Nort Korea", "(PRK)"), ("Sovet Union", "(SUN)")])
def test_an_unknown_state_gets_the_nearest_in_one_line(db: Path, typed: str, nearest: str) -> None:
    done = run_cli("country", typed, "--db", str(db))
    assert done.returncode == 1 and done.stdout == ""
    line = done.stderr.strip()
    assert "\n" not in line and f"unknown state {typed!r}: did you mean" in line
    assert line.split("did you mean ")[1].split(",")[0].endswith(nearest), line


def test_agreement_with_an_unknown_state_says_unknown(db: Path) -> None:
    done = run_cli("analyse", "agreement", "--with", "XYZ", "--series", "dprk-human-rights", "--db", str(db))
    assert done.returncode == 1 and "unknown state 'XYZ'" in done.stderr
    named = run_cli("analyse", "agreement", "--with", "North Korea", "--series", "dprk-human-rights", "--db", str(db))
    assert named.returncode == 0, named.stderr


def test_a_page_by_name(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        assert client.get("/countries/North%20Korea.json").json()["data"]["facts"]["country_code"] == "PRK"
        missing = client.get("/countries/Atlantis.json")
        assert missing.status_code == 404 and "did you mean" in missing.text
