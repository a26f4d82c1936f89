"""The static site of every decision, state and year, built from a real slice of the full
database: the decisions of 1977 and the DPRK series (with their chains), every state. The full
site is built only by ``benchmarks/static_site.py``; this slice has every kind of page of it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.web import support
from unvotes import store
from unvotes.model import Body, Selection
from unvotes.web import build_site

pytestmark = [pytest.mark.slow, pytest.mark.shared]

YEAR = 1977


def _keep_only(db: Path, year: int) -> None:
    """Delete every decision but those of ``year`` and of the series and their links, in every
    table that names a decision, and from the search index."""
    con = sqlite3.connect(db)
    keep = f"""SELECT decision_id FROM decisions WHERE year = {year}
        UNION SELECT decision_id FROM series_decisions
        UNION SELECT from_decision_id FROM decision_links
            WHERE to_decision_id IN (SELECT decision_id FROM series_decisions)
        UNION SELECT to_decision_id FROM decision_links
            WHERE from_decision_id IN (SELECT decision_id FROM series_decisions)"""
    with con:
        con.execute(f"CREATE TEMP TABLE kept AS {keep}")
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith("decision_text"):
                continue
            for column in (r[1] for r in con.execute(f"PRAGMA table_info({table})")):
                if column.endswith("decision_id") and table != "decisions":
                    con.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT decision_id FROM kept)")
        con.execute("DELETE FROM decision_text WHERE rowid NOT IN (SELECT decision_id FROM kept)")
        con.execute("DELETE FROM decisions WHERE decision_id NOT IN (SELECT decision_id FROM kept)")
    con.execute("VACUUM")
    con.close()


@pytest.fixture(scope="module")
def slice_db(full_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("everything") / "slice.db"
    source, copy = sqlite3.connect(f"file:{full_db}?mode=ro", uri=True), sqlite3.connect(db)
    try:
        source.backup(copy)  # the session's full build, copied: this test cuts it down
    finally:
        source.close()
        copy.close()
    _keep_only(db, YEAR)
    return db


@pytest.fixture(scope="module")
def site(slice_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("everything-site") / "site"
    build_site(slice_db, out)
    return out


def _decisions(db: Path, sel: Selection) -> list[store.DecisionRecord]:
    con = store.open_db(db, read_only=True)
    try:
        return store.list_decisions(con, sel)
    finally:
        con.close()


def test_a_decision_of_1977_has_its_page_with_its_roll(slice_db: Path, site: Path) -> None:
    of_1977 = _decisions(slice_db, Selection(year_from=YEAR, year_to=YEAR))
    assert len(of_1977) > 100
    with_roll = next(d for d in of_1977 if d.roll_source_id is not None and d.symbol and d.body is Body.GA)
    html = (site / f"decisions/{with_roll.decision_id}.html").read_text(encoding="utf-8")
    assert with_roll.symbol in html
    assert "the bulk download" in html and 'href="../downloads.html"' in html
    assert not (site / f"decisions/{with_roll.decision_id}.json").exists(), "a partial page has no JSON"
    roll = (site / f"decisions/{with_roll.decision_id}.roll.csv").read_text(encoding="utf-8")
    assert len(roll.splitlines()) > 60


def test_every_year_has_a_page_listing_its_decisions(slice_db: Path, site: Path) -> None:
    data = json.loads((site / f"years/{YEAR}.json").read_text(encoding="utf-8"))["data"]
    listed = {row["decision_id"] for row in data["tables"]["every_decision"]["rows"]}
    assert listed == {d.decision_id for d in _decisions(slice_db, Selection(year_from=YEAR, year_to=YEAR))}
    assert data["facts"]["decisions"] == 0, "no decision of the series in 1977"
    html = (site / f"years/{YEAR}.html").read_text(encoding="utf-8")
    assert "The series has no decision in 1977" in html
    browse = (site / "decisions.html").read_text(encoding="utf-8")
    assert f'href="years/{YEAR}.html"' in browse and 'href="years/2014.html"' in browse


def test_the_index_holds_every_decision_of_the_database(slice_db: Path, site: Path) -> None:
    index = json.loads((site / "decisions/index.json").read_text(encoding="utf-8"))
    ids = [row[index["columns"].index("decision_id")] for row in index["rows"]]
    expected = [d.decision_id for d in _decisions(slice_db, Selection(sort=None))]
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == set(expected)
    series = index["columns"].index("series")
    assert sum("dprk-human-rights" in row[series].split() for row in index["rows"]) == 70


def test_no_link_of_the_site_is_broken(site: Path) -> None:
    pages, broken = support.broken_links(site)
    assert pages > 400
    assert broken == {}
