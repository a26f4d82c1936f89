"""What every reader checks the same way: dates, official tallies, and rolls against adoption methods.

The rules (docs/reliability.md lists them with the tests that hold them):

* A date is ISO ``YYYY-MM-DD`` exactly (:func:`iso_date`), or a format a source documents and its
  reader parses; either way it lies within :data:`EARLIEST` (the signing of the Charter) .. one year
  after today (:func:`check_date`). ``20151218``, ``2015W514`` and ``2023-12-19garbage`` are refused.
* An official count is a whole number (:mod:`unvotes.sources.numbers`: never negative, never a
  fraction) and no larger than the number of UN members in the decision's year (the more of those
  on its day and on 31 December); yes + no + abstain together are no larger either.
* Positions belong to recorded votes only: a decision adopted without a vote, or by a vote not
  recorded, that carries positions is refused (no source documents such a roll).
* A decision adopted without a vote carries no official counts (a vote not recorded may: the chair
  announces its tally), unless its reader lists it as documented in the source
  (``documented_tallies``); those are kept as given and counted under :data:`DOCUMENTED_TALLY`.
* A recorded vote whose source lists no positions for it is kept, and counted in a
  :class:`~unvotes.model.SkipCount` whose reason says its roll is missing -- never silently.

Each refusal is an :class:`~unvotes.errors.InputError` naming the file, the line and what was expected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from unvotes.errors import InputError
from unvotes.model import AdoptionMethod, Decision, SkipCount, SourceBatch
from unvotes.reference.countries import CountryRegistry
from unvotes.sources.numbers import shown

__all__ = ["DOCUMENTED_TALLY", "EARLIEST", "MISSING_ROLL", "check_date", "checked", "iso_date", "latest", "strict_iso"]

#: The Charter was signed on 26 June 1945; no decision of a UN body is older.
EARLIEST = dt.date(1945, 6, 26)
#: The reason counted for recorded votes whose source lists no positions.
MISSING_ROLL = "recorded vote without a roll in the source (decision kept, positions missing)"
#: The reason counted for decisions adopted without a vote that the source gives a tally for.
DOCUMENTED_TALLY = "tally given by the source for a decision adopted without a vote (kept as given)"
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_COUNTS = ("yes_count", "no_count", "abstain_count", "non_voting_count")


def latest() -> dt.date:
    """The latest date a source may give: one year after today."""
    return dt.date.today() + dt.timedelta(days=366)


def check_date(day: dt.date, *, column: str, path: Path | str, line: int | None) -> dt.date:
    """``day`` when it lies within :data:`EARLIEST` .. :func:`latest`, else an error naming it."""
    if not EARLIEST <= day <= latest():
        raise InputError(
            f"{column} {day.isoformat()} is out of range",
            path=path,
            line=line,
            expected=f"a date from {EARLIEST.isoformat()} to {latest().isoformat()}",
        )
    return day


def strict_iso(text: str) -> dt.date | None:
    """``text`` as a day when it is exactly ``YYYY-MM-DD`` and a real day, else ``None``.

    >>> strict_iso("2015-12-18"), strict_iso("20151218"), strict_iso("2015-02-30")
    (datetime.date(2015, 12, 18), None, None)
    """
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def iso_date(text: str, *, column: str, path: Path | str, line: int | None) -> dt.date | None:
    """``text`` as an ISO ``YYYY-MM-DD`` date in range, ``None`` when blank.

    >>> iso_date("20151218", column="date", path="x.csv", line=2)
    Traceback (most recent call last):
    ...
    unvotes.errors.InputError: x.csv, line 2: date '20151218' is not a date (expected YYYY-MM-DD)
    """
    value = text.strip()
    if not value:
        return None
    day = strict_iso(value)
    if day is None:
        raise InputError(f"{column} {shown(text)} is not a date", path=path, line=line, expected="YYYY-MM-DD")
    return check_date(day, column=column, path=path, line=line)


def _members(decisions: Sequence[Decision], registry: CountryRegistry) -> dict[dt.date, int]:
    """UN members in the year of each decision's day: the more of those on that day and on 31 December
    (a session straddles admissions; a source may count the states admitted later that year)."""
    days = sorted({d.date for d in decisions if d.date is not None})
    if not days:
        return {}
    on_day = registry.membership(np.array(days, dtype="datetime64[D]")).sum(axis=1)
    year_end = registry.membership(np.array([dt.date(d.year, 12, 31) for d in days], dtype="datetime64[D]")).sum(axis=1)
    return dict(zip(days, (int(n) for n in np.maximum(on_day, year_end)), strict=True))


def _check_tally(decision: Decision, members: int, *, path: Path | str) -> None:
    counts = {name: getattr(decision, name) for name in _COUNTS}
    voted = sum(counts[name] or 0 for name in _COUNTS[:3])
    for name, value in (*counts.items(), ("yes + no + abstain", voted)):
        if value is not None and value > members:
            raise InputError(
                f"{name} {value} is more than the {members} UN members in {decision.year}",
                path=path,
                line=decision.line,
                expected=f"a count from 0 to {members}",
            )


def _check_method(decision: Decision, has_roll: bool, *, path: Path | str, documented: bool) -> bool:
    """Refuse a roll of a vote not recorded, and a tally of an adoption without a vote unless
    ``documented``; True when a documented tally is kept."""
    method = decision.adoption_method
    counted = [name for name in _COUNTS if getattr(decision, name) is not None]
    given = ["positions"] if has_roll and method is not AdoptionMethod.RECORDED_VOTE else []
    if method is AdoptionMethod.WITHOUT_VOTE and not documented:
        given = counted + given
    if given:
        raise InputError(
            f"decision {decision.ref!r} adopted {method.value} carries {', '.join(given)}",
            path=path,
            line=decision.line,
            expected="positions only for a recorded vote, counts only for a vote",
        )
    return method is AdoptionMethod.WITHOUT_VOTE and bool(counted)


def checked(
    batch: SourceBatch, *, path: Path | str, registry: CountryRegistry, documented_tallies: frozenset[str] = frozenset()
) -> SourceBatch:
    """``batch`` after the shared checks on its decisions (read from ``path``), with recorded votes
    that have no positions counted under :data:`MISSING_ROLL`; ``documented_tallies`` holds the refs
    of decisions the source marks as adopted without a vote and yet gives a tally for."""
    members = _members(batch.decisions, registry)
    has_roll = np.zeros(len(batch.decisions), np.bool_)
    has_roll[batch.positions.decision] = True
    kept_tallies = 0
    for i, decision in enumerate(batch.decisions):
        if decision.date is not None:
            check_date(decision.date, column="date", path=path, line=decision.line)
            _check_tally(decision, members[decision.date], path=path)
        documented = decision.ref in documented_tallies
        kept_tallies += _check_method(decision, bool(has_roll[i]), path=path, documented=documented)
    recorded = np.array([d.adoption_method is AdoptionMethod.RECORDED_VOTE for d in batch.decisions], np.bool_)
    missing = int((recorded & ~has_roll).sum()) if len(recorded) else 0
    notes = [SkipCount(reason, n) for reason, n in ((MISSING_ROLL, missing), (DOCUMENTED_TALLY, kept_tallies)) if n]
    return dataclasses.replace(batch, skipped=(*batch.skipped, *notes)) if notes else batch
