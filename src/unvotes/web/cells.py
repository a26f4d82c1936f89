"""How a table cell reads in HTML: links for ids, codes and symbols, a swatch for positions, dates
as people write them ("18 November 2014", the ISO date kept in ``<time datetime>``), bodies,
regional groups and adoption methods written out (the code kept in ``title``), and a dataset's own
record ids (``R/1/66``) shown as what they are, not linked as UN symbols.

The one place that decides presentation by column name, so templates stay free of logic; the CSV,
JSON and the API keep the codes and ISO dates.
"""

from __future__ import annotations

import re
from functools import cache

from markupsafe import Markup, escape

from unvotes.model import BODY_NAMES, METHOD_NAMES
from unvotes.reports import Cell
from unvotes.reports.pages import is_dataset_record, undocs_url
from unvotes.reports.regional import group_names
from unvotes.reports.table import plain_date
from unvotes.web.urls import Links

__all__ = ["cell_html", "column_label"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GROUP_COLUMNS = frozenset({"regional_group", "group"})
_RECORD_TITLE = "an id of the voting dataset's own, not a UN document symbol"


@cache
def _words() -> dict[str, dict[str, str]]:
    """Codes written out, by the kind of column that holds them."""
    return {
        "body": {b.value: name for b, name in BODY_NAMES.items()},
        "adoption_method": {m.value: name for m, name in METHOD_NAMES.items()},
        "group": group_names(),
    }


def _written_out(column: str, value: str) -> Markup | None:
    kind = "group" if column in _GROUP_COLUMNS else column
    name = _words().get(kind, {}).get(value)
    return Markup(f'<span title="{escape(value)}">{escape(name)}</span>') if name else None


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
        if is_dataset_record(value):
            return Markup(f'<span class="record" title="{_RECORD_TITLE}">dataset record {escape(value)}</span>')
        url = undocs_url(value)
        return _link(url, value, external=True) if url else escape(value)
    if column in ("url", "citation") and isinstance(value, str) and value.startswith(("http://", "https://")):
        return _link(value, value if column == "citation" else "source", external=True)
    if column == "year" and page_kind in _LINKED_YEARS and isinstance(value, int):
        return _link(links.year(value), value)
    if isinstance(value, str) and value in _VOTES:
        return Markup(f'<span class="vote vote-{value}">{escape(value.replace("_", "-"))}</span>')
    return _text_html(column, value)


def _text_html(column: str, value: Cell) -> Markup:
    """A plain cell: an ISO date as people write it, a code written out, else the value."""
    if isinstance(value, str) and _ISO_DATE.match(value) and plain_date(value) != value:
        return Markup(f'<time datetime="{value}">{plain_date(value)}</time>')
    if isinstance(value, str):
        return _written_out(column, value) or escape(value)
    return escape(value)


#: Column names in the words of the people reading the pages (the CSV, JSON and the API keep the
#: names; each header carries the name in ``data-column``).
_LABELS = {
    "decision_id": "Decision",
    "country_code": "Code",
    "country_name": "State",
    "m49": "M49",
    "adoption_method": "Adopted by",
    "is_adopted": "Adopted",
    "yes_count": "Yes",
    "no_count": "No",
    "abstain_count": "Abstain",
    "non_voting_count": "Not voting",
    "non_voting": "Not voting",
    "draft_symbol": "Draft",
    "meeting_symbol": "Meeting record",
    "is_partial_list": "Partial list",
    "is_secondary": "Secondary source",
    "is_inferred": "Inferred",
    "is_with_group": "With its group",
    "group_vote": "Its group's majority",
    "group_share": "Share of the group",
    "has_disassociated": "Dissociated",
    "disassociated": "Dissociated",
    "name_as_recorded": "Name as recorded",
    "source_id": "Source",
    "sources": "Sources",
    "from_key": "From",
    "to_key": "To",
    "from_vote": "Before",
    "to_vote": "After",
    "is_membership_change": "Joined or left",
    "from_sponsorship": "Before",
    "to_sponsorship": "After",
    "totals_reported": "Totals reported",
    "initial_reported": "Initial sponsors reported",
    "is_this_decision": "This decision",
    "un_member_from": "UN member since",
    "un_member_to": "UN member until",
}


def column_label(column: str) -> str:
    """A column's header in words: ``adoption_method`` reads "Adopted by"; others are spelled out.

    >>> column_label("adoption_method"), column_label("sponsorship"), column_label("ga-2014")
    ('Adopted by', 'Sponsorship', 'ga-2014')
    """
    if column in _LABELS:
        return _LABELS[column]
    if "-" in column:  # a decision's key in a series, e.g. ga-2014
        return column
    return column.replace("_", " ").capitalize()
