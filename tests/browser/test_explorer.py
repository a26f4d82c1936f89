"""The explorer in Chromium, served by ``unvotes serve`` and as the static site: the map draws every
voting state in its colour with legend counts equal to the tallies, the timeline draws the bars of
the JSON, downloads and image exports arrive as files of the right type, and nothing breaks the
Content-Security-Policy."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, Site, screenshot, wait_for_charts
from unvotes.web.charts import POSITION_COLORS, POSITION_LABELS

pytestmark = pytest.mark.browser

_BAR = re.compile(r"^(chr|hrc|c3|ga|sc) (\d{4}) (yes|no|abstain) (\d+)$")
_QUIET = re.compile(r"^(chr|hrc|c3|ga|sc) (\d{4}) adopted without a vote$")
_NO_TOTALS = re.compile(r"^(chr|hrc|c3|ga|sc) (\d{4}) recorded vote, totals not in the sources$")
_LEGEND = re.compile(r"^(Yes|No|Abstain|Non-voting) \((\d+)\)$")
_LABEL_TO_VOTE = {label: vote for vote, label in POSITION_LABELS.items()}


def _json(page: Any, url: str) -> dict[str, Any]:
    response = page.request.get(url)
    assert response.ok, url
    data: dict[str, Any] = response.json()
    return data


def _labels(page: Any, selector: str) -> list[str]:
    labels: list[str] = page.eval_on_selector_all(
        f"{selector} svg [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    return labels


def test_the_timeline_draws_the_bars_of_the_json(page: Any, site: Site) -> None:
    page.goto(site.home())
    wait_for_charts(page)
    drawn = _labels(page, "#chart-timeline")
    bars = {m.groups() for m in map(_BAR.match, drawn) if m}
    quiet = {m.groups() for m in map(_QUIET.match, drawn) if m}
    unknown = {m.groups() for m in map(_NO_TOTALS.match, drawn) if m}
    rows = _json(page, site.url(site.links.home("json")))["data"]["tables"]["timeline"]["rows"]
    expected_bars = {
        (r["body"], str(r["year"]), vote, str(r[f"{vote}_count"]))
        for r in rows
        for vote in ("yes", "no", "abstain")
        if r[f"{vote}_count"] is not None
    }
    expected_quiet = {(r["body"], str(r["year"])) for r in rows if r["adoption_method"] == "without_vote"}
    expected_unknown = {
        (r["body"], str(r["year"])) for r in rows if r["adoption_method"] != "without_vote" and r["yes_count"] is None
    }
    assert bars == expected_bars
    assert quiet == expected_quiet
    assert unknown == expected_unknown
    assert len(bars) // 3 + len(quiet) + len(unknown) == len(rows)
    assert any(label.startswith("mandate Elizabeth Salmón") for label in drawn)
    assert any(label.startswith("event ") for label in drawn)
    screenshot(page, site, "overview")


def test_the_map_draws_every_voting_state_in_its_colour(page: Any, site: Site) -> None:
    page.goto(site.decision("A/RES/69/188"))
    wait_for_charts(page)
    shapes = page.eval_on_selector_all(
        "#chart-map svg path[aria-label]", "els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('fill')])"
    )
    states: dict[str, str] = {}  # a state drawn as several shapes (Australia and its islets) counts once
    for label, fill in shapes:
        state, position = label.rsplit(": ", 1)
        if position in POSITION_COLORS:
            assert fill.lower() == POSITION_COLORS[position].lower(), label
            assert states.setdefault(state, position) == position, label
    drawn = Counter(states.values())
    missing = json.loads(page.get_attribute("#chart-map", "data-missing"))
    for _state, position in missing:
        drawn[position] += 1
    legend = {
        _LABEL_TO_VOTE[m.group(1)]: int(m.group(2))
        for m in map(
            _LEGEND.match, page.eval_on_selector_all("#chart-map svg text", "els => els.map(e => e.textContent)")
        )
        if m
    }
    data = _json(page, site.decision("A/RES/69/188", "json"))["data"]
    counted = {r["vote"]: r["counted"] for r in data["tables"]["tally"]["rows"]}
    assert legend == counted == dict(drawn) == {"yes": 116, "no": 20, "abstain": 53, "non_voting": 4}
    assert data["facts"]["yes_count"] == 116
    page.hover('#chart-map svg path[aria-label^="Democratic People\'s Republic of Korea:"]')
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "Democratic People's Republic of Korea" in tooltip.inner_text()
    assert "no" in tooltip.inner_text()
    screenshot(page, site, "decision")


def test_the_2014_decision_links_to_the_cuban_amendment(page: Any, site: Site) -> None:
    page.goto(site.decision("A/RES/69/188"))
    chain = page.locator("#table-chain")
    assert "amends A/C.3/69/L.28/Rev.1" in chain.inner_text()
    assert chain.locator('a[href="https://undocs.org/A/C.3/69/L.63"]').count() >= 1
    row = chain.locator("tr", has_text="A/C.3/69/L.63")
    row.locator('td[data-column="decision_id"] a').click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("A/C.3/69/L.63")
    wait_for_charts(page)
    legend = page.eval_on_selector_all("#chart-map svg text", "els => els.map(e => e.textContent)")
    assert {"Yes (40)", "No (77)", "Abstain (50)"} <= set(legend)


def test_the_country_page_draws_the_record(page: Any, site: Site) -> None:
    page.goto(site.country("KOR"))
    wait_for_charts(page)
    cells = [label for label in _labels(page, "#chart-record") if label.startswith("Republic of Korea ")]
    rows = _json(page, site.country("KOR", "json"))["data"]["tables"]["record"]["rows"]
    texts = [r for r in rows if r["kind"] in ("resolution", "draft", "procedural")]
    assert len(cells) == len(texts)
    assert "Republic of Korea ga 2014: Yes" in cells
    assert page.locator("#table-sponsorships td[data-column='year']").count() >= 1
    screenshot(page, site, "country")


def test_the_country_page_draws_its_neighbours(page: Any, site: Site) -> None:
    page.goto(site.country("PRK"))
    wait_for_charts(page)
    rows = _json(page, site.country("PRK", "json"))["data"]["tables"]["neighbours"]["rows"]
    shapes = page.eval_on_selector_all(
        "#chart-neighbours svg path[aria-label]",
        "els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('fill')])",
    )
    # one shape per state and decision, labelled with the position of the table and in its colour
    assert Counter(label for label, _ in shapes) == Counter(
        f"{r['country_name']}: {r['vote'] or 'no position'}" for r in rows
    )
    for label, fill in shapes:
        position = label.rsplit(": ", 1)[1]
        if position in POSITION_COLORS:
            assert fill.lower() == POSITION_COLORS[position].lower(), label
    headings = page.eval_on_selector_all("#chart-neighbours svg text", "els => els.map(e => e.textContent)")
    panels = [t for t in headings if re.match(r"^(CHR|HRC|C3|GA|SC) \d{4}", t)]
    assert len(panels) == len({r["decision_id"] for r in rows})
    assert {"GA 2014", "C3 2014 amendment"} <= set(panels)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#chart-neighbours").screenshot(path=str(ARTIFACTS / f"{site.mode}-neighbours.png"))


def test_downloads_arrive_as_files_of_their_type(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.decision("A/RES/69/188"))
    roll = page.locator("#table-roll")
    for text, check in [
        ("CSV", lambda b: b.decode("utf-8").splitlines()[0].startswith("country_code,country_name,m49,vote")),
        ("XLSX", lambda b: b[:2] == b"PK"),
    ]:
        with page.expect_download() as download:
            roll.locator(".downloads a", has_text=text).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert check(path.read_bytes()), text
    csv_link = roll.locator(".downloads a", has_text="CSV").get_attribute("href")
    response = page.request.get(
        page.url.rsplit("/", 1)[0] + "/" + csv_link if site.mode == "static" else site.url(csv_link)
    )
    assert response.headers["content-type"].startswith("text/csv")
    if site.mode == "server":
        assert response.headers["content-disposition"].startswith("attachment;")
        assert response.headers["x-content-type-options"] == "nosniff"


def test_charts_export_as_png_and_svg(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.decision("A/RES/69/188"))
    wait_for_charts(page)
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        with page.expect_download() as download:
            page.click(f"#chart-map button[data-export={fmt}]")
        path = tmp_path / f"map.{fmt}"
        download.value.save_as(path)
        assert download.value.suggested_filename == f"A-RES-69-188_2014-12-18_map.{fmt}"
        assert path.read_bytes().startswith(magic)
        if fmt == "svg":  # the published image says what, when, the result and where it comes from
            text = path.read_text(encoding="utf-8")
            assert "A/RES/69/188, 2014-12-18: adopted 116-20-53" in text and "Source: unvotes" in text


@pytest.mark.parametrize(
    ("name", "relative"),
    [
        ("year", "years/2014"),
        ("compare", "compare/KOR-PRK"),
        ("browse", "decisions"),
        ("methodology", "methodology"),
        ("downloads", "downloads"),
    ],
)
def test_every_page_type_renders(page: Any, site: Site, name: str, relative: str) -> None:
    if site.mode == "static":
        url = site.url(f"{relative}.html")
    else:
        url = site.url("/compare?c=KOR&c=PRK" if name == "compare" else f"/{relative}")
    response = page.goto(url)
    assert response is not None and response.ok
    wait_for_charts(page)
    assert page.locator("h1").count() == 1
    assert "Sources of the numbers on this page" in page.content()
    screenshot(page, site, name)


def test_pages_fit_a_phone(browser: Any, live_server: str) -> None:
    tab = browser.new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    try:
        for path in ("/", "/decisions?page_size=20", "/countries/KOR", "/methods", "/symbol/A/RES/69/188"):
            tab.goto(live_server + path)
            wait_for_charts(tab)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 392, path
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "phone-country.png"))
    finally:
        tab.close()


def test_tables_work_without_javascript(browser: Any, live_server: str) -> None:
    tab = browser.new_page()
    tab.route("**/*.js", lambda route: route.abort())
    try:
        tab.goto(live_server + "/decisions?q=Korea")
        assert tab.locator("table[data-table=decisions] tbody tr").count() > 0
        tab.goto(live_server + "/countries/KOR")
        assert tab.locator("table[data-table=record] tbody tr").count() == 70
        assert "the tables below hold the same data" in tab.locator("#chart-record").inner_text() or (
            "Drawing the chart" in tab.locator("#chart-record").inner_text()
        )
    finally:
        tab.close()
