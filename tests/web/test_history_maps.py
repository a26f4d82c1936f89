"""Maps of history: on a vote the USSR cast, its vote is drawn over today's states on its territory
that have no position of their own (not left grey as "too small"); the caption says so."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from unvotes import store
from unvotes.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def _map_spec(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="chart-map-spec">(.*?)</script>', html, re.S)
    assert found, "no map on the page"
    spec: dict[str, Any] = json.loads(found.group(1))
    return spec


def test_the_ussr_is_drawn_over_its_successors(full_db: Path) -> None:
    con = store.open_db(full_db, read_only=True)
    try:
        (decision_id,) = con.execute(
            """SELECT d.decision_id FROM decisions AS d JOIN positions AS p
               ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
               WHERE p.country_code = 'SUN' AND p.vote = 'yes' AND d.date = '1968-06-03' LIMIT 1"""
        ).fetchone()
    finally:
        con.close()
    with TestClient(create_app(full_db)) as client:
        html = client.get(f"/decisions/{decision_id}").text
    spec = _map_spec(html)
    values = next(layer for layer in _layers(spec) if layer)
    soviet = {v["state"]: v["position"] for v in values if str(v["state"]).startswith("Union of Soviet")}
    assert "Union of Soviet Socialist Republics (today Russian Federation)" in soviet
    assert "Union of Soviet Socialist Republics (today Kazakhstan)" in soviet
    assert set(soviet.values()) == {"yes"}
    # Ukraine and Belarus were members in their own right: their own votes are drawn, not the USSR's
    assert not any("(today Ukraine)" in s or "(today Belarus)" in s for s in soviet)
    assert "drawn over today" in html and "Union of Soviet Socialist Republics (yes) over" in html


def _layers(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The inline data values of every layer of a Vega-Lite spec."""
    found = []
    for layer in [spec, *spec.get("layer", [])]:
        data = layer.get("data") or {}
        if isinstance(data, dict) and "values" in data:
            found.append(list(data["values"]))
        for key in ("transform",):
            for t in layer.get(key, []):
                if "from" in t and "data" in t["from"]:
                    found.append(list(t["from"]["data"].get("values", [])))
    return found


def test_the_map_says_it_cannot_show_the_two_german_states_apart(full_db: Path) -> None:
    con = store.open_db(full_db, read_only=True)
    try:
        (decision_id,) = con.execute(
            """SELECT d.decision_id FROM decisions AS d
               JOIN positions AS p ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
               JOIN positions AS q ON q.decision_id = d.decision_id AND q.source_id = d.roll_source_id
               WHERE p.country_code = 'DDR' AND q.country_code = 'DEU' AND p.vote = 'abstain' AND q.vote = 'yes'
               ORDER BY d.date LIMIT 1"""
        ).fetchone()
    finally:
        con.close()
    with TestClient(create_app(full_db)) as client:
        html = client.get(f"/decisions/{decision_id}").text
    assert (
        "German Democratic Republic (abstain) and Federal Republic of Germany (yes) cannot be told apart on "
        "today&#39;s borders" in html
    )
    assert "Not drawn (no shape on today&#39;s map at this scale): German Democratic Republic" not in html
