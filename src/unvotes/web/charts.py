"""Vega-Lite specifications of the explorer's charts, built from a page's tables (maps: :mod:`.maps`).

Each chart carries its data inline (the world geometry is loaded from the app's own static
folder), a text alternative, and a description of every mark (``aria-label`` in the SVG), so a
reader without sight of the colours, and a test, can check what is drawn. Colours are Paul Tol's
high-contrast scheme, safe for colour-blind readers and in greyscale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from unvotes.reports import Cell
from unvotes.reports.pages import Page
from unvotes.reports.pages.common import body_name
from unvotes.web.chart_spec import (
    FIT_X,
    NO_POSITION,
    NO_POSITION_COLOR,
    POSITION_COLORS,
    POSITION_LABELS,
    Chart,
    base_spec,
    legend_label,
    records,
)
from unvotes.web.maps import neighbour_maps, roll_map, sponsor_map
from unvotes.web.position_charts import state_positions_chart, vote_positions_chart
from unvotes.web.urls import Links

__all__ = ["NO_POSITION", "POSITION_COLORS", "POSITION_LABELS", "Chart", "charts_for", "legend_label"]

_WITHOUT_VOTE = "Adopted without a vote"
_WITHOUT_VOTE_COLOR = "#99DDFF"
_WITHOUT_VOTE_MARK = "adopted without a vote"
_NO_TOTALS_MARK = "recorded vote, totals not in the sources"
_BODY_ORDER = ("chr", "hrc", "c3", "ga", "sc")
_TEXT_KINDS = ("resolution", "draft", "procedural")


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
    """Stacked yes/no/abstain rectangles of one body, and markers of its adoptions without a vote and
    of recorded votes whose totals no source gives."""
    bars, quiet = [], []
    for r in rows:
        if r["body"] != body:
            continue
        start, end = _year_span(int(str(r["year"])))
        if r["adoption_method"] == "without_vote":
            quiet.append(
                {
                    "date": f"{r['year']}-07-01",
                    "marker": _WITHOUT_VOTE_MARK,
                    "label": f"{r['year']}: adopted without a vote ({r['without_vote_streak']} in a row)",
                    "aria": f"{body} {r['year']} adopted without a vote",
                }
            )
            continue
        if all(r.get(f"{p}_count") is None for p in ("yes", "no", "abstain")):
            quiet.append(
                {
                    "date": f"{r['year']}-07-01",
                    "marker": _NO_TOTALS_MARK,
                    "label": f"{r['year']}: {_NO_TOTALS_MARK}",
                    "aria": f"{body} {r['year']} {_NO_TOTALS_MARK}",
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
                "mark": {"type": "point", "filled": False, "size": 70, "strokeWidth": 2, "color": "#222222"},
                "encoding": {
                    "shape": {
                        "field": "marker",
                        "type": "nominal",
                        "scale": {"domain": [_WITHOUT_VOTE_MARK, _NO_TOTALS_MARK], "range": ["circle", "cross"]},
                        "legend": None,
                    },
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
    rows = records(page.table("timeline"))
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
        for r in records(page.table("events"))
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
        for r in records(page.table("mandate_holders"))
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
        **base_spec("The series year by year", alt),
        "vconcat": views,
        "spacing": 14,
        "resolve": {"scale": {"x": "shared"}},
        "usermeta": {"labelRoom": 330},
    }
    notes = ("○ adopted without a vote; ✕ a recorded vote whose totals no source gives.",)
    return Chart("chart-timeline", "The series year by year", alt, "timeline", spec, notes)


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
    colors = [*POSITION_COLORS.values(), _WITHOUT_VOTE_COLOR, NO_POSITION_COLOR]
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


_BODY_COLORS = {"chr": "#882255", "hrc": "#117733", "c3": "#88CCEE", "ga": "#004488"}


def cosponsors_chart(page: Page) -> Chart:
    """The number of co-sponsors of each text year by year where it is known: a filled mark for a
    complete list, a hollow one for a count a source reports (at least these); unknown years are
    left out and named in the notes."""
    rows = records(page.table("cosponsors"))
    known = [r for r in rows if r["sponsors"] is not None]
    values = [
        {
            "year": r["year"],
            "body": body_name(str(r["body"])),
            "sponsors": r["sponsors"],
            "coverage": "complete list" if r["coverage"] == "complete" else "reported count",
            "symbol": r["symbol"] or "",
            "aria": f"{r['body']} {r['year']}: {r['sponsors']} co-sponsors ({r['coverage']})",
        }
        for r in known
    ]
    bodies = [b for b in _BODY_COLORS if any(r["body"] == b for r in known)]
    described = "; ".join(str(v["aria"]) for v in values)
    alt = f"Co-sponsors of each text year by year, where the number is known: {described}"
    spec = {
        **base_spec("Co-sponsors year by year", alt),
        "width": "container",
        "height": 220,
        "autosize": FIT_X,
        "data": {"values": values},
        "mark": {"type": "point", "size": 80, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None}},
            "y": {"field": "sponsors", "type": "quantitative", "title": "co-sponsors", "scale": {"zero": True}},
            "color": {
                "field": "body",
                "type": "nominal",
                "scale": {"domain": [body_name(b) for b in bodies], "range": [_BODY_COLORS[b] for b in bodies]},
                "legend": {"title": None, "orient": "top"},
            },
            "fill": {
                "condition": {"test": "datum.coverage === 'complete list'", "field": "body", "type": "nominal"},
                "value": "white",
            },
            "tooltip": [
                {"field": "year", "title": "Year"},
                {"field": "body", "title": "Body"},
                {"field": "symbol", "title": "Symbol"},
                {"field": "sponsors", "title": "Co-sponsors"},
                {"field": "coverage", "title": "From"},
            ],
            "description": {"field": "aria"},
        },
    }
    unknown = sorted({f"{r['body']} {r['year']}" for r in rows if r["sponsors"] is None})
    notes = (
        "Filled: a complete list (the DGACM records, 2019-2025, and the 2007 draft); hollow: a count a source reports.",
        f"Not known, so not drawn: {', '.join(unknown)}." if unknown else "",
    )
    return Chart("chart-cosponsors", "Co-sponsors year by year", alt, "cosponsors", spec, tuple(n for n in notes if n))


def record_chart(page: Page) -> Chart:
    rows = records(page.table("record"))
    name = str(page.fact("name"))
    alt = f"The positions of {name} on each text of the series, a row per body and a cell per year."
    x = _TIME_X
    spec = {**base_spec(f"{name} year by year", alt), **strip_view(rows, "vote", name, x), "autosize": FIT_X}
    spec["title"] = {"text": f"{name} year by year", "anchor": "start", "fontSize": 14}
    return Chart("chart-record", f"{name} year by year", alt, f"record-{page.fact('country_code')}", spec)


def compare_chart(page: Page) -> Chart:
    table = page.table("positions")
    rows = records(table)
    codes = str(page.fact("countries")).split(", ")
    x = _TIME_X
    alt = f"The positions of {', '.join(codes)} on each text of the series, a block per state."
    spec = {
        **base_spec("Side by side", alt),
        "vconcat": [strip_view(rows, c, c, x) for c in codes],
        "resolve": {"scale": {"x": "shared"}},
        "usermeta": {"labelRoom": 260},
    }
    return Chart("chart-compare", "Side by side", alt, "compare-" + "-".join(codes), spec)


def safe_name(*parts: object) -> str | None:
    """A file name from parts (empty ones left out), every character but letters, digits, ``.``,
    ``_`` and ``-`` made a dash.

    >>> safe_name("A/RES/69/188", "2014-12-18", "map"), safe_name("KOR", "Republic of Korea"), safe_name(None)
    ('A-RES-69-188_2014-12-18_map', 'KOR_Republic-of-Korea', None)
    """
    return re.sub(r"[^0-9A-Za-z._-]+", "-", "_".join(str(p) for p in parts if p)).strip("-") or None


def _published(chart: Chart, title: str, subtitle: str, name: str, notes: tuple[str, ...]) -> Chart:
    """The chart as it is published: a title that says what, when and with what result, a credit
    under it, and a file name with the symbol and date."""
    spec = {**chart.spec, "title": {**chart.spec["title"], "text": title, "subtitle": subtitle}}
    return replace(chart, spec=spec, name=name, notes=notes + chart.notes)


def _decision_charts(page: Page, links: Links) -> dict[str, Chart]:
    symbol = str(page.fact("symbol") or page.title)
    date = page.fact("date")
    what = next((f for f in page.facts if f.name == "what_it_did" and f.value), None)
    counts = [(v, page.fact(f"{v}_count")) for v in ("yes", "no", "abstain")]
    result = "-".join(str(n) for _v, n in counts) if all(n is not None for _v, n in counts) else None
    method = str(page.fact("adoption_method")).replace("_", " ")
    heading = f"{symbol}, {date}: " + (f"{page.fact('outcome') or 'decided'} {result}" if result else method)
    credit = "Source: unvotes, from the sources listed on the decision's page"
    name = safe_name(symbol, date, "map") or "chart-map"
    if page.fact("has_roll"):
        territories = records(page.table("territories"))
        chart = roll_map("chart-map", symbol, records(page.table("roll")), "vote", links, territories)
        notes = (f"{what.label}: {what.value}",) if what else ()
        return {"map": _published(chart, heading, credit, name, notes)}
    if page.table("consensus").rows:
        return {"map": _published(sponsor_map("chart-map", symbol, page, links), heading, credit, name, ())}
    return {}


def charts_for(page: Page, links: Links) -> dict[str, Chart]:
    """The charts of a page, by the slot of its template."""
    if page.kind == "overview":
        charts = {"timeline": timeline_chart(page), "cosponsors": cosponsors_chart(page)}
        if page.table("vote_positions").rows:
            charts["vote_positions"] = vote_positions_chart(page)
        return charts
    if page.kind == "decision":
        return _decision_charts(page, links)
    if page.kind == "year":
        table = page.table("positions")
        rows = records(table)
        keys = [c for c in table.columns if c not in ("country_code", "country_name", "m49")]
        return {k: roll_map(f"chart-map-{k}", k, rows, k, links) for k in keys}
    if page.kind == "country":
        charts = {"record": record_chart(page)}
        if page.table("neighbours").rows:
            charts["neighbours"] = neighbour_maps("chart-neighbours", page.title, page.table("neighbours"), links)
        if page.table("positions_per_year").rows:
            charts["positions"] = state_positions_chart(page)
        return charts
    if page.kind == "compare":
        return {"compare": compare_chart(page)}
    return {}
