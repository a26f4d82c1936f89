"""The explorer over every roll call since 1946, read as a journalist or a student would, in Chromium
at a desk (1400 px) and on a phone (390 px), served by ``unvotes serve --workers 2``: search finds the
human-rights series by plain words, a Soviet vote colours Soviet territory, the pages speak in labels
rather than column names, and no page runs off the side of a phone. Screenshots of each go to
``test-artifacts/``."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, _free_port, _start, _stop, wait_for_charts
from tests.web import support
from unvotes.web.charts import POSITION_COLORS

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.slow]

WIDTHS = {"desk": (1400, 900), "phone": (390, 844)}
#: Words that are the names of columns or codes, not labels a reader should meet.
JARGON = (
    *("decision_id", "adoption_method", "is_adopted", "recorded_vote", "without_vote", "roll_source", "apg"),
    *("Roll source", "Key in the series", "Body name"),
)


@pytest.fixture(scope="module")
def full_server(chromium: Path, full_db: Path) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    args = [str(support.UNVOTES), "serve", "--db", str(full_db), "--port", str(port), "--workers", "2"]
    process = _start(args, base + "/")
    yield base
    _stop(process)


@pytest.fixture(params=sorted(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    width, height = WIDTHS[request.param]
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.width_name = request.param
    yield page
    page.close()
    assert problems == []


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"people-{page.width_name}-{name}.png"), full_page=False)


def _fits(page: Any) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2, page.url


def _decision_id(db: Path, sql: str, *args: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(sql, args).fetchone()
    finally:
        con.close()
    assert row is not None, sql
    return int(row[0])


def _symbol(db: Path, symbol: str) -> int:
    return _decision_id(db, "SELECT decision_id FROM decisions WHERE symbol = ?", symbol)


def test_search_in_plain_words_finds_the_series_first(tab: Any, full_server: str) -> None:
    tab.goto(full_server + "/decisions?q=North+Korea+human+rights")
    titles = tab.eval_on_selector_all(
        "table[data-table=decisions] tbody td[data-column=title]", "cells => cells.map(c => c.textContent)"
    )
    assert len(titles) >= 20
    assert all("Democratic People" in t for t in titles[:20]), titles[:20]
    matches = tab.locator("table[data-table=matches]").text_content()
    assert "«" in matches and "»" in matches  # the words found are shown where they matched
    _fits(tab)
    _shot(tab, "search")
    tab.goto(full_server + "/decisions?q=North+Korea+human+rights&sort=date")
    years = tab.eval_on_selector_all(
        "table[data-table=decisions] tbody td[data-column=year]", "cells => cells.map(c => +c.textContent)"
    )
    assert len(years) >= 20 and years == sorted(years) and years[0] < 2005  # oldest first, every match


def test_a_soviet_vote_colours_soviet_territory(tab: Any, full_server: str, full_db: Path) -> None:
    decision = _decision_id(
        full_db,
        """SELECT d.decision_id FROM decisions AS d JOIN positions AS p
           ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
           WHERE p.country_code = 'SUN' AND p.vote = 'yes' AND d.date = '1968-06-03' LIMIT 1""",
    )
    tab.goto(f"{full_server}/decisions/{decision}")
    wait_for_charts(tab)
    russia = tab.locator('#chart-map svg path[aria-label^="Union of Soviet Socialist Republics (today Russian"]')
    assert russia.count() >= 1
    assert russia.first.get_attribute("fill").lower() == POSITION_COLORS["yes"].lower()
    assert "drawn over today" in tab.locator("main").inner_text()
    _fits(tab)
    _shot(tab, "map-of-history")


@pytest.mark.parametrize("path", ["/decisions/{id}", "/countries/CHN", "/years/2014", "/decisions?q=Korea"])
def test_pages_speak_in_labels_and_fit_the_screen(tab: Any, full_server: str, full_db: Path, path: str) -> None:
    if "{id}" in path:
        path = path.format(id=_symbol(full_db, "A/RES/69/188"))
    tab.goto(full_server + path)
    wait_for_charts(tab)
    headers = tab.eval_on_selector_all("main th, dl.facts dt, dl.facts dd", "cells => cells.map(c => c.textContent)")
    for word in JARGON:
        assert not any(word in h for h in headers), (path, word)
    assert not any(w in tab.locator("h1").inner_text() for w in JARGON)
    _fits(tab)
    if tab.width_name == "desk":
        screens = tab.evaluate("document.documentElement.scrollHeight") / tab.viewport_size["height"]
        assert screens <= 6.5, f"{path} is {screens:.1f} screens tall"
    _shot(tab, path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-"))


def test_the_roll_is_in_order_of_names(tab: Any, full_server: str, full_db: Path) -> None:
    decision = _symbol(full_db, "A/RES/69/188")
    tab.goto(f"{full_server}/decisions/{decision}")
    names = tab.eval_on_selector_all(
        "table[data-table=roll] tbody td[data-column=country_name]", "cells => cells.map(c => c.textContent.trim())"
    )
    assert len(names) >= 190
    assert names == sorted(names, key=_as_read)


def _as_read(name: str) -> str:
    """A name as the UN alphabetises it: Côte d'Ivoire between Costa Rica and Croatia, "The former
    Yugoslav Republic of Macedonia" under F."""
    name = name.removeprefix("The ")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def test_the_roll_sorts_by_vote_and_by_group(tab: Any, full_server: str, full_db: Path) -> None:
    tab.goto(f"{full_server}/decisions/{_symbol(full_db, 'A/RES/69/188')}")
    roll = tab.locator("table[data-table=roll]")
    roll.locator("xpath=ancestor::details").evaluate("d => d.open = true")

    def column(name: str) -> list[str]:
        cells: list[str] = roll.locator(f"tbody td[data-column={name}]").evaluate_all(
            "cells => cells.map(c => c.textContent.trim())"
        )
        return cells

    before = column("country_name")
    roll.locator("th[data-column=vote] button").click()
    votes = column("vote")
    assert votes == sorted(votes) and len(set(votes)) == 4
    assert roll.locator("th[data-column=vote]").get_attribute("aria-sort") == "ascending"
    roll.locator("th[data-column=vote] button").press("Enter")  # the keyboard sorts too
    assert column("vote") == sorted(votes, reverse=True)
    roll.locator("th[data-column=regional_group] button").click()
    groups = column("regional_group")
    assert groups == sorted(groups, key=lambda g: (g == "", g.casefold()))
    assert sorted(column("country_name")) == sorted(before)  # every row kept, none doubled
    _shot(tab, "roll-sorted")
