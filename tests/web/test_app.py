"""The app's own machinery: a read-only database that follows a rebuilt file, the response cache,
the charts built from the page data, the links of the static site."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes.errors import NotFoundError
from unvotes.reports import pages
from unvotes.web import create_app, views
from unvotes.web.charts import NO_POSITION, charts_for
from unvotes.web.database import Database
from unvotes.web.explorer import Explorer
from unvotes.web.render import Format
from unvotes.web.urls import Links, Route
from unvotes.web.views import View

T = TypeVar("T")


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


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` in a loop of its own on another thread: an earlier test (a browser driven
    through Playwright's synchronous API) may have left an event loop running on this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _request(path: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []})


def test_a_burst_of_requests_for_a_page_not_yet_cached_builds_it_once(dossier_db: Path) -> None:
    explorer = Explorer(Database(dossier_db))
    builds: list[str] = []

    def build(con: sqlite3.Connection) -> View:
        builds.append(threading.current_thread().name)
        time.sleep(0.05)  # long enough for every request of the burst to arrive meanwhile
        return views.country(con, "KOR", None)

    async def burst() -> list[bytes]:
        answers = await asyncio.gather(
            *(explorer.respond(_request("/countries/KOR.json"), Format.JSON, build) for _ in range(20))
        )
        return [bytes(a.body) for a in answers]

    bodies = _run(burst())
    assert len(builds) == 1
    assert len(set(bodies)) == 1 and json.loads(bodies[0])["ok"] is True
    again = _run(burst())  # now from the cache
    assert len(builds) == 1 and again == bodies


def test_when_a_build_fails_each_waiting_request_gets_the_error(dossier_db: Path) -> None:
    explorer = Explorer(Database(dossier_db))
    builds: list[int] = []

    def build(con: sqlite3.Connection) -> View:
        builds.append(1)
        time.sleep(0.02)
        return views.country(con, "XXX", None)

    async def burst() -> list[BaseException | Response]:
        calls = (explorer.respond(_request("/countries/XXX.json"), Format.JSON, build) for _ in range(5))
        return await asyncio.gather(*calls, return_exceptions=True)

    answers = _run(burst())
    assert all(isinstance(a, NotFoundError) for a in answers), answers
    assert 1 <= len(builds) <= 5
