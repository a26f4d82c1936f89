"""What the server's handlers share: the read-only database, the renderer, the response cache
(:mod:`unvotes.web.cache`) and the bulk download; one :class:`Explorer` per app, found with
:func:`explorer_of`."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from unvotes.web.bulk import BulkCache
from unvotes.web.cache import CacheKey, ResponseCache
from unvotes.web.database import Database
from unvotes.web.render import Format, Rendered, Renderer
from unvotes.web.share import images_available
from unvotes.web.urls import Links, Route
from unvotes.web.views import View

__all__ = ["Explorer", "explorer_of", "to_response"]


@dataclass
class Explorer:
    db: Database
    renderer: Renderer = field(default_factory=Renderer)
    cache: ResponseCache = field(default_factory=ResponseCache)
    #: the site's address for absolute links (``serve --base-url``); None: not known, so pages
    #: carry no ``og:url`` nor ``og:image``
    base_url: str | None = None

    def __post_init__(self) -> None:
        self.bulk = BulkCache(self.db)
        self.images = images_available()

    def links(self, route: Route) -> Links:
        """Links from the page at ``route``, absolute ones under the site's address."""
        return Links(route, base_url=self.base_url, images=self.images)

    def key(self, request: Request) -> CacheKey:
        return CacheKey(self.db.generation, request.url.path, request.url.query)

    async def respond(
        self,
        request: Request,
        fmt: Format,
        build: Callable[[sqlite3.Connection], View],
        *,
        table: str | None = None,
        excel: bool = False,
    ) -> Response:
        """The page ``build`` makes, in format ``fmt`` (``table``: the table of a CSV; ``excel``:
        the CSV for Excel), from the cache of answers by URL or built and rendered on a worker thread."""
        rendered = await self.cache.answer(self.key(request), lambda: self._render(fmt, build, table, excel))
        return to_response(rendered)

    def _render(
        self,
        fmt: Format,
        build: Callable[[sqlite3.Connection], View],
        table: str | None,
        excel: bool,
    ) -> Rendered:
        view = self.db.read(build)
        links = self.links(view.route)
        return self.renderer.render(view.page, fmt, links, table=table, excel=excel, extra=view.extra)

    async def share_image(self, request: Request, build: Callable[[sqlite3.Connection], View]) -> Response:
        """The share image of the page ``build`` makes (cached; an ETag, and 304 when it matches)."""

        def draw() -> Rendered:
            view = self.db.read(build)
            return self.renderer.share_image(view.page, self.links(view.route))

        key = CacheKey(self.db.generation, request.url.path, "")  # the image does not depend on the query
        rendered = await self.cache.answer(key, draw)
        etag = f'"{hashlib.sha256(rendered.body).hexdigest()[:32]}"'
        headers = {"etag": etag, "cache-control": "public, max-age=3600"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(rendered.body, media_type=rendered.media_type, headers=headers)


def to_response(rendered: Rendered, status: int = 200) -> Response:
    headers = {}
    if rendered.filename:
        headers["content-disposition"] = f'attachment; filename="{rendered.filename}"'
    return Response(rendered.body, status_code=status, media_type=rendered.media_type, headers=headers)


def explorer_of(request: Request) -> Explorer:
    explorer: Explorer = request.app.state.explorer
    return explorer
