"""The JSON API under ``/api``: the pages of :data:`~unvotes.web.pages.PAGES` as data, each at its
API path and built by the same view as its HTML page, and the decision with a UN symbol
(``/api/symbols/A/RES/69/188``).

The routes declare no typed parameters: the views parse the query (a bad value is a 400 in the
error shape), and each route's OpenAPI description takes its parameters from the page's
declarations (:class:`~unvotes.web.params.Parameter`). Every answer is the envelope of
:mod:`unvotes.web.envelope`; ``/api/openapi.json`` describes the routes and ``/api/docs`` shows
them as a page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from unvotes.errors import NotFoundError
from unvotes.web import views
from unvotes.web.explorer import explorer_of
from unvotes.web.pages import PAGES, Asked, Page
from unvotes.web.params import Parameter
from unvotes.web.render import Format
from unvotes.web.urls import Links, Route

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


def _handler(page: Page) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        ref = next(iter(request.path_params.values()), "")  # an API path has at most one parameter
        asked = Asked(ref, request.query_params)
        return await explorer_of(request).respond(request, Format.JSON, lambda con: page.view(con, asked))

    return answer


async def by_symbol(request: Request) -> Response:
    symbol: str = request.path_params["symbol"]
    explorer = explorer_of(request)
    decision_id = await run_in_threadpool(explorer.db.read, lambda con: views.decision_id_of_symbol(con, symbol))
    return await explorer.respond(request, Format.JSON, lambda con: views.decision(con, str(decision_id)))


def docs(request: Request) -> Response:
    explorer = explorer_of(request)
    body = explorer.renderer.api_docs(request.app.openapi(), Links(Route("api/docs")))
    return Response(body, media_type="text/html; charset=utf-8")


def unknown(request: Request) -> Response:
    raise NotFoundError(f"no API route /api/{request.path_params['rest']} (see /api/docs)")


def _documented(parameters: tuple[Parameter, ...]) -> dict[str, Any] | None:
    return {"parameters": [p.openapi() for p in parameters]} if parameters else None


def _get(router: APIRouter, path: str, endpoint: Callable[[Request], Any], **described: Any) -> None:
    """A GET route, and its HEAD (the same answer without the body), which the API's description
    leaves out: FastAPI's routes, unlike Starlette's, do not answer HEAD by themselves."""
    router.add_api_route(path, endpoint, methods=["GET"], **described)
    router.add_route(path, endpoint, methods=["HEAD"], include_in_schema=False)


def _router() -> APIRouter:
    router = APIRouter(tags=["explorer"], responses=_RESPONSES)
    for page in PAGES:
        _get(
            router,
            page.api,
            _handler(page),
            name=page.name,
            summary=page.summary,
            openapi_extra=_documented(page.parameters),
        )
    _get(
        router,
        "/api/symbols/{symbol:path}",
        by_symbol,
        summary="The decision with a UN symbol, e.g. A/RES/69/188",
        openapi_extra=_documented((views.SYMBOL_PATH,)),
    )
    _get(router, "/api/docs", docs, include_in_schema=False)
    _get(router, "/api/{rest:path}", unknown, include_in_schema=False)
    return router


router = _router()
