"""The explorer under hostile requests: it reads its database and never writes it, treats every
parameter as data (no SQL injection, no path traversal), answers errors in one shape and sends its
security headers and limits on every response.

The app runs in process over a dossier database built in a temporary folder; the database's
sha256 is taken before the first request and compared after the last.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import Message
from tests.hardening.harness import canonical_digest, file_digest

from unvotes import ingest, sources
from unvotes.reports.pages import DOCUMENTS
from unvotes.web import create_app, routes
from unvotes.web.security import SecurityHeaders

INJECTIONS = (
    "' OR 1=1 --",
    '"; DROP TABLE positions; --',
    "%' UNION SELECT name, sql, 1, 1, 1, 1, 1, 1 FROM sqlite_master --",
    "1; ATTACH DATABASE '/tmp/unvotes-pwned.db' AS pwned; --",
    "KOR\x00' OR '1'='1",
    "\x00",
    "1' AND (SELECT count(*) FROM positions) > 0 AND '1'='1",
    "A/RES/69/188' --",
    "x" * 5000,
)

#: The query parameters each HTML route reads (``pages.py``, ``views.py``); every route also reads ``table``.
_BROWSE = ("body", "from", "to", "q", "method", "kind", "topic", "series", "page", "page_size", "symbol")
HTML_QUERY: dict[str, tuple[str, ...]] = {
    "/decisions{fmt:suffix}": _BROWSE,
    "/countries/{ref:stem}{fmt:suffix}": ("ref",),
    "/compare{fmt:suffix}": ("c",),
}

_PARAM = re.compile(r"{(\w+)(?::(\w+))?}")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-security") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    return path


@pytest.fixture(scope="module")
def asgi(db: Path) -> SecurityHeaders:
    return create_app(db)


@pytest.fixture(scope="module")
def client(asgi: SecurityHeaders) -> Iterator[TestClient]:
    with TestClient(asgi, raise_server_exceptions=False, headers={"accept": "application/json"}) as c:
        yield c


@pytest.fixture(scope="module")
def valid(client: TestClient) -> dict[str, str]:
    """A value that names something real, for each path parameter of the HTML routes (the format
    suffix by its convertor, the others by route)."""
    rows = client.get("/decisions.json?series=dprk-human-rights&page_size=1").json()["data"]["tables"]
    first = rows["decisions"]["rows"][0]
    return {
        "fmt:suffix": ".json",
        "fmt:format": "json",
        "/decisions/{ref:stem}{fmt:suffix}": str(first["decision_id"]),
        "/years/{ref:stem}{fmt:suffix}": str(first["date"])[:4],
        "/countries/{ref:stem}{fmt:suffix}": "KOR",
        "/estimates/{ref:stem}{fmt:suffix}": "dprk-human-rights",
        "/decisions/{ref:stem}/share.png": str(first["decision_id"]),
        "/countries/{ref:stem}/share.png": "KOR",
        "/symbol/{symbol:path}": f"{first['symbol']}.json",
        "/downloads/{name:path}": "datapackage.json",
        "/{ref:stem}{fmt:suffix}": next(iter(DOCUMENTS)),
    }


def _is_envelope(body: Any, status: int) -> bool:
    return (
        isinstance(body, dict)
        and set(body) == {"ok", "error"}
        and body["ok"] is False
        and set(body["error"]) == {"status", "message"}
        and body["error"]["status"] == status
        and isinstance(body["error"]["message"], str)
        and body["error"]["message"] != ""
    )


def _check(client: TestClient, url: str, problems: list[str]) -> None:
    response = client.get(url, follow_redirects=False)
    if response.status_code >= 500:
        problems.append(f"{response.status_code} {url[:120]}: {response.text[:200]}")
    elif response.status_code >= 400 and (
        response.headers["content-type"] != "application/json"
        or not _is_envelope(response.json(), response.status_code)
    ):
        problems.append(f"{response.status_code} without the error shape {url[:120]}: {response.text[:200]}")


def _fill(template: str, values: dict[str, str]) -> str:
    return _PARAM.sub(lambda m: quote(values[m.group(1)], safe=""), template)


def _api_urls(spec: dict[str, Any]) -> list[str]:
    """Every path and query parameter of every API operation, each given every injection string."""
    samples = {
        "decision_id": "1",
        "year": "2014",
        "symbol": "A/RES/69/188",
        "country_code": "KOR",
        "name": "methods",
        "scope": "dprk-human-rights",
    }
    urls: list[str] = []
    for template, operations in spec["paths"].items():
        params = operations["get"].get("parameters", [])
        in_path = [p["name"] for p in params if p["in"] == "path"]
        in_query = [p["name"] for p in params if p["in"] == "query"]
        for payload in INJECTIONS:
            for name in in_path:
                urls.append(_fill(template, {**samples, name: payload}))
            for name in in_query:
                urls.append(_fill(template, samples) + "?" + urlencode({name: payload}))
    return urls


def _html_urls(valid: dict[str, str]) -> list[str]:
    """Every path parameter of every HTML route, and every query parameter it reads."""
    urls: list[str] = []
    for route in routes.router.routes:
        assert isinstance(route, Route)
        template = route.path
        params = [(m.group(1), m.group(2)) for m in _PARAM.finditer(template)]
        filled = {n: valid[f"{n}:{c}"] if n == "fmt" else valid[template] for n, c in params}
        for payload in INJECTIONS:
            for name, convertor in params:
                value = "." + payload if convertor == "suffix" else payload  # a suffix starts with its dot
                urls.append(_fill(template, {**filled, name: value}))
            for name in (*HTML_QUERY.get(template, ()), "table"):
                urls.append(_fill(template, filled) + "?" + urlencode({name: payload}))
    return urls


def test_the_database_is_opened_read_only(asgi: SecurityHeaders, db: Path) -> None:
    con = asgi.app.state.explorer.db.connection()  # type: ignore[attr-defined]
    for statement in ("DELETE FROM positions", "DROP TABLE positions", "CREATE TABLE pwned (x)"):
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            con.execute(statement)
    assert con.execute("SELECT count(*) FROM positions").fetchone()[0] > 0


def test_injection_strings_in_every_parameter(client: TestClient, db: Path, valid: dict[str, str]) -> None:
    before = (file_digest(db), canonical_digest(db))
    urls = _api_urls(client.get("/api/openapi.json").json()) + _html_urls(valid)
    problems: list[str] = []
    for url in urls:
        _check(client, url, problems)
    print(f"{len(urls)} injection requests, {len(problems)} problems")
    assert problems == []
    assert len(urls) > 500
    assert (file_digest(db), canonical_digest(db)) == before
    assert not Path("/tmp/unvotes-pwned.db").exists()


# -- path traversal ---------------------------------------------------------------------------------

TRAVERSALS = (
    "../../../../../../../../etc/passwd",
    "..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%5c..%5c..%5c..%5c..%5c..%5c..%5cetc%5cpasswd",
    "..\\..\\..\\..\\..\\..\\..\\etc\\passwd",
    "....//....//....//....//....//....//etc/passwd",
    "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "../app.py",
    "..%2fapp.py",
    "../templates/../app.py",
    "vendor/../../app.py",
    "../../../../pyproject.toml",
    "{canary}",
    "..{canary}",
    "../../../../../../../..{canary}",
    "{db}",
    "../../../../../../../..{db}",
)

TRAVERSAL_ROUTES = ("/static/", "/downloads/", "/symbol/", "/api/symbols/", "/api/documents/", "/", "/decisions/")

#: Bytes that would show a file from outside the app's folders.
LEAKS = (b"root:x:0:", b"root:*:0:", b"def create_app", b"[build-system]", b"SQLite format 3", b"canary-6b1f0e")


def _raw_get(app: SecurityHeaders, raw_path: str) -> tuple[int, bytes]:
    """GET ``raw_path`` exactly as written (no client-side normalisation of ``..``), the path
    percent-decoded the way uvicorn does."""
    messages: list[Message] = []
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode("latin-1"),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"accept", b"application/json")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        messages.append(message)

    # A loop of its own on another thread: an earlier test (a browser driven through Playwright's
    # synchronous API) may have left an event loop running on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")


def test_path_traversal_reaches_no_file_outside_the_app(
    asgi: SecurityHeaders, db: Path, tmp_path: Path, client: TestClient
) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("canary-6b1f0e\n")
    assert client.get("/static/app.css").status_code == 200  # the route itself works
    tried = 0
    for prefix in TRAVERSAL_ROUTES:
        for template in TRAVERSALS:
            raw = prefix + template.format(canary=canary, db=db.resolve())
            status, body = _raw_get(asgi, raw)
            tried += 1
            assert status in (400, 404), (raw, status, body[:200])
            assert not any(leak in body for leak in LEAKS), (raw, body[:200])
    print(f"{tried} traversal requests")


# -- headers and limits ------------------------------------------------------------------------------

NINE_STATES = ("KOR", "USA", "CHN", "JPN", "RUS", "CUB", "IND", "BRA", "ZAF")

HEADER_URLS = (
    "/",
    "/decisions.json",
    "/decisions.csv",
    "/api/series",
    "/api/openapi.json",
    "/static/app.css",
    "/downloads/datapackage.json",
    "/decisions/99999.json",
    "/nowhere",
    "/decisions.json?page_size=1000",
    "/symbol/A/RES/69/188",
)


@pytest.mark.parametrize("url", HEADER_URLS)
def test_security_headers_on_every_kind_of_response(client: TestClient, url: str) -> None:
    response = client.get(url, follow_redirects=False)
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    directives = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    assert directives["default-src"] == "'none'"
    allowed = {"'self'", "'none'", "data:", "blob:"}
    for name, value in directives.items():
        assert set(value.split()) <= allowed, (name, value)
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_a_post_with_a_large_body_is_refused_without_reading_it(client: TestClient) -> None:
    response = client.post("/api/decisions", content=b"x" * 8_000_000)
    assert response.status_code == 405
    assert _is_envelope(response.json(), 405)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/decisions?q=" + "x" * 60_000, "at most 200 characters"),
        ("/decisions.json?q=" + "x" * 60_000, "q is longer than 200 characters"),
        ("/decisions?q=" + "x" * 201, "q is longer than 200 characters"),
        ("/api/decisions?page_size=201", "page_size"),
        ("/api/decisions?page_size=0", "page_size"),
        ("/decisions.json?page_size=201", "page_size must be between 1 and 200"),
        ("/decisions.json?page_size=0", "page_size must be between 1 and 200"),
        ("/decisions.json?page_size=" + "9" * 5000, "page_size"),
        ("/decisions.json?page=" + "9" * 5000, "page"),
        ("/api/decisions?page=" + "9" * 5000, "page"),
        ("/compare.json?" + "&".join(f"c={c}" for c in NINE_STATES), "give 2 to 8 states"),
        ("/decisions.csv?table=" + "x" * 41, "table is longer than 40 characters"),
    ],
)  # fmt: skip
def test_size_caps_answer_a_clear_400(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text[:300]
    body = response.json()
    assert _is_envelope(body, 400)
    assert message in body["error"]["message"]
