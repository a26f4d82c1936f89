"""The ``unvotes`` command: thin wrappers over the library, one module per command group.

Library errors (:class:`~unvotes.errors.UnvotesError`) become one line on standard error and
exit code 1.
"""

from __future__ import annotations

import sqlite3
import sys

from rich.console import Console

from unvotes.cli import analyse as _analyse
from unvotes.cli import build as _build  # registers commands on app
from unvotes.cli import check as _check  # noqa: F401  (registers the command)
from unvotes.cli import fetch as _fetch  # noqa: F401  (registers the command)
from unvotes.cli import read as _read
from unvotes.cli import release as _release
from unvotes.cli import web as _web  # noqa: F401  (registers serve and site)
from unvotes.cli.command import app
from unvotes.errors import UnvotesError

__all__ = ["app", "main"]

_COMMAND_MODULES = (_build, _read, _analyse, _release)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()  # usage errors are answered by the command-line parser itself (exit code 2)
    except UnvotesError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {exc}", markup=False)
        sys.exit(1)
    except sqlite3.DatabaseError as exc:  # a damaged file shows only when the damaged page is read
        message = f"error: the database cannot be read ({exc}); build it anew with 'unvotes build'"
        Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=False)
        sys.exit(1)
