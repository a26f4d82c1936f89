"""Stored positions per year on the pages, in the API and in the downloads: a state's path beside
another state and its group's median, each vote of the series against the voters' positions, a
scope's run at /api/estimates, the bulk download's tables with the model version; and, on a
database without estimates, one sentence naming ``unvotes estimate`` instead of a chart."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web import support
from tests.web.conftest import get_json
from unvotes import store
from unvotes.export import write_bulk
from unvotes.web import create_app

MODEL = "dynamic-ordinal-irt/1"


@pytest.fixture(scope="module")
def estimated() -> Iterator[TestClient]:
    with TestClient(create_app(support.estimated_db()), raise_server_exceptions=False) as c:
        yield c


def _table(client: TestClient, url: str, name: str) -> dict[str, object]:
    table: dict[str, object] = get_json(client, url)["data"]["tables"][name]
    return table


def test_a_state_page_shows_its_path_beside_the_dprk_and_its_group(estimated: TestClient) -> None:
    table = _table(estimated, "/countries/KOR.json", "positions_per_year")
    rows = table["rows"]
    assert isinstance(rows, list)
    assert {r["line_kind"] for r in rows} == {"state", "with", "group_median"}
    assert {r["country_code"] for r in rows if r["line_kind"] == "with"} == {"PRK"}
    assert {r["country_code"] for r in rows if r["line_kind"] == "group_median"} == {"apg"}
    for r in rows:
        if r["line_kind"] != "group_median":
            assert r["lower_90"] < r["ideal_point"] < r["upper_90"] and r["n_states"] is None
        else:
            assert r["std_error"] is None and r["n_states"] > 1
    assert any(MODEL in note and "not records" in note for note in table["notes"])  # type: ignore[attr-defined]
    html = estimated.get("/countries/KOR").text
    assert 'id="chart-positions"' in html and 'href="/methods"' in html
    assert 'data-table="positions_per_year"' in html


def test_the_state_beside_is_chosen_by_name_or_code(estimated: TestClient) -> None:
    rows = _table(estimated, "/countries/KOR.json?with=United%20States", "positions_per_year")["rows"]
    assert {r["country_code"] for r in rows if r["line_kind"] == "with"} == {"USA"}  # type: ignore[attr-defined]
    own = _table(estimated, "/countries/PRK.json", "positions_per_year")["rows"]
    assert {r["line_kind"] for r in own} == {"state", "group_median"}  # type: ignore[attr-defined]
    assert estimated.get("/countries/KOR?with=Atlantis").status_code == 404
    csv_text = estimated.get("/countries/KOR.csv?with=USA&table=positions_per_year").text
    header = next(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert header[:5] == ["line_kind", "country_code", "country_name", "year", "ideal_point"]


def test_the_series_page_sets_each_vote_against_the_voters_positions(estimated: TestClient) -> None:
    tables = get_json(estimated, "/index.json")["data"]["tables"]
    summary = {r["symbol"]: r for r in tables["vote_positions_summary"]["rows"]}
    plenary = summary["A/RES/69/188"]
    assert plenary["scope"] == "dprk-human-rights" and plenary["not_placed"] == 0
    assert plenary["yes_median"] > plenary["abstain_median"] > plenary["no_median"]
    voters = [r for r in tables["vote_positions"]["rows"] if r["decision_id"] == plenary["decision_id"]]
    assert sum(r["vote"] == "yes" for r in voters) == plenary["yes_placed"] > 100
    assert len(voters) == plenary["yes_placed"] + plenary["abstain_placed"] + plenary["no_placed"]
    decision = get_json(estimated, f"/api/decisions/{plenary['decision_id']}")["data"]["facts"]
    assert (decision["yes_count"], decision["no_count"]) == (plenary["yes_placed"], plenary["no_placed"])
    html = estimated.get("/").text
    assert 'id="chart-vote-positions"' in html and 'data-table="vote_positions_summary"' in html


def test_a_scope_s_run_is_in_the_api_with_its_model(estimated: TestClient) -> None:
    body = get_json(estimated, "/api/estimates/dprk-human-rights?country=Republic%20of%20Korea")
    facts = body["data"]["facts"]
    assert facts["model"] == MODEL and facts["scope"] == "dprk-human-rights" and facts["country_code"] == "KOR"
    assert json.loads(facts["parameters"])["smoothness"] == 0.2
    rows = body["data"]["tables"]["ideal_points_by_year"]["rows"]
    assert rows and {r["country_code"] for r in rows} == {"KOR"}
    every = get_json(estimated, "/api/estimates/dprk-human-rights")["data"]["tables"]["ideal_points_by_year"]["rows"]
    assert len(every) == facts["n_state_years"]
    unknown = estimated.get("/api/estimates/everything")
    assert unknown.status_code == 404 and "ga-all" in unknown.json()["error"]["message"]
    missing = estimated.get("/api/estimates/ga-all")
    assert missing.status_code == 404 and "unvotes estimate" in missing.json()["error"]["message"]


def test_the_bulk_download_carries_the_runs(tmp_path: Path) -> None:
    con = store.open_db(support.estimated_db(), read_only=True)
    try:
        files = write_bulk(con, tmp_path)
        (run,) = store.estimate_runs(con)
    finally:
        con.close()
    by_name = {f.spec.name: f for f in files}
    assert by_name["estimates"].rows == run.n_state_years and by_name["estimate_runs"].rows == 1
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "estimates"]
    assert MODEL in resource["description"] and '"smoothness": 0.2' in resource["description"]


def test_without_estimates_the_pages_say_how_to_make_them(client: TestClient) -> None:
    html = client.get("/countries/KOR").text
    assert 'id="chart-positions"' not in html and "run &#39;unvotes estimate&#39;" in html
    assert get_json(client, "/countries/KOR.json")["data"]["tables"]["positions_per_year"]["rows"] == []
    home = client.get("/").text
    assert 'id="chart-vote-positions"' not in home and "run &#39;unvotes estimate&#39;" in home


def test_states_named_by_name_keep_both_choices_through_the_redirect(estimated: TestClient) -> None:
    moved = estimated.get("/countries/North%20Korea?with=Japon&ref=Corea%20del%20Sur", follow_redirects=False)
    assert moved.status_code == 302
    assert moved.headers["location"].endswith("/countries/PRK?ref=KOR&with=JPN")
    assert estimated.get("/countries/KOR?with=Zzzz", follow_redirects=False).status_code == 404
