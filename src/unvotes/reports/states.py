"""States as people name them: one resolver for the command line, the pages and the API."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from unvotes import store
from unvotes.errors import NotFoundError
from unvotes.reference.countries import load_registry

__all__ = ["known_country", "resolve_countries", "resolve_country"]


def known_country(con: sqlite3.Connection, code: str) -> store.CountryRecord:
    """The state ``code`` names: an ISO 3166-1 alpha-3 or alpha-2 code, an M49 number or any of its
    names (:meth:`~unvotes.reference.countries.CountryRegistry.lookup`); unknown text is refused
    with the three nearest states."""
    registry = load_registry()
    country = store.country_by_code(con, code.strip().upper())  # a code of the database's own table
    if country is None:
        found = registry.lookup(code)
        country = store.country_by_code(con, found) if found else None
    if country is None:
        near = ", ".join(f"{registry.get(c).name} ({c})" for c in registry.nearest(code))
        raise NotFoundError(f"unknown state {code.strip()!r}: did you mean {near}?")
    return country


def resolve_country(con: sqlite3.Connection, code_or_name: str) -> str:
    """The ISO 3166-1 alpha-3 code of the state ``code_or_name`` names (see :func:`known_country`)."""
    return known_country(con, code_or_name).country_code


def resolve_countries(con: sqlite3.Connection, values: Sequence[str]) -> list[str]:
    """The codes of the states ``values`` name, in order, each once; a value is one state by any
    name ("Korea, Republic of") or, failing that, several separated by commas ("KOR,USA"); blank
    values (a form's empty fields) are skipped."""
    codes: list[str] = []
    for value in values:
        if not value.strip():
            continue
        try:
            codes.append(resolve_country(con, value))
        except NotFoundError:
            if "," not in value:
                raise
            codes.extend(resolve_country(con, piece) for piece in value.split(",") if piece.strip())
    return list(dict.fromkeys(codes))
