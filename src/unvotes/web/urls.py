"""Links between pages, for the server and for the static site.

A page is a :class:`Route`: its path without extension (``decisions/54``) and its query. The
server links to ``/decisions/54``, ``/decisions/54.json``, ``/decisions/54.csv?table=roll``; the
static site to files relative to the current page: ``../decisions/54.html``,
``../decisions/54.json``, ``../decisions/54.roll.csv``. Templates and charts only call
:class:`Links`, so both sites link the same way.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from unvotes.errors import ParameterError

__all__ = ["DECISION_INDEX", "LONG_TABLE", "Links", "Route", "base_url", "canonical_query", "static_file"]

_FORMATS = ("json", "csv", "xlsx")
#: The static site's index of every decision, which its browse page filters in the browser.
DECISION_INDEX = "decisions/index.json"
#: A table of more rows than this is folded away on a page (and not listed on a partial page).
LONG_TABLE = 60


@dataclass(frozen=True, slots=True)
class Route:
    """A page: ``path`` without leading slash or extension (``index`` is the home page)."""

    path: str
    query: tuple[tuple[str, str], ...] = ()

    def static_stem(self) -> str:
        """The file name (without extension) of this page in the static site.

        >>> Route("compare", (("c", "KOR"), ("c", "USA"))).static_stem()
        'compare/KOR-USA'
        >>> Route("decisions", (("page", "3"),)).static_stem()
        'decisions/page-3'
        """
        values = dict(self.query)
        if self.path == "compare":
            return "compare/" + "-".join(v for k, v in self.query if k == "c")
        if self.path == "decisions" and values.get("page", "1") != "1":
            return f"decisions/page-{values['page']}"
        return self.path


def static_file(route: Route, fmt: str | None, *, table: str | None = None, excel: bool = False) -> str:
    """The path of ``route`` in format ``fmt`` inside the static site.

    >>> static_file(Route("decisions/54"), "csv", table="roll", excel=True)
    'decisions/54.roll.excel.csv'
    """
    stem = route.static_stem()
    name = f"{stem}.{table}" if fmt == "csv" and table else stem
    return f"{name}.excel.csv" if excel else f"{name}.{fmt or 'html'}"


def _server_path(route: Route, fmt: str | None) -> str:
    path = "/" if route.path == "index" and fmt is None else f"/{quote(route.path)}"
    return path + (f".{fmt}" if fmt else "")


def _query_string(query: tuple[tuple[str, str], ...], *, table: str | None, excel: bool) -> str:
    pairs = query + ((("table", table),) if table else ()) + ((("excel", "1"),) if excel else ())
    return "?" + urlencode(pairs) if pairs else ""


def base_url(value: str, option: str = "--base-url") -> str:
    """The address a site is served at, checked, without a final slash.

    >>> base_url("https://example.org/unvotes/")
    'https://example.org/unvotes'
    """
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ParameterError(f"{option} {value!r}: expected the site's address, such as https://example.org/unvotes")
    return value.rstrip("/")


def canonical_query(
    pairs: Iterable[tuple[str, object]], defaults: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """A query as the one link to its view: sorted by name (the values of a repeated name keep
    their order), empty values and those equal to the default left out.

    >>> asked = [("to", 2014), ("body", "ga"), ("page", 1), ("q", None), ("c", "USA"), ("c", "KOR")]
    >>> canonical_query(asked, {"page": "1"})
    (('body', 'ga'), ('c', 'USA'), ('c', 'KOR'), ('to', '2014'))
    """
    drop = defaults or {}
    kept = [(k, str(v)) for k, v in pairs if v is not None and str(v) != "" and drop.get(k) != str(v)]
    return tuple(sorted(kept, key=lambda pair: pair[0]))


def _query(pairs: Sequence[tuple[str, object]]) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in pairs if v is not None and v != "")


@dataclass(frozen=True, slots=True)
class Links:
    """URLs as seen from the page at ``here``; ``static`` for the static site; ``partial`` for a
    page of which the static site writes only the HTML and the CSV of each table too long to
    list in it (:data:`LONG_TABLE` rows), the rest being in the bulk download; ``base_url``, the
    site's address (``https://host/folder``) when it is known, for absolute links (Open Graph);
    ``images``: whether the share images of decision and state pages are published."""

    here: Route
    static: bool = False
    partial: bool = False
    base_url: str | None = None
    images: bool = True

    @property
    def dynamic(self) -> bool:
        """Whether query forms work (a server answers them)."""
        return not self.static

    def to(self, route: Route, fmt: str | None = None, *, table: str | None = None, excel: bool = False) -> str:
        """The link to ``route`` in format ``fmt`` (``None``: the HTML page); ``table`` picks one
        table of a CSV; ``excel``: the CSV for Excel (``?excel=1`` on the server, ``.excel.csv``
        in the static site)."""
        if fmt is not None and fmt not in _FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        if excel and fmt != "csv":
            raise ValueError("only a CSV has a variant for Excel")
        if self.static:
            return self._relative(static_file(route, fmt, table=table, excel=excel))
        return _server_path(route, fmt) + _query_string(route.query, table=table, excel=excel)

    def _relative(self, target: str) -> str:
        start = posixpath.dirname(self.here.static_stem())
        return posixpath.relpath(target, start or ".")

    def asset(self, name: str) -> str:
        """A file of the app's static folder."""
        return self._relative(f"static/{name}") if self.static else f"/static/{name}"

    def file(self, path: str) -> str:
        """Any other file of the site (downloads)."""
        return self._relative(path) if self.static else f"/{path}"

    # The pages, by name.

    def home(self, fmt: str | None = None) -> str:
        return self.to(Route("index"), fmt)

    def decision(self, decision_id: object, fmt: str | None = None) -> str:
        return self.to(Route(f"decisions/{decision_id}"), fmt)

    def year(self, year: object, fmt: str | None = None) -> str:
        return self.to(Route(f"years/{year}"), fmt)

    def country(self, country_code: object, fmt: str | None = None, *, ref: str | None = None) -> str:
        query = _query([("ref", ref)]) if not self.static else ()
        return self.to(Route(f"countries/{country_code}", query), fmt)

    def countries(self, fmt: str | None = None) -> str:
        return self.to(Route("countries"), fmt)

    def compare(self, country_codes: Sequence[str], fmt: str | None = None) -> str:
        return self.to(Route("compare", tuple(("c", c) for c in country_codes)), fmt)

    def browse(self, fmt: str | None = None, **filters: object) -> str:
        pairs = [(k, v) for k, v in filters.items() if not (k == "page" and str(v) == "1")]
        return self.to(Route("decisions", _query(pairs)), fmt)

    def document(self, name: str, fmt: str | None = None) -> str:
        return self.to(Route(name), fmt)

    def sources(self, fmt: str | None = None) -> str:
        return self.to(Route("sources"), fmt)

    def downloads(self, fmt: str | None = None) -> str:
        return self.to(Route("downloads"), fmt)

    def decision_index(self) -> str:
        """The static site's index of every decision (:data:`DECISION_INDEX`)."""
        return self.file(DECISION_INDEX)

    def api_docs(self) -> str:
        return self.file("api/docs") if not self.static else self._relative("api/docs.html")

    def openapi(self) -> str:
        return self.file("api/openapi.json")

    def here_as(self, fmt: str | None = None, *, table: str | None = None, excel: bool = False) -> str:
        """This page in another format."""
        return self.to(self.here, fmt, table=table, excel=excel)

    def paged(self, number: int) -> str:
        """This list at page ``number``, with every other parameter kept."""
        others = [pair for pair in self.here.query if pair[0] != "page"]
        return self.to(Route(self.here.path, canonical_query([*others, ("page", number)], {"page": "1"})))

    def absolute(self, relative: str) -> str | None:
        """The address of a file of the site (``decisions/54/share.png``), when the site's is known."""
        return f"{self.base_url.rstrip('/')}/{relative}" if self.base_url else None

    def permalink(self) -> str:
        """The one link to this view: its canonical query, absolute when the site's address is known."""
        if self.static:
            found = self.absolute(static_file(self.here, None))
        else:
            found = self.absolute(self.here_as().removeprefix("/"))
        return found or self.here_as()

    def share_image(self) -> str:
        """This page's share image (decision and state pages): ``<page>/share.png``."""
        return self.file(f"{self.here.path}/share.png")
