"""unvotes: how states act at the United Nations — decisions, votes, sponsors, with provenance.

The library comes first and the ``unvotes`` command only wraps it:

* :mod:`unvotes.model` — the vocabulary (enums, records);
* :mod:`unvotes.sources` — one reader per source format, files in, records out;
* :mod:`unvotes.ingest` — :func:`~unvotes.ingest.build` and :func:`~unvotes.ingest.ingest`;
* :mod:`unvotes.store` — the SQLite database (all SQL lives there);
* :mod:`unvotes.analysis` — pure analyses over roll matrices;
* :mod:`unvotes.reports` — one table per question, for the CLI, the web pages and the exports;
* :mod:`unvotes.library` — those questions as data frames: :func:`open`, :func:`build`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from unvotes.errors import UnvotesError

if TYPE_CHECKING:
    from unvotes.library import Database, build, cached_dossier_path, open

__version__ = "0.1.0"

__all__ = ["Database", "UnvotesError", "__version__", "build", "cached_dossier_path", "open"]

_LIBRARY = frozenset({"Database", "build", "cached_dossier_path", "open"})


def __getattr__(name: str) -> object:
    """The library's names, imported on first use: ``import unvotes`` stays light for the command
    line and for modules that need only the vocabulary."""
    if name in _LIBRARY:
        return getattr(importlib.import_module("unvotes.library"), name)
    raise AttributeError(f"module 'unvotes' has no attribute {name!r}")
