"""World maps of a roll, or of the sponsors of a decision adopted without a vote.

The geometry is world-atlas (Natural Earth, 1:50m) served from the app's own static folder; its
features are keyed by M49 code, which the roll carries. Every shape is described ("State: yes") for
readers without sight of the colours; states too small for the scale are listed in the caption.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from unvotes.reports import Cell
from unvotes.reports.pages import Page
from unvotes.web.assets import ATLAS, atlas_ids
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

__all__ = ["roll_map", "sponsor_map"]

_SPONSOR_COLORS = {"sponsor": "#004488", "dissociated": "#BB5566"}


def _map_spec(
    title: str, alt: str, atlas_url: str, values: list[dict[str, Any]], legend: list[tuple[str, str]]
) -> dict[str, Any]:
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
            missing.append((str(r["country_name"]), str(position)))
            continue
        values.append({"id": key, "state": r["country_name"], "position": position, "category": labels[str(position)]})
    legend = [(labels[p], POSITION_COLORS[p]) for p in POSITION_LABELS] + [(NO_POSITION, NO_POSITION_COLOR)]
    alt = f"World map of the positions on {title}: " + ", ".join(labels[p] for p in POSITION_LABELS) + "."
    listed = ", ".join(f"{state} ({position})" for state, position in missing)
    notes = (f"Too small for the map's scale, not drawn: {listed}.",) if missing else ()
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), values, legend)
    return Chart(chart_id, title, alt, chart_id, spec, notes, tuple(missing))


def sponsor_map(chart_id: str, title: str, page: Page, links: Links) -> Chart:
    """Sponsors and dissociating states of a decision adopted without a vote."""
    marks: dict[str, tuple[str, Cell, Cell]] = {}
    for r in records(page.table("sponsors")):
        marks[str(r["country_code"])] = ("sponsor", r["country_name"], r["m49"])
    for r in records(page.table("disassociations")):
        marks[str(r["country_code"])] = ("dissociated", r["country_name"], r["m49"])
    counts = Counter(kind for kind, _name, _m49 in marks.values())
    labels = {"sponsor": f"Sponsor ({counts['sponsor']})", "dissociated": f"Dissociated ({counts['dissociated']})"}
    drawn = atlas_ids()
    values = []
    for kind, name, m49 in marks.values():
        key = _atlas_key(m49)
        if key is not None and int(key) in drawn:
            values.append({"id": key, "state": name, "position": kind, "category": labels[kind]})
    legend = [(labels[k], _SPONSOR_COLORS[k]) for k in ("sponsor", "dissociated")] + [(NO_POSITION, NO_POSITION_COLOR)]
    alt = (
        f"World map of the sponsors ({counts['sponsor']}) and dissociating states ({counts['dissociated']}) of {title}."
    )
    spec = _map_spec(title, alt, links.asset(f"vendor/{ATLAS}"), values, legend)
    return Chart(chart_id, title, alt, chart_id, spec, ("Adopted without a vote: no state's position was recorded.",))
