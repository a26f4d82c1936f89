"""From request parameters to a page: one function per page kind, shared by the HTML pages, their
``.json``/``.csv``/``.xlsx`` variants, the API and the static site.

Each takes the connection and raw parameters, checks them (:class:`~unvotes.web.params.ParameterError`
for unusable values, :class:`~unvotes.errors.NotFoundError` for unknown states, decisions, years)
and calls one report. Beside each function, its parameters are declared as data
(:class:`~unvotes.web.params.Parameter`: name, meaning, JSON schema with the limits the function
applies) for the API's description, e.g. :data:`BROWSE_QUERY`; a test checks that the declared
limits are the ones the functions apply.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unvotes import store
from unvotes.errors import NotFoundError
from unvotes.export import downloads_page
from unvotes.model import BODY_NAMES, METHOD_NAMES, TOPIC_NAMES, AdoptionMethod, Body, DecisionKind, SortOrder
from unvotes.reports import pages, resolve_countries, resolve_country, resolve_decision
from unvotes.reports.pages import DOCUMENTS, Page
from unvotes.reports.positions import scope_named
from unvotes.reports.selection import SELECTION_QUERY, selection_from_query
from unvotes.web.params import (
    MAX_INTEGER,
    Parameter,
    ParameterError,
    country_codes,
    integer,
    integer_schema,
    text,
    text_schema,
)
from unvotes.web.urls import Route, canonical_query

__all__ = [
    "BROWSE_QUERY",
    "COMPARE_QUERY",
    "COUNTRY_PATH",
    "COUNTRY_QUERY",
    "DECISION_PATH",
    "DOCUMENT_PATH",
    "ESTIMATES_QUERY",
    "MAX_PAGE",
    "SCOPE_PATH",
    "SYMBOL_PATH",
    "YEAR_PATH",
    "View",
    "browse",
    "canonical_compare",
    "canonical_country",
    "compare",
    "countries",
    "country",
    "decision",
    "decision_id_of_symbol",
    "document",
    "downloads",
    "estimates",
    "overview",
    "sources",
    "year",
]

#: The last page number whose offset SQLite can bind, at the largest page size.
MAX_PAGE = MAX_INTEGER // pages.MAX_PAGE_SIZE


@dataclass(frozen=True, slots=True)
class View:
    """A page with the route it lives at and what its template needs beyond the page."""

    page: Page
    route: Route
    extra: Mapping[str, Any]
    #: the page the static site's CSV and spreadsheet of this page are made from, when it is not
    #: the page itself (a list's downloads hold the whole selection, not one page of it)
    downloads: Page | None = None


DECISION_PATH = Parameter("decision_id", "the decision's id", integer_schema(1, MAX_INTEGER), "path")


def decision(con: sqlite3.Connection, ref: str) -> View:
    decision_id = integer(ref, "decision id", low=1, high=MAX_INTEGER)
    if decision_id is None:
        raise ParameterError("a decision id is needed")
    page = pages.decision_page(con, decision_id)
    return View(page, Route(f"decisions/{decision_id}"), {})


SYMBOL_PATH = Parameter("symbol", "a UN symbol as the UN writes it, e.g. A/RES/69/188", {"type": "string"}, "path")


def decision_id_of_symbol(con: sqlite3.Connection, symbol: str) -> int:
    """The id of the decision with the UN symbol ``symbol`` (or with the id ``symbol``);
    :class:`~unvotes.errors.NotFoundError` if there is none, or several."""
    return resolve_decision(con, symbol).decision_id


YEAR_PATH = Parameter("year", "a calendar year", integer_schema(1945, 2100), "path")


def year(con: sqlite3.Connection, ref: str) -> View:
    number = integer(ref, "year", low=1945, high=2100)
    if number is None:
        raise ParameterError("a year is needed")
    return View(pages.year_page(con, number), Route(f"years/{number}"), {})


COUNTRY_PATH = Parameter("country_code", "ISO 3166-1 alpha-3, e.g. KOR", {"type": "string"}, "path")
#: The longest name or code of a state a parameter takes.
MAX_STATE = 100
COUNTRY_QUERY = (
    Parameter("ref", "the state to compare with, by code or name (default PRK)", text_schema(MAX_STATE)),
    Parameter("with", "the state whose positions per year are drawn beside (default: ref)", text_schema(MAX_STATE)),
)


def _states(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of every state, for the name picker."""
    return [(c, i.name) for c, i in pages.common.countries(con).items()]


def country(con: sqlite3.Connection, code: str, reference: str | None, with_country: str | None = None) -> View:
    ref = text(reference, "ref", limit=MAX_STATE)
    other = text(with_country, "with", limit=MAX_STATE)
    # the state compared with (ref) is drawn beside too, unless another is asked for (with)
    page = pages.country_page(con, code, reference=ref, with_country=other or ref)
    default = {"ref": pages.default_reference(str(page.fact("country_code")))}
    drawn = str(dict(page.params)["with"]) if other else None
    query = canonical_query([("ref", page.fact("reference") if ref else None), ("with", drawn)], default)
    route = Route(f"countries/{page.fact('country_code')}", query)
    states = _states(con)
    reference_name = dict(states).get(str(page.fact("reference")), "")
    return View(page, route, {"countries": states, "reference_name": reference_name})


def _is_code(value: str) -> bool:
    return len(value) == 3 and value.isalpha() and value.isupper()


def canonical_country(
    con: sqlite3.Connection, code: str, reference: str | None, with_country: str | None = None
) -> Route | None:
    """The state page's own address when ``code``, ``reference`` or ``with_country`` name states
    otherwise than by their codes ("North Korea", "kor", "Japon"), else None; an unknown name
    raises with the three nearest states."""
    ref = text(reference, "ref", limit=MAX_STATE)
    other = text(with_country, "with", limit=MAX_STATE)
    if all(v is None or _is_code(v) for v in (code, ref, other)):
        return None
    query = tuple((name, resolve_country(con, v)) for name, v in (("ref", ref), ("with", other)) if v)
    return Route(f"countries/{resolve_country(con, code)}", query)


COMPARE_QUERY = (
    Parameter(
        "c",
        f"2 to {pages.MAX_COMPARED} ISO alpha-3 codes: c=KOR&c=USA (or c=KOR,USA); the page also takes names",
        {"type": "array", "items": {"type": "string"}},
        required=True,
    ),
)


def compare(con: sqlite3.Connection, values: list[str]) -> View:
    codes = country_codes(values, low=2, high=pages.MAX_COMPARED)
    page = pages.compare_page(con, codes)
    route = Route("compare", tuple(("c", c) for c in str(page.fact("countries")).split(", ")))
    states = dict(_states(con))
    named = [states.get(c, c) for c in codes]
    fields = named + [""] * (min(len(named) + 2, pages.MAX_COMPARED) - len(named))  # the form's blanks
    return View(page, route, {"codes": codes, "fields": fields, "countries": list(states.items())})


def canonical_compare(con: sqlite3.Connection, values: list[str]) -> Route | None:
    """The comparison's own address when ``values`` name states otherwise than one code each
    (names, blank fields of the form, lists with commas), else None; an unknown name raises with
    the three nearest states."""
    for value in values:
        text(value, "c", limit=MAX_STATE * pages.MAX_COMPARED)
    if all(_is_code(v) for v in values):
        return None
    return Route("compare", tuple(("c", c) for c in resolve_countries(con, values)))


#: The query parameters :func:`browse` reads, as the API documents them: a selection and a page.
BROWSE_QUERY: tuple[Parameter, ...] = (
    *SELECTION_QUERY,
    Parameter("page", "the page of the list", integer_schema(1, MAX_PAGE, default=1)),
    Parameter("page_size", "decisions per page", integer_schema(1, pages.MAX_PAGE_SIZE, default=50)),
)


def browse(con: sqlite3.Connection, params: Mapping[str, str | None], *, whole: bool = False) -> View:
    """The decision browser; ``params`` are the query's body, from, to, q, method, kind, topic,
    series, page and page_size. ``whole``: every decision of the selection on one page (a list's
    CSV or spreadsheet holds the whole selection)."""
    topics = pages.topics(con)
    filt = selection_from_query(params)
    number = integer(params.get("page"), "page", low=1, high=MAX_PAGE) or 1
    size = integer(params.get("page_size"), "page_size", low=1, high=pages.MAX_PAGE_SIZE) or 50
    if whole:
        number, size = 1, max(1, store.count_decisions(con, filt))
    page = pages.browse_page(con, filt, page=number, page_size=size)
    assert page.paging is not None
    if number > page.paging.pages:
        raise ParameterError(f"page {number} is past the last page ({page.paging.pages})")
    defaults = {"page": "1", "page_size": "50", "sort": (SortOrder.RELEVANCE if filt.search else SortOrder.DATE).value}
    query = canonical_query(page.params, defaults)
    extra = {
        "bodies": [(b.value, BODY_NAMES[b]) for b in Body],
        "methods": [(m.value, METHOD_NAMES[m]) for m in AdoptionMethod],
        "kinds": [k.value for k in DecisionKind],
        "topics": [(t, f"{TOPIC_NAMES.get(t, t)} ({n})") for t, n in topics],
        "sorts": [o.value for o in SortOrder],
        "years": store.decision_years(con),
        "values": {k: ("" if v is None else str(v)) for k, v in page.params},
    }
    return View(page, Route("decisions", query), extra)


SCOPE_PATH = Parameter(
    "scope",
    "a scope of stored estimates",
    {"type": "string", "enum": ["ga-all", "ga-topic-hr", "dprk-human-rights"]},
    "path",
)
ESTIMATES_QUERY = (Parameter("country", "one state only: a code or a name", text_schema(60)),)


def estimates(con: sqlite3.Connection, scope: str, country: str | None) -> View:
    """A stored run of positions per year; an unknown scope is not a page (404)."""
    try:
        scope_named(scope)
    except ParameterError as exc:
        raise NotFoundError(str(exc)) from None
    code = text(country, "country", limit=60)
    page = pages.estimates_page(con, scope, code)
    query = (("country", str(page.fact("country_code"))),) if code else ()
    return View(page, Route(f"estimates/{scope}", query), {})


def overview(con: sqlite3.Connection) -> View:
    return View(pages.overview_page(con), Route("index"), {})


DOCUMENT_PATH = Parameter("name", "a documentation page", {"type": "string", "enum": list(DOCUMENTS)}, "path")


def document(con: sqlite3.Connection, name: str) -> View:
    return View(pages.document_page(con, name), Route(name), {})


def sources(con: sqlite3.Connection) -> View:
    return View(pages.sources_page(con), Route("sources"), {})


def countries(con: sqlite3.Connection) -> View:
    return View(pages.countries_page(con), Route("countries"), {})


def downloads(con: sqlite3.Connection) -> View:
    return View(downloads_page(con), Route("downloads"), {})
