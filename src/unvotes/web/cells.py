"""How a table cell reads in HTML: links for ids, codes and symbols, a swatch for positions.

The one place that decides presentation by column name, so templates stay free of logic.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from unvotes.reports import Cell
from unvotes.reports.pages import undocs_url
from unvotes.web.urls import Links

__all__ = ["cell_html"]

_DECISION_IDS = frozenset({"decision_id", "from_decision_id", "to_decision_id"})
_COUNTRY_CODES = frozenset({"country_code", "reference_code", "country_code_a", "country_code_b"})
_SYMBOLS = frozenset({"symbol", "draft_symbol", "meeting_symbol"})
_VOTES = frozenset({"yes", "no", "abstain", "non_voting"})
_LINKED_YEARS = frozenset({"overview", "country", "compare", "year"})


def _link(href: str, text: object, *, external: bool = False) -> Markup:
    rel = ' rel="noopener noreferrer" class="external"' if external else ""
    return Markup(f'<a href="{escape(href)}"{rel}>{escape(text)}</a>')


def cell_html(column: str, value: Cell, page_kind: str, links: Links) -> Markup:
    """The HTML of one cell of column ``column`` on a page of kind ``page_kind``."""
    if value is None or value == "":
        return Markup("")
    if isinstance(value, bool):
        return Markup(
            '<span class="flag" title="true">✓</span>' if value else '<span class="flag off" title="false">·</span>'
        )
    if column in _DECISION_IDS:
        return _link(links.decision(value), value)
    if column in _COUNTRY_CODES:
        return _link(links.country(value), value)
    if column in _SYMBOLS and isinstance(value, str):
        url = undocs_url(value)
        return _link(url, value, external=True) if url else escape(value)
    if column in ("url", "citation") and isinstance(value, str) and value.startswith(("http://", "https://")):
        return _link(value, value if column == "citation" else "source", external=True)
    if column == "year" and page_kind in _LINKED_YEARS and isinstance(value, int):
        return _link(links.year(value), value)
    if isinstance(value, str) and value in _VOTES:
        return Markup(f'<span class="vote vote-{value}">{escape(value.replace("_", "-"))}</span>')
    return escape(value)
