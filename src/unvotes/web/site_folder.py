"""The static site's folder: every path checked to lie inside it, the manifest of the files a build
wrote, the temporary folder a build writes into and the move of a complete site into place (the
rules are :mod:`unvotes.web.site`'s docstring)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unvotes.errors import InputError, ParameterError

__all__ = [
    "MANIFEST",
    "OLD_MARKER",
    "WORK_PREFIX",
    "check_folder",
    "inside",
    "is_plain",
    "publish",
    "read_manifest",
    "work_folder",
]

#: The list of the files a build wrote, in the site's folder.
MANIFEST = ".unvotes-site.json"
#: What builds before the manifest left in the folder to say it was a site.
OLD_MARKER = ".unvotes-site"
WORK_PREFIX = ".unvotes-building-"


def is_plain(relative: str) -> bool:
    """Whether ``relative`` is a plain relative path: no ``..``, no empty or ``.`` part, no
    backslash or NUL.

    >>> [is_plain(p) for p in ("countries/KOR", "countries/../../../X", "/etc/x", "a//b", "a\\\\b")]
    [True, False, False, False, False]
    """
    parts = relative.split("/")
    return not any(c in relative for c in "\\\0") and all(p not in ("", ".", "..") for p in parts)


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, if it is a plain path that, resolved, lies inside ``root`` resolved."""
    path = root / relative
    if is_plain(relative) and path.resolve().is_relative_to(root.resolve()):
        return path
    raise ParameterError(f"{root}: refused to write {relative!r}, which would lead out of the folder")


def destination(target: Path, relative: str) -> Path:
    """Where a file of the site goes in ``target``, once nothing stands in its way."""
    path = inside(target, relative)
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if path.is_dir() or not folder.is_dir():
        raise ParameterError(f"{path}: a folder, or a file where a folder should be, is in the site's way")
    return path


def check_folder(outdir: Path, db_path: Path) -> Path:
    """``outdir`` resolved, if a site may be written there; a one-line refusal otherwise."""
    if outdir.is_symlink():
        raise ParameterError(f"{outdir}: is a symbolic link; give the folder itself")
    if outdir.exists() and not outdir.is_dir():
        raise ParameterError(f"{outdir}: is a file, not a folder")
    target = outdir.resolve()
    if why := reserved(target, db_path):
        raise ParameterError(f"{outdir}: {why}; choose a folder of its own for the site")
    if target.is_dir() and not is_site(target) and any(target.iterdir()):
        raise ParameterError(f"{outdir}: not empty and not an unvotes site; choose another folder")
    return target


def reserved(target: Path, db_path: Path) -> str | None:
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


def is_site(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() or (folder / OLD_MARKER).is_file()


def read_manifest(target: Path) -> list[str]:
    """The files the build before wrote (none for a new folder; the old marker for an older build)."""
    path = target / MANIFEST
    if not path.is_file():
        return [OLD_MARKER] if (target / OLD_MARKER).is_file() else []
    expected = 'JSON {"files": [relative paths inside the folder]} as unvotes site build writes it'
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"not a manifest of a site build ({exc})", path=path, expected=expected) from exc
    if not isinstance(files, list) or not all(isinstance(f, str) and is_plain(f) for f in files):
        raise InputError("lists a file that is not a plain path inside the folder", path=path, expected=expected)
    return files


def write_manifest(work: Path, target: Path, files: list[str]) -> None:
    body = {"written_by": "unvotes site build", "files": sorted(files)}
    part = work / (MANIFEST + ".part")
    part.write_text(json.dumps(body, indent=0) + "\n", encoding="utf-8")
    os.replace(part, target / MANIFEST)


@contextmanager
def work_folder(target: Path) -> Iterator[Path]:
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


def publish(work: Path, target: Path) -> tuple[list[str], int]:
    """Move the complete site from ``work`` into ``target``; the files moved and the number of
    files of the build before that were removed."""
    written = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    previous = read_manifest(target)
    places = {name: destination(target, name) for name in written}  # all checked before any is moved
    write_manifest(work, target, list(set(written) | set(previous)))
    for name, place in places.items():
        place.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / name, place)
    removed = remove_stale(target, set(previous) - set(written))
    write_manifest(work, target, written)
    return written, removed


def remove_stale(target: Path, names: set[str]) -> int:
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
