"""Reference pages: the methodology and the other documents, and the sources of the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from unvotes.errors import NotFoundError
from unvotes.reports.pages.common import countries, sources_table
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.table import Table, cell

__all__ = ["DOCUMENTS", "docs_dir", "document_page", "sources_page"]

#: Documents shown as pages: name -> (file under docs/, title).
DOCUMENTS: dict[str, tuple[str, str]] = {
    "methodology": ("dprk-methodology.md", "Methodology and FAQ"),
    "methods": ("methods.md", "Methods and formulas"),
    "glossary": ("glossary.md", "Glossary"),
    "data-dictionary": ("data-dictionary.md", "Data dictionary"),
}


def docs_dir() -> Path:
    """The documentation folder of the source tree."""
    return Path(__file__).resolve().parents[4] / "docs"


def available_documents() -> list[str]:
    """The documents of :data:`DOCUMENTS` present in this copy."""
    return [name for name, (file_name, _title) in DOCUMENTS.items() if (docs_dir() / file_name).is_file()]


def document_page(con: sqlite3.Connection, name: str) -> Page:
    """A Markdown document of ``docs/`` as a page, with the sources of the database."""
    if name not in DOCUMENTS:
        raise NotFoundError(f"no document {name!r} (documents: {', '.join(DOCUMENTS)})")
    file_name, title = DOCUMENTS[name]
    path = docs_dir() / file_name
    if not path.is_file():
        raise NotFoundError(f"{file_name} is not installed with this copy of unvotes")
    return Page(
        kind="document",
        title=title,
        description=f"docs/{file_name}",
        facts=(Fact("document", "Document", name),),
        tables=(),
        sources=sources_table(con, None),
        params=(("document", name),),
        text=path.read_text(encoding="utf-8"),
    )


def sources_page(con: sqlite3.Connection) -> Page:
    """Every source file in the database, with its citation."""
    sources = sources_table(con, None, title="Every source file in the database")
    return Page(
        kind="sources",
        title="Sources",
        description="Every file the database was built from, how to cite it, and its checksum.",
        facts=(Fact("files", "Source files", len(sources.rows)),),
        tables=(),
        sources=sources,
    )


def countries_page(con: sqlite3.Connection) -> Page:
    """Every state of the reference table, with its codes and UN membership."""
    rows = tuple((c.country_code, c.name, c.m49, c.un_member_from, c.un_member_to) for c in countries(con).values())
    table = Table(
        name="countries",
        title="States",
        columns=("country_code", "name", "m49", "un_member_from", "un_member_to"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("Every state that held its own UN seat; codes are ISO 3166-1 alpha-3 (ISO 3166-3 for former states).",),
    )
    return Page(
        kind="countries",
        title="States",
        description="Every state that held its own seat at the UN, with its record on the series.",
        facts=(Fact("states", "States", len(rows)),),
        tables=(table,),
        sources=sources_table(con, None),
    )
