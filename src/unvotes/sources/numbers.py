"""Whole numbers in source text, read one way by every reader.

Python's ``int()`` and ``str.isdigit()`` take more than a source can mean: ``int("٣")`` is 3
(Arabic-Indic digits), ``"²".isdigit()`` is true but ``int("²")`` fails, ``int(float("9901.5"))``
quietly drops the fraction, and a number of 19 or more digits does not fit SQLite's 64-bit integer.
Here a whole number is ASCII digits 0-9, optionally followed by ``.0`` as R writes them, at most
:data:`MAX_DIGITS` digits long; anything else is an :class:`~unvotes.errors.InputError` naming the
file, the line and the column.
"""

from __future__ import annotations

import re
from pathlib import Path

from unvotes.errors import InputError

__all__ = ["MAX_DIGITS", "shown", "whole_number"]

#: Every number of at most 18 digits is below 2**63, the bound of a SQLite integer.
MAX_DIGITS = 18
_WHOLE = re.compile(r"0*([0-9]+)(?:\.0+)?", re.ASCII)
_SHOWN = 40


def shown(text: str) -> str:
    """``text`` quoted for a message, cut short when it is long.

    >>> shown("9" * 50)
    "'9999999999999999999999999999999999999999…' (50 characters)"
    """
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN] + '…'!r} ({len(text):,} characters)"


def whole_number(text: str, *, column: str, path: Path | str, line: int) -> int | None:
    """``text`` as a whole number, ``None`` when blank.

    >>> whole_number(" 69.0", column="session", path="x.csv", line=2)
    69
    >>> whole_number("٦٩", column="session", path="x.csv", line=2)
    Traceback (most recent call last):
    ...
    unvotes.errors.InputError: x.csv, line 2: session '٦٩' is not a whole number (expected digits 0-9)
    """
    value = text.strip()
    if not value:
        return None
    match = _WHOLE.fullmatch(value)
    if match is None:
        raise InputError(f"{column} {shown(text)} is not a whole number", path=path, line=line, expected="digits 0-9")
    if len(match[1]) > MAX_DIGITS:
        raise InputError(
            f"{column} {shown(text)} is too large",
            path=path,
            line=line,
            expected=f"a whole number of at most {MAX_DIGITS} digits",
        )
    return int(match[1])
