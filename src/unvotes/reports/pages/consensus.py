"""What states did on a decision taken without a vote, as far as it is known: what sources say of
them, and each state's part for the map (co-sponsor; dissociated or did not join; spoke against;
joined the consensus with no objection recorded), with how complete each list is.

"No objection recorded" is said only of GA and Third Committee decisions, where every UN member
takes part; a Human Rights Council member list is not held, so there the other states are left
without a part.
"""

from __future__ import annotations

import sqlite3

from unvotes import store
from unvotes.model import AdoptionMethod, Body, Coverage, CoveredFact, StatementKind
from unvotes.reports.pages.common import countries
from unvotes.reports.table import Table, cell

__all__ = ["PART_LABELS", "consensus_table", "disassociations_coverage", "statements_table"]

#: Each part a state can have in an adoption without a vote, in the map's order, with its words.
PART_LABELS = {
    "sponsor": "Co-sponsor",
    "dissociated": "Dissociated or did not join",
    "spoke_against": "Spoke against",
    "joined": "Joined the consensus, no objection recorded",
}
_DISSOCIATING = (StatementKind.DISASSOCIATED, StatementKind.DID_NOT_JOIN)
_EVERY_MEMBER = (Body.GA, Body.C3)


def statements_table(con: sqlite3.Connection, decision_id: int) -> Table:
    """What sources say of states' parts in one decision, a secondary source's claim marked."""
    m49 = {code: c.m49 for code, c in countries(con).items()}
    rows = tuple(
        (t.country_code, t.country_name, m49.get(t.country_code), t.statement, t.is_secondary, t.note, t.citation)
        for t in store.statements_of(con, decision_id)
    )
    return Table(
        name="statements",
        title="What sources say of states",
        columns=("country_code", "country_name", "m49", "statement", "is_secondary", "note", "citation"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "One row per state, statement and source kind: sponsored, not_sponsor, disassociated, did_not_join, "
            "spoke_against. A secondary source's claim (is_secondary) is shown, not counted as a fact.",
        ),
    )


def disassociations_coverage(con: sqlite3.Connection, d: store.DecisionRecord) -> str:
    """``n/a`` (not adopted without a vote), ``complete``, ``partial`` or ``unknown``."""
    if d.adoption_method is not AdoptionMethod.WITHOUT_VOTE:
        return "n/a"
    said = {c.coverage for c in store.coverage_of(con, d.decision_id) if c.fact is CoveredFact.DISASSOCIATIONS}
    if Coverage.COMPLETE in said:
        return "complete"
    named = bool(store.disassociations_of(con, d.decision_id)) or any(
        t.statement in _DISSOCIATING and not t.is_secondary for t in store.statements_of(con, d.decision_id)
    )
    return "partial" if named or Coverage.PARTIAL in said else "unknown"


def _member(c: store.CountryRecord, date: str | None) -> bool:
    if date is None or c.un_member_from is None or c.un_member_from > date:
        return False
    return c.un_member_to is None or c.un_member_to >= date


def consensus_table(con: sqlite3.Connection, d: store.DecisionRecord, sponsors: Table) -> Table:
    """Each state's part in an adoption without a vote (no rows for any other decision)."""
    if d.adoption_method is not AdoptionMethod.WITHOUT_VOTE:
        return Table(name="consensus", title="Parts in the consensus", columns=("country_code", "part"), rows=())
    states = countries(con)
    part: dict[str, str] = {str(r["country_code"]): "sponsor" for r in sponsors.records()}
    said = [t for t in store.statements_of(con, d.decision_id) if not t.is_secondary]
    for t in said:
        if t.statement is StatementKind.SPOKE_AGAINST and part.get(t.country_code) is None:
            part[t.country_code] = "spoke_against"
    dissociating = {x.country_code for x in store.disassociations_of(con, d.decision_id)}
    dissociating |= {t.country_code for t in said if t.statement in _DISSOCIATING}
    part.update(dict.fromkeys(dissociating, "dissociated"))
    if d.body in _EVERY_MEMBER:
        for code, c in states.items():
            if code not in part and _member(c, d.date):
                part[code] = "joined"
    order = {p: n for n, p in enumerate(PART_LABELS)}
    rows = sorted(
        ((code, states[code].name, states[code].m49, p) for code, p in part.items() if code in states),
        key=lambda r: (order[r[3]], r[1]),
    )
    return Table(
        name="consensus",
        title="Parts in the consensus",
        columns=("country_code", "country_name", "m49", "part"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "sponsor: named by a list of sponsors (of the text or of the draft it came from) or a source; "
            "dissociated: a source says it dissociated itself or did not join the consensus; spoke_against: a "
            "source says it spoke against the text; joined: a UN member that day of whom no objection is "
            "recorded (GA and Third Committee only).",
        ),
    )
