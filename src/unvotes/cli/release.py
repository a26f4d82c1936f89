"""``unvotes release`` (a dated, citable bundle of the database) and ``unvotes datasette-metadata``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from unvotes.cli.command import app
from unvotes.cli.options import DbOption, db_path
from unvotes.cli.progress import steps
from unvotes.errors import ParameterError
from unvotes.export.datasette import datasette_metadata_of
from unvotes.export.release import write_release


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"--date {value!r}: not a date (expected YYYY-MM-DD)") from None


@app.command()
def release(
    directory: Annotated[Path, typer.Argument(help="Folder of releases; the release is written to DIR/unvotes-DATE/.")],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date of the release, YYYY-MM-DD (default: today, UTC).")
    ] = None,
) -> None:
    """Write a dated data release: the SQLite database, every table as CSV and Parquet, a Frictionless
    datapackage.json with the licences of each table, Datasette metadata, SHA256SUMS and the changes
    since the previous release in DIR (CHANGES.md, changes.json). An existing release is never
    overwritten."""
    with steps("release", unit="tables") as progress:
        written = write_release(db_path(db), directory, date=_date(date), progress=progress)
    changes = written.changes
    since = f" since {changes.previous}" if changes.previous else ""
    sys.stdout.write(
        f"{written.path}: {len(written.tables)} tables; {len(changes.added)} decisions added, "
        f"{len(changes.changed)} changed, {len(changes.removed)} removed{since}\n"
    )


@app.command("datasette-metadata")
def datasette_metadata(db: DbOption = None) -> None:
    """Print Datasette metadata for the database (titles, descriptions, sources, licences, canned
    queries): datasette unvotes.db -m metadata.json."""
    sys.stdout.write(json.dumps(datasette_metadata_of(db_path(db)), indent=1, ensure_ascii=False) + "\n")
