"""Metadata for opening the database in Datasette (``datasette unvotes.db -m metadata.json``):
titles and descriptions of tables and columns from the bulk specs (:mod:`.spec`, the data
dictionary), the sources and licences of each table, and canned queries
(:data:`unvotes.store.snapshot.CANNED_QUERIES`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from unvotes import store
from unvotes.export.bulk import tables_in
from unvotes.export.licences import Licence, licences_for
from unvotes.store.snapshot import CANNED_QUERIES, source_kinds_of

__all__ = ["datasette_metadata", "datasette_metadata_of"]

_SOURCE = (
    "Voeten et al. (Harvard Dataverse), UN DGACM, OHCHR via hrc-voting, UN Digital Library, the unvotes DPRK dossier"
)


def _licence_fields(licences: list[Licence]) -> dict[str, str]:
    """Datasette takes one licence per table: the titles joined, the first one's address."""
    return {"license": " + ".join(x.name for x in licences), "license_url": licences[0].path}


def _tables(con: sqlite3.Connection) -> tuple[dict[str, object], list[Licence]]:
    """The metadata of each table, and every licence that applies to one."""
    specs, _absent = tables_in(con)
    tables: dict[str, object] = {}
    every: set[Licence] = set()
    for spec in specs:
        kinds = source_kinds_of(con, spec.source)
        licences = licences_for(kinds, spec.source)
        every.update(licences)
        origin = "reference data of the project" if kinds is None else f"rows from {', '.join(kinds) or 'no source'}"
        notices = " ".join(x.notice for x in licences if x.notice)
        tables[spec.source] = {
            "title": spec.title,
            "description": f"{spec.description} Sources: {origin}. {notices}".strip(),
            "columns": {c.name: c.description for c in spec.columns},
            **_licence_fields(licences),
        }
    return tables, sorted(every, key=lambda x: x.name)


def datasette_metadata(con: sqlite3.Connection, *, database: str) -> dict[str, object]:
    """Datasette metadata for the database ``con`` opened under the name ``database`` (Datasette
    names a database after its file's stem)."""
    queries = {q.name: {"title": q.title, "description": q.description, "sql": q.sql} for q in CANNED_QUERIES}
    tables, every = _tables(con)
    return {
        "title": "unvotes: how UN member states act on decisions",
        "description": "UN decisions, votes, sponsors and statements with provenance; every fact row names "
        "its source file (table sources). Empty means not known, never no or zero.",
        "source": _SOURCE,
        **_licence_fields(every),
        "databases": {
            database: {
                "title": "unvotes",
                "description": "The unvotes database: decisions, rolls, sponsors, coverage and their sources.",
                "tables": tables,
                "queries": queries,
            }
        },
    }


def datasette_metadata_of(db: Path) -> dict[str, object]:
    """:func:`datasette_metadata` of the database file ``db`` (named after its stem, as Datasette does)."""
    con = store.open_db(db, read_only=True)
    try:
        return datasette_metadata(con, database=db.stem)
    finally:
        con.close()
