"""Write the methods page's figure: a Vega-Lite spec of some states' positions per year (dynamic
ideal points over every GA recorded vote) with their 90% intervals, data inline.

Run: ``.venv/bin/python scripts/ideal_points_figure.py --db FULL.db [--out docs/figures/ideal-points-ga.vl.json]``
on a database built with ``--data-dir`` (the dossier alone has only the DPRK series). Open the
spec in any Vega-Lite viewer (e.g. the Vega editor, offline in the explorer's assets).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from unvotes import store
from unvotes.model import Body, Selection
from unvotes.reports.dynamic import dynamic_fit
from unvotes.reports.pages.positions import Z90

STATES = ("USA", "ISR", "KOR", "SUN", "RUS", "CHN", "CUB", "IRN", "PRK")


def spec(db: Path) -> dict[str, object]:
    result = dynamic_fit(store.open_db(db, read_only=True), Selection(body=Body.GA))
    fit = result.fit
    values = [
        {
            "country_code": code,
            "year": int(fit.year[k]),
            "ideal_point": round(float(fit.ideal_point[k]), 3),
            "low": round(float(fit.ideal_point[k] - Z90 * fit.std_error[k]), 3),
            "high": round(float(fit.ideal_point[k] + Z90 * fit.std_error[k]), 3),
        }
        for k, code in enumerate(fit.country_code)
        if code in STATES
    ]
    colour = {"field": "country_code", "type": "nominal", "title": "state", "sort": list(STATES)}
    x = {"field": "year", "type": "quantitative", "axis": {"format": "d"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": f"Positions per year, every GA recorded vote ({fit.model}; band: 90% interval)",
        "width": 640,
        "height": 360,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.2},
                "encoding": {
                    "x": x,
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                    "color": colour,
                },
            },
            {
                "mark": "line",
                "encoding": {
                    "x": x,
                    "y": {"field": "ideal_point", "type": "quantitative", "title": "ideal point (US side positive)"},
                    "color": colour,
                },
            },
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/figures/ideal-points-ga.vl.json"))
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(spec(args.db), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
