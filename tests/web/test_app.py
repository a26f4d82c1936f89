"""The app's own machinery: a read-only database that follows a rebuilt file, the response cache,
the charts built from the page data, the links of the static site."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes.reports import pages
from unvotes.web import create_app
from unvotes.web.charts import NO_POSITION, charts_for
from unvotes.web.database import Database
from unvotes.web.urls import Links, Route


def test_the_database_is_opened_read_only(dossier_db: Path) -> None:
    con = Database(dossier_db).connection()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        con.execute("CREATE TABLE intruder (x)")


def test_a_replaced_file_is_reopened(dossier_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copyfile(dossier_db, path)
    with TestClient(create_app(path)) as client:
        before = get_json(client, "/sources.json")["data"]["facts"]["files"]
        other = tmp_path / "other.db"
        shutil.copyfile(dossier_db, other)
        con = sqlite3.connect(other)
        con.execute("DELETE FROM sources WHERE source_id NOT IN (SELECT source_id FROM decisions)")
        con.commit()
        con.close()
        other.replace(path)  # as 'unvotes build' moves a new file into place
        after = get_json(client, "/sources.json")["data"]["facts"]["files"]
    assert after < before


def test_a_missing_database_is_refused_with_a_message(tmp_path: Path) -> None:
    from unvotes.errors import StoreError

    with pytest.raises(StoreError, match="run 'unvotes build' first"):
        create_app(tmp_path / "none.db")


def test_the_map_legend_counts_the_roll(client: TestClient, dossier_db: Path) -> None:
    con = Database(dossier_db).connection()
    page = pages.decision_page(con, decision_id(client, "A/RES/69/188"))
    chart = charts_for(page, Links(Route("decisions/1")))["map"]
    domain = chart.spec["encoding"]["color"]["scale"]["domain"]
    assert domain == ["Yes (116)", "No (20)", "Abstain (53)", "Non-voting (4)", NO_POSITION]
    values = chart.spec["transform"][0]["from"]["data"]["values"]
    assert len(values) + len(chart.missing) == 193
    assert chart.spec["data"]["url"] == "/static/vendor/countries-50m.json"


def test_the_timeline_spec_holds_every_recorded_vote(client: TestClient, dossier_db: Path) -> None:
    con = Database(dossier_db).connection()
    page = pages.overview_page(con)
    chart = charts_for(page, Links(Route("index")))["timeline"]
    bars = [b for view in chart.spec["vconcat"] for layer in view.get("layer", []) for b in layer["data"]["values"]]
    labels = {b["aria"] for b in bars}
    rows = get_json(client, "/index.json")["data"]["tables"]["timeline"]["rows"]
    for r in rows:
        if r["yes_count"] is not None:
            assert f"{r['body']} {r['year']} yes {r['yes_count']}" in labels
        elif r["adoption_method"] == "without_vote":
            assert f"{r['body']} {r['year']} adopted without a vote" in labels
        else:
            assert f"{r['body']} {r['year']} recorded vote, totals not in the sources" in labels


@pytest.mark.parametrize(
    ("here", "method", "args", "server", "static"),
    [
        ("index", "decision", (54,), "/decisions/54", "decisions/54.html"),
        ("decisions/54", "country", ("KOR",), "/countries/KOR", "../countries/KOR.html"),
        ("countries/KOR", "compare", (["KOR", "USA"],), "/compare?c=KOR&c=USA", "../compare/KOR-USA.html"),
        ("compare/KOR-USA", "home", (), "/", "../index.html"),
        ("index", "asset", ("app.css",), "/static/app.css", "static/app.css"),
        ("years/2014", "browse", (), "/decisions", "../decisions.html"),
    ],
)
def test_links_are_relative_in_the_static_site(
    here: str, method: str, args: tuple[object, ...], server: str, static: str
) -> None:
    assert getattr(Links(Route(here)), method)(*args) == server
    assert getattr(Links(Route(here), static=True), method)(*args) == static


def test_a_table_of_a_page_as_csv_links_the_same_way() -> None:
    assert Links(Route("decisions/54")).here_as("csv", table="roll") == "/decisions/54.csv?table=roll"
    assert Links(Route("decisions/54"), static=True).here_as("csv", table="roll") == "54.roll.csv"
    assert Links(Route("compare", (("c", "KOR"), ("c", "USA")))).here_as("json") == "/compare.json?c=KOR&c=USA"
