"""Rendering a :class:`~unvotes.reports.pages.Page` as HTML, JSON, CSV or XLSX.

The server's handlers and the static site both call :class:`Renderer`, so a page looks the same
from either, and its four formats come from the one page object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from unvotes.errors import NotFoundError, ParameterError
from unvotes.export import csv_bytes, xlsx_bytes
from unvotes.reports.pages import DOCUMENTS, Page
from unvotes.web.assets import CHART_SCRIPTS, vendor_ready, vendor_versions
from unvotes.web.cells import cell_html, column_label
from unvotes.web.charts import POSITION_COLORS, POSITION_LABELS, charts_for, safe_name
from unvotes.web.envelope import dumps, generator, page_body
from unvotes.web.security import CSP_META
from unvotes.web.share import share_card, share_png, share_spec
from unvotes.web.urls import LONG_TABLE, Links

__all__ = ["Format", "Rendered", "Renderer", "split_format"]


class Format(StrEnum):
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    Format.HTML: "text/html; charset=utf-8",
    Format.JSON: "application/json",
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def split_format(ref: str) -> tuple[str, Format]:
    """A path segment and the format its extension names (HTML without one).

    >>> split_format("54.json"), split_format("A/C.3/69/L.63")
    (('54', <Format.JSON: 'json'>), ('A/C.3/69/L.63', <Format.HTML: 'html'>))
    """
    stem, dot, ext = ref.rpartition(".")
    if dot and ext.lower() in {f.value for f in Format}:
        return stem, Format(ext.lower())
    return ref, Format.HTML


@dataclass(frozen=True, slots=True)
class Rendered:
    body: bytes
    media_type: str
    filename: str | None = None  #: set for downloads (CSV, XLSX)


_NAV = (
    ("Overview", "home"),
    ("Decisions", "browse"),
    ("States", "countries"),
    ("Methodology", "methodology"),
    ("Sources", "sources"),
    ("Downloads", "downloads"),
)
#: The pages of a view chosen by parameters, which offer a link to that view.
_PERMALINKED = frozenset({"browse", "compare", "country", "year"})
_NAV_KIND = {"overview": "home", "browse": "browse", "countries": "countries", "country": "countries"}


class Renderer:
    """Templates and formats; one per app or site build."""

    def __init__(self) -> None:
        folder = Path(__file__).resolve().parent / "templates"
        self.env = Environment(
            loader=FileSystemLoader(folder),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["zip"] = zip
        self.env.globals["label"] = column_label
        self.env.globals["long_table"] = LONG_TABLE
        self.markdown = MarkdownIt("commonmark", {"html": False}).enable("table")

    @cached_property
    def vendor(self) -> tuple[bool, dict[str, str]]:
        return vendor_ready(), vendor_versions()

    def _nav(self, page: Page, links: Links) -> list[tuple[str, str, bool]]:
        current = _NAV_KIND.get(page.kind) or (page.fact("document") if page.kind == "document" else page.kind)
        out = []
        for label, name in _NAV:
            href = {
                "home": links.home,
                "browse": links.browse,
                "countries": links.countries,
                "sources": links.sources,
                "downloads": links.downloads,
            }.get(name)
            out.append((label, href() if href else links.document(name), name == current))
        return out

    def html(self, page: Page, links: Links, extra: Mapping[str, Any] | None = None) -> bytes:
        charts = charts_for(page, links)
        ready, versions = self.vendor
        template = self.env.get_template(f"{page.kind}.html")
        context = {
            "page": page,
            "links": links,
            "charts": charts,
            "cell": lambda column, value: cell_html(column, value, page.kind, links),
            "facts": [f for f in page.facts if f.shown and f.value is not None and f.value != ""],
            "nav": self._nav(page, links),
            "scripts": [links.asset(f"vendor/{s}") for s in CHART_SCRIPTS] if charts and ready else [],
            "charts_ready": ready,
            "csp": CSP_META,
            "generator": generator(),
            "versions": versions,
            "legend": [(POSITION_LABELS[p], p, POSITION_COLORS[p]) for p in POSITION_LABELS],
            "markdown": self._markdown(page.text, links) if page.text else None,
            "extra": extra or {},
            "card": share_card(page, links, charts),
            "permalink": links.permalink() if page.kind in _PERMALINKED else None,
        }
        return template.render(context).encode("utf-8")

    def share_image(self, page: Page, links: Links) -> Rendered:
        """The page's share image (:mod:`.share`): a PNG of its figure, titled and credited."""
        return Rendered(share_png(share_spec(page, charts_for(page, links))), "image/png")

    def _markdown(self, text: str, links: Links) -> Markup:
        """Markdown as HTML; links to the other documents go to their pages, other relative links
        (files of the source tree) become plain text."""
        pages_by_file = {file_name: name for name, (file_name, _title) in DOCUMENTS.items()}
        tokens = self.markdown.parse(text)
        for token in tokens:
            if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2", "h3", "h4", "h5"):
                token.tag = f"h{int(token.tag[1]) + 1}"  # the page's own title is the one h1
            for child in token.children or ():
                if child.type != "link_open":
                    continue
                href = str(child.attrGet("href") or "")
                if href.startswith(("http://", "https://", "mailto:", "#")):
                    continue
                target = pages_by_file.get(href.split("#")[0])
                if target:
                    child.attrSet("href", links.document(target))
                else:
                    child.attrs.pop("href", None)
        return Markup(self.markdown.renderer.render(tokens, self.markdown.options, {}))

    def error_html(self, status: int, message: str, links: Links) -> bytes:
        template = self.env.get_template("error.html")
        return template.render(status=status, message=message, links=links, csp=CSP_META).encode("utf-8")

    def api_docs(self, openapi: Mapping[str, Any], links: Links) -> bytes:
        template = self.env.get_template("api.html")
        return template.render(api=openapi, links=links, csp=CSP_META, generator=generator()).encode("utf-8")

    def render(
        self,
        page: Page,
        fmt: Format,
        links: Links,
        *,
        table: str | None = None,
        excel: bool = False,
        extra: Mapping[str, Any] | None = None,
    ) -> Rendered:
        """The page in format ``fmt``; for a CSV, ``table`` picks the table (default the page's
        first) and ``excel`` asks for the CSV for Excel (byte order mark, CRLF line ends)."""
        stem = download_stem(page) or links.here.static_stem().replace("/", "-")
        if excel and fmt is not Format.CSV:
            raise ParameterError(f"excel=1 is for a CSV, not {fmt.value.upper()}: ask for the page's .csv")
        if fmt is Format.HTML:
            return Rendered(self.html(page, links, extra), MEDIA_TYPES[fmt])
        if fmt is Format.JSON:
            formats = {
                "html": links.here_as(),
                "csv": links.here_as("csv"),
                "csv_excel": links.here_as("csv", excel=True),
                "xlsx": links.here_as("xlsx"),
            }
            body = page_body(page, url=links.here_as("json"), formats=formats)
            return Rendered(dumps(body), MEDIA_TYPES[fmt])
        if fmt is Format.CSV:
            chosen = page.primary if table is None else _table(page, table)
            name = f"{stem}-{chosen.name}" if table else stem
            return Rendered(
                csv_bytes(chosen, excel=excel), MEDIA_TYPES[fmt], f"{name}.excel.csv" if excel else f"{name}.csv"
            )
        about = [("page", page.title), ("url", links.here_as()), ("generator", generator())]
        return Rendered(xlsx_bytes(page.title, page.all_tables, about=about), MEDIA_TYPES[fmt], f"{stem}.xlsx")


def download_stem(page: Page) -> str | None:
    """The name of a page's downloaded files: a decision's symbol and date, a state's code and name
    (None for the other pages, named by their address)."""
    names = {f.name: f.value for f in page.facts}
    if page.kind == "decision":
        return safe_name(names.get("symbol") or f"decision {names.get('decision_id')}", names.get("date"))
    if page.kind == "country":
        return safe_name(names.get("country_code"), names.get("name"))
    return None


def _table(page: Page, name: str) -> Any:
    if not page.has_table(name):
        names = ", ".join(t.name for t in page.all_tables)
        raise NotFoundError(f"page has no table {name!r} (tables: {names})")
    return page.table(name)
