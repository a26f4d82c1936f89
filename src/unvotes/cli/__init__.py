"""The ``unvotes`` command: thin wrappers over the library, one module per command group.

Library errors (:class:`~unvotes.errors.UnvotesError`) become one line on standard error and
exit code 1.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from unvotes.errors import UnvotesError

__all__ = ["app", "main"]

app = typer.Typer(
    name="unvotes",
    help="How states act at the United Nations: decisions, votes, sponsors, with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from unvotes.cli import build as _build  # noqa: E402  (registers commands on app)
from unvotes.cli import read as _read  # noqa: E402

_COMMAND_MODULES = (_build, _read)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()  # usage errors are answered by the command-line parser itself (exit code 2)
    except UnvotesError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {exc}", markup=False)
        sys.exit(1)
