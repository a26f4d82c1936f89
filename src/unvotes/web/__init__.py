"""The explorer: web pages with map and charts, a JSON API, downloads, and the same as a static site.

:func:`create_app` makes the ASGI application (``unvotes serve`` runs it with uvicorn);
:func:`build_site` writes every page and download as static files (``unvotes site build``).
"""

from unvotes.web.app import create_app
from unvotes.web.site import SiteReport, build_site

__all__ = ["SiteReport", "build_site", "create_app"]
