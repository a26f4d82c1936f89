"""Helpers shared by the web and browser tests: databases built by the real command, a static site
built once per test session."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from unvotes.web import build_site

UNVOTES = Path(sys.executable).parent / "unvotes"

_BUILT: dict[str, Path] = {}


def build_db(path: Path, *extra: str) -> Path:
    """A database built by ``unvotes build`` (the dossier, plus ``extra`` options)."""
    subprocess.run([str(UNVOTES), "build", "--db", str(path), *extra], check=True, capture_output=True)
    return path


def dossier_db() -> Path:
    """The dossier database, built once per session."""
    if "db" not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix="unvotes-test-db-"))
        _BUILT["db"] = build_db(folder / "dossier.db")
    return _BUILT["db"]


def estimated_db() -> Path:
    """The dossier database with its positions per year stored (``build --estimates``), built once
    per session."""
    if "estimated" not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix="unvotes-test-db-"))
        _BUILT["estimated"] = build_db(folder / "estimated.db", "--estimates")
    return _BUILT["estimated"]


def static_site() -> Path:
    """The static site of the dossier database, written once per session by ``build_site``."""
    if "site" not in _BUILT:
        out = Path(tempfile.mkdtemp(prefix="unvotes-test-site-")) / "site"
        build_site(dossier_db(), out)
        _BUILT["site"] = out
    return _BUILT["site"]


_LINK = re.compile(r'(?:href|src|data-index)="([^"]+)"')


def broken_links(site: Path) -> tuple[int, dict[str, str]]:
    """The pages of a static site, and each link (or script's file) of theirs that leads to no
    file, with the page it is on; a link starting with ``/`` counts as broken (it breaks on a host
    serving the site from a sub-folder)."""
    broken: dict[str, str] = {}
    pages = list(site.rglob("*.html"))
    for html in pages:
        for url in _LINK.findall(html.read_text(encoding="utf-8")):
            if url.startswith(("https://", "http://", "data:", "#")):
                continue
            if url.startswith("/") or not (html.parent / unquote(urlsplit(url).path)).exists():
                broken[url] = str(html.relative_to(site))
    return len(pages), broken
