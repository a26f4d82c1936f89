"""The change list of a data release: decisions added, changed and removed since the previous
release, each named by a stable key (database ids are renumbered by every build, so they are not).

A decision's key is ``body symbol date`` (``ga A/RES/69/188 2014-12-18``); a decision without a
symbol (a committee draft, an amendment) is keyed by its body, date and the sources' own ids of it
(``c3 2014-11-18 [c3_dprk:69-L63]``); where decisions share a key, each gets its sources' ids
appended, so no decision is hidden behind another.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from unvotes.store.snapshot import FINGERPRINT_FIELDS, DecisionFingerprint

__all__ = ["ChangeList", "ChangedDecision", "change_list", "stable_keys"]


@dataclass(frozen=True, slots=True)
class ChangedDecision:
    key: str
    fields: tuple[str, ...]  # the fields that differ; "roll" when the roll shown differs


@dataclass(frozen=True, slots=True)
class ChangeList:
    """What changed between two releases (``previous`` empty for the first release)."""

    previous: str
    current: str
    added: tuple[str, ...] = ()
    changed: tuple[ChangedDecision, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> str:
        """The change list as JSON text."""
        payload = {
            "previous_release": self.previous or None,
            "release": self.current,
            "counts": {
                "added": len(self.added),
                "changed": len(self.changed),
                "removed": len(self.removed),
                "unchanged": self.unchanged,
            },
            "added": list(self.added),
            "changed": [{"key": c.key, "fields": list(c.fields)} for c in self.changed],
            "removed": list(self.removed),
            "notes": list(self.notes),
        }
        return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"

    def as_markdown(self) -> str:
        """The change list as Markdown (``CHANGES.md``)."""
        since = f"since {self.previous}" if self.previous else "(the first release in this folder)"
        lines = [
            f"# Changes in {self.current} {since}",
            "",
            f"{len(self.added)} decisions added, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged.",
            "",
            *(f"{note}" for note in self.notes),
        ]
        for title, keys in (("Added", self.added), ("Removed", self.removed)):
            if keys:
                lines += ["", f"## {title}", "", *(f"- {k}" for k in keys)]
        if self.changed:
            lines += ["", "## Changed", "", *(f"- {c.key}: {', '.join(c.fields)}" for c in self.changed)]
        return "\n".join(lines) + "\n"


def _base_key(fp: DecisionFingerprint) -> str:
    body, symbol, date = fp.field("body"), fp.field("symbol"), fp.field("date") or "undated"
    if symbol:
        return f"{body} {symbol} {date}"
    return f"{body} {date} [{', '.join(fp.refs)}]"


def stable_keys(fingerprints: Sequence[DecisionFingerprint]) -> dict[str, DecisionFingerprint]:
    """Each decision by its stable key (see the module docstring).

    >>> from unvotes.store.snapshot import FINGERPRINT_FIELDS as F
    >>> fp = DecisionFingerprint(tuple((f, {"body": "ga", "symbol": "A/RES/1", "date": "1946-01-01"}.get(f))
    ...                               for f in F), ("voeten2021:1",), "")
    >>> list(stable_keys([fp]))
    ['ga A/RES/1 1946-01-01']
    """
    counts = Counter(_base_key(fp) for fp in fingerprints)
    keyed: dict[str, DecisionFingerprint] = {}
    for fp in fingerprints:
        key = _base_key(fp)
        if counts[key] > 1 and fp.field("symbol"):
            key = f"{key} [{', '.join(fp.refs)}]"
        n = 1
        unique = key
        while unique in keyed:  # two decisions alike in every key part: kept apart, numbered
            n += 1
            unique = f"{key} #{n}"
        keyed[unique] = fp
    return keyed


def _differences(old: DecisionFingerprint, new: DecisionFingerprint) -> tuple[str, ...]:
    changed = [name for name in FINGERPRINT_FIELDS if old.field(name) != new.field(name)]
    if old.roll_digest != new.roll_digest:
        changed.append("roll")
    return tuple(changed)


def change_list(
    previous: Sequence[DecisionFingerprint] | None,
    current: Sequence[DecisionFingerprint],
    *,
    names: tuple[str, str],
) -> ChangeList:
    """Compare the decisions of two releases; ``names`` is (previous release, this release), and
    ``previous`` is None when there is no earlier release (every decision is then added)."""
    now = stable_keys(current)
    if previous is None:
        note = "Every decision is listed as added: there is no earlier release in the folder."
        return ChangeList("", names[1], added=tuple(sorted(now)), notes=(note,))
    before = stable_keys(previous)
    changed = []
    unchanged = 0
    for key in sorted(now.keys() & before.keys()):
        differences = _differences(before[key], now[key])
        if differences:
            changed.append(ChangedDecision(key, differences))
        else:
            unchanged += 1
    return ChangeList(
        names[0],
        names[1],
        added=tuple(sorted(now.keys() - before.keys())),
        changed=tuple(changed),
        removed=tuple(sorted(before.keys() - now.keys())),
        unchanged=unchanged,
    )
