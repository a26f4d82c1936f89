"""Parsing query and path parameters: each helper returns a typed value or raises :class:`ParameterError`."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from unvotes.errors import ParameterError

__all__ = ["MAX_INTEGER", "ParameterError", "choice", "country_codes", "integer", "text"]

E = TypeVar("E", bound=StrEnum)

#: SQLite's largest integer: an id or offset past it cannot be bound to a query.
MAX_INTEGER = 2**63 - 1


def integer(value: str | None, name: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """``value`` as an int within [low, high]; empty is ``None``.

    >>> integer("2014", "year"), integer("", "year")
    (2014, None)
    """
    if value is None or value.strip() == "":
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise ParameterError(f"{name} must be a whole number, not {value!r}") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise ParameterError(f"{name} must be between {low} and {high}, not {number}")
    return number


def choice(value: str | None, name: str, allowed: type[E]) -> E | None:
    """``value`` as a member of ``allowed``; empty is ``None``."""
    if value is None or value.strip() == "":
        return None
    try:
        return allowed(value.strip().lower())
    except ValueError:
        options = ", ".join(m.value for m in allowed)
        raise ParameterError(f"unknown {name} {value!r} (expected one of: {options})") from None


def text(value: str | None, name: str, *, limit: int = 200) -> str | None:
    """A free-text parameter, stripped; empty is ``None``."""
    if value is None or value.strip() == "":
        return None
    if len(value) > limit:
        raise ParameterError(f"{name} is longer than {limit} characters")
    return value.strip()


def country_codes(values: list[str], *, low: int, high: int) -> list[str]:
    """Codes from repeated or comma-separated parameters, upper-cased, unique, ``low`` to ``high`` of them.

    >>> country_codes(["kor,usa", "CHN"], low=2, high=8)
    ['KOR', 'USA', 'CHN']
    """
    codes = list(dict.fromkeys(c.strip().upper() for v in values for c in v.split(",") if c.strip()))
    if not low <= len(codes) <= high:
        raise ParameterError(f"give {low} to {high} states as c=KOR&c=USA (got {len(codes)})")
    bad = [c for c in codes if not (len(c) == 3 and c.isalpha())]
    if bad:
        raise ParameterError(f"state codes are ISO 3166-1 alpha-3, such as KOR: not {', '.join(bad)}")
    return codes
