"""What every chart shares: the :class:`Chart` record, the colour-blind-safe palette (Paul Tol's
high-contrast scheme), the legend labels and the base of every Vega-Lite specification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unvotes.reports import Cell, Table

__all__ = [
    "FIT_X",
    "NO_POSITION",
    "NO_POSITION_COLOR",
    "POSITION_COLORS",
    "POSITION_LABELS",
    "SCHEMA",
    "Chart",
    "base_spec",
    "legend_label",
    "records",
]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
POSITION_LABELS = {"yes": "Yes", "no": "No", "abstain": "Abstain", "non_voting": "Non-voting"}
POSITION_COLORS = {"yes": "#004488", "no": "#BB5566", "abstain": "#DDAA33", "non_voting": "#7A7A7A"}
NO_POSITION = "Not a member / no position"
NO_POSITION_COLOR = "#E6E6E6"
_SPONSOR_COLORS = {"sponsor": "#004488", "dissociated": "#BB5566"}
_WITHOUT_VOTE = "Adopted without a vote"
_WITHOUT_VOTE_COLOR = "#99DDFF"
_WITHOUT_VOTE_MARK = "adopted without a vote"
_NO_TOTALS_MARK = "recorded vote, totals not in the sources"
_BODY_ORDER = ("chr", "hrc", "c3", "ga", "sc")
_TEXT_KINDS = ("resolution", "draft", "procedural")
FIT_X = {"type": "fit-x", "contains": "padding"}


@dataclass(frozen=True, slots=True)
class Chart:
    """One figure: ``spec`` is Vega-Lite; ``alt`` is its text alternative; ``name`` names exported files."""

    id: str
    title: str
    alt: str
    name: str
    spec: dict[str, Any]
    notes: tuple[str, ...] = ()
    missing: tuple[tuple[str, str], ...] = ()  #: (state, position) of states the map cannot draw


def legend_label(position: str, count: int) -> str:
    """A legend entry: the position and how many states hold it.

    >>> legend_label("yes", 116)
    'Yes (116)'
    """
    return f"{POSITION_LABELS[position]} ({count})"


def records(table: Table) -> list[dict[str, Cell]]:
    return table.records()


def base_spec(title: str, alt: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start", "fontSize": 14},
        "description": alt,
        "background": "white",
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }
