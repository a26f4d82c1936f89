"""The explorer app: :func:`create_app` wires the database, the renderer, the routes and the
error handlers.

Every response carries the security headers; every error is answered in the JSON error shape
(:mod:`unvotes.web.envelope`) for the API and the data formats, and as an HTML page otherwise.
Responses are cached by URL: the database is opened read-only, and the cache is dropped when the
file is replaced.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from unvotes.errors import NotFoundError, StoreError, UnvotesError
from unvotes.web.assets import static_dir
from unvotes.web.bulk import BulkCache
from unvotes.web.database import Database
from unvotes.web.envelope import dumps, error_body
from unvotes.web.params import ParameterError
from unvotes.web.render import Format, Rendered, Renderer
from unvotes.web.security import SecurityHeaders
from unvotes.web.urls import Links, Route
from unvotes.web.views import View

__all__ = ["Explorer", "create_app"]

log = logging.getLogger(__name__)

_CACHE_BYTES = 96 * 1024 * 1024


@dataclass
class Explorer:
    """What the handlers share: the database, the renderer, the response and bulk caches."""

    db: Database
    renderer: Renderer = field(default_factory=Renderer)
    cache_bytes: int = _CACHE_BYTES
    _cache: OrderedDict[tuple[object, ...], Rendered] = field(default_factory=OrderedDict)
    _size: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _generation: object = None
    #: per event loop: the pages being built now, so that requests for one of them wait for it
    _building: dict[int, dict[tuple[object, ...], asyncio.Future[Rendered | None]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.bulk = BulkCache(self.db)

    def _cached(self, key: tuple[object, ...]) -> Rendered | None:
        with self._lock:
            if self._generation != key[0]:
                self._cache.clear()
                self._size = 0
                self._generation = key[0]
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _keep(self, key: tuple[object, ...], value: Rendered) -> None:
        with self._lock:
            if key[0] != self._generation or len(value.body) > self.cache_bytes // 8:
                return
            self._cache[key] = value
            self._size += len(value.body)
            while self._size > self.cache_bytes and self._cache:
                _k, old = self._cache.popitem(last=False)
                self._size -= len(old.body)

    async def respond(
        self,
        request: Request,
        fmt: Format,
        build: Callable[[sqlite3.Connection], View],
        *,
        table: str | None = None,
    ) -> Response:
        """The page ``build`` makes, in format ``fmt``: from the cache when it is there (without
        leaving the event loop), else built and rendered on a worker thread.

        Requests for a page that is being built meanwhile wait for that one build instead of
        building it again, so a burst of requests for a page not yet cached costs one build.
        """
        key = (self.db.generation, request.url.path, request.url.query)
        rendered = self._cached(key)
        if rendered is None:
            building = self._building.setdefault(id(asyncio.get_running_loop()), {})
            pending = building.get(key)
            if pending is not None:
                rendered = await asyncio.shield(pending)
            if rendered is None:  # no build under way, or it failed: build it here
                rendered = await self._build_once(building, key, fmt, build, table)
        return to_response(rendered)

    async def _build_once(
        self,
        building: dict[tuple[object, ...], asyncio.Future[Rendered | None]],
        key: tuple[object, ...],
        fmt: Format,
        build: Callable[[sqlite3.Connection], View],
        table: str | None,
    ) -> Rendered:
        done: asyncio.Future[Rendered | None] = asyncio.get_running_loop().create_future()
        building.setdefault(key, done)
        rendered: Rendered | None = None
        try:
            rendered = await run_in_threadpool(self._render, key, fmt, build, table)
            return rendered
        finally:
            # Waiters get the page, or None (an error, or this request was cancelled) and build it themselves.
            done.set_result(rendered)
            if building.get(key) is done:
                del building[key]
            loop = id(asyncio.get_running_loop())
            if not building and self._building.get(loop) is building:
                del self._building[loop]

    def _render(
        self, key: tuple[object, ...], fmt: Format, build: Callable[[sqlite3.Connection], View], table: str | None
    ) -> Rendered:
        view = build(self.db.connection())
        rendered = self.renderer.render(view.page, fmt, Links(view.route), table=table, extra=view.extra)
        self._keep(key, rendered)
        return rendered


def to_response(rendered: Rendered, status: int = 200) -> Response:
    headers = {}
    if rendered.filename:
        headers["content-disposition"] = f'attachment; filename="{rendered.filename}"'
    return Response(rendered.body, status_code=status, media_type=rendered.media_type, headers=headers)


def explorer_of(request: Request) -> Explorer:
    explorer: Explorer = request.app.state.explorer
    return explorer


def _wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/downloads/")) or path == "/api" or path.endswith((".json", ".csv", ".xlsx")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str) -> Response:
    """The error in the JSON shape, or as an HTML page for a browser asking for a page."""
    if _wants_json(request):
        return Response(dumps(error_body(status, message)), status_code=status, media_type="application/json")
    explorer = explorer_of(request)
    body = explorer.renderer.error_html(status, message, Links(Route(request.url.path.strip("/") or "index")))
    return Response(body, status_code=status, media_type="text/html; charset=utf-8")


def _status_of(exc: UnvotesError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def _install_error_handlers(app: FastAPI) -> None:
    async def unvotes_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnvotesError)
        return error_response(request, _status_of(exc), str(exc))

    async def bad_request(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', 'invalid')}" for e in exc.errors()
        ]
        return error_response(request, 400, "; ".join(problems) or "invalid request")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "internal error; the details are in the server's log")

    app.add_exception_handler(UnvotesError, unvotes_error)
    app.add_exception_handler(ParameterError, bad_request)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)


def create_app(db_path: Path) -> SecurityHeaders:
    """The explorer over the database at ``db_path`` (opened read-only), ready for any ASGI server.

    The FastAPI application is the returned object's ``app`` attribute.
    """
    from unvotes.web import api, routes

    app = FastAPI(
        title="unvotes explorer API",
        summary="UN decisions and member-state votes, with a source behind every number.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.explorer = Explorer(Database(db_path))
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.include_router(api.router)
    app.include_router(routes.router)
    return SecurityHeaders(app)


def _version() -> str:
    from unvotes.web.envelope import generator

    return generator().removeprefix("unvotes ").strip() or "0"


def api_schema(app: FastAPI) -> Mapping[str, Any]:
    return app.openapi()
