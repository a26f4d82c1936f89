"""Errors as answers: every error the app meets is answered in the JSON error shape
(:func:`~unvotes.web.envelope.error_body`) for the API, the data formats and the downloads, and as
an HTML page for a browser asking for a page.

================================================  ======
error                                             status
================================================  ======
:class:`~unvotes.errors.NotFoundError`            404
:class:`~unvotes.errors.StoreError`               503
:class:`~unvotes.errors.ParameterError`, any      400
other :class:`~unvotes.errors.UnvotesError`
a request FastAPI finds invalid                   400
an HTTP error of the router (no route: 404, a     its own
method not allowed: 405)
anything else                                     500, the details only in the server's log
================================================  ======
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from unvotes.errors import NotFoundError, StoreError, UnvotesError
from unvotes.web.envelope import dumps, error_body
from unvotes.web.explorer import explorer_of
from unvotes.web.urls import Links, Route

__all__ = ["error_response", "install_error_handlers", "status_of"]

log = logging.getLogger(__name__)


def status_of(exc: UnvotesError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400  # ParameterError and the rest: the request asked for something that cannot be done


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


async def _unvotes_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UnvotesError)
    return error_response(request, status_of(exc), str(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    return error_response(request, 400, "; ".join(problems) or "invalid request")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return error_response(request, exc.status_code, message)


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("error answering %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error; the details are in the server's log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(UnvotesError, _unvotes_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)
