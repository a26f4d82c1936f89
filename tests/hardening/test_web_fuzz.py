"""The JSON API fuzzed from its own OpenAPI description with schemathesis, in process (ASGI).

Every operation gets valid requests (positive) and requests that break the schema (negative);
every answer must be documented (status code, content type, body schema) and none may be a
server error. Errors must come in the one error shape. Unknown paths, generated at random,
get a 404 in that shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient

from unvotes import ingest, sources
from unvotes.web import create_app
from unvotes.web.security import SecurityHeaders

#: Examples per operation and generation mode: 11 operations x 2 modes x 100 stays well under a minute.
EXAMPLES = 100

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def asgi(tmp_path_factory: pytest.TempPathFactory) -> SecurityHeaders:
    path = tmp_path_factory.mktemp("web-fuzz") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    return create_app(path)


def _is_envelope(body: Any, status: int) -> bool:
    return (
        isinstance(body, dict)
        and body.get("ok") is False
        and isinstance(body.get("error"), dict)
        and body["error"].get("status") == status
        and bool(body["error"].get("message"))
    )


def test_the_api_answers_as_documented(asgi: SecurityHeaders) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", asgi)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    spec = TestClient(asgi).get("/api/openapi.json").json()
    statuses: Counter[int] = Counter()
    for operation in operations:
        has_parameters = bool(spec["paths"][operation.path]["get"].get("parameters"))
        # an operation without parameters has no request that breaks its schema
        modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if has_parameters else (GenerationMode.POSITIVE,)
        for mode in modes:

            @_SETTINGS
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                response = case.call()
                statuses[response.status_code] += 1
                case.validate_response(response, checks=CHECKS)
                if response.status_code >= 400:
                    assert _is_envelope(response.json(), response.status_code), response.text[:300]

            try:
                run()
            except Unsatisfiable:
                # no request breaks the schema of an operation whose only parameter is free text
                assert mode is GenerationMode.NEGATIVE, operation.label
    sent = sum(statuses.values())
    print(f"schemathesis: {sent} requests over {len(operations)} operations; statuses {dict(sorted(statuses.items()))}")
    assert not [s for s in statuses if s >= 500]
    assert statuses[200] > 0 and statuses[400] > 0


_SEGMENT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda s: s not in (".", "..") and "/" not in s
)


@pytest.fixture(scope="module")
def client(asgi: SecurityHeaders) -> TestClient:
    return TestClient(asgi, raise_server_exceptions=False)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(segments=st.lists(_SEGMENT, min_size=1, max_size=4))
def test_unknown_api_paths_get_the_error_shape(client: TestClient, segments: list[str]) -> None:
    known = {"series", "decisions", "symbols", "years", "countries", "compare", "sources", "downloads", "documents"}
    path = "/api/" + "/".join(segments)
    if segments[0] in known or path == "/api/openapi.json":
        return
    response = client.get("/api/" + "/".join(quote(s, safe="") for s in segments))
    assert response.status_code == 404, (path, response.text[:200])
    assert response.headers["content-type"] == "application/json"
    assert _is_envelope(response.json(), 404)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    name=st.sampled_from(["body", "from", "to", "method", "kind", "topic", "page", "page_size", "c", "ref", "table"]),
    value=st.text(max_size=60),
    url=st.sampled_from(
        [
            ("/api/decisions", ()),
            ("/decisions.json", ()),
            ("/api/compare", (("c", "KOR"),)),
            ("/countries/KOR.json", ()),
        ],
    ),
)
def test_bad_parameters_get_the_error_shape(
    client: TestClient, name: str, value: str, url: tuple[str, tuple[tuple[str, str], ...]]
) -> None:
    path, fixed = url
    response = client.get(path, params=[*fixed, (name, value)])
    assert response.status_code in (200, 400, 404), response.text[:200]
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/json"
        assert _is_envelope(response.json(), response.status_code)
