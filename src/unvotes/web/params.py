"""Parsing query and path parameters: each helper returns a typed value or raises :class:`ParameterError`.

:class:`Parameter` declares a parameter for the API's description (OpenAPI); the views declare
theirs beside the code that parses them (:mod:`unvotes.web.views`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeVar

from unvotes.errors import ParameterError

__all__ = [
    "MAX_INTEGER",
    "Parameter",
    "ParameterError",
    "choice",
    "choice_schema",
    "country_codes",
    "integer",
    "integer_schema",
    "text",
    "text_schema",
]

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
        raise ParameterError(f"{name} is longer than {limit} characters (at most {limit} characters are allowed)")
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


@dataclass(frozen=True, slots=True)
class Parameter:
    """A path or query parameter as the API documents it: name, meaning and JSON schema (the
    type and the limits its parser applies)."""

    name: str
    description: str
    schema: Mapping[str, object]
    location: Literal["path", "query"] = "query"
    required: bool = False

    def openapi(self) -> dict[str, object]:
        """The OpenAPI parameter object.

        >>> Parameter("year", "a year", integer_schema(1945, 2100), "path").openapi()["required"]
        True
        """
        return {
            "name": self.name,
            "in": self.location,
            "required": self.required or self.location == "path",
            "description": self.description,
            "schema": dict(self.schema),
        }


def integer_schema(low: int, high: int, *, default: int | None = None) -> dict[str, object]:
    """The JSON schema of a whole number parsed by :func:`integer` with these limits."""
    schema: dict[str, object] = {"type": "integer", "minimum": low, "maximum": high}
    return schema if default is None else {**schema, "default": default}


def text_schema(limit: int = 200) -> dict[str, object]:
    """The JSON schema of a free-text parameter parsed by :func:`text`."""
    return {"type": "string", "maxLength": limit}


def choice_schema(allowed: type[StrEnum]) -> dict[str, object]:
    """The JSON schema of a parameter parsed by :func:`choice`."""
    return {"type": "string", "enum": [m.value for m in allowed]}
