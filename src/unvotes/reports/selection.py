"""Parameters in, typed values out: the one parser of a :class:`~unvotes.model.Selection` from a
query string (the explorer and its API) and from command options (the CLI), and the checks a
selection must pass against the database.

Every helper returns a typed value or raises :class:`~unvotes.errors.ParameterError`, which the
web answers with status 400 and the CLI prints as one line. Empty text counts as not given.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeVar

from unvotes import store
from unvotes.errors import NotFoundError, ParameterError
from unvotes.model import TOPIC_NAMES, AdoptionMethod, Body, DecisionKind, Selection, SortOrder

__all__ = [
    "DEFAULT_SERIES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_INTEGER",
    "SELECTION_QUERY",
    "Parameter",
    "check_selection",
    "check_vocabulary",
    "choice",
    "choice_schema",
    "integer",
    "integer_schema",
    "selection_from_options",
    "selection_from_query",
    "text",
    "text_schema",
    "within",
]

E = TypeVar("E", bound=StrEnum)

#: The series the explorer is built around, and the analyses' default.
DEFAULT_SERIES = "dprk-human-rights"

#: SQLite's largest integer: an id or offset past it cannot be bound to a query.
MAX_INTEGER = 2**63 - 1
#: The range of years a selection may name.
FIRST_YEAR, LAST_YEAR = 1900, 2100


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
    return within(number, name, low=low, high=high)


def within(number: int | None, name: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """``number`` if it lies in [low, high] (``None`` passes)."""
    if number is not None and ((low is not None and number < low) or (high is not None and number > high)):
        raise ParameterError(f"{name} must be between {low} and {high}, not {number}")
    return number


def choice(value: str | None, name: str, allowed: type[E]) -> E | None:
    """``value`` (any case) as a member of ``allowed``; empty is ``None``.

    >>> choice("GA", "body", Body)
    <Body.GA: 'ga'>
    """
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


def _topic(value: str | None) -> str | None:
    topic = text(value, "topic", limit=20)
    if topic is not None and topic.lower() not in TOPIC_NAMES:
        raise ParameterError(f"unknown topic {topic!r} (expected one of: {', '.join(TOPIC_NAMES)})")
    return None if topic is None else topic.lower()


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


def choice_schema(allowed: type[StrEnum] | Mapping[str, str]) -> dict[str, object]:
    """The JSON schema of a parameter parsed by :func:`choice` (or one of a mapping's keys)."""
    values = list(allowed) if isinstance(allowed, Mapping) else [m.value for m in allowed]
    return {"type": "string", "enum": values}


def _one_of(values: list[str]) -> str:
    return f"{', '.join(values[:-1])} or {values[-1]}"


#: The query-string parameters :func:`selection_from_query` reads, in the order they are documented.
SELECTION_QUERY: tuple[Parameter, ...] = (
    Parameter("body", _one_of([b.value for b in Body]), choice_schema(Body)),
    Parameter("from", "first year", integer_schema(FIRST_YEAR, LAST_YEAR)),
    Parameter("to", "last year", integer_schema(FIRST_YEAR, LAST_YEAR)),
    Parameter("q", "text in the title, symbol or description", text_schema(200)),
    Parameter("method", _one_of([m.value for m in AdoptionMethod]), choice_schema(AdoptionMethod)),
    Parameter("kind", _one_of([k.value for k in DecisionKind]), choice_schema(DecisionKind)),
    Parameter("topic", "Voeten's issue code: " + ", ".join(TOPIC_NAMES), choice_schema(TOPIC_NAMES)),
    Parameter("series", "a series, e.g. dprk-human-rights", text_schema(80)),
    Parameter("sort", _one_of([o.value for o in SortOrder]), choice_schema(SortOrder)),
)


def _range(first: int | None, last: int | None, names: tuple[str, str]) -> tuple[int | None, int | None]:
    """The years, refused when the first comes after the last."""
    if first is not None and last is not None and first > last:
        raise ParameterError(f"{names[0]} {first} is after {names[1]} {last}: the first year comes first")
    return first, last


def selection_from_query(params: Mapping[str, str | None]) -> Selection:
    """A selection from query-string parameters (:data:`SELECTION_QUERY`); others are ignored."""
    _range(
        integer(params.get("from"), "from", low=FIRST_YEAR, high=LAST_YEAR),
        integer(params.get("to"), "to", low=FIRST_YEAR, high=LAST_YEAR),
        ("from", "to"),
    )
    return Selection(
        body=choice(params.get("body"), "body", Body),
        series=text(params.get("series"), "series", limit=80),
        kind=choice(params.get("kind"), "kind", DecisionKind),
        adoption_method=choice(params.get("method"), "method", AdoptionMethod),
        topic=_topic(params.get("topic")),
        year_from=integer(params.get("from"), "from", low=FIRST_YEAR, high=LAST_YEAR),
        year_to=integer(params.get("to"), "to", low=FIRST_YEAR, high=LAST_YEAR),
        search=text(params.get("q"), "q"),
        sort=choice(params.get("sort"), "sort", SortOrder),
    )


def selection_from_options(
    *,
    series: str | None = None,
    body: str | None = None,
    kind: str | None = None,
    method: str | None = None,
    topic: str | None = None,
    year: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    search: str | None = None,
    sort: str | None = None,
) -> Selection:
    """A selection from command options (``--series``, ``--body``, ``--year`` ...); ``year`` is one
    calendar year, the same as ``year_from`` = ``year_to`` = ``year``."""
    if year is not None and (year_from is not None or year_to is not None):
        raise ParameterError("give either --year or --from/--to, not both")
    first = within(year if year is not None else year_from, "from", low=FIRST_YEAR, high=LAST_YEAR)
    last = within(year if year is not None else year_to, "to", low=FIRST_YEAR, high=LAST_YEAR)
    first, last = _range(first, last, ("--from", "--to"))
    return Selection(
        series=text(series, "series", limit=80),
        body=choice(body, "body", Body),
        kind=choice(kind, "kind", DecisionKind),
        adoption_method=choice(method, "method", AdoptionMethod),
        topic=_topic(topic),
        year_from=first,
        year_to=last,
        search=text(search, "search"),
        sort=choice(sort, "sort", SortOrder),
    )


def check_vocabulary(sel: Selection) -> None:
    """Refuse a selection made in code with words outside the vocabularies (:class:`ParameterError`)."""
    for value, name, allowed in (
        (sel.body, "body", Body),
        (sel.kind, "kind", DecisionKind),
        (sel.adoption_method, "method", AdoptionMethod),
    ):
        if value is not None:
            choice(str(value), name, allowed)
    if sel.topic is not None:
        _topic(sel.topic)


def check_selection(con: sqlite3.Connection, sel: Selection) -> None:
    """:func:`check_vocabulary`, and refuse a series the database does not hold (:class:`NotFoundError`)."""
    check_vocabulary(sel)
    if sel.series is not None and not store.members_of_series(con, sel.series):
        raise NotFoundError(f"unknown series {sel.series!r}")
