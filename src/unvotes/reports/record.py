"""A state's record: the one report behind ``unvotes country`` and the country page's ``record``.

The rows are every decision of a selection, each with the state's part in it (its vote in the roll
shown, its sponsorship and disassociation as known, never "no" where the lists are partial, and
what sources say of it) and the position of its
regional group, read from every state's roll.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from unvotes import store
from unvotes.analysis import CountryRecord, RollMatrix, country_record
from unvotes.model import Selection
from unvotes.reports.analysis import rounded
from unvotes.reports.regional import regional_groups
from unvotes.reports.rolls import rolls_of
from unvotes.reports.selection import check_selection
from unvotes.reports.states import known_country, resolve_countries, resolve_country
from unvotes.reports.table import Table, cell

__all__ = [
    "RECORD_COLUMNS",
    "StateRecord",
    "known_country",
    "record_table",
    "resolve_countries",
    "resolve_country",
    "state_record",
]

RECORD_COLUMNS = (
    "decision_id",
    "body",
    "year",
    "date",
    "symbol",
    "kind",
    "adoption_method",
    "vote",
    "reason",
    "is_inferred",
    "sponsorship",
    "disassociated",
    "statements",
    "group_vote",
    "group_share",
    "is_with_group",
    "title",
)


@dataclass(frozen=True, slots=True)
class StateRecord:
    """A state's record over a selection: the store's rows, the analysis of them beside the
    state's group, the table, and the roll matrix of every state over the same decisions."""

    country: store.CountryRecord
    participation: tuple[store.ParticipationRecord, ...]
    record: CountryRecord
    rolls: RollMatrix
    table: Table
    sponsors: dict[int, set[str]]  #: decision id -> the states sponsoring it
    disassociations: dict[int, set[str]]  #: decision id -> the states dissociating from it
    groups: dict[str, str]  #: country code -> regional group, as on the latest decision

    def record_of(self, rolls: RollMatrix) -> CountryRecord:
        """The state's record over other decisions (a subset of :attr:`rolls`), in the same context."""
        return country_record(
            rolls,
            self.country.country_code,
            sponsors=self.sponsors,
            disassociations=self.disassociations,
            groups=self.groups,
        )


def _grouped(pairs: list[tuple[int, str]]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for decision_id, code in pairs:
        out.setdefault(decision_id, set()).add(code)
    return out


def state_record(con: sqlite3.Connection, country_code: str, sel: Selection) -> StateRecord:
    """The record of one state over every decision of ``sel``."""
    check_selection(con, sel)
    country = known_country(con, country_code)
    code = country.country_code
    rows = tuple(store.country_participation(con, code, sel))
    decisions = [r.decision for r in rows]
    ids = [d.decision_id for d in decisions]
    rolls = rolls_of(con, decisions, [c.country_code for c in store.list_countries(con)])
    sponsors = _grouped([(s.decision_id, s.country_code) for s in store.sponsors_of_decisions(con, ids)])
    disassociations = _grouped(store.disassociations_of_decisions(con, ids))
    groups = regional_groups(decisions[-1].date if decisions else None)
    record = country_record(rolls, code, sponsors=sponsors, disassociations=disassociations, groups=groups)
    entry = {e.decision.decision_id: e for e in record.entries}
    table_rows = []
    for r in rows:
        d, e = r.decision, entry[r.decision.decision_id]
        table_rows.append(
            (
                *(d.decision_id, d.body, d.year, d.date, d.symbol, d.kind, d.adoption_method, r.vote, r.reason),
                *(r.is_inferred, r.sponsorship_word, r.disassociation_word, "; ".join(r.statements) or None),
                *(e.group_position, rounded(e.group_share)),
                *(e.is_with_group, d.title),
            )
        )
    table = Table(
        name="record",
        title=f"Record of {code}",
        columns=RECORD_COLUMNS,
        rows=tuple(tuple(cell(v) for v in row) for row in table_rows),
        notes=(
            "sponsorship: initial, additional or sponsor (role not stated) where a list or a source names the "
            "state; no only where the list of sponsors is complete (a DGACM list) or a source says it did not; "
            "else unknown.",
            "disassociated: yes where a source says the state dissociated itself or did not join the consensus; "
            "no only where a complete list leaves it out; n/a for a recorded vote; else unknown (the sources "
            "name some of the states that did, not all).",
            "statements: what sources say of the state (sponsored, not_sponsor, disassociated, did_not_join, "
            "spoke_against); a secondary source's claim is marked so.",
            "An empty vote: no position in the roll (adopted without a vote, not a member of the body, or "
            "not listed by the source).",
            f"group_vote: {record.group_rule}; groups as on the latest decision."
            if record.group
            else "The state is counted with no regional group.",
        ),
    )
    return StateRecord(country, rows, record, rolls, table, sponsors, disassociations, groups)


def record_table(con: sqlite3.Connection, country_code: str, sel: Selection) -> Table:
    """The table of :func:`state_record`."""
    return state_record(con, country_code, sel).table
