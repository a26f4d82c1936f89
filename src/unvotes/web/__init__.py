"""The explorer: web pages with map and charts, a JSON API, downloads, and the same as a static site.

:func:`create_app` makes the ASGI application (``unvotes serve`` runs it with uvicorn);
:func:`build_site` writes every page and download as static files (``unvotes site build``).

How the server answers::

    pages.py     the table of pages: each page once, with its path, its view, its API path,
                 summary and parameters
    routes.py    one route per page for HTML, .json, .csv and .xlsx (the suffix folded into the
                 path), the symbol redirect, the bulk files
    api.py       the same pages under /api, described by OpenAPI (/api/openapi.json, /api/docs)
    views.py     parameters -> one report -> a page to render, with the parameters declared as data;
                 shared by the pages, the API and the static site (site.py)
    explorer.py  what the handlers share; cache.py: the response cache by URL
    errors.py    library errors -> statuses, answered in the JSON error shape or as an HTML page
    render.py    a page as HTML (templates/, charts.py, maps.py, cells.py), JSON, CSV or XLSX
    app.py       the app factory
"""

from unvotes.web.app import create_app
from unvotes.web.site import SiteReport, build_site

__all__ = ["SiteReport", "build_site", "create_app"]
