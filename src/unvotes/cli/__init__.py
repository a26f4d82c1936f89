"""The ``unvotes`` command: thin wrappers over the library, one module per command group.

Library errors (:class:`~unvotes.errors.UnvotesError`) and usage errors (an unknown option, a
missing argument, a bad value) become one line on standard error and exit code 1; ``--help``
prints the help and exits 0.
"""

from __future__ import annotations

import sqlite3
import sys

import typer
from rich.console import Console

from unvotes.cli import analyse as _analyse
from unvotes.cli import build as _build  # registers commands on app
from unvotes.cli import check as _check  # noqa: F401  (registers the command)
from unvotes.cli import estimate as _estimate
from unvotes.cli import fetch as _fetch  # noqa: F401  (registers the command)
from unvotes.cli import read as _read
from unvotes.cli import release as _release
from unvotes.cli import web as _web  # noqa: F401  (registers serve and site)
from unvotes.cli.command import app
from unvotes.errors import UnvotesError

__all__ = ["app", "main"]

_COMMAND_MODULES = (_build, _estimate, _read, _analyse, _release)


def _fail(message: str, code: int = 1) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {message}", markup=False)
    sys.exit(code)


def _usage_message(exc: typer.TyperException) -> str:
    """The parser's message on one line, with where to find the command's help."""
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    context = getattr(exc, "ctx", None)
    path = str(getattr(context, "command_path", "") or "unvotes")
    return f"{' '.join(text.split())} (see '{path} --help')"


def main() -> None:
    """Entry point of the console script."""
    try:
        result = app(standalone_mode=False)
    except typer.Abort:
        _fail("interrupted", 130)
    except typer.TyperException as exc:  # a usage error: unknown option, missing argument, bad value
        _fail(_usage_message(exc))
    except UnvotesError as exc:
        _fail(str(exc))
    except sqlite3.DatabaseError as exc:  # a damaged file shows only when the damaged page is read
        _fail(f"the database cannot be read ({exc}); build it anew with 'unvotes build'")
    if isinstance(result, int) and result:
        sys.exit(result)
