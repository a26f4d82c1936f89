"""The static site: every page of the explorer, in every format, and the bulk download, written as
files that any static host serves (no server code).

Pages link to each other by relative paths (:class:`~unvotes.web.urls.Links` with
``static=True``), so the site works from any folder of any host. Query pages become files: the
series' decisions listing is paged as ``decisions.html``, ``decisions/page-2.html`` ...; a few
comparisons are written under ``compare/``. Forms, which need a server, are left out.

The site is written into a new folder beside ``outdir`` and moved into place when complete; an
existing ``outdir`` is replaced only if an earlier build made it (it holds ``.unvotes-site``).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unvotes import store
from unvotes.errors import UnvotesError
from unvotes.export import write_bulk
from unvotes.reports.pages import DEFAULT_SERIES, available_documents, series_decisions
from unvotes.web import views
from unvotes.web.assets import static_dir
from unvotes.web.render import Format, Renderer
from unvotes.web.urls import Links, Route
from unvotes.web.views import View

__all__ = ["COMPARISONS", "SiteReport", "build_site"]

MARKER = ".unvotes-site"

#: The comparisons written out (a server answers any other).
COMPARISONS: tuple[tuple[str, ...], ...] = (
    ("KOR", "PRK"),
    ("KOR", "PRK", "USA", "CHN"),
    ("JPN", "KOR", "USA"),
    ("CHN", "RUS", "CUB", "PRK"),
)

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class SiteReport:
    files: int
    bytes: int
    seconds: float


class _Writer:
    def __init__(self, root: Path, renderer: Renderer, progress: Progress | None) -> None:
        self.root = root
        self.renderer = renderer
        self.progress = progress
        self.files = 0
        self.bytes = 0

    def put(self, relative: str, body: bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.files += 1
        self.bytes += len(body)

    def page(self, view: View) -> None:
        """A page in every format: HTML, JSON, XLSX, and a CSV per table."""
        links = Links(view.route, static=True)
        stem = view.route.static_stem()
        for fmt in (Format.HTML, Format.JSON, Format.XLSX):
            self.put(f"{stem}.{fmt.value}", self.renderer.render(view.page, fmt, links, extra=view.extra).body)
        self.put(f"{stem}.csv", self.renderer.render(view.page, Format.CSV, links).body)
        for table in view.page.all_tables:
            rendered = self.renderer.render(view.page, Format.CSV, links, table=table.name)
            self.put(f"{stem}.{table.name}.csv", rendered.body)
        if self.progress:
            self.progress(stem, self.files)


def _views(con: sqlite3.Connection) -> Iterator[View]:
    yield views.overview(con)
    decisions = series_decisions(con, DEFAULT_SERIES)
    ids = {d.decision_id for d in decisions}
    for d in decisions:
        for link in store.linked_decisions(con, d.decision_id):
            ids.update((link.from_decision_id, link.to_decision_id))
    for decision_id in sorted(ids):
        yield views.decision(con, str(decision_id))
    for year in sorted({d.year for d in decisions if d.year is not None}):
        yield views.year(con, str(year))
    yield views.countries(con)
    for code in (c.country_code for c in store.list_countries(con)):
        yield views.country(con, code, None)
    for codes in COMPARISONS:
        yield views.compare(con, list(codes))
    first = views.browse(con, {"series": DEFAULT_SERIES})
    yield first
    assert first.page.paging is not None
    for number in range(2, first.page.paging.pages + 1):
        yield views.browse(con, {"series": DEFAULT_SERIES, "page": str(number)})
    for name in available_documents():
        yield views.document(con, name)
    yield views.sources(con)
    yield views.downloads(con)


def _prepare(outdir: Path) -> Path:
    if outdir.exists() and any(outdir.iterdir()) and not (outdir / MARKER).exists():
        raise UnvotesError(f"{outdir}: not empty and not an unvotes site; choose another folder")
    work = outdir.with_name(outdir.name + ".building")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    return work


def build_site(db_path: Path, outdir: Path, *, progress: Progress | None = None) -> SiteReport:
    """Write the whole explorer for the database at ``db_path`` into ``outdir``."""
    start = time.perf_counter()
    con = store.open_db(db_path, read_only=True)
    work = _prepare(outdir)
    try:
        writer = _Writer(work, Renderer(), progress)
        for view in _views(con):
            writer.page(view)
        links = Links(Route("404"), static=True)
        writer.put("404.html", writer.renderer.error_html(404, "no such page", links))
        shutil.copytree(static_dir(), work / "static", ignore=shutil.ignore_patterns("licenses"))
        if progress:
            progress("downloads", writer.files)
        write_bulk(con, work / "downloads")
        (work / MARKER).write_text("written by unvotes site build\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        con.close()
    if outdir.exists():
        shutil.rmtree(outdir)
    work.rename(outdir)
    files = sum(1 for p in outdir.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
    return SiteReport(files=files, bytes=size, seconds=time.perf_counter() - start)
