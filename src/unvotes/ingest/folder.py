"""A whole build from what a user has: the shipped dossier and a folder of source files.

The command ``unvotes build`` and the library's :func:`unvotes.build` both call
:func:`build_database`, so the folder is searched, checked and recorded the same way for both.
"""

from __future__ import annotations

from pathlib import Path

from unvotes import sources
from unvotes.errors import UnvotesError
from unvotes.ingest.pipeline import BatchLoader, IngestReport, Progress, build

__all__ = ["build_database"]


def build_database(
    db: Path,
    *,
    data_dir: Path | None = None,
    dossier: bool = True,
    allow_partial: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Build ``db`` anew from the shipped dossier (unless ``dossier`` is false) and every source
    file found under ``data_dir``.

    Every file under ``data_dir`` is read or recorded as ignored with the reason; a file that may
    be a source and cannot be read stops the build (:class:`~unvotes.errors.InputError`) unless
    ``allow_partial``, when it is recorded in the report's ``left_out``. The old database is
    replaced only when the new one is complete.
    """
    loaders: list[tuple[str, BatchLoader]] = []
    ignored: list[tuple[str, str]] = []
    left_out: list[tuple[str, str]] = []
    if dossier:
        loaders.append(("dossier", sources.read_dossier))
    if data_dir is not None:
        if not data_dir.is_dir():
            raise UnvotesError(f"{data_dir}: not a folder")
        found = sources.detect(data_dir)
        found.check(data_dir, allow_partial=allow_partial)
        loaders.extend(found.loaders())
        ignored = [(str(item.path), item.reason) for item in found.ignored]
        left_out = [(str(item.path), item.reason) for item in found.unreadable]
    if not loaders:
        raise UnvotesError("nothing to build: no dossier and no data folder")
    return build(db, loaders, ignored_files=ignored, left_out=left_out, data_dir=data_dir, progress=progress)
