"""What the pages say, checked against the dossier: the 2014 chain, the Republic of Korea's record,
the year view, the browser's filters and paging."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json


def rows(body: dict[str, Any], table: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = body["data"]["tables"][table]["rows"]
    return result


@pytest.fixture(scope="module")
def ga2014(client: TestClient) -> dict[str, Any]:
    return get_json(client, f"/decisions/{decision_id(client, 'A/RES/69/188')}.json")


def test_the_landing_page_has_the_series_year_by_year(client: TestClient) -> None:
    body = get_json(client, "/index.json")
    timeline = rows(body, "timeline")
    assert {r["body"] for r in timeline} == {"chr", "hrc", "c3", "ga", "sc"}
    assert all(r["kind"] != "amendment" for r in timeline)
    ga = {r["year"]: r for r in timeline if r["body"] == "ga"}
    assert (ga[2014]["yes_count"], ga[2014]["no_count"], ga[2014]["abstain_count"]) == (116, 20, 53)
    assert ga[2012]["adoption_method"] == "without_vote" and ga[2012]["yes_count"] is None
    assert ga[2025]["without_vote_streak"] == 10
    assert body["data"]["facts"]["ga_without_vote_streak"] == 10
    assert len(rows(body, "events")) >= 20
    assert any(r["name"] == "Elizabeth Salmón" and r["term_end"] is None for r in rows(body, "mandate_holders"))


def test_the_2014_decision_has_its_totals_and_its_chain(ga2014: dict[str, Any], client: TestClient) -> None:
    facts = ga2014["data"]["facts"]
    assert (facts["yes_count"], facts["no_count"], facts["abstain_count"]) == (116, 20, 53)
    tally = {r["vote"]: r for r in rows(ga2014, "tally")}
    assert tally["yes"]["counted"] == 116 and tally["yes"]["difference"] == 0
    chain = {r["symbol"]: r for r in rows(ga2014, "chain")}
    assert chain["A/C.3/69/L.63"]["kind"] == "amendment"
    assert chain["A/C.3/69/L.63"]["relation"] == "amends A/C.3/69/L.28/Rev.1"
    assert chain["A/C.3/69/L.63"]["outcome"] == "rejected"
    assert chain["A/C.3/69/L.28/Rev.1"]["relation"] == "became A/RES/69/188"
    assert chain["A/RES/69/188"]["is_this_decision"] is True
    assert chain["A/C.3/69/L.63"]["url"] == "https://undocs.org/A/C.3/69/L.63"
    documents = {r["symbol"]: r["url"] for r in rows(ga2014, "documents")}
    assert documents["A/RES/69/188"] == "https://undocs.org/A/RES/69/188"
    html = client.get(f"/decisions/{facts['decision_id']}").text
    amendment = chain["A/C.3/69/L.63"]["decision_id"]
    assert f'href="/decisions/{amendment}"' in html
    assert 'href="https://undocs.org/A/C.3/69/L.63"' in html


def test_the_roll_carries_the_map_codes_and_every_member(ga2014: dict[str, Any]) -> None:
    roll = rows(ga2014, "roll")
    assert len(roll) == 193
    assert {r["vote"] for r in roll} == {"yes", "no", "abstain", "non_voting"}
    prk = next(r for r in roll if r["country_code"] == "PRK")
    assert (prk["vote"], prk["m49"]) == ("no", 408)
    by_position = {r["vote"]: r["count"] for r in rows(ga2014, "by_position")}
    assert by_position == {"yes": 116, "no": 20, "abstain": 53, "non_voting": 4}
    groups = {r["regional_group"]: r for r in rows(ga2014, "by_group")}
    assert set(groups) == {"ag", "apg", "eeg", "grulac", "weog"}
    assert sum(r["members"] for r in groups.values()) == 193
    assert sum(r["yes"] for r in groups.values()) == 116
    assert groups["weog"]["no"] == 0


def test_an_adoption_without_a_vote_shows_sponsors_and_disassociations(client: TestClient) -> None:
    body = get_json(client, f"/decisions/{decision_id(client, 'A/RES/71/202')}.json")
    assert body["data"]["facts"]["adoption_method"] == "without_vote"
    assert rows(body, "roll") == []
    dissociated = {r["country_code"]: r for r in rows(body, "disassociations")}
    assert {"CHN", "CUB", "VEN", "PRK"} <= set(dissociated)
    assert dissociated["CHN"]["is_partial_list"] is True


def test_the_year_view_sets_committee_amendment_and_plenary_side_by_side(client: TestClient) -> None:
    body = get_json(client, "/years/2014.json")
    columns = body["data"]["tables"]["positions"]["columns"]
    assert {"c3-2014-amendment-cuba", "c3-2014", "ga-2014"} <= set(columns)
    kor = next(r for r in rows(body, "positions") if r["country_code"] == "KOR")
    assert (kor["c3-2014-amendment-cuba"], kor["c3-2014"], kor["ga-2014"]) == ("no", "yes", "yes")
    pairs = {(r["from_key"], r["to_key"]) for r in rows(body, "transitions")}
    assert ("c3-2014", "ga-2014") in pairs
    assert ("ga-2011", "ga-2014") in pairs  # 2012 and 2013 passed without a vote
    totals = {pair: 0 for pair in pairs}
    for r in rows(body, "transitions"):
        totals[(r["from_key"], r["to_key"])] += r["countries"]
    assert len(set(totals.values())) == 1  # each table covers every state of the reference
    switched = {r["country_code"] for r in rows(body, "switchers") if r["from_key"] == "c3-2014"}
    assert switched, "some states moved between the committee and the plenary"
    assert body["data"]["facts"]["previous_year"] == 2013 and body["data"]["facts"]["next_year"] == 2015


def test_the_republic_of_korea_record(client: TestClient) -> None:
    body = get_json(client, "/countries/KOR.json")
    facts = body["data"]["facts"]
    assert facts["name"] == "Republic of Korea" and facts["reference"] == "PRK"
    record = {(r["body"], r["year"], r["kind"]): r for r in rows(body, "record")}
    assert record[("ga", 2014, "resolution")]["vote"] == "yes"
    assert record[("c3", 2005, "draft")]["vote"] == "abstain"
    sponsored = [r["year"] for r in rows(body, "sponsorships")]
    assert 2008 in sponsored
    agreement = {r["scope"]: r for r in rows(body, "agreement")}
    assert agreement["all"]["reference_code"] == "PRK"
    assert 0 <= agreement["all"]["agreement"] < 0.5
    by_body = {r["body"]: r for r in rows(body, "by_body")}
    for r in by_body.values():
        assert r["yes"] + r["no"] + r["abstain"] + r["non_voting"] + r["no_position"] == r["decisions"]
    other = get_json(client, "/countries/kor.json?ref=usa")
    assert other["data"]["facts"]["reference"] == "USA"
    assert other["data"]["facts"]["agreement"] > facts["agreement"]


def test_the_country_page_sets_the_state_beside_its_neighbours(client: TestClient) -> None:
    body = get_json(client, "/countries/PRK.json")
    table = rows(body, "neighbours")
    voted = {r["decision_id"] for r in rows(body, "record") if r["vote"]}
    with_roll = {r["decision_id"] for r in table}
    assert {r["country_code"] for r in table} == {"PRK", "CHN", "KOR", "RUS"}
    for decision in with_roll:  # the state and each neighbour on every decision with a roll
        assert sorted(r["country_code"] for r in table if r["decision_id"] == decision) == ["CHN", "KOR", "PRK", "RUS"]
    assert voted <= with_roll
    ga_2014 = {r["country_code"]: r["vote"] for r in table if (r["body"], r["year"]) == ("ga", 2014)}
    assert ga_2014 == {"PRK": "no", "CHN": "no", "KOR": "yes", "RUS": "no"}
    assert [r["is_neighbour"] for r in table if r["country_code"] == "PRK"] == [False] * len(with_roll)
    assert "Natural Earth" in body["data"]["tables"]["neighbours"]["notes"][0]
    island = get_json(client, "/countries/JPN.json")
    assert rows(island, "neighbours") == []
    assert "No state shares a land boundary with Japan" in island["data"]["tables"]["neighbours"]["notes"][0]
    page = client.get("/countries/PRK").text
    assert 'id="chart-neighbours"' in page and 'id="table-neighbours"' in page
    assert 'id="chart-neighbours"' not in client.get("/countries/JPN").text


def test_compare_has_every_pair(client: TestClient) -> None:
    body = get_json(client, "/compare.json?c=KOR&c=PRK&c=USA&c=CHN")
    assert len(rows(body, "agreement")) == 6
    columns = body["data"]["tables"]["positions"]["columns"]
    assert {"KOR", "PRK", "USA", "CHN", "KOR_sponsorship"} <= set(columns)


def test_browse_filters_and_pages(client: TestClient) -> None:
    everything = get_json(client, "/decisions.json?page_size=200")
    assert everything["data"]["paging"]["total"] == 70
    c3 = get_json(client, "/decisions.json?body=c3&from=2010&to=2015")
    assert {r["body"] for r in rows(c3, "decisions")} == {"c3"}
    assert {r["year"] for r in rows(c3, "decisions")} <= set(range(2010, 2016))
    amendment = get_json(client, "/decisions.json?q=Cuba&kind=amendment")
    assert [r["symbol"] for r in rows(amendment, "decisions")] == ["A/C.3/69/L.63"]
    quiet = get_json(client, "/decisions.json?method=without_vote&kind=resolution&body=ga")
    assert quiet["data"]["paging"]["total"] == 12
    page2 = get_json(client, "/decisions.json?page=2&page_size=30")
    assert page2["data"]["paging"] == {"page": 2, "page_size": 30, "total": 70, "pages": 3}
    first = get_json(client, "/decisions.json?page=1&page_size=30")
    assert not {r["decision_id"] for r in rows(first, "decisions")} & {
        r["decision_id"] for r in rows(page2, "decisions")
    }


def test_documents_render_as_pages(client: TestClient) -> None:
    html = client.get("/methodology").text
    assert "<h3>Why do some years show no vote?</h3>" in html
    glossary = client.get("/glossary").text
    assert 'href="/methods"' in glossary
    body = get_json(client, "/methodology.json")
    assert body["data"]["text"].startswith("# ")


def test_the_downloads_page_lists_every_table(client: TestClient) -> None:
    body = get_json(client, "/downloads.json")
    names = {r["table"] for r in rows(body, "tables")}
    assert {"decisions", "votes", "sponsorships", "sources", "events", "mandate_holders"} <= names
    html = client.get("/downloads").text
    assert 'href="/downloads/unvotes-data.zip"' in html


def test_the_browser_searches_ranks_and_shows_the_matches(client: TestClient) -> None:
    body = get_json(client, "/decisions.json?q=North+Korea+human+rights&page_size=10")
    listed = rows(body, "decisions")
    assert listed and all("Democratic People" in (r["title"] or "") for r in listed)
    matches = rows(body, "matches")
    assert {m["decision_id"] for m in matches} == {r["decision_id"] for r in listed}
    assert all("«" in m["match"] for m in matches)
    by_date = rows(get_json(client, "/decisions.json?q=DPRK&sort=date&page_size=200"), "decisions")
    assert [r["date"] for r in by_date] == sorted(r["date"] for r in by_date)
    assert client.get("/decisions?q=DPRK&sort=sideways").status_code == 400
    assert client.get("/decisions?from=2015&to=2014").status_code == 400


def test_downloads_are_named_by_symbol_and_date_or_state(client: TestClient) -> None:
    response = client.get(f"/decisions/{decision_id(client, 'A/RES/69/188')}.csv")
    assert 'filename="A-RES-69-188_2014-12-18.csv"' in response.headers["content-disposition"]
    assert (
        client.get("/countries/KOR.xlsx")
        .headers["content-disposition"]
        .endswith('filename="KOR_Republic-of-Korea.xlsx"')
    )
    html = client.get(f"/decisions/{decision_id(client, 'A/RES/69/188')}").text
    assert '<th scope="col" data-column="country_name">State</th>' in html  # headers in words
    assert '<th scope="col" data-column="country_code">Code</th>' in html
