"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from unvotes.cli.command import SETTINGS
from unvotes.cli.output import Format, render
from unvotes.model import TOPIC_NAMES
from unvotes.reports import Table
from unvotes.store import default_db_path

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="UNVOTES_DB", help="Database file (default: $UNVOTES_DB or the per-user data folder)."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def db_path(value: Path | None) -> Path:
    return value if value is not None else default_db_path()


SeriesOption = Annotated[str | None, typer.Option("--series", help="A series, e.g. dprk-human-rights.")]
BodyOption = Annotated[str | None, typer.Option("--body", help="ga, c3, chr, hrc or sc.")]
TopicOption = Annotated[str | None, typer.Option("--topic", help=f"Voeten's issue code: {', '.join(TOPIC_NAMES)}.")]
FromOption = Annotated[int | None, typer.Option("--from", help="First year.")]
ToOption = Annotated[int | None, typer.Option("--to", help="Last year.")]


def show(table: Table, fmt: Format) -> None:
    """Print a report's table on standard output in the format asked for; an empty table is also
    said on standard error, so that an empty answer is never mistaken for a failure to answer."""
    render(table, fmt, Console(highlight=False, soft_wrap=fmt is not Format.TABLE), wide=SETTINGS["wide"])
    if not table.rows:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"note: {table.title}: nothing to show.", markup=False
        )
