"""The UN's French and Spanish short names of the states (``data/countries/un_names.csv``).

Each row is a name as its source writes it: UNTERM puts the article in brackets and marks the
observer states with an asterisk ("République populaire démocratique de Corée (la)", "Saint-Siège
(le) *"); :func:`bare_name` gives the name people type. Where the rows come from and how each was
checked: the folder README and ``scripts/un_names.py``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from unvotes.errors import InputError

__all__ = ["UnName", "bare_name", "load_un_names", "strip_article"]

_PATH = "data/countries/un_names.csv"
_COLUMNS = ["country_code", "language", "name", "source"]
_LANGUAGES = {"fr", "es"}
_BRACKETED_ARTICLE = re.compile(r"\s*\((?:le|la|les|l'|el|los|las)\)\s*$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:le |la |les |l'|el |los |las )", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnName:
    """One name of a state in French (``fr``) or Spanish (``es``), with the source that gives it."""

    country_code: str
    language: str
    name: str
    source: str


def bare_name(name: str) -> str:
    """The name without UNTERM's bracketed article and observer asterisk.

    >>> bare_name("République populaire démocratique de Corée (la)"), bare_name("Santa Sede (la) *")
    ('République populaire démocratique de Corée', 'Santa Sede')
    >>> bare_name("Bolivie (État plurinational de)")
    'Bolivie (État plurinational de)'
    """
    return _BRACKETED_ARTICLE.sub("", name.replace("*", "").strip()).strip()


def strip_article(text: str) -> str:
    """``text`` without a leading French or Spanish article ("la République de Corée").

    >>> strip_article("la République de Corée"), strip_article("l'Afghanistan"), strip_article("Laos")
    ('République de Corée', 'Afghanistan', 'Laos')
    """
    return _LEADING_ARTICLE.sub("", text.strip().replace("\u2019", "'"), count=1)


@cache
def load_un_names() -> tuple[UnName, ...]:
    """Every row of ``un_names.csv``; a row with an unknown language or a blank name raises."""
    text = resources.files("unvotes").joinpath(_PATH).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != _COLUMNS:
        raise InputError(f"columns {reader.fieldnames}", path=_PATH, line=1, expected=", ".join(_COLUMNS))
    names: list[UnName] = []
    for line, row in enumerate(reader, start=2):
        name = UnName(row["country_code"], row["language"], row["name"], row["source"])
        if name.language not in _LANGUAGES or not bare_name(name.name) or not name.source:
            raise InputError(f"bad row {row}", path=_PATH, line=line, expected="a code, fr or es, a name, a source")
        names.append(name)
    return tuple(names)
