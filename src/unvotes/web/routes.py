"""The HTML pages and their ``.json``, ``.csv`` and ``.xlsx`` variants: one route per page of
:data:`~unvotes.web.pages.PAGES`, with the format suffix folded into the path (``/decisions``,
``/decisions.json``; ``/decisions/54``, ``/decisions/54.csv``; the CSV for Excel with
``?excel=1``); the share images of decision and state pages (``/decisions/54/share.png``,
``/countries/KOR/share.png``); then the redirect from a UN symbol (``/symbol/A/RES/69/188`` ->
``/decisions/54``) and the files of the bulk download.

One handler serves every page: it reads the path's value and format, redirects ``?symbol=`` where
the page says so, and renders the page's view in that format (``?table=`` picks a CSV's table).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from unvotes.errors import NotFoundError, ParameterError
from unvotes.web import views
from unvotes.web.explorer import explorer_of
from unvotes.web.pages import PAGES, Asked, Page
from unvotes.web.params import text
from unvotes.web.render import Format, split_format
from unvotes.web.urls import Links, Route

__all__ = ["router"]

_FORMATS = "|".join(f.value for f in Format)


class FormatSuffix(Convertor[Format]):
    """An optional format suffix in any case (``.json``, ``.CSV``); none is HTML."""

    regex = rf"(?:\.(?i:{_FORMATS}))?"

    def convert(self, value: str) -> Format:
        return Format(value[1:].lower()) if value else Format.HTML

    def to_string(self, value: Format) -> str:
        return f".{value.value}"


class FormatName(Convertor[Format]):
    """A format's name in any case, after a dot of the path (``/index.{fmt:format}``)."""

    regex = rf"(?i:{_FORMATS})"

    def convert(self, value: str) -> Format:
        return Format(value.lower())

    def to_string(self, value: Format) -> str:
        return value.value


class Stem(Convertor[str]):
    """A path segment before a format suffix: all of it but the suffix; empty only before one."""

    regex = r"(?=[^/])[^/]*?"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("suffix", FormatSuffix())
register_url_convertor("format", FormatName())
register_url_convertor("stem", Stem())

#: The pages without a path parameter, by their name in the static site (``/`` is ``index``).
_PLAIN = frozenset("index" if p.path == "/" else p.path[1:] for p in PAGES if "{" not in p.path)


def _paths(page: Page) -> tuple[str, ...]:
    if page.path == "/":  # the home page: its data is at /index.json ...
        return ("/", "/index.{fmt:format}")
    return (page.path.replace("{ref}", "{ref:stem}") + "{fmt:suffix}",)


def _not_a_page(request: Request) -> NotFoundError:
    """The error for a path of one segment that names no page; for a page without parameters
    asked for in a format there is not (``/decisions.pdf``), it names the formats."""
    name, dot, ext = request.scope["path"].rpartition("/")[2].partition(".")
    if dot and ext and name in _PLAIN:
        return NotFoundError(f"no format {ext!r} (formats: {', '.join(f.value for f in Format)})")
    return NotFoundError("no such page")


def _table(request: Request) -> str | None:
    return text(request.query_params.get("table"), "table", limit=40)


def _excel(request: Request) -> bool:
    """Whether the CSV for Excel is asked for (``excel=1``; ``excel=0`` or none: the plain CSV)."""
    value = request.query_params.get("excel")
    if value not in (None, "", "0", "1"):
        raise ParameterError(f"excel must be 1 (the CSV for Excel) or 0, not {value!r}")
    return value == "1"


def _handler(page: Page) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        fmt: Format = request.path_params.get("fmt", Format.HTML)
        whole = fmt in (Format.CSV, Format.XLSX)
        asked = Asked(request.path_params.get("ref", ""), request.query_params, whole=whole)
        if page.names is not None and asked.ref not in page.names:
            raise _not_a_page(request)
        symbol = text(request.query_params.get("symbol"), "symbol") if page.redirects_symbol else None
        if symbol:
            return await _to_symbol(request, symbol, fmt)
        if fmt is Format.HTML and page.canonical is not None:
            canonical = page.canonical
            db = explorer_of(request).db
            route = await run_in_threadpool(db.read, lambda con: canonical(con, asked))
            if route is not None:  # states named by name: to the page's own address
                return RedirectResponse(Links(Route("index")).to(route), status_code=302)
        table, excel = _table(request), _excel(request)
        explorer = explorer_of(request)
        return await explorer.respond(request, fmt, lambda con: page.view(con, asked), table=table, excel=excel)

    return answer


async def _to_symbol(request: Request, symbol: str, fmt: Format) -> Response:
    db = explorer_of(request).db
    decision_id = await run_in_threadpool(db.read, lambda con: views.decision_id_of_symbol(con, symbol))
    target = Links(Route("index")).decision(decision_id, None if fmt is Format.HTML else fmt.value)
    return RedirectResponse(target, status_code=302)


async def symbol(request: Request) -> Response:
    stem, fmt = split_format(request.path_params["symbol"])
    return await _to_symbol(request, stem, fmt)


_MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".zip": "application/zip",
}


def bulk_file(request: Request) -> Response:
    name = request.path_params["name"]
    path = explorer_of(request).bulk.path(name)
    if path is None:
        raise NotFoundError(f"no file {name!r} in the bulk download (see /downloads)")
    return FileResponse(path, media_type=_MEDIA_TYPES[path.suffix], filename=path.name)


#: The pages with a share image: their route's name and view.
_SHARED = {
    "decision": lambda con, ref: views.decision(con, ref),
    "country": lambda con, ref: views.country(con, ref, None),
}


def _share_handler(view: Callable[[sqlite3.Connection, str], views.View]) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        ref = request.path_params["ref"]
        return await explorer_of(request).share_image(request, lambda con: view(con, ref))

    return answer


def _router() -> APIRouter:
    """The routes in order: the pages (the documents, which take any one segment, come last among
    them), the symbol redirect and the bulk files (paths of two segments or more)."""
    router = APIRouter(include_in_schema=False)
    for page in PAGES:
        if page.name in _SHARED:
            share, handler = page.path.replace("{ref}", "{ref:stem}") + "/share.png", _share_handler(_SHARED[page.name])
            router.add_route(share, handler, methods=["GET", "HEAD"], include_in_schema=False)
    for page in PAGES:
        for path in _paths(page):
            router.add_route(path, _handler(page), methods=["GET", "HEAD"], name=page.name, include_in_schema=False)
    router.add_route("/symbol/{symbol:path}", symbol, methods=["GET", "HEAD"], include_in_schema=False)
    router.add_route("/downloads/{name:path}", bulk_file, methods=["GET", "HEAD"], include_in_schema=False)
    return router


router = _router()
