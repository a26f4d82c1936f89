"""The JSON API under ``/api``: the same pages as data, documented by OpenAPI.

Every answer is the envelope of :mod:`unvotes.web.envelope`; ``/api/openapi.json`` describes the
routes and ``/api/docs`` shows them as a page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from unvotes.reports import resolve_decision
from unvotes.reports.pages import DOCUMENTS
from unvotes.web import views
from unvotes.web.app import explorer_of
from unvotes.web.params import MAX_INTEGER
from unvotes.web.render import Format
from unvotes.web.urls import Links, Route
from unvotes.web.views import MAX_PAGE, View

__all__ = ["router"]


class Meta(BaseModel):
    kind: str = Field(description="the kind of page: overview, decision, year, country, compare, browse ...")
    url: str = Field(description="this data's URL")
    formats: dict[str, str] = Field(description="the same page as html, csv (its first table) and xlsx (every table)")
    params: dict[str, Any] = Field(description="the parameters as understood")
    generator: str


class Envelope(BaseModel):
    """A successful answer."""

    ok: bool = Field(True, description="always true")
    data: dict[str, Any] = Field(description="title, description, facts, tables (columns, rows, notes), sources")
    meta: Meta


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorEnvelope(BaseModel):
    """An error: the status repeated, and a message saying what was wrong."""

    ok: bool = Field(False, description="always false")
    error: ErrorDetail


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": Envelope, "description": "the page as data"},
    400: {"model": ErrorEnvelope, "description": "a parameter cannot be used"},
    404: {"model": ErrorEnvelope, "description": "no such decision, state, year or symbol"},
}

router = APIRouter(prefix="/api", tags=["explorer"], responses=_RESPONSES)

Body = Annotated[str | None, Query(description="ga, c3, chr, hrc or sc")]


async def _json(request: Request, build: Callable[[sqlite3.Connection], View]) -> Response:
    return await explorer_of(request).respond(request, Format.JSON, build)


@router.get("/series", summary="The DPRK human-rights series year by year: timeline, streaks, events, mandates")
async def series(request: Request) -> Response:
    return await _json(request, views.overview)


@router.get("/decisions", summary="Every decision, filtered and paged")
async def decisions(
    request: Request,
    body: Body = None,
    year_from: Annotated[int | None, Query(alias="from", description="first year")] = None,
    year_to: Annotated[int | None, Query(alias="to", description="last year")] = None,
    q: Annotated[str | None, Query(description="text in the title, symbol or description", max_length=200)] = None,
    method: Annotated[str | None, Query(description="recorded_vote, without_vote or non_recorded_vote")] = None,
    kind: Annotated[str | None, Query(description="resolution, draft, amendment, paragraph or procedural")] = None,
    topic: Annotated[str | None, Query(description="Voeten's issue code: me, nu, di, hr, co, ec")] = None,
    series: Annotated[str | None, Query(description="a series, e.g. dprk-human-rights")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    params = {k: request.query_params.get(k) for k in request.query_params}
    return await _json(request, lambda con: views.browse(con, params))


@router.get("/decisions/{decision_id}", summary="One decision: roll, totals, chain, sponsors, documents, sources")
async def decision(request: Request, decision_id: Annotated[int, Path(ge=1, le=MAX_INTEGER)]) -> Response:
    return await _json(request, lambda con: views.decision(con, str(decision_id)))


@router.get("/symbols/{symbol:path}", summary="The decision with a UN symbol, e.g. A/RES/69/188")
async def by_symbol(request: Request, symbol: str) -> Response:
    explorer = explorer_of(request)
    row = await run_in_threadpool(lambda: resolve_decision(explorer.db.connection(), symbol))
    decision_id = row.decision_id
    return await _json(request, lambda con: views.decision(con, str(decision_id)))


@router.get("/years/{year}", summary="One year of the series side by side, with the switchers")
async def year(request: Request, year: Annotated[int, Path(ge=1945, le=2100)]) -> Response:
    return await _json(request, lambda con: views.year(con, str(year)))


@router.get("/countries", summary="Every state")
async def countries(request: Request) -> Response:
    return await _json(request, views.countries)


@router.get("/countries/{country_code}", summary="A state's record over the series")
async def country(
    request: Request,
    country_code: Annotated[str, Path(description="ISO 3166-1 alpha-3, e.g. KOR")],
    ref: Annotated[str | None, Query(description="the state to compare with (default PRK)")] = None,
) -> Response:
    return await _json(request, lambda con: views.country(con, country_code, ref))


@router.get("/compare", summary="Two or more states over the series")
async def compare(
    request: Request,
    c: Annotated[list[str], Query(description="2 to 8 ISO alpha-3 codes: c=KOR&c=USA")],
) -> Response:
    return await _json(request, lambda con: views.compare(con, c))


@router.get("/sources", summary="Every source file of the database")
async def sources(request: Request) -> Response:
    return await _json(request, views.sources)


@router.get("/downloads", summary="The tables of the bulk download")
async def downloads(request: Request) -> Response:
    return await _json(request, views.downloads)


@router.get("/documents/{name}", summary="A documentation page (Markdown): " + ", ".join(DOCUMENTS))
async def document(request: Request, name: str) -> Response:
    return await _json(request, lambda con: views.document(con, name))


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    explorer = explorer_of(request)
    body = explorer.renderer.api_docs(request.app.openapi(), Links(Route("api/docs")))
    return Response(body, media_type="text/html; charset=utf-8")


@router.get("/{rest:path}", include_in_schema=False)
def unknown(rest: str) -> Response:
    from unvotes.errors import NotFoundError

    raise NotFoundError(f"no API route /api/{rest} (see /api/docs)")
