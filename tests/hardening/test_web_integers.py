"""Integers past SQLite's range (2**63 and beyond, and past Python's 4300-digit limit of
int()) in every path and query parameter of the explorer: a 400 or a 404 in the error shape,
never a server error; and through the command line, one line and exit code 1."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient
from tests.hardening.harness import cli

from unvotes import ingest, sources
from unvotes.web import create_app
from unvotes.web.pages import PAGES

HUGE = ("9223372036854775808", "-9223372036854775809", "99999999999999999999", "1" + "0" * 5000)

_PARAM = re.compile(r"\{[^}]+\}")


def _urls(value: str) -> Iterator[tuple[str, bool]]:
    """(URL, whether the value must be refused) with ``value`` in each parameter of each page."""
    yield f"/symbol/{value}", True
    yield f"/api/symbols/{value}", True
    yield f"/decisions?symbol={value}", True
    yield f"/downloads/{value}", True
    for page in PAGES:
        for path in {page.path, page.api}:
            if _PARAM.search(path):
                yield _PARAM.sub(value, path), True
                yield _PARAM.sub(value, path) + ".json", True
            base = _PARAM.sub("1", path)
            for parameter in page.parameters:
                if parameter.location == "query":
                    yield f"{base}?{parameter.name}={value}", parameter.schema.get("type") == "integer"


CASES = sorted({(url, refused) for value in HUGE for url, refused in _urls(value)})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("web-integers") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def test_every_page_is_asked() -> None:
    asked = {url.split("?")[0] for url, _ in CASES}
    assert {"/api/decisions/9223372036854775808", "/decisions/9223372036854775808"} <= asked
    assert any(url.startswith("/api/decisions?page=") for url, _ in CASES)


@pytest.mark.parametrize(("url", "refused"), CASES, ids=[u[:60] for u, _ in CASES])
def test_huge_integers_are_refused(client: TestClient, url: str, refused: bool) -> None:
    response = client.get(url, follow_redirects=False, headers={"accept": "application/json"})
    assert response.status_code < 500, (url, response.text[:300])
    if refused:
        assert response.status_code in (400, 404), (url, response.status_code)
        body = response.json()
        assert body["ok"] is False and body["error"]["status"] == response.status_code


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli-integers") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ("votes", "9223372036854775808"),
        ("sponsors", "99999999999999999999"),
        ("votes", "1" + "0" * 5000),
        ("sponsors", "0"),
    ],
    ids=["votes-2**63", "sponsors-20-digits", "votes-5001-digits", "sponsors-0"],
)
def test_cli_says_no_such_decision_in_one_line(db: str, args: tuple[str, str]) -> None:
    done = cli(*args, "--db", db)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no decision with id" in lines[0]
    assert "Traceback" not in done.stderr
