"""The static site: every page of the explorer and the bulk download, written as files that any
static host serves (no server code).

Pages link to each other by relative paths (:class:`~unvotes.web.urls.Links` with
``static=True``), so the site works from any folder of any host. What is written:

- every decision, every year with a decision and every state of the database. The series'
  decisions (and those of their chains), the years, the states and the other pages are written in
  every format (HTML, JSON, XLSX, a CSV per table). Every other decision is a *partial* page, to
  hold the full database within about 1 GB: its HTML, where a table too long to list (the roll of
  a plenary vote) is a CSV of its own, and a line pointing to the bulk download for the rest;
- ``decisions/index.json``, every decision in one table (:func:`~unvotes.reports.pages.decision_index`),
  which the browse page filters, sorts and pages in the browser (``static/browse.js``); without
  JavaScript it lists the series page by page (``decisions.html``, ``decisions/page-2.html`` ...)
  and links every year's page, which lists that year's decisions;
- a few comparisons under ``compare/``; a state's page lists its agreement with every other state
  (``static/state.js`` picks one). Forms, which need a server, are left out.

The states' pages and the partial pages are written by :data:`WORKERS` processes when there are many.

The build writes only inside ``outdir`` and deletes only files it wrote itself
(:mod:`unvotes.web.site_folder`):

- ``outdir`` must be a folder of its own: a file, a symbolic link, the current or home folder (or
  one holding them), a repository, a folder holding the database, and a folder with files in it
  that no build made are refused in one line.
- The site is written into a temporary folder inside ``outdir``, ``.unvotes-building-PID-...``,
  which the build makes itself and removes, whether it succeeds or fails; a failed build leaves
  ``outdir`` as it was (and removes it if it made it). Only a complete site is moved into place,
  file by file, each with :func:`os.replace`.
- ``.unvotes-site.json`` (the manifest) lists the files the build wrote. A rebuild replaces those,
  removes the ones it no longer writes, and leaves every other file (a ``CNAME`` added by hand)
  alone. While files are being moved, the manifest lists the old and the new ones, so a build
  killed then still knows every file that is its own.
- Every path is checked after resolving symbolic links: a page whose name, taken from the
  database, would lead outside ``outdir`` is skipped and counted (:attr:`SiteReport.skipped`); a
  path of the site blocked by a link leading out of ``outdir`` or by a folder refuses the build
  before anything is moved.
"""

from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from unvotes import store
from unvotes.errors import NotFoundError, UnvotesError
from unvotes.export import write_bulk
from unvotes.reports import Table
from unvotes.reports.pages import DEFAULT_SERIES, available_documents, decision_index, series_decisions
from unvotes.web import views
from unvotes.web.assets import static_dir
from unvotes.web.render import Format, Renderer
from unvotes.web.share import images_available
from unvotes.web.site_folder import check_folder, inside, is_plain, publish, read_manifest, work_folder
from unvotes.web.urls import DECISION_INDEX, LONG_TABLE, Links, Route, static_file
from unvotes.web.urls import base_url as checked_base_url
from unvotes.web.views import View

__all__ = ["COMPARISONS", "SiteReport", "build_site"]

logger = logging.getLogger(__name__)

#: The comparisons written out (a server answers any other).
COMPARISONS: tuple[tuple[str, ...], ...] = (
    ("KOR", "PRK"),
    ("KOR", "PRK", "USA", "CHN"),
    ("JPN", "KOR", "USA"),
    ("CHN", "RUS", "CUB", "PRK"),
)

Progress = Callable[[str, int], None]

#: The processes that write the states' pages and the partial decision pages (each with its own
#: connection and templates): two on a machine of two cores or more, when there are many pages.
WORKERS = min(2, os.cpu_count() or 1)
_CHUNK = 50


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a build wrote: its files and bytes; the files of the build before that it no longer
    writes and removed; the pages skipped because their names would lead out of the folder."""

    files: int
    bytes: int
    seconds: float
    removed: int = 0
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Images:
    """The site's address ``base_url``, for absolute links (Open Graph needs them), and the share
    images the build writes under it (``drawn``): every state's, and those of the decisions
    ``decisions`` that have a map. Without the address, none."""

    base_url: str | None = None
    decisions: frozenset[str] = frozenset()
    drawn: bool = False

    def has(self, view: View) -> bool:
        if not self.drawn:
            return False
        return view.page.kind == "country" or (view.page.kind == "decision" and view.route.path in self.decisions)


def _images(con: sqlite3.Connection, base_url: str | None) -> Images:
    """What share images to write: none without the site's address or where they cannot be drawn."""
    if base_url is None:
        return Images()
    if not images_available():
        logger.warning("no share images: vl-convert-python or the world map is not installed")
        return Images(base_url)
    decisions = frozenset(f"decisions/{d.decision_id}" for d in series_decisions(con, DEFAULT_SERIES))
    return Images(base_url, decisions, drawn=True)


class _Writer:
    def __init__(self, root: Path, renderer: Renderer, progress: Progress | None, images: Images | None = None) -> None:
        self.root = root
        self.renderer = renderer
        self.progress = progress
        self.images = images or Images()
        self.files = 0
        self.bytes = 0
        self.skipped: list[str] = []

    def put(self, relative: str, body: bytes) -> None:
        path = inside(self.root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.files += 1
        self.bytes += len(body)

    def page(self, view: View, *, partial: bool = False) -> None:
        """A page in every format (HTML, JSON, XLSX, and a CSV per table, each also for Excel) and its
        share image if the build writes one; a ``partial`` page as HTML, with a CSV of each table
        too long to list in it."""
        stem = view.route.static_stem()
        if not is_plain(stem):
            logger.info("page %r skipped: its name would lead out of the site's folder", stem)
            self.skipped.append(stem)
            return
        if partial:
            self._partial(view, stem)
        else:
            self._every_format(view, stem)
        if self.progress:
            self.progress(stem, self.files)

    def _every_format(self, view: View, stem: str) -> None:
        links = Links(view.route, static=True, base_url=self.images.base_url, images=self._share_image(view))
        for fmt in (Format.HTML, Format.JSON):
            self.put(f"{stem}.{fmt.value}", self.renderer.render(view.page, fmt, links, extra=view.extra).body)
        downloads = view.downloads or view.page
        self.put(f"{stem}.xlsx", self.renderer.render(downloads, Format.XLSX, links, extra=view.extra).body)
        for table, excel in itertools.product((None, *(t.name for t in downloads.all_tables)), (False, True)):
            rendered = self.renderer.render(downloads, Format.CSV, links, table=table, excel=excel)
            self.put(static_file(view.route, "csv", table=table, excel=excel), rendered.body)

    def _share_image(self, view: View) -> bool:
        """Write the page's share image if the build writes one for it; whether it did."""
        if not self.images.has(view):
            return False
        links = Links(view.route, static=True, base_url=self.images.base_url)
        try:
            image = self.renderer.share_image(view.page, links)
        except NotFoundError:  # a decision without a map
            return False
        self.put(f"{view.route.path}/share.png", image.body)
        return True

    def _partial(self, view: View, stem: str) -> None:
        links = Links(view.route, static=True, partial=True, base_url=self.images.base_url, images=False)
        self.put(f"{stem}.html", self.renderer.render(view.page, Format.HTML, links, extra=view.extra).body)
        for table in view.page.all_tables:
            if len(table.rows) > LONG_TABLE:
                rendered = self.renderer.render(view.page, Format.CSV, links, table=table.name)
                self.put(f"{stem}.{table.name}.csv", rendered.body)


def _series_ids(con: sqlite3.Connection) -> set[int]:
    """The decisions of the series and of their chains: the pages written in every format."""
    ids = {d.decision_id for d in series_decisions(con, DEFAULT_SERIES)}
    for decision_id in sorted(ids):
        for link in store.linked_decisions(con, decision_id):
            ids.update((link.from_decision_id, link.to_decision_id))
    return ids


def _views(con: sqlite3.Connection, full: set[int]) -> Iterator[View]:
    """The pages written in every format: the series' decisions (``full``) and every other kind
    but the states' (:func:`_jobs`)."""
    yield views.overview(con)
    for decision_id in sorted(full):
        yield views.decision(con, str(decision_id))
    for year in store.decision_years(con):
        yield views.year(con, str(year))
    yield views.countries(con)
    for codes in COMPARISONS:
        yield views.compare(con, list(codes))
    yield from _browse_views(con)
    for name in available_documents():
        yield views.document(con, name)
    yield views.sources(con)
    yield views.downloads(con)
    for run in store.estimate_runs(con):
        yield views.estimates(con, run.scope, None)


def _browse_views(con: sqlite3.Connection) -> Iterator[View]:
    """The series' decisions, page by page (each page's downloads hold them all)."""
    whole = views.browse(con, {"series": DEFAULT_SERIES}, whole=True).page
    first = replace(views.browse(con, {"series": DEFAULT_SERIES}), downloads=whole)
    yield first
    assert first.page.paging is not None
    for number in range(2, first.page.paging.pages + 1):
        yield replace(views.browse(con, {"series": DEFAULT_SERIES, "page": str(number)}), downloads=whole)


def _index_body(index: Table) -> bytes:
    """The browser's index of every decision: its columns, then one array per decision."""
    body = {"columns": list(index.columns), "rows": [list(r) for r in index.rows], "notes": list(index.notes)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# --- the build ----------------------------------------------------------------------------------


def _write(
    con: sqlite3.Connection, db_path: Path, work: Path, progress: Progress | None, base_url: str | None
) -> _Writer:
    writer = _Writer(work, Renderer(), progress, _images(con, base_url))
    full = _series_ids(con)
    index = decision_index(con)
    writer.put(DECISION_INDEX, _index_body(index))
    for view in _views(con, full):
        writer.page(view)
    jobs = _jobs(con, [int(str(row[0])) for row in index.rows if row[0] not in full])
    if WORKERS < 2 or len(jobs) < 2 * _CHUNK:
        for job in jobs:
            writer.page(_view_of(con, job), partial=job.partial)
    else:
        _write_in_parallel(db_path, jobs, writer)
    links = Links(Route("404"), static=True)
    writer.put("404.html", writer.renderer.error_html(404, "no such page", links))
    shutil.copytree(static_dir(), work / "static", ignore=shutil.ignore_patterns("licenses"))
    if progress:
        progress("downloads", writer.files)
    write_bulk(con, work / "downloads")
    return writer


@dataclass(frozen=True, slots=True)
class _Job:
    """A page the worker processes may write: a state's (in every format) or a decision's
    (partial)."""

    kind: str
    ref: str
    partial: bool


def _jobs(con: sqlite3.Connection, partial: list[int]) -> list[_Job]:
    states = [_Job("country", c.country_code, False) for c in store.list_countries(con)]
    return states + [_Job("decision", str(i), True) for i in partial]


def _view_of(con: sqlite3.Connection, job: _Job) -> View:
    return views.country(con, job.ref, None) if job.kind == "country" else views.decision(con, job.ref)


def _write_in_parallel(db_path: Path, jobs: list[_Job], writer: _Writer) -> None:
    """The pages of ``jobs``, in chunks shared by :data:`WORKERS` processes."""
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        WORKERS, mp_context=context, initializer=_start_worker, initargs=(db_path, writer.root, writer.images)
    )
    try:
        futures = [pool.submit(_write_pages, chunk) for chunk in chunks]
        for done in as_completed(futures):
            files, size, skipped = done.result()
            writer.files += files
            writer.bytes += size
            writer.skipped += skipped
            if writer.progress:
                last = chunks[futures.index(done)][-1]
                writer.progress(f"{'countries' if last.kind == 'country' else 'decisions'}/{last.ref}", writer.files)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


#: In a worker process: its connection (kept open, with its lookups, until the process ends) and
#: its writer.
_WORKER: dict[str, tuple[sqlite3.Connection, _Writer]] = {}


def _start_worker(db_path: Path, root: Path, images: Images) -> None:
    con = store.open_db(db_path, read_only=True)
    _WORKER["self"] = con, _Writer(root, Renderer(), None, images)
    store.lookups_kept(con).__enter__()  # the process ends with the pool


def _write_pages(jobs: list[_Job]) -> tuple[int, int, list[str]]:
    """In a worker process: the pages of ``jobs``; the files and bytes written, and the pages
    skipped."""
    con, writer = _WORKER["self"]
    files, size, skipped = writer.files, writer.bytes, len(writer.skipped)
    for job in jobs:
        writer.page(_view_of(con, job), partial=job.partial)
    return writer.files - files, writer.bytes - size, writer.skipped[skipped:]


def build_site(
    db_path: Path, outdir: Path, *, progress: Progress | None = None, base_url: str | None = None
) -> SiteReport:
    """Write the whole explorer for the database at ``db_path`` into ``outdir`` (see the module's
    docstring for what is written where, and what is refused). ``base_url``: the address the site
    will be served at, for the absolute links of Open Graph (``og:url``, ``og:image``) and the
    share images (:class:`Images`); without it pages carry neither."""
    start = time.perf_counter()
    base_url = checked_base_url(base_url) if base_url is not None else None
    try:
        target = check_folder(outdir, db_path)
        read_manifest(target)  # a damaged manifest is refused before the build, not after
        con = store.open_db(db_path, read_only=True)
        try:
            with work_folder(target) as work, store.lookups_kept(con):
                writer = _write(con, db_path, work, progress, base_url)
                size = sum(p.stat().st_size for p in work.rglob("*") if p.is_file())
                written, removed = publish(work, target)
        finally:
            con.close()
    except OSError as exc:
        raise UnvotesError(f"{exc.filename or outdir}: {exc.strerror or exc}") from exc
    return SiteReport(
        files=len(written),
        bytes=size,
        seconds=time.perf_counter() - start,
        removed=removed,
        skipped=tuple(writer.skipped),
    )
