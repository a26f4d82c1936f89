"""Writers for every export, driven by one column spec per table (:mod:`.spec`): a page's tables
as CSV and XLSX (:mod:`.writers`), the whole database as CSV, Parquet and a Frictionless data
package (:mod:`.bulk`)."""

from unvotes.export.bulk import ARCHIVE, BulkFile, downloads_page, write_bulk
from unvotes.export.spec import BULK_TABLES, DESCRIPTIONS, ColumnSpec, TableSpec, spec_of
from unvotes.export.writers import csv_bytes, csv_text, sheet_names, xlsx_bytes

__all__ = [
    "ARCHIVE",
    "BULK_TABLES",
    "DESCRIPTIONS",
    "BulkFile",
    "ColumnSpec",
    "TableSpec",
    "csv_bytes",
    "csv_text",
    "downloads_page",
    "sheet_names",
    "spec_of",
    "write_bulk",
    "xlsx_bytes",
]
