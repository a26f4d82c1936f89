"""The server's response cache: rendered answers by URL, for one database file at a time.

The database is opened read-only, so an answer stays right until the file is replaced; the key
carries the file's generation (:attr:`~unvotes.web.database.Database.generation`) and the whole
cache is dropped when it changes. The least recently used answers go first once the bodies pass
``max_bytes``; an answer larger than an eighth of that is not kept.

Requests for an answer that is being built meanwhile wait for that one build instead of building
it again, so a burst of requests for a page not yet cached costs one build.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from unvotes.web.render import Rendered

__all__ = ["CacheKey", "ResponseCache"]

_MAX_BYTES = 96 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CacheKey:
    """One answer: the database file's generation, the URL's path and its query."""

    generation: object
    path: str
    query: str


class ResponseCache:
    def __init__(self, max_bytes: int = _MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[CacheKey, Rendered] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._generation: object = None
        #: per event loop: the answers being built now, so that requests for one of them wait for it
        self._building: dict[int, dict[CacheKey, asyncio.Future[Rendered | None]]] = {}

    def get(self, key: CacheKey) -> Rendered | None:
        """The answer kept for ``key``, if any (everything kept is dropped when the generation changes)."""
        with self._lock:
            if self._generation != key.generation:
                self._answers.clear()
                self._size = 0
                self._generation = key.generation
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
            return hit

    def keep(self, key: CacheKey, value: Rendered) -> None:
        with self._lock:
            if key.generation != self._generation or len(value.body) > self.max_bytes // 8:
                return
            self._answers[key] = value
            self._size += len(value.body)
            while self._size > self.max_bytes and self._answers:
                _key, old = self._answers.popitem(last=False)
                self._size -= len(old.body)

    async def answer(self, key: CacheKey, build: Callable[[], Rendered]) -> Rendered:
        """The answer for ``key``: from the cache when it is there (without leaving the event
        loop), else from the build under way for it, else made by ``build`` on a worker thread."""
        rendered = self.get(key)
        if rendered is None:
            building = self._building.setdefault(id(asyncio.get_running_loop()), {})
            pending = building.get(key)
            if pending is not None:
                rendered = await asyncio.shield(pending)
            if rendered is None:  # no build under way, or it failed: build it here
                rendered = await self._build_once(building, key, build)
        return rendered

    async def _build_once(
        self,
        building: dict[CacheKey, asyncio.Future[Rendered | None]],
        key: CacheKey,
        build: Callable[[], Rendered],
    ) -> Rendered:
        done: asyncio.Future[Rendered | None] = asyncio.get_running_loop().create_future()
        building.setdefault(key, done)
        rendered: Rendered | None = None
        try:
            rendered = await run_in_threadpool(build)
            self.keep(key, rendered)
            return rendered
        finally:
            # Waiters get the answer, or None (an error, or this request was cancelled) and build it themselves.
            done.set_result(rendered)
            if building.get(key) is done:
                del building[key]
            loop = id(asyncio.get_running_loop())
            if not building and self._building.get(loop) is building:
                del self._building[loop]
