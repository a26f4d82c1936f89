"""The ``unvotes`` command itself: the Typer app on which each command module registers its
commands (the package imports them all, :func:`unvotes.cli.main` runs it)."""

from __future__ import annotations

import typer

__all__ = ["SETTINGS", "app"]

#: Settings for the whole command line, given before the command (``unvotes --wide decisions``).
SETTINGS: dict[str, bool] = {"wide": False}

app = typer.Typer(
    name="unvotes",
    help="How states act at the United Nations: decisions, votes, sponsors, with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _settings(
    wide: bool = typer.Option(
        False, "--wide", help="Show every column of a table, however wide the terminal (else they are chosen to fit)."
    ),
) -> None:
    """How states act at the United Nations: decisions, votes, sponsors, with provenance."""
    SETTINGS["wide"] = wide
