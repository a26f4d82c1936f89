"""The ``unvotes`` command itself: the Typer app on which each command module registers its
commands (the package imports them all, :func:`unvotes.cli.main` runs it)."""

from __future__ import annotations

import typer

__all__ = ["app"]

app = typer.Typer(
    name="unvotes",
    help="How states act at the United Nations: decisions, votes, sponsors, with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
