"""Stored positions per year in Chromium, at 1400 and 390 px: a state's path with its interval
beside the DPRK and its group's median, and the series page's votes against positions with the
vote selector; a database without estimates says so instead of drawing an empty chart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, serving, wait_for_charts
from tests.web import support

pytestmark = pytest.mark.browser

WIDTHS = (1400, 390)


@pytest.fixture(scope="module")
def estimated_server(chromium: object) -> Iterator[str]:
    yield from serving(support.estimated_db())


def _labels(page: Any, selector: str) -> list[str]:
    labels: list[str] = page.eval_on_selector_all(
        f"{selector} svg [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    return labels


def _shot(page: Any, name: str, selector: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(selector).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"positions-{name}.png"), full_page=False)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_state_page_draws_its_path_beside_the_dprk_and_its_group(
    page: Any, estimated_server: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{estimated_server}/countries/KOR")
    wait_for_charts(page)
    rows = page.request.get(f"{estimated_server}/countries/KOR.json").json()["data"]["tables"]["positions_per_year"]
    expected = {f"{r['country_name']} {r['year']}: {r['ideal_point']}" for r in rows["rows"]}
    drawn = set(_labels(page, "#chart-positions")) & expected
    assert drawn == expected
    lines = {r["line_kind"] for r in rows["rows"]}
    assert lines == {"state", "with", "group_median"}
    legend = page.eval_on_selector_all("#chart-positions svg text", "els => els.map(e => e.textContent)")
    assert {r["country_name"] for r in rows["rows"]} <= set(legend)
    assert "dynamic-ordinal-irt/1" in page.locator("#chart-positions figcaption").inner_text()
    assert page.locator("#table-positions_per_year details").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    _shot(page, f"country-{width}", "#chart-positions")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_series_page_places_each_vote_s_voters_by_position(page: Any, estimated_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{estimated_server}/")
    wait_for_charts(page)
    data = page.request.get(f"{estimated_server}/index.json").json()["data"]["tables"]
    summary = data["vote_positions_summary"]["rows"]
    shown = page.locator("#chart-vote-positions select")
    assert shown.count() == 1 and shown.locator("option").count() == len(summary)
    chosen = shown.input_value()
    decision = next(r for r in summary if chosen.startswith(f"{r['symbol']} ("))
    voters = [r for r in data["vote_positions"]["rows"] if r["decision_id"] == decision["decision_id"]]
    marks = [label for label in _labels(page, "#chart-vote-positions") if label.startswith(chosen + ":")]
    assert len(marks) == sum(r["ideal_point"] is not None for r in voters) > 100
    assert sum(" Yes at " in m for m in marks) == decision["yes_placed"]
    assert "dynamic-ordinal-irt/1" in page.locator("#chart-vote-positions figcaption").inner_text()
    _shot(page, f"series-{width}", "#chart-vote-positions")
    other = shown.locator("option").nth(0).get_attribute("value")
    shown.select_option(other)
    page.wait_for_function(
        "v => [...document.querySelectorAll('#chart-vote-positions svg [aria-label]')]"
        ".some(e => e.getAttribute('aria-label').startsWith(v + ':'))",
        arg=other,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2


def test_without_estimates_the_pages_say_how_to_make_them(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/countries/KOR")
    wait_for_charts(page)
    assert page.locator("#chart-positions").count() == 0
    assert "run 'unvotes estimate'" in page.locator("#positions-none").inner_text()
    page.goto(f"{live_server}/")
    wait_for_charts(page)
    assert page.locator("#chart-vote-positions").count() == 0
    assert "run 'unvotes estimate'" in page.locator("#vote-positions-none").inner_text()
