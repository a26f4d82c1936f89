"""The HTML pages and their ``.json``, ``.csv`` and ``.xlsx`` variants: thin handlers that parse the
path and query, call a view and render it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, RedirectResponse, Response

from unvotes.errors import NotFoundError
from unvotes.reports import resolve_decision
from unvotes.reports.pages import DOCUMENTS
from unvotes.web import views
from unvotes.web.app import explorer_of
from unvotes.web.params import text
from unvotes.web.render import Format, split_format
from unvotes.web.urls import Links, Route

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _format(ext: str) -> Format:
    try:
        return Format(ext.lower())
    except ValueError:
        raise NotFoundError(f"no format {ext!r} (formats: html, json, csv, xlsx)") from None


def _table(request: Request) -> str | None:
    return text(request.query_params.get("table"), "table", limit=40)


@router.api_route("/", methods=["GET", "HEAD"])
async def home(request: Request) -> Response:
    return await explorer_of(request).respond(request, Format.HTML, views.overview)


@router.api_route("/index.{ext}", methods=["GET", "HEAD"])
async def home_as(request: Request, ext: str) -> Response:
    return await explorer_of(request).respond(request, _format(ext), views.overview, table=_table(request))


async def _browse(request: Request, fmt: Format) -> Response:
    params = {k: request.query_params.get(k) for k in request.query_params}
    symbol = text(params.get("symbol"), "symbol")
    if symbol:
        return await run_in_threadpool(_to_symbol, request, symbol, fmt)
    return await explorer_of(request).respond(
        request, fmt, lambda con: views.browse(con, params), table=_table(request)
    )


@router.api_route("/decisions", methods=["GET", "HEAD"])
async def browse(request: Request) -> Response:
    return await _browse(request, Format.HTML)


@router.api_route("/decisions.{ext}", methods=["GET", "HEAD"])
async def browse_as(request: Request, ext: str) -> Response:
    return await _browse(request, _format(ext))


@router.api_route("/decisions/{ref}", methods=["GET", "HEAD"])
async def decision(request: Request, ref: str) -> Response:
    stem, fmt = split_format(ref)
    return await explorer_of(request).respond(
        request, fmt, lambda con: views.decision(con, stem), table=_table(request)
    )


def _to_symbol(request: Request, symbol: str, fmt: Format) -> Response:
    explorer = explorer_of(request)
    row = resolve_decision(explorer.db.connection(), symbol)
    links = Links(Route("index"))
    return RedirectResponse(links.decision(row.decision_id, None if fmt is Format.HTML else fmt.value), status_code=302)


@router.api_route("/symbol/{symbol:path}", methods=["GET", "HEAD"])
def symbol(request: Request, symbol: str) -> Response:
    stem, fmt = split_format(symbol)
    return _to_symbol(request, stem, fmt)


@router.api_route("/years/{ref}", methods=["GET", "HEAD"])
async def year(request: Request, ref: str) -> Response:
    stem, fmt = split_format(ref)
    return await explorer_of(request).respond(request, fmt, lambda con: views.year(con, stem), table=_table(request))


@router.api_route("/countries", methods=["GET", "HEAD"])
async def countries(request: Request) -> Response:
    return await explorer_of(request).respond(request, Format.HTML, views.countries)


@router.api_route("/countries.{ext}", methods=["GET", "HEAD"])
async def countries_as(request: Request, ext: str) -> Response:
    return await explorer_of(request).respond(request, _format(ext), views.countries, table=_table(request))


@router.api_route("/countries/{ref}", methods=["GET", "HEAD"])
async def country(request: Request, ref: str) -> Response:
    stem, fmt = split_format(ref)
    reference = request.query_params.get("ref")
    return await explorer_of(request).respond(
        request, fmt, lambda con: views.country(con, stem, reference), table=_table(request)
    )


async def _compare(request: Request, fmt: Format) -> Response:
    values = request.query_params.getlist("c")
    return await explorer_of(request).respond(
        request, fmt, lambda con: views.compare(con, values), table=_table(request)
    )


@router.api_route("/compare", methods=["GET", "HEAD"])
async def compare(request: Request) -> Response:
    return await _compare(request, Format.HTML)


@router.api_route("/compare.{ext}", methods=["GET", "HEAD"])
async def compare_as(request: Request, ext: str) -> Response:
    return await _compare(request, _format(ext))


@router.api_route("/sources", methods=["GET", "HEAD"])
async def sources(request: Request) -> Response:
    return await explorer_of(request).respond(request, Format.HTML, views.sources)


@router.api_route("/sources.{ext}", methods=["GET", "HEAD"])
async def sources_as(request: Request, ext: str) -> Response:
    return await explorer_of(request).respond(request, _format(ext), views.sources, table=_table(request))


@router.api_route("/downloads", methods=["GET", "HEAD"])
async def downloads(request: Request) -> Response:
    return await explorer_of(request).respond(request, Format.HTML, views.downloads)


@router.api_route("/downloads.{ext}", methods=["GET", "HEAD"])
async def downloads_as(request: Request, ext: str) -> Response:
    return await explorer_of(request).respond(request, _format(ext), views.downloads, table=_table(request))


@router.api_route("/downloads/{name:path}", methods=["GET", "HEAD"])
def bulk_file(request: Request, name: str) -> Response:
    path = explorer_of(request).bulk.path(name)
    if path is None:
        raise NotFoundError(f"no file {name!r} in the bulk download (see /downloads)")
    media = {
        ".json": "application/json",
        ".csv": "text/csv; charset=utf-8",
        ".parquet": "application/vnd.apache.parquet",
        ".zip": "application/zip",
    }[path.suffix]
    return FileResponse(path, media_type=media, filename=path.name)


@router.api_route("/{name}", methods=["GET", "HEAD"])
async def document(request: Request, name: str) -> Response:
    stem, fmt = split_format(name)
    if stem not in DOCUMENTS:
        raise NotFoundError("no such page")
    return await explorer_of(request).respond(
        request, fmt, lambda con: views.document(con, stem), table=_table(request)
    )
