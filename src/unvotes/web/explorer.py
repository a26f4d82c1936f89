"""What the server's handlers share: the read-only database, the renderer, the response cache
(:mod:`unvotes.web.cache`) and the bulk download; one :class:`Explorer` per app, found with
:func:`explorer_of`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from unvotes.web.bulk import BulkCache
from unvotes.web.cache import CacheKey, ResponseCache
from unvotes.web.database import Database
from unvotes.web.render import Format, Rendered, Renderer
from unvotes.web.urls import Links
from unvotes.web.views import View

__all__ = ["Explorer", "explorer_of", "to_response"]


@dataclass
class Explorer:
    db: Database
    renderer: Renderer = field(default_factory=Renderer)
    cache: ResponseCache = field(default_factory=ResponseCache)

    def __post_init__(self) -> None:
        self.bulk = BulkCache(self.db)

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
        key = CacheKey(self.db.generation, request.url.path, request.url.query)
        rendered = await self.cache.answer(key, lambda: self._render(fmt, build, table, excel))
        return to_response(rendered)

    def _render(
        self, fmt: Format, build: Callable[[sqlite3.Connection], View], table: str | None, excel: bool
    ) -> Rendered:
        view = self.db.read(build)
        return self.renderer.render(view.page, fmt, Links(view.route), table=table, excel=excel, extra=view.extra)


def to_response(rendered: Rendered, status: int = 200) -> Response:
    headers = {}
    if rendered.filename:
        headers["content-disposition"] = f'attachment; filename="{rendered.filename}"'
    return Response(rendered.body, status_code=status, media_type=rendered.media_type, headers=headers)


def explorer_of(request: Request) -> Explorer:
    explorer: Explorer = request.app.state.explorer
    return explorer
