"""One exception tree for the whole package.

::

    UnvotesError                  anything the library refuses to do
    ├── InputError                a file cannot be read as the format it claims to be
    │   ├── HeaderError           missing or unexpected columns
    │   ├── UnknownCountryError   a country spelling or code not in the reference table
    │   ├── UnknownCodeError      a vote, body or other closed-vocabulary value not recognised
    │   └── DuplicatePositionError  one state holds two positions on one decision in one file
    ├── StoreError                the database is missing, locked, or of an unknown schema
    ├── NotFoundError             a symbol, decision id or country asked for does not exist
    └── ParameterError            a query parameter or command option that cannot be used

The library raises, never prints or exits. The CLI turns an :class:`UnvotesError` into one
line on standard error and exit code 1; the web layer turns it into the JSON error shape (status
404 for :class:`NotFoundError`, 503 for :class:`StoreError`, 400 for the rest).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DuplicatePositionError",
    "HeaderError",
    "InputError",
    "NotFoundError",
    "ParameterError",
    "StoreError",
    "UnknownCodeError",
    "UnknownCountryError",
    "UnvotesError",
]


class UnvotesError(Exception):
    """Base of every error the package raises on purpose."""


class InputError(UnvotesError):
    """A source file is not what its reader expects.

    ``path`` and ``line`` (1-based, the header is line 1) say where; ``expected`` says what
    would have been accepted. ``str(error)`` is a complete one-line message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.expected = expected
        self.detail = message
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        text = f"{where}: {message}"
        if expected:
            text = f"{text} (expected {expected})"
        super().__init__(text)


class HeaderError(InputError):
    """The header row lacks required columns or carries unknown ones."""


class UnknownCountryError(InputError):
    """A country name or code is not in the reference table or its alias table."""


class UnknownCodeError(InputError):
    """A value outside a closed vocabulary (vote code, body, adoption method ...)."""


class DuplicatePositionError(InputError):
    """One state has two positions on the same decision within one source file."""


class StoreError(UnvotesError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(UnvotesError):
    """Something asked for by symbol, id or code does not exist in the database."""


class ParameterError(UnvotesError):
    """A parameter (of a query string or a command) that cannot be used: out of range, not a
    whole number, not one of the allowed words."""
