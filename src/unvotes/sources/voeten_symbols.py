"""Voeten's ``unres`` as a UN document symbol, where it can be derived with certainty.

What ``unres`` holds changes over time:

* sessions 1-17: ``R/<session>/<number>`` where the number is **not** the resolution number
  (it runs to 1465 in session 1, which adopted resolutions 1-95; it looks like a page
  reference); kept as written;
* sessions 18-30: the continuously numbered resolution ("R/29/3261A"), written as the UN Digital
  Library does, ``A/RES/3261(XXIX)[A]``, when the number is plausible: at most 3541 (the last
  continuously numbered resolution) and below every number Voeten gives a later session (this
  leaves out "R/29/3396", "R/29/3397A-B" and "R/30/3586"); otherwise kept as written;
* sessions 31 and later: ``R/69/188`` -> ``A/RES/69/188``, a part letter as ``A/RES/70/55 A``
  (the DGACM form); ``A/RES/...`` as given; section votes (``R/34/233/IX``), special-session
  codes (``ESS/...``, ``SS/...``) and anything whose session disagrees are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["later_minimums", "un_symbol"]

_LAST_CONTINUOUS_NUMBER = 3541
_ROMAN = (
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_MODERN = re.compile(r"^R/(\d+)/(\d+)(?:([A-Z])|/([A-H]))?$", re.ASCII)
_CONTINUOUS = re.compile(r"^R/(\d+)/(\d{4})([A-Z]?)$", re.ASCII)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def un_symbol(unres: str, session: int | None, later_minimum: int | None = None) -> str | None:
    """The UN symbol for Voeten's ``unres`` where it can be derived with certainty, else ``unres``.

    ``later_minimum`` is the smallest resolution number Voeten gives for any later session 18-30.

    >>> un_symbol("R/69/188", 69), un_symbol("R/70/55A", 70), un_symbol("R/29/3261A", 29)
    ('A/RES/69/188', 'A/RES/70/55 A', 'A/RES/3261(XXIX)[A]')
    >>> un_symbol("R/14/746B", 14)
    'R/14/746B'
    """
    text = unres.strip()
    if not text:
        return None
    if text.startswith("A/RES/") or session is None:
        return text
    modern = _MODERN.match(text)
    if session >= 31 and modern and int(modern[1]) == session:
        letter = modern[3] or modern[4]
        return f"A/RES/{session}/{int(modern[2])}" + (f" {letter}" if letter else "")
    old = _CONTINUOUS.match(text)
    if 18 <= session <= 30 and old and int(old[1]) == session:
        number = int(old[2])
        if number <= _LAST_CONTINUOUS_NUMBER and (later_minimum is None or number < later_minimum):
            return f"A/RES/{number}({_roman(session)})" + (f"[{old[3]}]" if old[3] else "")
    return text


def later_minimums(sessions: Sequence[int | None], unres: Sequence[str]) -> dict[int, int]:
    """For each session 18-30: the smallest continuous number given to any later session."""
    lowest: dict[int, int] = {}
    for session, text in zip(sessions, unres, strict=True):
        old = _CONTINUOUS.match(text.strip())
        if session and 18 <= session <= 30 and old and int(old[1]) == session:
            lowest[session] = min(lowest.get(session, 10**9), int(old[2]))
    out: dict[int, int] = {}
    running: int | None = None
    for session in range(30, 17, -1):
        if running is not None:
            out[session] = running
        if session in lowest:
            running = lowest[session] if running is None else min(running, lowest[session])
    return out
