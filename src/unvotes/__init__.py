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

from unvotes.errors import UnvotesError
from unvotes.library import Database, build, cached_dossier_path, open

__version__ = "0.1.0"

__all__ = ["Database", "UnvotesError", "__version__", "build", "cached_dossier_path", "open"]
