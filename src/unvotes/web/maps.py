"""World maps of a roll, or of the sponsors of a decision adopted without a vote.

The geometry is world-atlas (Natural Earth, 1:50m) served from the app's own static folder; its
features are keyed by M49 code, which the roll carries. Every shape is described ("State: yes") for
readers without sight of the colours. A state whose land in the geometry is under
:data:`SMALL_KM2` is too small to see on the world map (about a pixel at the explorer's width):
it also gets a circle at its centre in the colour of its position, and the caption lists it; a
state with no shape at all (Tuvalu at 1:50m) is listed as not drawn.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from unvotes.reports import Cell
from unvotes.reports.pages import Page
from unvotes.reports.pages.consensus import PART_LABELS
from unvotes.reports.table import Table
from unvotes.web.assets import ATLAS, atlas_area, atlas_bounds, atlas_centre, atlas_ids
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
from unvotes.web.urls import Links

__all__ = ["SMALL_KM2", "neighbour_maps", "roll_map", "sponsor_map"]

#: Land (km², in the 1:50m geometry) under which a state is too small to see on the world map: at
#: the explorer's width of about 1,000 px an equal-earth pixel covers about 1,600 km², so such a
#: state is at most two pixels: 28 of today's Members, from Nauru to Luxembourg and Samoa.
SMALL_KM2 = 3000.0
#: Former states today's borders cannot show apart from the state they joined, with that state.
_NOT_APART = {"DDR": "DEU"}


def _color(legend: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "field": "category",
        "type": "nominal",
        "scale": {"domain": [k for k, _ in legend], "range": [c for _, c in legend]},
        "legend": {"title": None, "orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 0},
    }


_TOOLTIP = [{"field": "state", "title": "State"}, {"field": "position", "title": "Position"}]


def _map_spec(
    title: str,
    alt: str,
    atlas_url: str,
    values: list[dict[str, Any]],
    legend: list[tuple[str, str]],
    markers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The world map: the shapes and, for ``markers`` (small states: state, position, category,
    aria, longitude, latitude), a layer of circles in the same colours. Data, transforms and
    encoding are the shapes' and are shared by the circles' layer."""
    shapes = {"mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4}}
    circles = {
        "data": {"values": markers or []},
        "mark": {"type": "circle", "size": 36, "stroke": "#333333", "strokeWidth": 0.6, "opacity": 1},
        "encoding": {
            "longitude": {"field": "longitude", "type": "quantitative"},
            "latitude": {"field": "latitude", "type": "quantitative"},
        },
    }
    return {
        **base_spec(title, alt),
        "width": "container",
        "height": 380,
        "autosize": FIT_X,
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
        "encoding": {"color": _color(legend), "tooltip": _TOOLTIP, "description": {"field": "aria"}},
        "layer": [shapes, circles] if markers else [shapes],
    }


def _atlas_key(m49: Cell) -> str | None:
    return f"{int(str(m49)):03d}" if m49 is not None else None


def _small(key: str, value: dict[str, Any]) -> dict[str, Any] | None:
    """A circle for the state of ``value`` when its shape is too small to see, else None."""
    area, centre = atlas_area(int(key)), atlas_centre(int(key))
    if area is None or centre is None or area >= SMALL_KM2:
        return None
    aria = f"{value['state']}: {value['position']}"
    return {**value, "aria": aria, "longitude": centre[0], "latitude": centre[1]}


def _not_apart(rows: Sequence[Mapping[str, Cell]], column: str) -> str:
    """The caption for a former state that today's borders cannot show apart from the state it
    joined (the GDR beside the Federal Republic on votes 1973-1990), or ""."""
    by_code = {str(r.get("country_code")): r for r in rows if r.get(column)}
    notes = []
    for former, joined in _NOT_APART.items():
        if former in by_code and joined in by_code:
            gone, kept = by_code[former], by_code[joined]
            notes.append(
                f"{gone['country_name']} ({gone[column]}) and {kept['country_name']} ({kept[column]}) cannot be "
                f"told apart on today's borders: the shape of today's state shows {kept['country_name']}'s vote"
            )
    return "; ".join(notes) + "." if notes else ""


def _notes(former: list[str], small: list[str], missing: list[tuple[str, str]], split: str) -> tuple[str, ...]:
    return tuple(
        n
        for n in (
            f"States that no longer exist, drawn over today's states on their territory: {'; '.join(former)}."
            if former
            else "",
            f"Too small to see at this scale, each marked with a circle: {', '.join(small)}." if small else "",
            split,
            "Not drawn (no shape on today's map at this scale): "
            + ", ".join(f"{state} ({position})" for state, position in missing)
            + "."
            if missing
            else "",
        )
        if n
    )


@dataclass
class _Placed:
    """Where each position of a roll goes on the map."""

    values: list[dict[str, Any]] = field(default_factory=list)  # shapes by atlas id
    markers: list[dict[str, Any]] = field(default_factory=list)  # circles for small states
    missing: list[tuple[str, str]] = field(default_factory=list)  # (state, position) not drawn
    former: list[str] = field(default_factory=list)  # captions of states drawn over their successors


def _place(
    rows: Sequence[Mapping[str, Cell]],
    column: str,
    labels: Mapping[str, str],
    over: Mapping[str, list[Mapping[str, Cell]]],
) -> _Placed:
    placed, drawn = _Placed(), atlas_ids()
    for r in rows:
        position = r.get(column)
        if not position:
            continue
        key = _atlas_key(r.get("m49"))
        value = {"id": key, "state": r["country_name"], "position": position, "category": labels[str(position)]}
        if key is not None and int(key) in drawn:
            placed.values.append(value)
            marker = _small(key, value)
            placed.markers.extend([marker] if marker else [])
            continue
        successors = [t for t in over.get(str(r.get("country_code")), []) if _atlas_key(t["m49"])]
        for t in successors:
            placed.values.append(
                {**value, "id": _atlas_key(t["m49"]), "state": f"{r['country_name']} (today {t['country_name']})"}
            )
        names = ", ".join(str(t["country_name"]) for t in successors)
        if successors:
            placed.former.append(f"{r['country_name']} ({position}) over {names}")
        else:
            placed.missing.append((str(r["country_name"]), str(position)))
    return placed


def roll_map(
    chart_id: str,
    title: str,
    rows: Sequence[Mapping[str, Cell]],
    column: str,
    links: Links,
    territories: Sequence[Mapping[str, Cell]] = (),
) -> Chart:
    """A choropleth of one roll: ``rows`` hold country_name, m49 and the position in ``column``. A
    state that no longer exists is drawn over today's states on its territory (``territories``:
    former_code, country_name, m49, has_own_position) that have no position of their own; a small
    state also gets a circle."""
    counts = Counter(str(r[column]) for r in rows if r.get(column))
    labels = {p: legend_label(p, counts.get(p, 0)) for p in POSITION_LABELS}
    over: dict[str, list[Mapping[str, Cell]]] = {}
    for t in territories:
        if not t["has_own_position"]:
            over.setdefault(str(t["former_code"]), []).append(t)
    placed = _place(rows, column, labels, over)
    split = _not_apart(rows, column)
    legend = [(labels[p], POSITION_COLORS[p]) for p in POSITION_LABELS] + [(NO_POSITION, NO_POSITION_COLOR)]
    alt = f"World map of the positions on {title}: " + ", ".join(labels[p] for p in POSITION_LABELS) + "."
    small = [f"{m['state']} ({m['position']})" for m in placed.markers]
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), placed.values, legend, placed.markers)
    listed = [(state, pos) for state, pos in placed.missing if not (split and state in split)]
    notes = _notes(placed.former, small, listed, split)
    return Chart(chart_id, title, alt, chart_id, spec, notes, tuple(placed.missing))


#: The consensus map's colours: none is a colour of yes or no, since nobody voted.
_PART_COLORS = {"sponsor": "#117733", "dissociated": "#AA3377", "spoke_against": "#EE7733", "joined": "#BBCCEE"}
_COVERAGE = {"complete": "complete list", "partial": "at least these", "unknown": "not known", "n/a": "n/a"}


def sponsor_map(chart_id: str, title: str, page: Page, links: Links) -> Chart:
    """Each state's part in a decision adopted without a vote (the page's ``consensus`` table): the
    co-sponsors, the states that dissociated or spoke against, and those that joined with no
    objection recorded, with how complete each list is in the legend."""
    rows = records(page.table("consensus"))
    counts = Counter(str(r["part"]) for r in rows)
    sponsors = str(page.fact("sponsors_coverage"))
    coverage = {
        # sponsors named on the draft it came from, or by a source: at least these
        "sponsor": _COVERAGE["partial" if sponsors == "unknown" and counts["sponsor"] else sponsors],
        "dissociated": _COVERAGE[str(page.fact("disassociations_coverage"))],
        "spoke_against": "as sources say",
        "joined": "no objection recorded",
    }
    labels = {p: f"{label} ({counts[p]}; {coverage[p]})" for p, label in PART_LABELS.items()}
    drawn = atlas_ids()
    values = []
    for r in rows:
        key = _atlas_key(r["m49"])
        if key is not None and int(key) in drawn:
            part = str(r["part"])
            values.append(
                {"id": key, "state": r["country_name"], "position": PART_LABELS[part], "category": labels[part]}
            )
    legend = [(labels[p], _PART_COLORS[p]) for p in PART_LABELS if counts[p]] + [(NO_POSITION, NO_POSITION_COLOR)]
    parts = ", ".join(f"{PART_LABELS[p].lower()} {counts[p]}" for p in PART_LABELS if counts[p])
    alt = f"World map of the parts states took in {title}, adopted without a vote: {parts or 'none known'}."
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), values, legend)
    note = "Adopted without a vote: nobody voted, so no state is shown in the colours of yes or no."
    return Chart(chart_id, title, alt, chart_id, spec, (note,))


def _panel_labels(rows: Sequence[Mapping[str, Cell]]) -> dict[Cell, str]:
    """A short heading per decision: body and year, the kind where it is not the text itself, and
    the symbol where that still leaves two decisions alike."""
    labels: dict[Cell, str] = {}
    for r in rows:
        if r["decision_id"] not in labels:
            kind = "" if r["kind"] in ("resolution", "draft") else f" {r['kind']}"
            labels[r["decision_id"]] = f"{str(r['body']).upper()} {r['year']}{kind}"
    taken = Counter(labels.values())
    for r in rows:
        label = labels[r["decision_id"]]
        if taken[label] > 1 and r["symbol"] and not label.endswith(f" {r['symbol']}"):
            labels[r["decision_id"]] = f"{label} {r['symbol']}"
    return labels


_PANEL = (150, 110)  # width and height of one small map, pixels
#: Each small map shows the state's own extent times a factor: 2.5, less for a large state (the
#: factor that makes 40 degrees), but no less than 1.3; and at least 8 degrees each way.
_AROUND = (1.3, 2.5, 40.0)
_LEAST_DEGREES = 8.0


def _mercator_y(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, latitude))) / 2))


def _around(m49: Cell) -> dict[str, Any]:
    """A Mercator projection centred on the state's shape and scaled to show its surroundings
    (fitted to the whole data when the geometry is not installed)."""
    bounds = atlas_bounds(int(str(m49))) if m49 is not None else None
    if bounds is None:
        return {"type": "mercator"}
    west, south, east, north = bounds
    middle = (south + north) / 2
    least, most, degrees = _AROUND
    around = max(least, min(most, degrees / max(east - west, north - south, 1.0)))
    wide = max(east - west, _LEAST_DEGREES) * around
    tall = max(north - south, _LEAST_DEGREES) * around
    tall_low, tall_high = middle - tall / 2, middle + tall / 2
    scale = min(
        _PANEL[0] / math.radians(min(wide, 360.0)),
        _PANEL[1] / (_mercator_y(tall_high) - _mercator_y(tall_low)),
    )
    return {
        "type": "mercator",
        "center": [round((west + east) / 2, 3), round(middle, 3)],
        "scale": round(scale, 2),
        "translate": [_PANEL[0] / 2, _PANEL[1] / 2],
    }


def neighbour_maps(chart_id: str, name: str, table: Table, links: Links) -> Chart:
    """Small maps of a state and its neighbours, one per decision with a roll (the page's
    ``neighbours`` table), coloured by position; the state itself is outlined."""
    rows = records(table)
    labels = _panel_labels(rows)
    order = {decision: n for n, decision in enumerate(labels)}
    drawn = atlas_ids()
    values, missing = [], set()
    for r in rows:
        key = _atlas_key(r.get("m49"))
        position = str(r["vote"]) if r.get("vote") else None
        if key is None or int(key) not in drawn:
            missing.add(str(r["country_name"]))
            continue
        values.append(
            {
                "panel": labels[r["decision_id"]],
                "order": order[r["decision_id"]],
                "id": key,
                "state": r["country_name"],
                "is_self": not r["is_neighbour"],
                "position": position or "no position",
                "category": POSITION_LABELS[position] if position else NO_POSITION,
            }
        )
    states = list(dict.fromkeys(str(r["country_name"]) for r in rows))
    legend = [(POSITION_LABELS[p], POSITION_COLORS[p]) for p in POSITION_LABELS] + [(NO_POSITION, NO_POSITION_COLOR)]
    title = f"{name} and its neighbours"
    alt = (
        f"Small maps of {states[0] if states else name} and its neighbours ({', '.join(states[1:])}), "
        f"one for each of the {len(labels)} decisions with a roll, each state coloured by its position."
    )
    atlas = {"url": links.asset(f"vendor/{ATLAS}"), "format": {"type": "topojson", "feature": "countries"}}
    spec = {
        **base_spec(title, alt),
        "data": {"values": values},
        "transform": [
            {"lookup": "id", "from": {"data": atlas, "key": "id"}, "as": "geo"},
            {"calculate": "datum.state + ': ' + datum.position", "as": "aria"},
        ],
        "facet": {
            "field": "panel",
            "type": "nominal",
            "sort": {"field": "order", "op": "min"},
            "title": None,
            "header": {"labelFontSize": 11},
        },
        "columns": 4,
        "spec": {
            "width": _PANEL[0],
            "height": _PANEL[1],
            "projection": _around(next((r["m49"] for r in rows if not r["is_neighbour"]), None)),
            "mark": {"type": "geoshape", "clip": True},
            "encoding": {
                "shape": {"field": "geo", "type": "geojson"},
                "color": {
                    "field": "category",
                    "type": "nominal",
                    "scale": {"domain": [k for k, _ in legend], "range": [c for _, c in legend]},
                    "legend": {"title": None, "orient": "bottom", "direction": "horizontal", "labelLimit": 0},
                },
                "stroke": {"condition": {"test": "datum.is_self", "value": "#222222"}, "value": "#ffffff"},
                "strokeWidth": {"condition": {"test": "datum.is_self", "value": 1.2}, "value": 0.5},
                "tooltip": [
                    {"field": "panel", "title": "Decision"},
                    {"field": "state", "title": "State"},
                    {"field": "position", "title": "Position"},
                ],
                "description": {"field": "aria"},
            },
        },
    }
    notes = [f"The state itself is outlined. {table.notes[0]}"] if table.notes else []
    if missing:
        notes.append(f"Too small for the map's scale, not drawn: {', '.join(sorted(missing))}.")
    return Chart(chart_id, title, alt, chart_id, spec, tuple(notes))
