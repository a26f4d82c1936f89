"""The table of pages: each page is declared once and has one route for its HTML and formats and
one API route; the API answers what the page's .json answers; the parameters declared for the
API's description are the ones the views parse, with the same limits."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.datastructures import QueryParams
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes.errors import NotFoundError, ParameterError
from unvotes.web import api, routes, views
from unvotes.web.database import Database
from unvotes.web.pages import PAGES, Asked
from unvotes.web.params import Parameter


def _route_names(router_routes: list[object]) -> Counter[str]:
    return Counter(r.name for r in router_routes if isinstance(r, Route))


def test_each_page_has_one_route_and_one_api_route() -> None:
    pages = _route_names(routes.router.routes)
    apis = _route_names(api.router.routes)
    for page in PAGES:
        expected = 2 if page.path == "/" else 1  # the home page's formats are at /index.json ...
        assert pages[page.name] == expected, page.name
        assert apis[page.name] == 1, page.name


def test_every_api_path_parameter_is_declared() -> None:
    for page in PAGES:
        in_path = re.findall(r"{(\w+)}", page.api)
        assert in_path == [p.name for p in page.parameters if p.location == "path"], page.api
        assert len(in_path) == page.path.count("{"), page.api  # the page's one path value


@pytest.fixture(scope="module")
def ga2014(client: TestClient) -> int:
    return decision_id(client, "A/RES/69/188")


@pytest.mark.parametrize(
    ("api_url", "page_url"),
    [
        ("/api/series", "/index.json"),
        ("/api/decisions?body=c3&page_size=5", "/decisions.json?body=c3&page_size=5"),
        ("/api/decisions/{ga2014}", "/decisions/{ga2014}.json"),
        ("/api/symbols/A/RES/69/188", "/decisions/{ga2014}.json"),
        ("/api/years/2014", "/years/2014.json"),
        ("/api/countries", "/countries.json"),
        ("/api/countries/KOR?ref=JPN", "/countries/KOR.json?ref=JPN"),
        ("/api/compare?c=KOR&c=USA", "/compare.json?c=KOR&c=USA"),
        ("/api/sources", "/sources.json"),
        ("/api/downloads", "/downloads.json"),
        ("/api/documents/methods", "/methods.json"),
    ],
)
def test_the_api_answers_what_the_page_answers(client: TestClient, ga2014: int, api_url: str, page_url: str) -> None:
    from_api = get_json(client, api_url.format(ga2014=ga2014))
    from_page = get_json(client, page_url.format(ga2014=ga2014))
    assert from_api["data"] == from_page["data"]
    assert from_api["meta"] == from_page["meta"]


@pytest.mark.parametrize(
    ("url", "status", "what"),
    [
        ("/decisions.JSON", 200, "application/json"),
        ("/decisions/{ga2014}.Csv", 200, "text/csv; charset=utf-8"),
        ("/index.html", 200, "text/html; charset=utf-8"),
        ("/methods.json", 200, "application/json"),
        ("/index", 404, "no such page"),
        ("/index.", 404, "no such page"),
        ("/decisions.pdf", 404, "no format 'pdf' (formats: html, json, csv, xlsx)"),
        ("/countries.a.json", 404, "no format 'a.json'"),
        ("/methods.pdf", 404, "no such page"),
        ("/decisions/.json", 400, "a decision id is needed"),
        ("/decisions/{ga2014}.json.json", 400, "decision id must be a whole number"),
        ("/years/2014.pdf", 400, "year must be a whole number"),
    ],
)
def test_the_format_suffix_is_folded_into_the_page_path(
    client: TestClient, ga2014: int, url: str, status: int, what: str
) -> None:
    response = client.get(url.format(ga2014=ga2014), headers={"accept": "application/json"})
    assert response.status_code == status, response.text[:300]
    if status == 200:
        assert response.headers["content-type"] == what
    else:
        assert what in response.json()["error"]["message"]


def test_a_trailing_slash_redirects_to_the_page(client: TestClient) -> None:
    response = client.get("/decisions/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith("/decisions")


def test_a_symbol_is_resolved_to_a_decision_id(dossier_db: Path, client: TestClient) -> None:
    con = Database(dossier_db).connection()
    assert views.decision_id_of_symbol(con, "A/RES/69/188") == decision_id(client, "A/RES/69/188")
    assert views.decision_id_of_symbol(con, "a/res/69/188") == decision_id(client, "A/RES/69/188")
    with pytest.raises(NotFoundError, match="no decision with symbol 'A/RES/1/999'"):
        views.decision_id_of_symbol(con, "A/RES/1/999")


# -- the declared parameters and the parsers --------------------------------------------------------

View = Callable[[sqlite3.Connection, str], object]

#: Each view with declared parameters, called with one parameter's value.
CALLS: list[tuple[Parameter, View]] = [
    *((p, lambda con, v, n=p.name: views.browse(con, {n: v})) for p in views.BROWSE_QUERY),
    (views.DECISION_PATH, views.decision),
    (views.YEAR_PATH, views.year),
    (views.COUNTRY_QUERY[0], lambda con, v: views.country(con, "KOR", v)),
]


def _refusal(con: sqlite3.Connection, call: View, value: str) -> str | None:
    """The message of the ParameterError the view raises for ``value``, if any."""
    try:
        call(con, value)
    except ParameterError as exc:
        return str(exc)
    except NotFoundError:
        return None  # a usable value that names nothing
    return None


@pytest.mark.parametrize(("parameter", "call"), CALLS, ids=[p.name for p, _c in CALLS])
def test_the_declared_limits_are_the_parsers(dossier_db: Path, parameter: Parameter, call: View) -> None:
    con = Database(dossier_db).connection()
    schema = parameter.schema
    if schema["type"] == "integer":
        low, high = int(str(schema["minimum"])), int(str(schema["maximum"]))
        for outside in (low - 1, high + 1):
            assert "must be between" in (_refusal(con, call, str(outside)) or ""), (parameter.name, outside)
        for inside in (low, high):
            assert "must be between" not in (_refusal(con, call, str(inside)) or ""), (parameter.name, inside)
    elif "enum" in schema:
        assert isinstance(schema["enum"], list)
        for value in schema["enum"]:
            assert _refusal(con, call, value) is None, (parameter.name, value)
        assert _refusal(con, call, "zz") is not None, parameter.name
    else:
        limit = int(str(schema["maxLength"]))
        assert "longer than" in (_refusal(con, call, "x" * (limit + 1)) or ""), parameter.name
        assert "longer than" not in (_refusal(con, call, "x" * limit) or ""), parameter.name


def test_browse_reads_every_declared_parameter(dossier_db: Path) -> None:
    con = Database(dossier_db).connection()
    for parameter in views.BROWSE_QUERY:
        unusable = "\x00" * 300  # not a number, not a word of a vocabulary, too long for any text
        assert _refusal(con, lambda c, v, n=parameter.name: views.browse(c, {n: v}), unusable), parameter.name


def test_asked_gives_the_last_of_a_repeated_parameter() -> None:
    asked = Asked("", QueryParams("c=KOR&c=USA&body=ga"))
    assert asked.params() == {"c": "USA", "body": "ga"}
    assert asked.query.getlist("c") == ["KOR", "USA"]
