"""Every page in every format answers, with the right type, the security headers and the envelope."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes.web.security import CSP

PAGES = [
    "/",
    "/decisions/{ga2014}",
    "/years/2014",
    "/countries/KOR",
    "/countries/KOR?ref=USA",
    "/countries",
    "/compare?c=KOR&c=USA",
    "/compare?c=KOR,PRK,CHN",
    "/decisions",
    "/decisions?body=ga&from=2010&to=2015&q=Korea&method=recorded_vote&kind=resolution",
    "/decisions?page=2&page_size=10",
    "/methodology",
    "/methods",
    "/glossary",
    "/data-dictionary",
    "/sources",
    "/downloads",
]
DATA_PATHS = {"/": "/index"}
TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def as_format(url: str, fmt: str) -> str:
    path, _, query = url.partition("?")
    path = DATA_PATHS.get(path, path)
    return f"{path}.{fmt}" + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, int]:
    return {"ga2014": decision_id(client, "A/RES/69/188")}


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_html_with_the_security_headers(client: TestClient, ids: dict[str, int], url: str) -> None:
    response = client.get(url.format(**ids))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "Sources of the numbers on this page" in response.text
    assert "http://" not in response.text.split("<main")[0].replace('content="', "")  # nothing from elsewhere
    assert "<script>" not in response.text  # no inline script


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
@pytest.mark.parametrize("url", PAGES)
def test_every_page_in_every_format(client: TestClient, ids: dict[str, int], url: str, fmt: str) -> None:
    response = client.get(as_format(url.format(**ids), fmt))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == TYPES[fmt]
    assert response.headers["x-content-type-options"] == "nosniff"
    if fmt == "json":
        body = response.json()
        assert set(body) == {"ok", "data", "meta"}
        assert body["ok"] is True
        assert {"title", "facts", "tables", "sources", "notes", "paging"} <= set(body["data"])
        assert {"kind", "url", "formats", "params", "generator"} <= set(body["meta"])
        assert body["data"]["sources"]["rows"], "every page names its sources"
    else:
        assert response.headers["content-disposition"].startswith("attachment; filename=")


API = [
    "/api/series",
    "/api/decisions",
    "/api/decisions?body=c3&page_size=5",
    "/api/decisions/{ga2014}",
    "/api/symbols/A/C.3/69/L.63",
    "/api/years/2014",
    "/api/countries",
    "/api/countries/KOR",
    "/api/countries/KOR?ref=JPN",
    "/api/compare?c=KOR&c=USA",
    "/api/sources",
    "/api/downloads",
    "/api/documents/methodology",
]


@pytest.mark.parametrize("url", API)
def test_every_api_route_answers_the_envelope(client: TestClient, ids: dict[str, int], url: str) -> None:
    body = get_json(client, url.format(**ids))
    assert body["data"]["sources"]["rows"]


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    schema = get_json_raw(client, "/api/openapi.json")
    paths = set(schema["paths"])
    assert {
        "/api/decisions/{decision_id}",
        "/api/countries/{country_code}",
        "/api/compare",
        "/api/years/{year}",
    } <= paths
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/countries/{country_code}" in docs.text
    assert "cdn" not in docs.text.lower()


def get_json_raw(client: TestClient, url: str) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == 200
    data: dict[str, object] = response.json()
    return data


def test_symbols_redirect_to_the_decision_keeping_the_format(client: TestClient, ids: dict[str, int]) -> None:
    for url, target in [
        ("/symbol/A/RES/69/188", f"/decisions/{ids['ga2014']}"),
        ("/symbol/a/res/69/188.json", f"/decisions/{ids['ga2014']}.json"),
        ("/decisions?symbol=A/RES/69/188", f"/decisions/{ids['ga2014']}"),
    ]:
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 302
        assert response.headers["location"] == target


def test_head_requests_are_answered(client: TestClient) -> None:
    assert client.head("/").status_code == 200
    assert client.head("/countries/KOR.json").status_code == 200


def test_static_assets_carry_the_headers_too(client: TestClient) -> None:
    for name in ("app.css", "app.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
