"""The static site's browse page filters every decision of its index in the browser (by year and
by text, at 1400 and 390 px), keeps the filters in the address, and without JavaScript lists the
series and links every year; a state page shows its agreement with any state picked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.web import support
from unvotes import store
from unvotes.model import Selection

pytestmark = pytest.mark.browser


@pytest.fixture(params=[1400, 390])
def tab(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    page.set_viewport_size({"width": request.param, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield page
    page.close()
    assert problems == []


def _count(sel: Selection) -> int:
    con = store.open_db(support.dossier_db(), read_only=True)
    try:
        return store.count_decisions(con, sel)
    finally:
        con.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"static-{name}-{width}.png"), full_page=False)


def test_the_browse_page_filters_by_year_and_text(tab: Any, static_server: str) -> None:
    tab.goto(f"{static_server}/decisions.html")
    tab.wait_for_selector("#filters:not([hidden])")
    assert "70 decisions match" in tab.locator("#f-count").inner_text()
    tab.fill("#f-from", "2014")
    tab.fill("#f-to", "2014")
    expected = _count(Selection(year_from=2014, year_to=2014))
    assert tab.locator("#f-count").inner_text().startswith(f"{expected} decisions match")
    assert tab.locator("#f-results tbody tr").count() == expected
    dates = tab.locator("#f-results tbody td:nth-child(2) time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert len(dates) == expected and all(d.startswith("2014-") for d in dates)
    written = tab.locator("#f-results tbody td:nth-child(2)").all_inner_texts()
    assert "18 November 2014" in written  # as people write dates; ISO for machines in <time>
    bodies = set(tab.locator("#f-results tbody td[data-column=body]").all_inner_texts())
    assert "General Assembly (plenary)" in bodies and not bodies & {"ga", "c3", "hrc", "sc"}
    _shot(tab, "browse-2014")
    tab.fill("#f-q", "amendment")
    amended = tab.locator("#f-results tbody td:nth-child(5)").all_inner_texts()
    assert 0 < len(amended) < expected
    assert all(
        "amendment" in (t + s).lower()
        for t, s in zip(amended, tab.locator("#f-results tbody a").all_inner_texts(), strict=True)
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"] + 2
    _shot(tab, "browse-2014-amendment")

    shared = tab.url
    assert "from=2014" in shared and "q=amendment" in shared
    tab.goto(f"{static_server}/index.html")
    tab.goto(shared)
    tab.wait_for_selector("#filters:not([hidden])")
    assert tab.input_value("#f-q") == "amendment"
    assert tab.locator("#f-results tbody tr").count() == len(amended)


def test_a_link_opens_the_decision_page(tab: Any, static_server: str) -> None:
    tab.goto(f"{static_server}/decisions.html#from=2014&to=2014&series=")
    tab.wait_for_selector("#f-results tbody a")
    first = tab.locator("#f-results tbody a").first
    symbol = first.inner_text()
    first.click()
    tab.wait_for_load_state()
    assert symbol in tab.locator("h1").inner_text()


def test_without_javascript_the_series_and_every_year_are_listed(browser: Any, static_server: str) -> None:
    page = browser.new_page()
    page.route("**/*.js", lambda route: route.abort())
    try:
        page.goto(f"{static_server}/decisions.html")
        assert page.locator("#filters").is_hidden()
        assert page.locator("table[data-table=decisions] tbody tr").count() == 50
        years = page.locator("nav.years a").all_inner_texts()
        assert years[0] == "2003" and "2014" in years
        page.locator("nav.years a", has_text="2014").click()
        page.wait_for_load_state()
        assert page.locator("#table-every_decision").count() == 1
    finally:
        page.close()


def test_a_state_page_shows_its_agreement_with_any_state(tab: Any, static_server: str) -> None:
    tab.goto(f"{static_server}/countries/KOR.html")
    tab.wait_for_selector("#compare-picker:not([hidden])")
    tab.select_option("#compare-with", "USA")
    answer = tab.locator("#compare-answer").inner_text()
    assert answer.startswith("Agreement with United States") and "recorded votes in common" in answer
    row = tab.locator("#table-agreement_ranking tr.picked")
    assert row.count() == 1 and "USA" in row.inner_text()
    assert tab.url.endswith("#with=USA")
    _shot(tab, "state-picker")
