"""Publishing in Chromium at 1400 and 390 px: a decision page's Open Graph and Twitter card tags,
its share image loading at 1200 x 630, the CSV for Excel arriving as a file with the byte order
mark, and the link to a filtered view giving the same rows. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, Site, _free_port, _start, _stop, decision_id
from tests.web import support
from unvotes.web.share import images_available

pytestmark = pytest.mark.browser

WIDTHS = (1400, 390)


@pytest.fixture(scope="module")
def based_server(chromium: Path) -> Iterator[str]:
    """``unvotes serve --base-url`` at its own address, so the card's absolute links lead to it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    args = [str(support.UNVOTES), "serve", "--db", str(support.dossier_db()), "--port", str(port), "--base-url", base]
    process = _start(args, base + "/")
    yield base
    _stop(process)


def _tab(browser: Any, width: int) -> Any:
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": 900 if width > 800 else 844})
    return tab


def _meta(tab: Any) -> dict[str, str]:
    found: dict[str, str] = tab.eval_on_selector_all(
        "meta[property^='og:'], meta[name^='twitter:']",
        "ms => Object.fromEntries(ms.map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))",
    )
    return found


@pytest.mark.skipif(not images_available(), reason="vl-convert-python or the world map not installed")
@pytest.mark.parametrize("width", WIDTHS)
def test_a_decision_page_carries_its_card_and_its_image_loads(browser: Any, based_server: str, width: int) -> None:
    number = decision_id("A/RES/69/188")
    tab = _tab(browser, width)
    try:
        tab.goto(f"{based_server}/decisions/{number}")
        meta = _meta(tab)
        assert meta["og:url"] == f"{based_server}/decisions/{number}"
        assert meta["og:image"] == f"{based_server}/decisions/{number}/share.png"
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:title"].startswith("A/RES/69/188")
        size = tab.evaluate(
            """url => new Promise((done, fail) => {
                const img = new Image();
                img.onload = () => done([img.naturalWidth, img.naturalHeight]);
                img.onerror = fail;
                img.src = url;
            })""",
            meta["og:image"],
        )
        assert size == [1200, 630]
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"publish-decision-{width}.png"))
        tab.goto(meta["og:image"])
        tab.screenshot(path=str(ARTIFACTS / f"publish-share-image-{width}.png"))
    finally:
        tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_csv_for_excel_downloads(browser: Any, site: Site, width: int, tmp_path: Path) -> None:
    tab = _tab(browser, width)
    try:
        tab.goto(site.decision("A/RES/69/188"))
        roll = tab.locator("#table-roll")
        with tab.expect_download() as download:
            roll.locator(".downloads a[data-excel]").click()
        name = download.value.suggested_filename
        assert name.endswith(".excel.csv"), name
        path = tmp_path / name
        download.value.save_as(path)
        body = path.read_bytes()
        assert body.startswith(b"\xef\xbb\xbfcountry_code,country_name,m49,vote")
        assert b"\r\n" in body
        ARTIFACTS.mkdir(exist_ok=True)
        roll.locator(".downloads").screenshot(path=str(ARTIFACTS / f"{site.mode}-excel-link-{width}.png"))
    finally:
        tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_link_to_a_view_gives_the_same_rows(browser: Any, live_server: str, width: int) -> None:
    tab = _tab(browser, width)
    try:
        tab.goto(f"{live_server}/decisions?to=2014&body=ga&page_size=5&from=2005&page=2")
        rows = tab.locator("table[data-table=decisions] tbody tr").all_inner_texts()
        assert rows
        tab.click("a[data-permalink]")
        tab.wait_for_load_state()
        assert tab.url == f"{live_server}/decisions?body=ga&from=2005&page=2&page_size=5&to=2014"
        assert tab.locator("table[data-table=decisions] tbody tr").all_inner_texts() == rows
        assert tab.evaluate("document.documentElement.scrollWidth") <= width + 2
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"publish-permalink-{width}.png"))
    finally:
        tab.close()
