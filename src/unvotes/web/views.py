"""From request parameters to a page: one function per page kind, shared by the HTML pages, their
``.json``/``.csv``/``.xlsx`` variants, the API and the static site.

Each takes the connection and raw parameters, checks them (:class:`~unvotes.web.params.ParameterError`
for unusable values, :class:`~unvotes.errors.NotFoundError` for unknown states, decisions, years)
and calls one report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unvotes.export import downloads_page
from unvotes.model import AdoptionMethod, Body, DecisionKind
from unvotes.reports import pages
from unvotes.reports.pages import Page
from unvotes.reports.selection import selection_from_query
from unvotes.web.params import MAX_INTEGER, ParameterError, country_codes, integer, text
from unvotes.web.urls import Route

__all__ = ["MAX_PAGE", "View", "browse", "compare", "country", "decision", "year"]

#: The last page number whose offset SQLite can bind, at the largest page size.
MAX_PAGE = MAX_INTEGER // pages.MAX_PAGE_SIZE


@dataclass(frozen=True, slots=True)
class View:
    """A page with the route it lives at and what its template needs beyond the page."""

    page: Page
    route: Route
    extra: Mapping[str, Any]


def decision(con: sqlite3.Connection, ref: str) -> View:
    decision_id = integer(ref, "decision id", low=1, high=MAX_INTEGER)
    if decision_id is None:
        raise ParameterError("a decision id is needed")
    page = pages.decision_page(con, decision_id)
    return View(page, Route(f"decisions/{decision_id}"), {})


def year(con: sqlite3.Connection, ref: str) -> View:
    number = integer(ref, "year", low=1945, high=2100)
    if number is None:
        raise ParameterError("a year is needed")
    return View(pages.year_page(con, number), Route(f"years/{number}"), {})


def country(con: sqlite3.Connection, code: str, reference: str | None) -> View:
    ref = text(reference, "ref", limit=3)
    page = pages.country_page(con, code, reference=ref)
    route = Route(f"countries/{page.fact('country_code')}", (("ref", ref.upper()),) if ref else ())
    choices = [(c, i.name) for c, i in pages.common.countries(con).items()]
    return View(page, route, {"countries": choices})


def compare(con: sqlite3.Connection, values: list[str]) -> View:
    codes = country_codes(values, low=2, high=pages.MAX_COMPARED)
    page = pages.compare_page(con, codes)
    route = Route("compare", tuple(("c", c) for c in str(page.fact("countries")).split(", ")))
    return View(page, route, {"codes": codes})


def browse(con: sqlite3.Connection, params: Mapping[str, str | None]) -> View:
    """The decision browser; ``params`` are the query's body, from, to, q, method, kind, topic,
    series, page and page_size."""
    topics = pages.topics(con)
    filt = selection_from_query(params)
    if filt.topic is not None and filt.topic not in {t for t, _n in topics}:
        raise ParameterError(f"unknown topic {filt.topic!r} (expected one of: {', '.join(t for t, _n in topics)})")
    number = integer(params.get("page"), "page", low=1, high=MAX_PAGE) or 1
    size = integer(params.get("page_size"), "page_size", low=1, high=pages.MAX_PAGE_SIZE) or 50
    page = pages.browse_page(con, filt, page=number, page_size=size)
    assert page.paging is not None
    if number > page.paging.pages:
        raise ParameterError(f"page {number} is past the last page ({page.paging.pages})")
    query = tuple((k, str(v)) for k, v in page.params if v is not None and not (k == "page" and v == 1))
    query = tuple((k, v) for k, v in query if not (k == "page_size" and v == "50"))
    extra = {
        "bodies": [b.value for b in Body],
        "methods": [m.value for m in AdoptionMethod],
        "kinds": [k.value for k in DecisionKind],
        "topics": topics,
        "values": {k: ("" if v is None else str(v)) for k, v in page.params},
    }
    return View(page, Route("decisions", query), extra)


def overview(con: sqlite3.Connection) -> View:
    return View(pages.overview_page(con), Route("index"), {})


def document(con: sqlite3.Connection, name: str) -> View:
    return View(pages.document_page(con, name), Route(name), {})


def sources(con: sqlite3.Connection) -> View:
    return View(pages.sources_page(con), Route("sources"), {})


def countries(con: sqlite3.Connection) -> View:
    return View(pages.countries_page(con), Route("countries"), {})


def downloads(con: sqlite3.Connection) -> View:
    return View(downloads_page(con), Route("downloads"), {})
