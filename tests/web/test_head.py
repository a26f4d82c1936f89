"""HEAD is answered wherever GET is: a walk over every route of the app, the API's, the static
files' and the downloads' included, asks each for GET and for HEAD and compares the answers.

Every route must have an example URL here, so a route added later without one fails the walk.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.routing import BaseRoute, Mount
from starlette.testclient import TestClient

from unvotes.web.assets import static_dir

#: Example URLs of each route, by the route's path template: some answered, some errors.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "/api/openapi.json": ("/api/openapi.json",),
    "/static": ("/static/" + next(p.name for p in sorted(static_dir().iterdir()) if p.is_file()), "/static/nope.css"),
    "/api/series": ("/api/series",),
    "/api/decisions": ("/api/decisions?body=ga", "/api/decisions?page=0"),
    "/api/decisions/{decision_id}": ("/api/decisions/1", "/api/decisions/999999"),
    "/api/years/{year}": ("/api/years/2014", "/api/years/1066"),
    "/api/countries": ("/api/countries",),
    "/api/countries/{country_code}": ("/api/countries/PRK", "/api/countries/XXX"),
    "/api/compare": ("/api/compare?c=KOR&c=PRK", "/api/compare"),
    "/api/sources": ("/api/sources",),
    "/api/downloads": ("/api/downloads",),
    "/api/estimates/{scope}": ("/api/estimates/dprk-human-rights", "/api/estimates/nope"),
    "/api/documents/{name}": ("/api/documents/glossary", "/api/documents/nope"),
    "/api/symbols/{symbol:path}": ("/api/symbols/A/RES/69/188", "/api/symbols/A/RES/0/0"),
    "/api/docs": ("/api/docs",),
    "/api/{rest:path}": ("/api/nothing/here",),
    "/": ("/",),
    "/index.{fmt:format}": ("/index.json", "/index.csv"),
    "/decisions{fmt:suffix}": ("/decisions", "/decisions.csv", "/decisions.xlsx"),
    "/decisions/{ref:stem}{fmt:suffix}": ("/decisions/1", "/decisions/1.json", "/decisions/x"),
    "/years/{ref:stem}{fmt:suffix}": ("/years/2014", "/years/2014.csv"),
    "/countries{fmt:suffix}": ("/countries", "/countries.json"),
    "/countries/{ref:stem}{fmt:suffix}": ("/countries/PRK", "/countries/PRK.xlsx"),
    "/compare{fmt:suffix}": ("/compare?c=KOR&c=PRK", "/compare.json?c=KOR"),
    "/sources{fmt:suffix}": ("/sources",),
    "/downloads{fmt:suffix}": ("/downloads", "/downloads.json"),
    "/estimates/{ref:stem}{fmt:suffix}": ("/estimates/dprk-human-rights", "/estimates/ga-all.json?country=KOR"),
    "/{ref:stem}{fmt:suffix}": ("/glossary", "/methodology.json", "/nope"),
    "/symbol/{symbol:path}": ("/symbol/A/RES/69/188", "/symbol/A/RES/0/0"),
    "/decisions/{ref:stem}/share.png": ("/decisions/1/share.png", "/decisions/999999/share.png"),
    "/countries/{ref:stem}/share.png": ("/countries/PRK/share.png", "/countries/XXX/share.png"),
    "/downloads/{name:path}": ("/downloads/datapackage.json", "/downloads/csv/decisions.csv", "/downloads/nope"),
}


def _routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, those of included routers too."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _routes(included.routes)
        else:
            yield route


def _get_routes(client: TestClient) -> set[str]:
    """The path templates of the routes that answer GET (a mount answers every method)."""
    app = client.app.app  # type: ignore[attr-defined]
    found = set()
    for route in _routes(app.router.routes):
        if isinstance(route, Mount) or "GET" in (getattr(route, "methods", None) or ()):
            found.add(getattr(route, "path", ""))
    return found


def test_every_route_has_examples(client: TestClient) -> None:
    routes = _get_routes(client)
    assert {"/api/decisions", "/static", "/downloads/{name:path}"} <= routes
    assert routes == set(EXAMPLES), "give every route example URLs in EXAMPLES"


@pytest.mark.parametrize("url", [u for urls in EXAMPLES.values() for u in urls])
def test_head_answers_as_get_does(client: TestClient, url: str) -> None:
    got = client.get(url, follow_redirects=False)
    head = client.head(url, follow_redirects=False)
    assert head.status_code != 405, url
    assert head.status_code == got.status_code, (url, got.status_code, head.status_code)
    assert head.headers.get("content-type") == got.headers.get("content-type"), url
    assert head.headers.get("location") == got.headers.get("location"), url
    assert head.content == b"", url
