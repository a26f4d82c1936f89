"""Search as people type it: words stemmed, states by any of their names, symbol fragments; the
DPRK series first for "North Korea human rights"; ranked or by date; the matches shown; nothing a
person types reaches FTS5 as syntax; a database made before search still searches (literally)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli
from unvotes import store
from unvotes.model import Selection, SortOrder


@pytest.fixture()
def db(built_dossier: Path) -> Path:
    return built_dossier


def _found(db: Path, text: str, *extra: str) -> list[dict[str, str]]:
    done = run_cli("decisions", "--search", text, "--db", str(db), "--format", "csv", *extra)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_a_state_by_any_of_its_names(db: Path) -> None:
    dprk = {r["decision_id"] for r in _found(db, "DPRK")}
    assert len(dprk) >= 60  # the series' titles name the "Democratic People's Republic of Korea"
    for name in ("North Korea", "Corée du Nord", "corea del norte", "Democratic People's Republic of Korea"):
        assert {r["decision_id"] for r in _found(db, name)} == dprk, name


def test_a_state_by_its_un_french_or_spanish_name(db: Path) -> None:
    dprk = {r["decision_id"] for r in _found(db, "DPRK")}
    for name in ("République populaire démocratique de Corée", "republica popular democratica de corea"):
        assert {r["decision_id"] for r in _found(db, name)} == dprk, name


def test_words_are_stemmed_and_all_must_match(db: Path) -> None:
    assert _found(db, "Korea human rights") and _found(db, "Korea human right") == _found(db, "Korea human rights")
    assert _found(db, "Korea human rights zebra") == []


@pytest.mark.parametrize(("text", "symbol"), [("69/188", "A/RES/69/188"), ("L.63", "A/C.3/69/L.63")])
def test_a_symbol_fragment_finds_its_decision_first(db: Path, text: str, symbol: str) -> None:
    assert _found(db, text)[0]["symbol"] == symbol


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "NEAR(", "*", "title:korea", "!!!", "'); DROP TABLE x; --"])
def test_nothing_typed_is_syntax(db: Path, text: str) -> None:
    done = run_cli("decisions", "--search", text, "--db", str(db), "--format", "csv")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


def test_ranked_or_by_date(db: Path) -> None:
    con = store.open_db(db, read_only=True)
    try:
        ranked = store.list_decisions(con, Selection(search="Korea human rights"))
        dated = store.list_decisions(con, Selection(search="Korea human rights", sort=SortOrder.DATE))
        snippets = store.search_snippets(con, Selection(search="North Korea"), [d.decision_id for d in dated])
    finally:
        con.close()
    assert {d.decision_id for d in ranked} == {d.decision_id for d in dated}
    dates = [d.date or "" for d in dated]
    assert dates == sorted(dates) and [d.decision_id for d in ranked] != [d.decision_id for d in dated]
    assert snippets and all("«" in s and "»" in s for s in snippets.values())


def test_a_database_made_before_search_still_finds_text(db: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    older.write_bytes(db.read_bytes())
    con = sqlite3.connect(older)
    with con:
        con.execute("DROP TABLE decision_text")
    con.close()
    assert [r["symbol"] for r in _found(older, "69/188")] == ["A/RES/69/188"]


def test_years_in_the_wrong_order_are_refused(db: Path) -> None:
    done = run_cli("decisions", "--from", "2015", "--to", "2014", "--db", str(db))
    assert done.returncode == 1 and done.stderr.strip().count("\n") == 0
    assert "--from 2015 is after --to 2014" in done.stderr


@pytest.mark.slow
@pytest.mark.shared
def test_the_series_comes_first_over_every_roll_call(full_db: Path) -> None:
    first = _found(full_db, "North Korea human rights")[:40]
    titles = {r["title"] for r in first}
    assert len(first) == 40 and all("Democratic People" in t for t in titles), titles
