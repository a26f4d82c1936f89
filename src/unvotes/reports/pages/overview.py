"""The landing page: how a series was acted on, body by body and year by year, with its context."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

from unvotes import store
from unvotes.analysis import BodyTimeline, RollMatrix, Timeline, series_timeline
from unvotes.errors import NotFoundError
from unvotes.model import AdoptionMethod, Body, DecisionKind, Selection, Vote
from unvotes.reports.pages.common import DEFAULT_SERIES, body_name, countries, sources_table
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.pages.positions import vote_positions_tables
from unvotes.reports.rolls import rolls_of
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import sponsor_coverage_table

__all__ = ["TIMELINE_KINDS", "overview_page"]

#: Texts and the Security Council's procedural votes; amendments and paragraph votes are left out.
TIMELINE_KINDS = (DecisionKind.RESOLUTION, DecisionKind.DRAFT, DecisionKind.PROCEDURAL)

TIMELINE_COLUMNS = (
    "decision_id",
    "body",
    "year",
    "date",
    "symbol",
    "kind",
    "adoption_method",
    "outcome",
    "yes_count",
    "no_count",
    "abstain_count",
    "tally_source",
    "is_adopted",
    "adoption_streak",
    "without_vote_streak",
)


def _cosponsors_table(con: sqlite3.Connection, series: str) -> Table:
    """The number of co-sponsors of each text of the series, as far as it is known, with its coverage."""
    table = sponsor_coverage_table(con, Selection(series=series))
    kinds = {"resolution", "draft"}
    return replace(
        table,
        name="cosponsors",
        title="Co-sponsors year by year",
        rows=tuple(r for r in table.rows if r[table.columns.index("kind")] in kinds),
    )


def series_decisions(con: sqlite3.Connection, series: str) -> list[store.DecisionRecord]:
    """The decisions of a series, in date order."""
    if store.series_row(con, series) is None:
        raise NotFoundError(f"unknown series {series!r}")
    return store.list_decisions(con, Selection(series=series))


def _timeline_table(timeline: Timeline) -> Table:
    entries = sorted(
        (e for body in timeline.bodies for e in body.entries),
        key=lambda e: (e.decision.date or dt.date.min, list(Body).index(e.decision.body), e.decision.decision_id),
    )
    rows: list[tuple[Cell, ...]] = []
    for e in entries:
        d = e.decision
        rows.append(
            (
                d.decision_id,
                d.body.value,
                d.year,
                d.date.isoformat() if d.date else None,
                d.symbol,
                d.kind.value,
                d.adoption_method.value,
                d.outcome.value if d.outcome else None,
                e.tally.yes if e.tally else None,
                e.tally.no if e.tally else None,
                e.tally.abstain if e.tally else None,
                e.tally_source.value if e.tally_source else None,
                e.is_adopted,
                e.adoption_streak,
                e.without_vote_streak,
            )
        )
    return Table(
        name="timeline",
        title="Every text and Security Council vote of the series",
        columns=TIMELINE_COLUMNS,
        rows=tuple(rows),
        notes=(
            f"Tallies: {timeline.tally_rule}.",
            f"Adopted: {timeline.adoption_rule}.",
            "Without a vote means no state asked for a recorded vote; it is not a unanimous yes.",
        ),
    )


def _since(body: BodyTimeline) -> int | None:
    """First year of the current run of adoptions without a vote."""
    n = body.current_without_vote_streak
    return body.entries[-n].decision.year if n else None


def _bodies_table(timeline: Timeline) -> Table:
    rows = tuple(
        (
            b.body.value,
            body_name(b.body.value),
            b.entries[0].decision.year if b.entries else None,
            b.entries[-1].decision.year if b.entries else None,
            len(b.entries),
            b.n_recorded_votes,
            b.n_without_vote,
            b.last_recorded_vote.year if b.last_recorded_vote else None,
            b.current_without_vote_streak,
            _since(b),
            b.longest_without_vote_streak,
        )
        for b in timeline.bodies
    )
    return Table(
        name="bodies",
        title="By body",
        columns=(
            "body",
            "body_name",
            "first_year",
            "last_year",
            "decisions",
            "recorded_votes",
            "without_vote",
            "last_recorded_vote_year",
            "without_vote_streak",
            "without_vote_since",
            "longest_without_vote_streak",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("A streak counts consecutive adoptions without a vote up to the latest decision.",),
    )


def _events_table(con: sqlite3.Connection, series: str) -> Table:
    rows = store.series_events(con, series)
    return Table(
        name="events",
        title="Key events",
        columns=("event_id", "date", "kind", "title", "description", "symbol", "citation"),
        rows=tuple(
            tuple(cell(v) for v in (e.event_id, e.date, e.kind, e.title, e.description, e.symbol, e.citation))
            for e in rows
        ),
        notes=("Dates may be partial (YYYY-MM or YYYY) where the day is not known.",),
    )


def _holders_table(con: sqlite3.Connection, series: str) -> Table:
    names = {code: info.name for code, info in countries(con).items()}
    rows = tuple(
        (
            h.holder_id,
            h.name,
            h.country_code,
            names.get(h.country_code or ""),
            h.mandate,
            h.term_start,
            h.term_end,
            h.appointed_by,
            h.note,
            h.citation,
        )
        for h in store.series_mandate_holders(con, series)
    )
    return Table(
        name="mandate_holders",
        title="Special rapporteurs and the commission of inquiry",
        columns=(
            "holder_id",
            "name",
            "country_code",
            "country_name",
            "mandate",
            "term_start",
            "term_end",
            "appointed_by",
            "note",
            "citation",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("An empty term_end means the holder is serving.",),
    )


def _facts(title: str, decisions: list[store.DecisionRecord], timeline: Timeline) -> tuple[Fact, ...]:
    years = [d.year for d in decisions if d.year is not None]
    facts = [
        Fact("series_title", "Series", title),
        Fact("first_year", "First decision", min(years) if years else None),
        Fact("last_year", "Latest decision", max(years) if years else None),
        Fact("decisions", "Decisions", len(decisions)),
        Fact(
            "recorded_votes",
            "Recorded votes",
            sum(d.adoption_method is AdoptionMethod.RECORDED_VOTE for d in decisions),
        ),
        Fact(
            "without_vote",
            "Adopted without a vote",
            sum(d.adoption_method is AdoptionMethod.WITHOUT_VOTE for d in decisions),
        ),
    ]
    for b in timeline.bodies:
        if b.body in (Body.GA, Body.HRC) and b.current_without_vote_streak:
            facts.append(
                Fact(
                    f"{b.body.value}_without_vote_streak",
                    f"{body_name(b.body.value)}: adopted without a vote in a row since {_since(b)}",
                    b.current_without_vote_streak,
                )
            )
    return tuple(facts)


def _votes(rolls: RollMatrix) -> dict[int, dict[str, Vote]]:
    """Decision id -> state -> its position, on every decision with a roll."""
    out: dict[int, dict[str, Vote]] = {}
    for d, has in zip(rolls.decisions, rolls.has_positions().tolist(), strict=True):
        if has:
            column = ((c, rolls.position(c, d.decision_id)) for c in rolls.countries)
            out[d.decision_id] = {c: v for c, v in column if v is not None}
    return out


def overview_page(con: sqlite3.Connection, series: str = DEFAULT_SERIES) -> Page:
    """The series overview: the timeline, the streaks, key events and mandate holders."""
    info = store.series_row(con, series)
    decisions = series_decisions(con, series)
    assert info is not None
    rolls = rolls_of(con, decisions, sorted(countries(con)))
    timeline = series_timeline(rolls, kinds=TIMELINE_KINDS)
    source_ids = store.sources_of_decisions(con, [d.decision_id for d in decisions])
    source_ids += store.sources_of_context(con, series)
    return Page(
        kind="overview",
        title=info.title,
        description=info.description or "",
        facts=_facts(info.title, decisions, timeline),
        tables=(
            _timeline_table(timeline),
            _bodies_table(timeline),
            _cosponsors_table(con, series),
            _events_table(con, series),
            _holders_table(con, series),
            *vote_positions_tables(con, decisions, _votes(rolls)),
        ),
        sources=sources_table(con, source_ids),
        params=(("series", series),),
    )
