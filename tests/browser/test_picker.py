"""The name picker works without JavaScript: on the compare page and the state page a state typed by
name (French, Spanish or English, or a code) is sent by a plain GET form, resolved by the server and
redirected to the page's own address, in Chromium with scripts disabled at 1400 and 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS

WIDTHS = (1400, 390)


@pytest.fixture()
def no_js(browser: Any) -> Iterator[Any]:
    """A tab in which the page's own scripts never run (DevTools' script execution switch)."""
    tab = browser.new_page()
    session = browser.new_cdp_session(tab)
    session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    yield tab
    tab.close()


def _shot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"nojs-{name}.png"), full_page=False)


def _scripts_did_not_run(tab: Any) -> None:
    charts = tab.locator("figure.chart")
    assert charts.count() >= 1
    assert all(charts.nth(i).get_attribute("data-state") is None for i in range(charts.count()))


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_by_name_without_javascript(no_js: Any, live_server: str, width: int) -> None:
    no_js.set_viewport_size({"width": width, "height": 900})
    no_js.goto(f"{live_server}/compare?c=KOR&c=PRK")
    _scripts_did_not_run(no_js)
    fields = no_js.locator("form.picker input[name=c]")
    assert fields.count() == 4 and fields.nth(0).input_value() == "Republic of Korea"
    assert no_js.locator("datalist#state-names option[value='Japan']").count() == 1
    fields.nth(2).fill("Japon")  # the UN's French short name
    fields.nth(3).fill("estados unidos de america")
    with no_js.expect_navigation():
        no_js.locator("form.picker button[type=submit]").click()
    assert no_js.url == f"{live_server}/compare?c=KOR&c=PRK&c=JPN&c=USA"
    assert no_js.locator("form.picker input[name=c]").nth(3).input_value() == "United States of America"
    _scripts_did_not_run(no_js)
    assert no_js.evaluate("document.documentElement.scrollWidth") <= width
    _shot(no_js, f"compare-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_state_page_compares_with_a_state_by_name_without_javascript(no_js: Any, live_server: str, width: int) -> None:
    no_js.set_viewport_size({"width": width, "height": 900})
    no_js.goto(f"{live_server}/countries/North%20Korea")
    assert no_js.url == f"{live_server}/countries/PRK"
    no_js.locator("#ref").fill("República de Corea")
    with no_js.expect_navigation():
        no_js.locator("#ref").press("Enter")
    assert no_js.url == f"{live_server}/countries/PRK?ref=KOR"
    assert no_js.locator("#ref").input_value() == "Republic of Korea"
    _scripts_did_not_run(no_js)
    _shot(no_js, f"country-{width}")


def test_an_unknown_name_gets_the_three_nearest(no_js: Any, live_server: str) -> None:
    no_js.goto(f"{live_server}/countries/PRK")
    no_js.locator("#ref").fill("Nort Korea")
    with no_js.expect_navigation():
        no_js.locator("#ref").press("Enter")
    assert "unknown state 'Nort Korea': did you mean" in no_js.locator("main").inner_text()
