"""The static site: every page of the explorer, in every format, and the bulk download, written as
files that any static host serves (no server code).

Pages link to each other by relative paths (:class:`~unvotes.web.urls.Links` with
``static=True``), so the site works from any folder of any host. Query pages become files: the
series' decisions listing is paged as ``decisions.html``, ``decisions/page-2.html`` ...; a few
comparisons are written under ``compare/``. Forms, which need a server, are left out.

The build writes only inside ``outdir`` and deletes only files it wrote itself:

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
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from unvotes import store
from unvotes.errors import InputError, NotFoundError, ParameterError, UnvotesError
from unvotes.export import write_bulk
from unvotes.reports.pages import DEFAULT_SERIES, available_documents, series_decisions
from unvotes.web import views
from unvotes.web.assets import static_dir
from unvotes.web.render import Format, Renderer
from unvotes.web.share import images_available
from unvotes.web.urls import Links, Route, static_file
from unvotes.web.urls import base_url as checked_base_url
from unvotes.web.views import View

__all__ = ["COMPARISONS", "SiteReport", "build_site"]

#: The list of the files a build wrote, in the site's folder.
MANIFEST = ".unvotes-site.json"
#: What builds before the manifest left in the folder to say it was a site.
OLD_MARKER = ".unvotes-site"
WORK_PREFIX = ".unvotes-building-"

logger = logging.getLogger(__name__)

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
    """What a build wrote: its files and bytes; the files of the build before that it no longer
    writes and removed; the pages skipped because their names would lead out of the folder."""

    files: int
    bytes: int
    seconds: float
    removed: int = 0
    skipped: tuple[str, ...] = ()


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
        path = _inside(self.root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.files += 1
        self.bytes += len(body)

    def page(self, view: View) -> None:
        """A page in every format: HTML, JSON, XLSX, and a CSV per table, each also for Excel;
        and its share image, if it has one the build writes."""
        stem = view.route.static_stem()
        if not _is_plain(stem):
            logger.info("page %r skipped: its name would lead out of the site's folder", stem)
            self.skipped.append(stem)
            return
        links = Links(view.route, static=True, base_url=self.images.base_url, images=self._share_image(view))
        for fmt in (Format.HTML, Format.JSON):
            self.put(f"{stem}.{fmt.value}", self.renderer.render(view.page, fmt, links, extra=view.extra).body)
        downloads = view.downloads or view.page
        self.put(f"{stem}.xlsx", self.renderer.render(downloads, Format.XLSX, links, extra=view.extra).body)
        for table, excel in itertools.product((None, *(t.name for t in downloads.all_tables)), (False, True)):
            rendered = self.renderer.render(downloads, Format.CSV, links, table=table, excel=excel)
            self.put(static_file(view.route, "csv", table=table, excel=excel), rendered.body)
        if self.progress:
            self.progress(stem, self.files)

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
    whole = views.browse(con, {"series": DEFAULT_SERIES}, whole=True).page
    first = replace(views.browse(con, {"series": DEFAULT_SERIES}), downloads=whole)
    yield first
    assert first.page.paging is not None
    for number in range(2, first.page.paging.pages + 1):
        yield replace(views.browse(con, {"series": DEFAULT_SERIES, "page": str(number)}), downloads=whole)
    for name in available_documents():
        yield views.document(con, name)
    yield views.sources(con)
    yield views.downloads(con)


# --- paths: every one inside the folder ---------------------------------------------------------


def _is_plain(relative: str) -> bool:
    """Whether ``relative`` is a plain relative path: no ``..``, no empty or ``.`` part, no
    backslash or NUL.

    >>> [_is_plain(p) for p in ("countries/KOR", "countries/../../../X", "/etc/x", "a//b", "a\\\\b")]
    [True, False, False, False, False]
    """
    parts = relative.split("/")
    return not any(c in relative for c in "\\\0") and all(p not in ("", ".", "..") for p in parts)


def _inside(root: Path, relative: str) -> Path:
    """``root / relative``, if it is a plain path that, resolved, lies inside ``root`` resolved."""
    path = root / relative
    if _is_plain(relative) and path.resolve().is_relative_to(root.resolve()):
        return path
    raise ParameterError(f"{root}: refused to write {relative!r}, which would lead out of the folder")


def _destination(target: Path, relative: str) -> Path:
    """Where a file of the site goes in ``target``, once nothing stands in its way."""
    path = _inside(target, relative)
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if path.is_dir() or not folder.is_dir():
        raise ParameterError(f"{path}: a folder, or a file where a folder should be, is in the site's way")
    return path


# --- the folder ---------------------------------------------------------------------------------


def _check_folder(outdir: Path, db_path: Path) -> Path:
    """``outdir`` resolved, if a site may be written there; a one-line refusal otherwise."""
    if outdir.is_symlink():
        raise ParameterError(f"{outdir}: is a symbolic link; give the folder itself")
    if outdir.exists() and not outdir.is_dir():
        raise ParameterError(f"{outdir}: is a file, not a folder")
    target = outdir.resolve()
    if why := _reserved(target, db_path):
        raise ParameterError(f"{outdir}: {why}; choose a folder of its own for the site")
    if target.is_dir() and not _is_site(target) and any(target.iterdir()):
        raise ParameterError(f"{outdir}: not empty and not an unvotes site; choose another folder")
    return target


def _reserved(target: Path, db_path: Path) -> str | None:
    """Why the folder ``target`` (resolved) cannot hold a site, if it cannot."""
    try:
        home: Path | None = Path.home().resolve()
    except RuntimeError:  # no home folder known
        home = None
    for name, place in (("the current folder", Path.cwd().resolve()), ("the home folder", home)):
        if place is not None and place.is_relative_to(target):
            return f"is {name}" + ("" if place == target else f" or holds it ({place})")
    if (target / ".git").exists():
        return "is a repository"
    if db_path.resolve().is_relative_to(target):
        return f"holds the database {db_path}"
    return None


def _is_site(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() or (folder / OLD_MARKER).is_file()


def _read_manifest(target: Path) -> list[str]:
    """The files the build before wrote (none for a new folder; the old marker for an older build)."""
    path = target / MANIFEST
    if not path.is_file():
        return [OLD_MARKER] if (target / OLD_MARKER).is_file() else []
    expected = 'JSON {"files": [relative paths inside the folder]} as unvotes site build writes it'
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"not a manifest of a site build ({exc})", path=path, expected=expected) from exc
    if not isinstance(files, list) or not all(isinstance(f, str) and _is_plain(f) for f in files):
        raise InputError("lists a file that is not a plain path inside the folder", path=path, expected=expected)
    return files


def _write_manifest(work: Path, target: Path, files: list[str]) -> None:
    body = {"written_by": "unvotes site build", "files": sorted(files)}
    part = work / (MANIFEST + ".part")
    part.write_text(json.dumps(body, indent=0) + "\n", encoding="utf-8")
    os.replace(part, target / MANIFEST)


@contextmanager
def _work_folder(target: Path) -> Iterator[Path]:
    """A new temporary folder inside ``target`` (made if missing), removed on leaving; on failure,
    the folders made for it are removed too."""
    made = [f for f in (target, *target.parents) if not f.exists()]
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=target))
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        for folder in made:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    shutil.rmtree(work, ignore_errors=True)


def _publish(work: Path, target: Path) -> tuple[list[str], int]:
    """Move the complete site from ``work`` into ``target``; the files moved and the number of
    files of the build before that were removed."""
    written = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    previous = _read_manifest(target)
    places = {name: _destination(target, name) for name in written}  # all checked before any is moved
    _write_manifest(work, target, list(set(written) | set(previous)))
    for name, place in places.items():
        place.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / name, place)
    removed = _remove(target, set(previous) - set(written))
    _write_manifest(work, target, written)
    return written, removed


def _remove(target: Path, names: set[str]) -> int:
    """Remove the files ``names`` (of the build before) that are still files inside ``target``,
    and the folders they leave empty; how many were removed."""
    removed = 0
    for name in sorted(names):
        path = target / name
        if not path.resolve().is_relative_to(target) or path.is_symlink() or not path.is_file():
            continue  # not a file the build wrote any more
        path.unlink()
        removed += 1
        folder = path.parent
        while folder != target and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


# --- the build ----------------------------------------------------------------------------------


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


def _write(con: sqlite3.Connection, work: Path, progress: Progress | None, base_url: str | None = None) -> _Writer:
    writer = _Writer(work, Renderer(), progress, _images(con, base_url))
    for view in _views(con):
        writer.page(view)
    links = Links(Route("404"), static=True)
    writer.put("404.html", writer.renderer.error_html(404, "no such page", links))
    shutil.copytree(static_dir(), work / "static", ignore=shutil.ignore_patterns("licenses"))
    if progress:
        progress("downloads", writer.files)
    write_bulk(con, work / "downloads")
    return writer


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
        target = _check_folder(outdir, db_path)
        _read_manifest(target)  # a damaged manifest is refused before the build, not after
        con = store.open_db(db_path, read_only=True)
        try:
            with _work_folder(target) as work:
                writer = _write(con, work, progress, base_url)
                size = sum(p.stat().st_size for p in work.rglob("*") if p.is_file())
                written, removed = _publish(work, target)
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
