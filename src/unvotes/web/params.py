"""Parsing query and path parameters at the web's edge.

The parsers and the declarations of parameters (:class:`Parameter`: name, meaning, JSON schema
for the API's description) are those of :mod:`unvotes.reports.selection`, shared with the command
line; this module adds the one the web alone reads, the list of states to compare.
"""

from __future__ import annotations

from unvotes.errors import ParameterError
from unvotes.reports.selection import (
    MAX_INTEGER,
    Parameter,
    choice,
    choice_schema,
    integer,
    integer_schema,
    text,
    text_schema,
)

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
