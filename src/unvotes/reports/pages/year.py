"""The year view: every decision of a year; those of a series side by side, and who switched."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from unvotes import store
from unvotes.analysis import RollMatrix, Switchers, compare_positions
from unvotes.errors import NotFoundError
from unvotes.model import AdoptionMethod, Body, DecisionKind, Selection, SortOrder
from unvotes.reports.pages.common import DEFAULT_SERIES, countries, sources_table
from unvotes.reports.pages.cosponsors import consensus_side_by_side, sponsor_changes
from unvotes.reports.pages.overview import TIMELINE_KINDS, series_decisions
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.rolls import rolls_of
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import decision_table
from unvotes.store import DecisionRecord

__all__ = ["year_page"]

_ORDER = {Body.CHR: 0, Body.HRC: 1, Body.C3: 2, Body.GA: 3, Body.SC: 4}
_STEP = {
    DecisionKind.AMENDMENT: 0,
    DecisionKind.PARAGRAPH: 1,
    DecisionKind.PROCEDURAL: 2,
    DecisionKind.DRAFT: 3,
    DecisionKind.RESOLUTION: 4,
}


def _key(keys: dict[int, str], d: DecisionRecord) -> str:
    return keys.get(d.decision_id, f"d{d.decision_id}")


def _comparisons(
    decisions: list[DecisionRecord], year: int, has_roll: set[int]
) -> list[tuple[DecisionRecord, DecisionRecord]]:
    """(before, after) pairs: each body's previous recorded vote against this year's, and the
    Third Committee's draft against the plenary resolution of the same year."""
    voted = [d for d in decisions if d.decision_id in has_roll and d.kind in TIMELINE_KINDS]
    pairs = []
    for d in (x for x in voted if x.year == year):
        earlier = [x for x in voted if x.body == d.body and (x.date or "") < (d.date or "")]
        if earlier:
            pairs.append((earlier[-1], d))
    this_year = [d for d in voted if d.year == year]
    for c3 in (d for d in this_year if d.body is Body.C3 and d.kind is DecisionKind.DRAFT):
        for ga in (d for d in this_year if d.body is Body.GA and d.kind is DecisionKind.RESOLUTION):
            pairs.append((c3, ga))
    return pairs


def _sponsor_pairs(decisions: list[DecisionRecord], year: int) -> list[tuple[DecisionRecord, DecisionRecord]]:
    """(before, after): each of this year's texts against the same body's text of the previous year."""
    texts = [d for d in decisions if d.kind in TIMELINE_KINDS and d.body is not Body.SC]
    pairs = []
    for d in (x for x in texts if x.year == year):
        earlier = [x for x in texts if x.body == d.body and x.kind == d.kind and x.year == year - 1]
        if earlier:
            pairs.append((earlier[-1], d))
    return pairs


def _switch_tables(
    rolls: RollMatrix,
    pairs: list[tuple[DecisionRecord, DecisionRecord]],
    keys: dict[int, str],
    names: dict[str, str],
) -> tuple[Table, Table]:
    changes: list[tuple[Cell, ...]] = []
    cells: list[tuple[Cell, ...]] = []
    for before, after in pairs:
        result: Switchers = compare_positions(rolls, before.decision_id, after.decision_id)
        label = (_key(keys, before), _key(keys, after))
        for c in sorted(result.changes, key=lambda c: (c.is_membership_change, c.country_code)):
            if c.before is None and c.after is None:
                continue
            changes.append(
                (
                    *label,
                    c.country_code,
                    names.get(c.country_code),
                    c.before.value if c.before else None,
                    c.after.value if c.after else None,
                    c.is_membership_change,
                )
            )
        for i, a in enumerate(result.states):
            for j, b in enumerate(result.states):
                if result.transitions[i][j]:
                    cells.append((*label, a, b, result.transitions[i][j]))
    switchers = Table(
        name="switchers",
        title="Who changed position",
        columns=("from_key", "to_key", "country_code", "country_name", "from_vote", "to_vote", "is_membership_change"),
        rows=tuple(changes),
        notes=(
            "Each recorded vote against the same body's previous recorded vote, and the Third Committee's "
            "draft against the plenary resolution; an empty vote means no position in the roll.",
        ),
    )
    transitions = Table(
        name="transitions",
        title="Transitions between positions",
        columns=("from_key", "to_key", "from_state", "to_state", "countries"),
        rows=tuple(cells),
        notes=("not_member: no position in that roll (not a member, or not listed by the source).",),
    )
    return switchers, transitions


def _positions_table(
    rolls: RollMatrix, shown: list[DecisionRecord], keys: dict[int, str], info: dict[str, store.CountryRecord]
) -> Table:
    columns = [_key(keys, d) for d in shown]
    rows = []
    for code in rolls.countries:
        votes = [rolls.position(code, d.decision_id) for d in shown]
        if any(v is not None for v in votes):
            rows.append((code, info[code].name, info[code].m49, *(v.value if v else None for v in votes)))
    return Table(
        name="positions",
        title="Side by side",
        columns=("country_code", "country_name", "m49", *columns),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("One column per recorded vote of the year, named by its key in the series (see 'decisions').",),
    )


def year_page(con: sqlite3.Connection, year: int, *, series: str = DEFAULT_SERIES) -> Page:
    """Every decision of ``year`` in the database; those of ``series`` side by side, with the
    switchers (the series' tables are empty in a year it has no decision)."""
    decisions = series_decisions(con, series)
    every = store.list_decisions(con, Selection(year_from=year, year_to=year, sort=SortOrder.DATE))
    years = store.decision_years(con)
    if not every:
        span = f"{years[0]}-{years[-1]}" if years else "none"
        raise NotFoundError(f"no decision of series {series!r} in {year}, nor any other (years: {span})")
    this_year = sorted(
        (d for d in decisions if d.year == year),
        key=lambda d: (_ORDER[d.body], d.date or "", _STEP[d.kind], d.decision_id),
    )
    keys = store.series_keys(con, series)
    info = countries(con)
    names = {code: c.name for code, c in info.items()}
    rolls = rolls_of(con, decisions, sorted(info))
    has_roll = {d.decision_id for d, present in zip(rolls.decisions, rolls.has_positions(), strict=True) if present}
    shown = [d for d in this_year if d.decision_id in has_roll]
    pairs = _comparisons(decisions, year, has_roll)
    switchers, transitions = _switch_tables(rolls, pairs, keys, names)
    listing = decision_table("decisions", f"Decisions of {year}", this_year)
    listing = replace(
        listing,
        columns=("key", *listing.columns),
        rows=tuple((_key(keys, d), *row) for d, row in zip(this_year, listing.rows, strict=True)),
    )
    listing_all = decision_table("every_decision", f"Every decision of {year} in the database", every)
    earlier = [y for y in years if y < year]
    later = [y for y in years if y > year]
    ids = sorted({d.decision_id for d in [*this_year, *every]} | {d.decision_id for pair in pairs for d in pair})
    return Page(
        kind="year",
        title=f"{year}",
        description=f"Every decision of {year}; those of the series side by side.",
        facts=(
            Fact("year", "Year", year),
            Fact("all_decisions", "Decisions in the database", len(every)),
            Fact("decisions", "Decisions of the series", len(this_year)),
            Fact("recorded_votes", "Recorded votes", len(shown)),
            Fact(
                "without_vote",
                "Adopted without a vote",
                sum(d.adoption_method is AdoptionMethod.WITHOUT_VOTE for d in this_year),
            ),
            Fact("previous_year", "Previous year", earlier[-1] if earlier else None),
            Fact("next_year", "Next year", later[0] if later else None),
        ),
        tables=(
            listing,
            _positions_table(rolls, shown, keys, info),
            switchers,
            transitions,
            consensus_side_by_side(con, this_year, keys),
            sponsor_changes(con, _sponsor_pairs(decisions, year), keys, names),
            listing_all,
        ),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        params=(("year", year), ("series", series)),
    )
