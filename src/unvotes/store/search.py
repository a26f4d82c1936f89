"""Full-text search over decisions (the FTS5 table ``decision_text``): keeping it in step with the
decisions, and turning what a person types into an FTS5 query.

A query is words, phrases in double quotes and symbol fragments ("69/188", "L.63"); every word must
match (stemmed: "rights" finds "right"). A state named in the query by any of its names ("North
Korea", "DPRK", "Corée du Nord") matches any of them, so "North Korea human rights" finds the texts
on the "Democratic People's Republic of Korea". Nothing a person types is passed to FTS5 as syntax.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence

__all__ = ["fts_query", "refresh_search", "search_available"]

_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"[0-9A-Za-z\u00C0-\uFFFF]+")


def refresh_search(con: sqlite3.Connection) -> None:
    """Rewrite the search table from the decisions (a database without it is left as it is)."""
    if not search_available(con):
        return
    con.execute("DELETE FROM decision_text")
    con.execute(
        """INSERT INTO decision_text (rowid, symbols, title, description)
           SELECT decision_id, trim(coalesce(symbol, '') || ' ' || coalesce(draft_symbol, '') || ' '
                                    || coalesce(meeting_symbol, '')),
                  coalesce(title, ''), coalesce(description, '')
           FROM decisions"""
    )


def search_available(con: sqlite3.Connection) -> bool:
    """Whether the database has the search table (an older one may not)."""
    row = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decision_text'").fetchone()
    return row is not None


def _fold(text: str) -> str:
    """Lower case, accents and apostrophe forms folded, spaces collapsed (as names are folded)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def _phrase(words: Sequence[str]) -> str:
    return '"' + " ".join(words) + '"'


def fts_query(text: str, names: Mapping[str, Sequence[str]] = {}) -> str | None:
    """The FTS5 query for ``text``; ``names`` maps a state's name, folded to lower case, to all its
    names. None when the text holds nothing to search for.

    >>> fts_query("Korea human rights")
    '"korea" AND "human" AND "rights"'
    >>> fts_query("69/188")
    '"69 188"'
    >>> fts_query("Corée du Nord", {"coree du nord": ["coree du nord", "dprk"]})
    '("coree du nord" OR "dprk")'
    >>> fts_query('north korea "human rights"', {"north korea": ["North Korea", "DPRK"]})
    '("dprk" OR "north korea") AND "human rights"'
    """
    lowered = _fold(text)
    groups: list[str] = []
    # longest names first: "north korea" before "korea"; a plain substring test first, so that only
    # the few names in the text cost a regular expression (over a thousand names, in three
    # languages, would overflow the re module's cache of compiled patterns)
    for name in sorted((n for n in names if n in lowered), key=len, reverse=True):
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", lowered):
            alternatives = sorted({_phrase(_WORD.findall(n.casefold())) for n in names[name]} - {'""'})
            if alternatives:
                groups.append("(" + " OR ".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0])
            lowered = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", " ", lowered)
    for token in _TOKEN.findall(lowered):
        words = _WORD.findall(token)
        if words:
            groups.append(_phrase(words))
    return " AND ".join(groups) if groups else None
