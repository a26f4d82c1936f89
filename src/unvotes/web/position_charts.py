"""Vega-Lite charts of stored positions per year (model estimates): a state's path with its 90%
interval beside another state and its regional group's median (the country page), and the
voters of each recorded vote of the series placed by their human-rights position, one vote at a
time through a selector (the series page). Every point carries a description (``aria-label``)."""

from __future__ import annotations

from typing import Any

from unvotes.reports import Cell
from unvotes.reports.pages import Page
from unvotes.web.chart_spec import FIT_X, POSITION_COLORS, POSITION_LABELS, Chart, base_spec, records

__all__ = ["state_positions_chart", "vote_positions_chart"]

#: state, the state beside it, the group's median (Paul Tol's high-contrast scheme, then grey)
_LINE_COLORS = {"state": "#004488", "with": "#BB5566", "group_median": "#777777"}


def _base(title: str, alt: str, height: int, values: list[dict[str, Any]]) -> dict[str, Any]:
    """A chart as wide as its page, ``height`` high, with its data inline."""
    return {
        **base_spec(title, alt),
        "width": "container",
        "height": height,
        "autosize": FIT_X,
        "data": {"values": values},
    }


def _series_names(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The legend's names in the order state, with, median, and their colours."""
    names: dict[str, str] = {}
    for r in rows:
        names.setdefault(str(r["line"]), str(r["name"]))
    order = [line for line in _LINE_COLORS if line in names]
    return [names[line] for line in order], [_LINE_COLORS[line] for line in order]


def state_positions_chart(page: Page) -> Chart:
    """The country page's positions per year: bands of the 90% intervals, lines, and a point per
    year described as "NAME YEAR: POSITION"."""
    table = page.table("positions_per_year")
    values = [
        {
            "line": r["line_kind"],
            "name": r["country_name"],
            "year": r["year"],
            "ideal_point": r["ideal_point"],
            "lower": r["lower_90"],
            "upper": r["upper_90"],
            "aria": f"{r['country_name']} {r['year']}: {r['ideal_point']}",
        }
        for r in records(table)
    ]
    domain, colors = _series_names(values)
    name = str(page.fact("name"))
    alt = (
        f"The position of {name} year by year (model estimate), with its 90% interval, beside "
        f"{' and '.join(domain[1:]) or 'nothing else'}; higher is nearer the United States."
    )
    color = {
        "field": "name",
        "type": "nominal",
        "scale": {"domain": domain, "range": colors},
        "legend": {"title": None, "orient": "top", "labelLimit": 0},
    }
    x = {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None}}
    y = {"field": "ideal_point", "type": "quantitative", "title": "position (model estimate)"}
    spec = {
        **_base(f"{name}: position per year", alt, 260, values),
        "layer": [
            {
                "transform": [{"filter": "datum.lower !== null"}],
                "mark": {"type": "area", "opacity": 0.18},
                "encoding": {
                    "x": x,
                    "y": {"field": "lower", "type": "quantitative"},
                    "y2": {"field": "upper"},
                    "color": color,
                },
            },
            {
                "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": color,
                    "strokeDash": {
                        "condition": {"test": "datum.line === 'group_median'", "value": [4, 3]},
                        "value": [1, 0],
                    },
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 18},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": color,
                    "tooltip": [
                        {"field": "name", "title": "State"},
                        {"field": "year", "title": "Year"},
                        {"field": "ideal_point", "title": "Position"},
                        {"field": "lower", "title": "90% from"},
                        {"field": "upper", "title": "90% to"},
                    ],
                    "description": {"field": "aria"},
                },
            },
        ],
    }
    code = page.fact("country_code")
    return Chart("chart-positions", f"{name}: position per year", alt, f"positions-{code}", spec, table.notes[:2])


def _vote_labels(page: Page) -> dict[Cell, str]:
    """Decision id -> "SYMBOL (BODY YEAR)" of each vote of the summary, in date order."""
    return {
        r["decision_id"]: f"{r['symbol'] or 'decision ' + str(r['decision_id'])} ({r['body']} {r['year']})"
        for r in records(page.table("vote_positions_summary"))
    }


def vote_positions_chart(page: Page) -> Chart:
    """The series page's votes against positions: a strip per position (yes, abstain, no) of the
    states' human-rights positions that year, for the vote chosen in the selector (default the
    latest General Assembly plenary vote). The data are kept short (the page holds every vote);
    each mark's description is made in the browser: "VOTE: STATE POSITION at VALUE"."""
    table = page.table("vote_positions")
    labels = _vote_labels(page)
    body = {r["decision_id"]: r["body"] for r in records(page.table("vote_positions_summary"))}
    values = [
        {
            "v": labels[r["decision_id"]],
            "p": POSITION_LABELS[str(r["vote"])],
            "x": r["ideal_point"],
            "c": r["country_code"],
        }
        for r in records(table)
        if r["ideal_point"] is not None
    ]
    options = list(labels.values())
    plenary = [label for d, label in labels.items() if body[d] == "ga"]
    default = plenary[-1] if plenary else options[-1]
    order = [POSITION_LABELS[v] for v in ("yes", "abstain", "no")]
    alt = (
        "Each state that voted on the chosen recorded vote of the series, placed by its human-rights position "
        "that year (model estimate) in a row for yes, abstain and no; if position predicts the vote, the rows "
        "separate from right (yes) to left (no)."
    )
    spec = {
        **_base("Position and vote", alt, 170, values),
        "params": [
            {"name": "vote", "value": default, "bind": {"input": "select", "options": options, "name": "Vote: "}}
        ],
        "transform": [
            {"filter": "datum.v === vote"},
            {"calculate": "datum.v + ': ' + datum.c + ' ' + datum.p + ' at ' + datum.x", "as": "aria"},
        ],
        "mark": {"type": "tick", "thickness": 2, "size": 26},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": "human-rights position that year (model estimate)"},
            "y": {"field": "p", "type": "nominal", "sort": order, "title": None},
            "color": {
                "field": "p",
                "type": "nominal",
                "scale": {"domain": order, "range": [POSITION_COLORS[v] for v in ("yes", "abstain", "no")]},
                "legend": None,
            },
            "tooltip": [
                {"field": "c", "title": "State"},
                {"field": "p", "title": "Vote"},
                {"field": "x", "title": "Position"},
            ],
            "description": {"field": "aria"},
        },
    }
    runs = tuple(note.split(" Parameters:")[0] for note in table.notes if note.startswith("Scope "))
    return Chart("chart-vote-positions", "Position and vote", alt, "vote-positions", spec, (table.notes[0], *runs))
