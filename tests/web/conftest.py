"""Fixtures of the web tests: the dossier database built by the real command, an in-process
client of the app over it, and the page data fetched through that client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.web import support
from unvotes.web import create_app


@pytest.fixture(scope="session")
def dossier_db() -> Path:
    return support.dossier_db()


@pytest.fixture(scope="session")
def static_site() -> Path:
    return support.static_site()


@pytest.fixture(scope="session")
def client(dossier_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(dossier_db), raise_server_exceptions=False) as c:
        yield c


def get_json(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    body: dict[str, Any] = response.json()
    assert body["ok"] is True
    return body


def decision_id(client: TestClient, symbol: str) -> int:
    """The id of the decision with ``symbol``, through the symbol route."""
    response = client.get(f"/symbol/{symbol}", follow_redirects=False)
    assert response.status_code == 302, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])
