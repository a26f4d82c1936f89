"""What a page says when it is shared: its Open Graph and Twitter card (title, description,
address, image), and the share image of decision and state pages.

The share image is a 1200 × 630 PNG of the page's own figure — a decision's map, a state's record
year by year — from the same Vega-Lite specification the page draws (:mod:`.charts`), titled with
the symbol, date and result and credited, drawn without a browser by ``vl-convert-python`` (an
optional dependency: ``pip install 'unvotes[images]'``). Without it, or without the world geometry
(``scripts/setup.sh``), pages carry no image and the image routes answer 404 saying why.

Open Graph wants absolute addresses: ``og:url`` and ``og:image`` are given only when the site's
address is known (the server's, or ``unvotes site build --base-url``).
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any

from unvotes.errors import NotFoundError
from unvotes.reports.pages import Page
from unvotes.web.assets import atlas_data
from unvotes.web.chart_spec import Chart
from unvotes.web.urls import Links

__all__ = ["IMAGE_SIZE", "ShareCard", "images_available", "share_card", "share_png", "share_spec"]

#: Width and height of a share image, pixels (what Open Graph and Twitter cards show best).
IMAGE_SIZE = (1200, 630)
SITE_NAME = "unvotes"
_DEFAULT_DESCRIPTION = "How UN member states acted on UN decisions, with a source behind every number."
#: The pages that have a share image, and the figure of the page it shows.
_FIGURE = {"decision": "map", "country": "record"}
_CREDIT = "Source: unvotes, from the sources listed on the {}'s page"


@dataclass(frozen=True, slots=True)
class ShareCard:
    """The page's card: ``url`` and ``image`` are absolute, or None when the site's address is not
    known (or the page has no image)."""

    title: str
    description: str
    url: str | None
    image: str | None
    image_alt: str

    @property
    def image_size(self) -> tuple[int, int]:
        return IMAGE_SIZE

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def images_available() -> bool:
    """Whether share images can be drawn here: ``vl-convert-python`` and the world geometry installed."""
    return importlib.util.find_spec("vl_convert") is not None and atlas_data() is not None


def _figure(page: Page, charts: dict[str, Chart]) -> Chart | None:
    name = _FIGURE.get(page.kind)
    return charts.get(name) if name else None


def share_card(page: Page, links: Links, charts: dict[str, Chart]) -> ShareCard:
    """The card of ``page`` with the figures ``charts`` it draws."""
    figure = _figure(page, charts)
    description = page.description or _DEFAULT_DESCRIPTION
    if page.kind == "decision" and figure is not None:
        description = " ".join(str(x) for x in (f"{figure.spec['title']['text']}.", page.fact("what_it_did")) if x)
    image = None
    if figure is not None and links.images:
        image = links.absolute(f"{links.here.path}/share.png")
    return ShareCard(
        title=f"{page.title} · {SITE_NAME}",
        description=description,
        url=_page_url(links),
        image=image,
        image_alt=figure.alt if figure is not None else "",
    )


def _page_url(links: Links) -> str | None:
    """The page's absolute address, when the site's is known."""
    permalink = links.permalink()
    return permalink if permalink.startswith(("http://", "https://")) else None


def share_spec(page: Page, charts: dict[str, Chart]) -> dict[str, Any]:
    """The Vega-Lite specification of the page's share image: its figure at :data:`IMAGE_SIZE`,
    titled and credited, the world geometry inline; NotFoundError for a page without a figure."""
    figure = _figure(page, charts)
    if figure is None:
        what = "decision has no map" if page.kind == "decision" else "page has no share image"
        raise NotFoundError(f"this {what} (share images: decision and state pages)")
    spec = copy.deepcopy(figure.spec)
    width, height = IMAGE_SIZE
    owner = "decision" if page.kind == "decision" else "state"
    spec["title"] = {**spec["title"], "fontSize": 28, "subtitleFontSize": 16, "subtitlePadding": 6}
    spec["title"].setdefault("subtitle", _CREDIT.format(owner))
    spec |= {"width": width, "height": height, "padding": 16, "autosize": {"type": "fit", "contains": "padding"}}
    spec["config"] = {**spec.get("config", {}), "legend": {"labelFontSize": 14, "symbolSize": 140}}
    data = spec.get("data", {})
    if "url" in data:  # the world geometry, which the page loads from the site
        spec["data"] = {"values": atlas_data(), "format": data["format"]}
    return spec


def share_png(spec: dict[str, Any]) -> bytes:
    """The image of ``spec`` as PNG bytes (NotFoundError, saying why, where images cannot be drawn)."""
    if not images_available():
        raise NotFoundError(
            "share images need vl-convert-python (pip install 'unvotes[images]') and the world map (scripts/setup.sh)"
        )
    vl_convert: Any = importlib.import_module("vl_convert")
    png: bytes = vl_convert.vegalite_to_png(spec, scale=1)
    return png
