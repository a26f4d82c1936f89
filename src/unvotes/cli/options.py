"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unvotes.cli.output import Format
from unvotes.store import default_db_path

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="UNVOTES_DB", help="Database file (default: $UNVOTES_DB or the per-user data folder)."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def db_path(value: Path | None) -> Path:
    return value if value is not None else default_db_path()
