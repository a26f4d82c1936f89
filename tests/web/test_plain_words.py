"""Plain words on the pages: dates as people write them with the ISO date in <time datetime>;
bodies, regional groups and adoption methods written out with the code kept in title; a dataset's
own record ids shown as such and never linked as UN symbols; a description worded by the voting
dataset shown as what the record says. The JSON keeps the codes and ISO dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup
from starlette.testclient import TestClient

from tests.web.conftest import decision_id, get_json
from unvotes import store
from unvotes.reports.pages import is_dataset_record, undocs_url
from unvotes.reports.table import plain_date
from unvotes.web import create_app
from unvotes.web.cells import cell_html
from unvotes.web.urls import Links, Route

LINKS = Links(Route("index"))


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        ("date", "2014-11-18", '<time datetime="2014-11-18">18 November 2014</time>'),
        ("un_member_from", "1991-09-17", '<time datetime="1991-09-17">17 September 1991</time>'),
        ("body", "c3", '<span title="c3">General Assembly Third Committee</span>'),
        ("adoption_method", "without_vote", '<span title="without_vote">without a vote</span>'),
        ("regional_group", "apg", '<span title="apg">Asia-Pacific States (the Asian Group until 2011)</span>'),
        ("regional_group", "weog", '<span title="weog">Western European and other States</span>'),
    ],
)
def test_cells_in_words(column: str, value: str, shown: str) -> None:
    assert cell_html(column, value, "decision", LINKS) == Markup(shown)


def test_a_dataset_record_is_not_a_un_symbol() -> None:
    html = str(cell_html("symbol", "R/1/66", "decision", LINKS))
    assert "dataset record R/1/66" in html and "href" not in html
    assert is_dataset_record("GOAR/1/1288B") and is_dataset_record("ESS/1/126A") and is_dataset_record("SS/1/114")
    assert not is_dataset_record("A/RES/69/188") and not is_dataset_record("A/ES-10/L.22")
    assert undocs_url("R/1/66") is None and undocs_url("A/RES/69/188") == "https://undocs.org/A/RES/69/188"
    assert 'href="https://undocs.org/A/RES/69/188"' in str(cell_html("symbol", "A/RES/69/188", "decision", LINKS))


def test_plain_dates() -> None:
    assert plain_date("2014-12-18") == "18 December 2014" and plain_date("1946-01-10") == "10 January 1946"


def test_the_decision_page_in_words_and_its_json_in_codes(client: TestClient) -> None:
    ident = decision_id(client, "A/RES/69/188")
    html = client.get(f"/decisions/{ident}").text
    assert '<dd data-fact="date"><time datetime="2014-12-18">18 December 2014</time></dd>' in html
    assert '<dd data-fact="adoption_method"><span title="recorded_vote">recorded vote</span></dd>' in html
    assert re.search(r'data-column="regional_group"><span title="ag">African States</span>', html)
    assert ">2014-12-18<" not in html.split("<main")[1].split("chart-map-spec")[0]
    facts = get_json(client, f"/decisions/{ident}.json")["data"]["facts"]
    assert facts["date"] == "2014-12-18" and facts["adoption_method"] == "recorded_vote" and facts["body"] == "ga"


@pytest.mark.shared
@pytest.mark.slow
def test_an_early_roll_call_says_what_the_record_says(shared_data: Path, tmp_path: Path) -> None:
    from tests.integration.conftest import run_cli

    db = tmp_path / "full.db"
    assert run_cli("build", "--data-dir", str(shared_data), "--db", str(db)).returncode == 0
    con = store.open_db(db, read_only=True)
    try:
        (ident,) = con.execute("SELECT decision_id FROM decisions WHERE symbol = 'R/1/66'").fetchone()
    finally:
        con.close()
    with TestClient(create_app(db)) as client:
        html = client.get(f"/decisions/{ident}").text
    assert '<dd data-fact="symbol"><span class="record"' in html and "dataset record R/1/66" in html
    assert "undocs.org/R/1/66" not in html
    assert "<dt>The record says</dt>" in html and "(as Voeten et al.&#39;s dataset words it)" in html
