"""One error shape: 404 for what does not exist, 400 for parameters that cannot be used, with a
message that says which; HTML pages for browsers, the JSON shape for data and the API."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from unvotes.web.envelope import error_body

JSON_ERRORS = [
    ("/decisions/99999.json", 404, "no decision with id 99999"),
    ("/api/decisions/99999", 404, "no decision with id 99999"),
    ("/countries/XXX.json", 404, "unknown state 'XXX': did you mean"),
    ("/api/countries/ZZZ", 404, "unknown state 'ZZZ': did you mean"),
    ("/countries/KOR.json?ref=QQQ", 404, "unknown state 'QQQ': did you mean"),
    ("/symbol/A/RES/1/999.json", 404, "no decision with symbol 'A/RES/1/999'"),
    ("/api/symbols/A/RES/1/999", 404, "no decision with symbol 'A/RES/1/999'"),
    ("/years/1990.json", 404, "no decision of series 'dprk-human-rights' in 1990"),
    ("/years/nineteen.json", 400, "year must be a whole number"),
    ("/decisions/abc.json", 400, "decision id must be a whole number"),
    ("/decisions.json?body=un", 400, "unknown body 'un'"),
    ("/decisions.json?method=acclamation", 400, "unknown method 'acclamation'"),
    ("/decisions.json?topic=zz", 400, "unknown topic 'zz'"),
    ("/decisions.json?from=soon", 400, "from must be a whole number"),
    ("/decisions.json?page_size=1000", 400, "page_size must be between 1 and 200"),
    ("/decisions.json?page=999", 400, "page 999 is past the last page"),
    ("/api/decisions?page_size=1000", 400, "page_size"),
    ("/compare.json?c=KOR", 400, "give 2 to 8 states"),
    ("/compare.json?c=KOR&c=12", 400, "ISO 3166-1 alpha-3"),
    ("/compare.json?c=KOR&c=XYZ", 404, "unknown state 'XYZ': did you mean"),
    ("/api/compare", 400, "c"),
    ("/decisions/54.csv?table=nothing", 404, "page has no table 'nothing'"),
    ("/api/nowhere", 404, "no API route /api/nowhere"),
    ("/downloads/secret.txt", 404, "no file 'secret.txt'"),
]


@pytest.mark.parametrize(("url", "status", "message"), JSON_ERRORS)
def test_errors_have_one_json_shape(client: TestClient, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error"}
    assert body["ok"] is False
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    assert message in body["error"]["message"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/decisions/99999", 404),
        ("/countries/XXX", 404),
        ("/nowhere", 404),
        ("/decisions?body=un", 400),
        ("/decisions/54.pdf", 400),
    ],
)
def test_browsers_get_an_html_error_page(client: TestClient, url: str, status: int) -> None:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f"<h1>{status}</h1>" in response.text
    assert response.headers["content-security-policy"]


def test_the_error_shape_is_documented_as_it_is() -> None:
    assert error_body(404, "x") == {"ok": False, "error": {"status": 404, "message": "x"}}
