"""The explorer app: :func:`create_app` puts together the database (read-only), the handlers'
shared state (:mod:`unvotes.web.explorer`), the error handlers (:mod:`unvotes.web.errors`), gzip,
the static files, the API (:mod:`unvotes.web.api`) and the pages (:mod:`unvotes.web.routes`), and
wraps it all in the security headers (:mod:`unvotes.web.security`)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles

from unvotes.web import api, routes
from unvotes.web.assets import static_dir
from unvotes.web.database import Database
from unvotes.web.envelope import generator
from unvotes.web.errors import install_error_handlers
from unvotes.web.explorer import Explorer
from unvotes.web.security import SecurityHeaders
from unvotes.web.urls import base_url as check_base_url

__all__ = ["create_app"]


#: The variable through which ``unvotes serve --workers N`` tells each worker process the database.
DB_VARIABLE = "UNVOTES_SERVE_DB"
#: The site's address (``unvotes serve --base-url``), for the pages' absolute links (Open Graph).
BASE_URL_VARIABLE = "UNVOTES_BASE_URL"


def app_from_environment() -> SecurityHeaders:
    """The explorer over the database named by :data:`DB_VARIABLE`: the factory each worker process
    of ``unvotes serve --workers N`` calls (the database is read-only, so they share it)."""
    return create_app(Path(os.environ[DB_VARIABLE]), base_url=os.environ.get(BASE_URL_VARIABLE) or None)


def create_app(db_path: Path, *, base_url: str | None = None) -> SecurityHeaders:
    """The explorer over the database at ``db_path`` (opened read-only), ready for any ASGI server.
    ``base_url``: the address it is served at (``https://example.org/unvotes``), for the absolute
    links of Open Graph (``og:url``, ``og:image``); without it pages carry neither.

    The FastAPI application is the returned object's ``app`` attribute.
    """
    app = FastAPI(
        title="unvotes explorer API",
        summary="UN decisions and member-state votes, with a source behind every number.",
        version=generator().removeprefix("unvotes ").strip() or "0",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    checked = check_base_url(base_url) if base_url is not None else None
    app.state.explorer = Explorer(Database(db_path), base_url=checked)
    install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.include_router(api.router)
    app.include_router(routes.router)
    return SecurityHeaders(app)
