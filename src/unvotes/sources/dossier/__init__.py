"""The shipped DPRK dossier: its reader (:mod:`.reader`, curated files in, one batch out; the
facts that hang off the decisions are read by :mod:`.facts`, and every file's rows checked by
:mod:`.rows`) and the regenerator of its derived files from the public sources
(:mod:`.regenerate`, imported on its own because it reads those sources through
:mod:`unvotes.sources`)."""

from unvotes.sources.dossier.reader import (
    DECISION_COLUMNS,
    POSITION_COLUMNS,
    SERIES,
    SPONSOR_COLUMNS,
    dossier_folder,
    read_dossier,
    read_facts_decisions,
)

__all__ = [
    "DECISION_COLUMNS",
    "POSITION_COLUMNS",
    "SERIES",
    "SPONSOR_COLUMNS",
    "dossier_folder",
    "read_dossier",
    "read_facts_decisions",
]
