"""The world map's small states: only states whose land in the geometry is under SMALL_KM2 are
listed as too small to see, and each gets a circle at its centre in the colour of its vote; a state
without any shape (Tuvalu) is listed as not drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from tests.web.conftest import decision_id
from unvotes.reports import pages
from unvotes.web.assets import atlas_area, atlas_ids
from unvotes.web.charts import charts_for
from unvotes.web.database import Database
from unvotes.web.maps import SMALL_KM2
from unvotes.web.urls import Links, Route


def _map(client: TestClient, dossier_db: Path) -> tuple[dict[str, Any], list[str], tuple[tuple[str, str], ...]]:
    con = Database(dossier_db).connection()
    page = pages.decision_page(con, decision_id(client, "A/RES/69/188"))
    chart = charts_for(page, Links(Route("decisions/1")))["map"]
    return chart.spec, list(chart.notes), chart.missing


def test_small_states_get_a_circle_in_the_colour_of_their_vote(client: TestClient, dossier_db: Path) -> None:
    spec, _notes, _missing = _map(client, dossier_db)
    shapes, circles = spec["layer"]
    assert shapes["mark"]["type"] == "geoshape" and circles["mark"]["type"] == "circle"
    markers = {m["state"]: m for m in circles["data"]["values"]}
    by_id = {v["id"]: v for v in spec["transform"][0]["from"]["data"]["values"]}
    small = {v["state"] for key, v in by_id.items() if (atlas_area(int(key)) or 0) < SMALL_KM2}
    assert set(markers) == small and 20 <= len(small) <= 40
    assert markers["Monaco"]["position"] == "yes" and markers["Monaco"]["category"] == "Yes (116)"
    assert markers["Singapore"]["position"] == "abstain"
    assert "France" not in markers and "Luxembourg" in markers and "Cyprus" not in markers
    for m in markers.values():
        assert m["category"] == by_id[m["id"]]["category"]
        assert -180 <= m["longitude"] <= 180 and -90 <= m["latitude"] <= 90
        assert m["aria"] == f"{m['state']}: {m['position']}"
    lon, lat = markers["Monaco"]["longitude"], markers["Monaco"]["latitude"]
    assert 7.3 < lon < 7.5 and 43.7 < lat < 43.8


def test_the_caption_lists_only_the_small_and_the_undrawn(client: TestClient, dossier_db: Path) -> None:
    _spec, notes, missing = _map(client, dossier_db)
    small = next(n for n in notes if n.startswith("Too small to see"))
    assert "Monaco (yes)" in small and "Nauru (yes)" in small
    assert "France" not in small and "Germany" not in small
    assert missing == (("Tuvalu", "yes"),) and 798 not in atlas_ids()
    assert any(n.startswith("Not drawn (no shape") and "Tuvalu (yes)" in n for n in notes)


def test_the_page_shows_the_caption(client: TestClient) -> None:
    html = client.get(f"/decisions/{decision_id(client, 'A/RES/69/188')}").text
    assert "Too small to see at this scale, each marked with a circle: Andorra (yes)" in html
