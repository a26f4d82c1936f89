"""The pipeline: source batches in, database out, with a report of what happened to every row.

==================  ===========================================================================
module              what it owns
==================  ===========================================================================
:mod:`.pipeline`    ``build`` (a new database, atomic) and ``ingest`` (more sources, one
                    transaction); reading ahead on threads; the findings once all is stored
:mod:`.prepare`     one batch coded as integers for the store (pure; runs on the reader threads)
:mod:`.merge`       one prepared batch into the store: matching decisions across sources,
                    rolls, sponsors, links, context
:mod:`.folder`      ``build_database``: the shipped dossier and a folder of source files, searched
                    and checked, into ``build``
:mod:`.reconcile`   counted rolls against official totals, and source against source (pure)
==================  ===========================================================================
"""

from unvotes.ingest.folder import build_database
from unvotes.ingest.merge import SourceReport, store_batch
from unvotes.ingest.pipeline import READ_AHEAD, BatchLoader, IngestReport, Progress, build, ingest

__all__ = [
    "READ_AHEAD",
    "BatchLoader",
    "IngestReport",
    "Progress",
    "SourceReport",
    "build",
    "build_database",
    "ingest",
    "store_batch",
]
