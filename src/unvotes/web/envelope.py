"""The JSON shapes of the explorer, for pages and the API alike.

Success::

    {"ok": true, "data": {...}, "meta": {"kind": ..., "url": ..., "formats": {...}, "params": {...}}}

Error (every status other than 2xx)::

    {"ok": false, "error": {"status": 404, "message": "no decision with id 9999"}}

A page's ``data`` holds its ``title``, ``description``, ``facts`` (name -> value), ``tables``
(name -> title, columns, rows as records, notes), ``sources`` (the same table shape), ``notes``,
``paging`` and, for documents, ``text`` (Markdown).
"""

from __future__ import annotations

import functools
import json
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from unvotes.reports import Table
from unvotes.reports.pages import Page

__all__ = ["dumps", "error_body", "generator", "page_body", "table_data"]


@functools.cache
def generator() -> str:
    try:
        return f"unvotes {version('unvotes')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "unvotes"


def table_data(table: Table) -> dict[str, Any]:
    return {"title": table.title, "columns": list(table.columns), "rows": table.records(), "notes": list(table.notes)}


def page_body(page: Page, *, url: str, formats: dict[str, str]) -> dict[str, Any]:
    """The success envelope of a page."""
    paging = page.paging
    data: dict[str, Any] = {
        "title": page.title,
        "description": page.description,
        "facts": {f.name: f.value for f in page.facts},
        "tables": {t.name: table_data(t) for t in page.tables},
        "sources": table_data(page.sources),
        "notes": list(page.notes),
        "paging": None
        if paging is None
        else {
            "page": paging.page,
            "page_size": paging.page_size,
            "total": paging.total,
            "pages": paging.pages,
        },
    }
    if page.text is not None:
        data["text"] = page.text
    meta = {
        "kind": page.kind,
        "url": url,
        "formats": formats,
        "params": dict(page.params),
        "generator": generator(),
    }
    return {"ok": True, "data": data, "meta": meta}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error envelope.

    >>> error_body(404, "no decision with id 9")
    {'ok': False, 'error': {'status': 404, 'message': 'no decision with id 9'}}
    """
    return {"ok": False, "error": {"status": status, "message": message}}


def dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
