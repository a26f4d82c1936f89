"""The consensus years in Chromium: the 2016 plenary resolution, adopted without a vote, is mapped by
each state's part with the coverage in its legend and never in the colours of yes and no; its
sponsors are those of the draft, marked so, with how complete the list is; the 2014 amendment says
what it would have done; the Republic of Korea's page separates its votes on the texts from its vote
on the amendment and says how much of its sponsorship is known."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Site, screenshot, wait_for_charts
from unvotes.web.charts import POSITION_COLORS

pytestmark = pytest.mark.browser

_PARTS = "Co-sponsor|Dissociated or did not join|Spoke against|Joined the consensus, no objection recorded"
_PART = re.compile(rf"^({_PARTS}) \((\d+); (.+)\)$")


def _legend(page: Any) -> dict[str, tuple[int, str]]:
    texts = page.eval_on_selector_all("#chart-map svg text", "els => els.map(e => e.textContent)")
    found = {m.group(1): (int(m.group(2)), m.group(3)) for m in map(_PART.match, texts) if m}
    assert not any(t.startswith(("Yes (", "No (", "Abstain (")) for t in texts), texts
    return found


def test_the_2016_plenary_is_mapped_by_parts_with_their_coverage(page: Any, site: Site) -> None:
    page.goto(site.decision("A/RES/71/202"))
    wait_for_charts(page)
    legend = _legend(page)
    assert legend["Dissociated or did not join"][1] == "at least these"
    assert legend["Dissociated or did not join"][0] >= 4
    assert legend["Co-sponsor"][1] == "at least these"
    joined, words = legend["Joined the consensus, no objection recorded"]
    assert joined > 150 and words == "no objection recorded"
    fills = dict(
        page.eval_on_selector_all(
            "#chart-map svg path[aria-label]",
            "els => els.map(e => [e.getAttribute('aria-label').split(':')[0], e.getAttribute('fill')])",
        )
    )
    assert fills["China"] not in (POSITION_COLORS["no"], POSITION_COLORS["yes"])
    assert fills["China"] != fills["France"]
    assert page.locator("[data-fact=roll_coverage]").inner_text().startswith("none: adopted without a vote")
    assert page.locator("[data-fact=disassociations_coverage]").inner_text() == "partial"
    sponsors = page.locator("#table-sponsors")
    assert "the draft A/C.3/71/L.23" in sponsors.inner_text()
    assert "not held" in sponsors.inner_text() and "at least" in sponsors.inner_text()
    assert "Adopted without a vote: there is no roll" in page.locator("#table-tally").inner_text()
    assert "Regional groups are not available" not in page.content()
    screenshot(page, site, "consensus")


def test_the_2014_amendment_says_what_it_would_have_done(page: Any, site: Site) -> None:
    page.goto(site.decision("A/C.3/69/L.63"))
    wait_for_charts(page)
    what = page.locator("[data-fact=what_it_did]").inner_text()
    assert what.startswith("Would have deleted the paragraphs")
    notes = page.locator("#chart-map").inner_text()
    assert "What it did: Would have deleted" in notes


def test_the_republic_of_korea_page_says_what_is_known(page: Any, site: Site) -> None:
    page.goto(site.country("KOR"))
    assert page.locator("[data-fact=on_amendments]").inner_text() == "no 1"
    assert "of 70 decisions" in page.locator("[data-fact=sponsorship_known]").inner_text()
    record = page.locator("#table-record")
    words = record.locator("td[data-column=sponsorship]").all_text_contents()
    assert {"no", "unknown", "initial"} <= set(words) and "false" not in words
    assert set(record.locator("td[data-column=disassociated]").all_text_contents()) <= {"n/a", "unknown", "no", "yes"}


def test_the_overview_draws_the_known_co_sponsor_counts(page: Any, site: Site) -> None:
    page.goto(site.home())
    wait_for_charts(page)
    drawn = page.eval_on_selector_all(
        "#chart-cosponsors svg [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    points = {label for label in drawn if re.match(r"^(chr|hrc|c3|ga) \d{4}: \d+ co-sponsors \(", label)}
    response = page.request.get(site.url(site.links.home("json")))
    rows = response.json()["data"]["tables"]["cosponsors"]["rows"]
    expected = {
        f"{r['body']} {r['year']}: {r['sponsors']} co-sponsors ({r['coverage']})" for r in rows if r["sponsors"]
    }
    assert points == expected and "ga 2021: 60 co-sponsors (complete)" in points
    assert "Not known, so not drawn" in page.locator("#chart-cosponsors").inner_text()
