"""Which roll calls repeat one question across years, and so share one item of the dynamic model.

A *key* names the question (:func:`repeat_key`); decisions sharing a key share an item when the
key occurs in at least two years and once in each (:func:`repeat_items`). The report layer builds
the keys from the store: a curated series first, else kind, title and description.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from unvotes.analysis.rolls import DecisionInfo

__all__ = ["repeat_items", "repeat_key"]


def repeat_key(kind: str, title: str | None, description: str | None) -> str | None:
    """The key under which roll calls count as one question repeated: kind, and the title and
    description lower-cased with punctuation and runs of spaces made one space; None without both.

    >>> repeat_key("resolution", "KAMPUCHEA ", "The situation  in Kampuchea.")
    'resolution|kampuchea|the situation in kampuchea'
    """
    if not title or not description:
        return None
    norm = [" ".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) for text in (title, description)]
    return "|".join([kind, *norm]) if all(norm) else None


def repeat_items(decisions: Sequence[DecisionInfo], keys: Sequence[str | None]) -> tuple[list[str], int, int]:
    """The item of each decision: decisions sharing a key share an item when the key occurs in at
    least two years and once in each of them (a key seen twice in one year is ambiguous there,
    so those decisions stand alone). Returns (item labels, groups, decisions in groups).

    >>> from unvotes.model import Body
    >>> infos = [DecisionInfo(decision_id=i, body=Body.GA, year=y) for i, y in enumerate([2000, 2001, 2001, 2001])]
    >>> repeat_items(infos, ["a", "a", "b", "b"])
    (['a', 'a', '#2', '#3'], 1, 2)
    """
    by_key: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for j, (info, key) in enumerate(zip(decisions, keys, strict=True)):
        if key is not None and info.year is not None:
            by_key[key][info.year].append(j)
    labels = [f"#{info.decision_id}" for info in decisions]
    groups = repeated = 0
    for key, years in by_key.items():
        single = [js[0] for js in years.values() if len(js) == 1]
        if len(single) >= 2:
            groups += 1
            repeated += len(single)
            for j in single:
                labels[j] = key
    return labels, groups, repeated
