"""Vega-Lite specifications of the explorer's charts, built from a page's tables.

Each chart carries its data inline (the world geometry is loaded from the app's own static
folder), a text alternative, and a description of every mark (``aria-label`` in the SVG), so a
reader without sight of the colours, and a test, can check what is drawn. Colours are Paul Tol's
high-contrast scheme, safe for colour-blind readers and in greyscale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from unvotes.reports import Cell, Table
from unvotes.reports.pages import Page
from unvotes.reports.pages.common import body_name
from unvotes.web.assets import ATLAS, atlas_ids
from unvotes.web.urls import Links

__all__ = ["NO_POSITION", "POSITION_COLORS", "POSITION_LABELS", "Chart", "charts_for", "legend_label"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
POSITION_LABELS = {"yes": "Yes", "no": "No", "abstain": "Abstain", "non_voting": "Non-voting"}
POSITION_COLORS = {"yes": "#004488", "no": "#BB5566", "abstain": "#DDAA33", "non_voting": "#7A7A7A"}
NO_POSITION = "Not a member / no position"
_NO_POSITION_COLOR = "#E6E6E6"
_SPONSOR_COLORS = {"sponsor": "#004488", "dissociated": "#BB5566"}
_WITHOUT_VOTE = "Adopted without a vote"
_WITHOUT_VOTE_COLOR = "#99DDFF"
_BODY_ORDER = ("chr", "hrc", "c3", "ga", "sc")
_TEXT_KINDS = ("resolution", "draft", "procedural")
_FIT_X = {"type": "fit-x", "contains": "padding"}


@dataclass(frozen=True, slots=True)
class Chart:
    """One figure: ``spec`` is Vega-Lite; ``alt`` is its text alternative; ``name`` names exported files."""

    id: str
    title: str
    alt: str
    name: str
    spec: dict[str, Any]
    notes: tuple[str, ...] = ()


def legend_label(position: str, count: int) -> str:
    """>>> legend_label("yes", 116)
    'Yes (116)'
    """
    return f"{POSITION_LABELS[position]} ({count})"


def _records(table: Table) -> list[dict[str, Cell]]:
    return table.records()


def _base(title: str, alt: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start", "fontSize": 14},
        "description": alt,
        "background": "white",
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


def _map_spec(
    title: str, alt: str, atlas_url: str, values: list[dict[str, Any]], legend: list[tuple[str, str]]
) -> dict[str, Any]:
    return {
        **_base(title, alt),
        "width": "container",
        "height": 380,
        "autosize": _FIT_X,
        "projection": {"type": "equalEarth"},
        "data": {"url": atlas_url, "format": {"type": "topojson", "feature": "countries"}},
        "transform": [
            {
                "lookup": "id",
                "from": {"data": {"values": values}, "key": "id", "fields": ["state", "position", "category"]},
            },
            {"calculate": f"isValid(datum.category) ? datum.category : '{NO_POSITION}'", "as": "category"},
            {"calculate": "isValid(datum.state) ? datum.state : datum.properties.name", "as": "state"},
            {"calculate": "isValid(datum.position) ? datum.position : 'no position'", "as": "position"},
            {"calculate": "datum.state + ': ' + datum.position", "as": "aria"},
        ],
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4},
        "encoding": {
            "color": {
                "field": "category",
                "type": "nominal",
                "scale": {"domain": [k for k, _ in legend], "range": [c for _, c in legend]},
                "legend": {"title": None, "orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 0},
            },
            "tooltip": [{"field": "state", "title": "State"}, {"field": "position", "title": "Position"}],
            "description": {"field": "aria"},
        },
    }


def _atlas_key(m49: Cell) -> str | None:
    return f"{int(str(m49)):03d}" if m49 is not None else None


def roll_map(chart_id: str, title: str, rows: Sequence[Mapping[str, Cell]], column: str, links: Links) -> Chart:
    """A choropleth of one roll: ``rows`` hold country_name, m49 and the position in ``column``."""
    counts = Counter(str(r[column]) for r in rows if r.get(column))
    labels = {p: legend_label(p, counts.get(p, 0)) for p in POSITION_LABELS}
    drawn = atlas_ids()
    values, missing = [], []
    for r in rows:
        position = r.get(column)
        if not position:
            continue
        key = _atlas_key(r.get("m49"))
        if key is None or int(key) not in drawn:
            missing.append(f"{r['country_name']} ({position})")
            continue
        values.append({"id": key, "state": r["country_name"], "position": position, "category": labels[str(position)]})
    legend = [(labels[p], POSITION_COLORS[p]) for p in POSITION_LABELS] + [(NO_POSITION, _NO_POSITION_COLOR)]
    alt = f"World map of the positions on {title}: " + ", ".join(labels[p] for p in POSITION_LABELS) + "."
    notes = (f"Too small for the map's scale, not drawn: {', '.join(missing)}.",) if missing else ()
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), values, legend)
    return Chart(chart_id, title, alt, chart_id, spec, notes)


def sponsor_map(chart_id: str, title: str, page: Page, links: Links) -> Chart:
    """Sponsors and dissociating states of a decision adopted without a vote."""
    marks: dict[str, tuple[str, Cell, Cell]] = {}
    for r in _records(page.table("sponsors")):
        marks[str(r["country_code"])] = ("sponsor", r["country_name"], r["m49"])
    for r in _records(page.table("disassociations")):
        marks[str(r["country_code"])] = ("dissociated", r["country_name"], r["m49"])
    counts = Counter(kind for kind, _name, _m49 in marks.values())
    labels = {"sponsor": f"Sponsor ({counts['sponsor']})", "dissociated": f"Dissociated ({counts['dissociated']})"}
    drawn = atlas_ids()
    values = []
    for kind, name, m49 in marks.values():
        key = _atlas_key(m49)
        if key is not None and int(key) in drawn:
            values.append({"id": key, "state": name, "position": kind, "category": labels[kind]})
    legend = [(labels[k], _SPONSOR_COLORS[k]) for k in ("sponsor", "dissociated")] + [(NO_POSITION, _NO_POSITION_COLOR)]
    alt = (
        f"World map of the sponsors ({counts['sponsor']}) and dissociating states ({counts['dissociated']}) of {title}."
    )
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), values, legend)
    return Chart(chart_id, title, alt, chart_id, spec, ("Adopted without a vote: no state's position was recorded.",))


def _mid_date(value: Cell) -> str | None:
    """A possibly partial date as a full one: a month's middle, a year's middle.

    >>> _mid_date("2004-07"), _mid_date("2010"), _mid_date("2014-03-28")
    ('2004-07-15', '2010-07-01', '2014-03-28')
    """
    if value is None or str(value) == "":
        return None
    text = str(value)
    if len(text) == 4:
        return f"{text}-07-01"
    if len(text) == 7:
        return f"{text}-15"
    return text


def _year_span(year: int) -> tuple[str, str]:
    return f"{year}-01-20", f"{year}-12-10"


#: The shared time axis: a tick every other year, labelled by year.
_TIME_X: dict[str, Any] = {
    "type": "temporal",
    "axis": {"format": "%Y", "title": None, "tickCount": {"interval": "year", "step": 2}, "labelAngle": 0},
}


def _bars(rows: list[dict[str, Cell]], body: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Stacked yes/no/abstain rectangles of one body, and markers of its adoptions without a vote."""
    bars, quiet = [], []
    for r in rows:
        if r["body"] != body:
            continue
        start, end = _year_span(int(str(r["year"])))
        if r["adoption_method"] == "without_vote":
            quiet.append(
                {
                    "date": f"{r['year']}-07-01",
                    "label": f"{r['year']}: adopted without a vote ({r['without_vote_streak']} in a row)",
                    "aria": f"{body} {r['year']} adopted without a vote",
                }
            )
            continue
        base = 0
        for position in ("yes", "no", "abstain"):
            count = r.get(f"{position}_count")
            if count is None:
                continue
            n = int(str(count))
            bars.append(
                {
                    "x0": start,
                    "x1": end,
                    "y0": base,
                    "y1": base + n,
                    "year": r["year"],
                    "symbol": r["symbol"] or "",
                    "position": POSITION_LABELS[position],
                    "count": n,
                    "aria": f"{body} {r['year']} {position} {n}",
                }
            )
            base += n
    return bars, quiet


def _body_view(body: str, bars: list[dict[str, Any]], quiet: list[dict[str, Any]], x: dict[str, Any]) -> dict[str, Any]:
    top = max((b["y1"] for b in bars), default=1)
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": bars},
            "mark": {"type": "rect"},
            "encoding": {
                "x": {"field": "x0", **x},
                "x2": {"field": "x1"},
                "y": {
                    "field": "y0",
                    "type": "quantitative",
                    "scale": {"domain": [0, top]},
                    "axis": {"title": "states", "tickCount": 3},
                },
                "y2": {"field": "y1"},
                "color": {
                    "field": "position",
                    "type": "nominal",
                    "scale": {
                        "domain": list(POSITION_LABELS.values())[:3],
                        "range": [POSITION_COLORS[p] for p in ("yes", "no", "abstain")],
                    },
                    "legend": {"title": None, "orient": "top"},
                },
                "tooltip": [
                    {"field": "year", "title": "Year"},
                    {"field": "symbol", "title": "Symbol"},
                    {"field": "position", "title": "Position"},
                    {"field": "count", "title": "States"},
                ],
                "description": {"field": "aria"},
            },
        }
    ]
    if quiet:
        layers.append(
            {
                "data": {"values": quiet},
                "mark": {
                    "type": "point",
                    "shape": "circle",
                    "filled": False,
                    "size": 70,
                    "strokeWidth": 2,
                    "color": "#222222",
                },
                "encoding": {
                    "x": {"field": "date", **x},
                    "y": {"datum": top / 2, "type": "quantitative"},
                    "tooltip": [{"field": "label", "title": "Adoption"}],
                    "description": {"field": "aria"},
                },
            }
        )
    return {
        "title": {"text": body_name(body), "anchor": "start", "fontSize": 12},
        "width": "container",
        "height": 60,
        "layer": layers,
    }


def timeline_chart(page: Page) -> Chart:
    """The series year by year: one row of stacked bars per body, then events and mandate holders."""
    rows = _records(page.table("timeline"))
    years = [int(str(r["year"])) for r in rows if r["year"] is not None]
    first, last = min(years), max(years)
    x = _TIME_X
    views = []
    for body in _BODY_ORDER:
        bars, quiet = _bars(rows, body)
        if bars or quiet:
            views.append(_body_view(body, bars, quiet, x))
    events = [
        {
            "date": _mid_date(r["date"]),
            "kind": str(r["kind"]).replace("_", " "),
            "title": r["title"],
            "when": r["date"],
            "aria": f"event {r['date']}: {r['title']}",
        }
        for r in _records(page.table("events"))
    ]
    views.append(
        {
            "title": {"text": "Key events", "anchor": "start", "fontSize": 12},
            "width": "container",
            "height": 110,
            "data": {"values": events},
            "mark": {"type": "point", "shape": "diamond", "filled": True, "size": 60, "color": "#444444"},
            "encoding": {
                "x": {"field": "date", **x},
                "y": {"field": "kind", "type": "nominal", "axis": {"title": None}},
                "tooltip": [{"field": "when", "title": "Date"}, {"field": "title", "title": "Event"}],
                "description": {"field": "aria"},
            },
        }
    )
    terms = [
        {
            "start": _mid_date(r["term_start"]),
            "end": _mid_date(r["term_end"]) or f"{last}-12-31",
            "holder": f"{r['name']} ({str(r['mandate']).replace('_', ' ')})",
            "term": f"{r['term_start']} to {r['term_end'] or 'serving'}",
            "aria": f"mandate {r['name']} {r['term_start']} to {r['term_end'] or 'serving'}",
        }
        for r in _records(page.table("mandate_holders"))
    ]
    views.append(
        {
            "title": {"text": "Special rapporteurs and the commission of inquiry", "anchor": "start", "fontSize": 12},
            "width": "container",
            "height": {"step": 16},
            "data": {"values": terms},
            "mark": {"type": "bar", "color": "#4477AA", "height": 11},
            "encoding": {
                "x": {"field": "start", **x},
                "x2": {"field": "end"},
                "y": {"field": "holder", "type": "nominal", "sort": None, "axis": {"title": None, "labelLimit": 260}},
                "tooltip": [{"field": "holder", "title": "Holder"}, {"field": "term", "title": "Term"}],
                "description": {"field": "aria"},
            },
        }
    )
    alt = (
        f"Timeline {first}-{last}: for each body, the yes, no and abstain totals of each recorded vote as "
        "stacked bars, circles for adoptions without a vote, then key events and the terms of the mandate holders."
    )
    spec = {
        **_base("The series year by year", alt),
        "vconcat": views,
        "spacing": 14,
        "resolve": {"scale": {"x": "shared"}},
        "usermeta": {"labelRoom": 330},
    }
    return Chart("chart-timeline", "The series year by year", alt, "timeline", spec, ("○ adopted without a vote.",))


def _strip_category(r: Mapping[str, Cell], column: str) -> str:
    vote = r.get(column)
    if vote:
        return POSITION_LABELS[str(vote)]
    return _WITHOUT_VOTE if r.get("adoption_method") == "without_vote" else NO_POSITION


def strip_view(rows: Sequence[Mapping[str, Cell]], column: str, label: str, x: dict[str, Any]) -> dict[str, Any]:
    """One state's positions: a row per body, a cell per year."""
    values = []
    for r in rows:
        if r.get("kind") not in _TEXT_KINDS or r.get("year") is None:
            continue
        start, end = _year_span(int(str(r["year"])))
        category = _strip_category(r, column)
        values.append(
            {
                "x0": start,
                "x1": end,
                "body": body_name(str(r["body"])),
                "category": category,
                "symbol": r.get("symbol") or "",
                "year": r["year"],
                "aria": f"{label} {r['body']} {r['year']}: {category}",
            }
        )
    domain = [*POSITION_LABELS.values(), _WITHOUT_VOTE, NO_POSITION]
    colors = [*POSITION_COLORS.values(), _WITHOUT_VOTE_COLOR, _NO_POSITION_COLOR]
    return {
        "title": {"text": label, "anchor": "start", "fontSize": 12},
        "width": "container",
        "height": 20 * max(1, len({v["body"] for v in values})),
        "data": {"values": values},
        "mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 1},
        "encoding": {
            "x": {"field": "x0", **x},
            "x2": {"field": "x1"},
            "y": {
                "field": "body",
                "type": "nominal",
                "sort": [body_name(b) for b in _BODY_ORDER],
                "axis": {"title": None, "labelLimit": 240},
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "scale": {"domain": domain, "range": colors},
                "legend": {"title": None, "orient": "top", "labelLimit": 0},
            },
            "tooltip": [
                {"field": "year", "title": "Year"},
                {"field": "body", "title": "Body"},
                {"field": "symbol", "title": "Symbol"},
                {"field": "category", "title": "Position"},
            ],
            "description": {"field": "aria"},
        },
    }


def record_chart(page: Page) -> Chart:
    rows = _records(page.table("record"))
    name = str(page.fact("name"))
    alt = f"The positions of {name} on each text of the series, a row per body and a cell per year."
    x = _TIME_X
    spec = {**_base(f"{name} year by year", alt), **strip_view(rows, "vote", name, x), "autosize": _FIT_X}
    spec["title"] = {"text": f"{name} year by year", "anchor": "start", "fontSize": 14}
    return Chart("chart-record", f"{name} year by year", alt, f"record-{page.fact('country_code')}", spec)


def compare_chart(page: Page) -> Chart:
    table = page.table("positions")
    rows = _records(table)
    codes = str(page.fact("countries")).split(", ")
    x = _TIME_X
    alt = f"The positions of {', '.join(codes)} on each text of the series, a block per state."
    spec = {
        **_base("Side by side", alt),
        "vconcat": [strip_view(rows, c, c, x) for c in codes],
        "resolve": {"scale": {"x": "shared"}},
        "usermeta": {"labelRoom": 260},
    }
    return Chart("chart-compare", "Side by side", alt, "compare-" + "-".join(codes), spec)


def charts_for(page: Page, links: Links) -> dict[str, Chart]:
    """The charts of a page, by the slot of its template."""
    if page.kind == "overview":
        return {"timeline": timeline_chart(page)}
    if page.kind == "decision":
        title = str(page.fact("symbol") or page.title)
        if page.fact("has_roll"):
            return {"map": roll_map("chart-map", title, _records(page.table("roll")), "vote", links)}
        if page.table("sponsors").rows or page.table("disassociations").rows:
            return {"map": sponsor_map("chart-map", title, page, links)}
        return {}
    if page.kind == "year":
        table = page.table("positions")
        rows = _records(table)
        keys = [c for c in table.columns if c not in ("country_code", "country_name", "m49")]
        return {k: roll_map(f"chart-map-{k}", k, rows, k, links) for k in keys}
    if page.kind == "country":
        return {"record": record_chart(page)}
    if page.kind == "compare":
        return {"compare": compare_chart(page)}
    return {}
