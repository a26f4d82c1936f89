"""The explorer's pages, each declared once in :data:`PAGES`: where it lives, the view that builds
it, and its API route with the summary and parameters that the API's description (OpenAPI) shows.

The server registers two routes from each entry (:mod:`unvotes.web.routes`, :mod:`unvotes.web.api`):

=====================  ===============================  ==============================
page                   HTML, ``.json``, ``.csv``,        JSON API
                       ``.xlsx``
=====================  ===============================  ==============================
overview               ``/``, ``/index.json`` ...       ``/api/series``
browse                 ``/decisions[.json]?body=...``   ``/api/decisions?body=...``
decision               ``/decisions/{id}[.json]``       ``/api/decisions/{decision_id}``
year                   ``/years/{year}[.json]``         ``/api/years/{year}``
countries              ``/countries[.json]``            ``/api/countries``
country                ``/countries/{code}[.json]``     ``/api/countries/{country_code}``
compare                ``/compare[.json]?c=..&c=..``    ``/api/compare?c=..&c=..``
estimates              ``/estimates/{scope}[.json]``    ``/api/estimates/{scope}``
sources, downloads     ``/sources[.json]`` ...          ``/api/sources`` ...
document               ``/{name}[.json]``               ``/api/documents/{name}``
=====================  ===============================  ==============================
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import QueryParams

from unvotes.reports.pages import DOCUMENTS
from unvotes.web import views
from unvotes.web.params import Parameter
from unvotes.web.urls import Route
from unvotes.web.views import View

__all__ = ["PAGES", "Asked", "Page"]


@dataclass(frozen=True, slots=True)
class Asked:
    """What a request asks of a page: the value of its path parameter (without the format suffix;
    empty for a page without one) and its query."""

    ref: str
    query: QueryParams
    #: the format asked for: a list's CSV or spreadsheet holds the whole selection, not one page
    whole: bool = False

    def params(self) -> dict[str, str | None]:
        """The query as single values (the last of a repeated parameter)."""
        return {k: self.query.get(k) for k in self.query}


@dataclass(frozen=True, slots=True)
class Page:
    """One page. ``path`` is the HTML page's path, with ``{ref}`` for its one path parameter; the
    other formats are the same path with ``.json``, ``.csv`` or ``.xlsx`` after it (the overview's,
    at ``/``, are ``/index.json`` ...)."""

    name: str
    path: str
    view: Callable[[sqlite3.Connection, Asked], View]
    api: str
    summary: str
    #: the API route's path and query parameters
    parameters: tuple[Parameter, ...] = ()
    #: for a page whose path is any single segment: the values that name one of its pages
    #: (others get "no such page" before the view is asked)
    names: frozenset[str] | None = None
    #: whether ``?symbol=A/RES/69/188`` redirects to that decision's page
    redirects_symbol: bool = False
    #: the page's own address when the request names states by name (the name picker's form), to
    #: which the HTML page redirects; None when the request already is that address
    canonical: Callable[[sqlite3.Connection, Asked], Route | None] | None = None


PAGES: tuple[Page, ...] = (
    Page(
        "series",
        "/",
        lambda con, _asked: views.overview(con),
        "/api/series",
        "The DPRK human-rights series year by year: timeline, streaks, events, mandates",
    ),
    Page(
        "decisions",
        "/decisions",
        lambda con, asked: views.browse(con, asked.params(), whole=asked.whole),
        "/api/decisions",
        "Every decision, filtered and paged",
        views.BROWSE_QUERY,
        redirects_symbol=True,
    ),
    Page(
        "decision",
        "/decisions/{ref}",
        lambda con, asked: views.decision(con, asked.ref),
        "/api/decisions/{decision_id}",
        "One decision: roll, totals, chain, sponsors, documents, sources",
        (views.DECISION_PATH,),
    ),
    Page(
        "year",
        "/years/{ref}",
        lambda con, asked: views.year(con, asked.ref),
        "/api/years/{year}",
        "One year of the series side by side, with the switchers",
        (views.YEAR_PATH,),
    ),
    Page("countries", "/countries", lambda con, _asked: views.countries(con), "/api/countries", "Every state"),
    Page(
        "country",
        "/countries/{ref}",
        lambda con, asked: views.country(con, asked.ref, asked.query.get("ref"), asked.query.get("with")),
        "/api/countries/{country_code}",
        "A state's record over the series",
        (views.COUNTRY_PATH, *views.COUNTRY_QUERY),
        canonical=lambda con, asked: views.canonical_country(
            con, asked.ref, asked.query.get("ref"), asked.query.get("with")
        ),
    ),
    Page(
        "compare",
        "/compare",
        lambda con, asked: views.compare(con, asked.query.getlist("c")),
        "/api/compare",
        "Two or more states over the series",
        views.COMPARE_QUERY,
        canonical=lambda con, asked: views.canonical_compare(con, asked.query.getlist("c")),
    ),
    Page(
        "estimates",
        "/estimates/{ref}",
        lambda con, asked: views.estimates(con, asked.ref, asked.query.get("country")),
        "/api/estimates/{scope}",
        "A stored run of positions per year (model estimates) with its model version and parameters; "
        "?country= for one state",
        (views.SCOPE_PATH, *views.ESTIMATES_QUERY),
    ),
    Page(
        "sources",
        "/sources",
        lambda con, _asked: views.sources(con),
        "/api/sources",
        "Every source file of the database",
    ),
    Page(
        "downloads",
        "/downloads",
        lambda con, _asked: views.downloads(con),
        "/api/downloads",
        "The tables of the bulk download",
    ),
    Page(
        "document",
        "/{ref}",
        lambda con, asked: views.document(con, asked.ref),
        "/api/documents/{name}",
        "A documentation page (Markdown): " + ", ".join(DOCUMENTS),
        (views.DOCUMENT_PATH,),
        names=frozenset(DOCUMENTS),
    ),
)
