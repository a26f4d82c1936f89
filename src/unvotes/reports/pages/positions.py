"""Stored positions per year on the pages: a state's path beside another state and its regional
group's median (the country page), and each recorded vote of a series against the voters'
human-rights positions that year (the series page). Both read runs stored by ``unvotes estimate``
(:mod:`unvotes.reports.positions`) and say so in one sentence when there are none.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from unvotes import store
from unvotes.model import AdoptionMethod, Selection, Vote
from unvotes.reports.analysis import rounded
from unvotes.reports.pages.common import countries, sources_table
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.positions import run_citation, stored_ideal_points_table, stored_run
from unvotes.reports.record import known_country
from unvotes.reports.regional import group_names, regional_groups
from unvotes.reports.table import Table, cell

__all__ = [
    "NONE_STORED",
    "estimates_page",
    "positions_run",
    "state_positions_table",
    "vote_positions_tables",
]

NONE_STORED = "No positions per year are stored in this database: run 'unvotes estimate' to fit them."
#: The scopes a state's page shows, the broadest first.
STATE_SCOPES = ("ga-all", "ga-topic-hr", "dprk-human-rights")
#: The normal quantile of a two-sided 90% interval.
Z90 = 1.6449
_INTERVAL = "lower_90 and upper_90: ideal_point ∓ 1.645 std_error, a 90% interval."

_STATE_COLUMNS = (
    "line_kind",
    "country_code",
    "country_name",
    "year",
    "ideal_point",
    "std_error",
    "lower_90",
    "upper_90",
    "n_votes",
    "n_states",
)


def positions_run(con: sqlite3.Connection, scopes: Sequence[str] = STATE_SCOPES) -> store.EstimateRunRecord | None:
    """The stored run of the first of ``scopes`` that has one."""
    runs = {r.scope: r for r in store.estimate_runs(con)}
    return next((runs[s] for s in scopes if s in runs), None)


def _state_rows(line: str, name: str, estimates: list[store.EstimateRecord]) -> list[tuple[object, ...]]:
    return [
        (
            line,
            e.country_code,
            name,
            e.year,
            rounded(e.ideal_point),
            rounded(e.std_error),
            rounded(e.ideal_point - Z90 * e.std_error),
            rounded(e.ideal_point + Z90 * e.std_error),
            e.n_votes,
            None,
        )
        for e in estimates
    ]


@cache
def _groups_in(year: int) -> dict[str, str]:
    """State -> its regional group on 1 July of ``year`` (read once per year and process)."""
    return regional_groups(f"{year}-07-01")


def _median_rows(code: str, every: list[store.EstimateRecord]) -> list[tuple[object, ...]]:
    """Per year of the state: the median position of the states counted with its regional group
    that year (1 July), and how many there were."""
    by_year: dict[int, dict[str, float]] = defaultdict(dict)
    for e in every:
        by_year[e.year][e.country_code] = e.ideal_point
    names = group_names()
    rows: list[tuple[object, ...]] = []
    for year in sorted(y for y, points in by_year.items() if code in points):
        groups = _groups_in(year)
        group = groups.get(code)
        points = [p for c, p in by_year[year].items() if groups.get(c) == group] if group else []
        if points:
            median = rounded(statistics.median(points))
            name = f"{names.get(group or '', group)} (median)"
            rows.append(("group_median", group, name, year, median, None, None, None, None, len(points)))
    return rows


def state_positions_table(con: sqlite3.Connection, country_code: str, other: str | None) -> Table:
    """A state's stored position per year with its 90% interval, the same of ``other`` (when
    given) and the median of its regional group, one line each (``line``: state, with,
    group_median), from the broadest stored scope."""
    run = positions_run(con)
    title = "Position per year (model estimate)"
    if run is None:
        return Table("positions_per_year", title, _STATE_COLUMNS, (), (NONE_STORED,))
    every = store.estimates_of(con, run.run_id)
    names = {c: i.name for c, i in countries(con).items()}
    rows = _state_rows(
        "state", names.get(country_code, country_code), [e for e in every if e.country_code == country_code]
    )
    if other is not None:
        rows += _state_rows("with", names.get(other, other), [e for e in every if e.country_code == other])
    rows += _median_rows(country_code, every)
    notes = (
        *run_citation(run),
        _INTERVAL,
        "group_median: the median position of the states counted with the state's regional group that year "
        "(n_states of them); a state with no line here has no estimate in this scope.",
    )
    return Table("positions_per_year", title, _STATE_COLUMNS, tuple(tuple(cell(v) for v in r) for r in rows), notes)


_VOTES = (Vote.YES, Vote.ABSTAIN, Vote.NO)
_VOTE_COLUMNS = ("decision_id", "country_code", "vote", "ideal_point", "std_error")
_SUMMARY_COLUMNS = (
    "decision_id",
    "body",
    "year",
    "symbol",
    "scope",
    "yes_placed",
    "yes_median",
    "abstain_placed",
    "abstain_median",
    "no_placed",
    "no_median",
    "not_placed",
)
#: The scope a vote's positions are read from: human rights in the General Assembly where it
#: covers the year, else the series' own recorded votes.
VOTE_SCOPES = ("ga-topic-hr", "dprk-human-rights")


@dataclass(frozen=True, slots=True)
class _Stored:
    run: store.EstimateRunRecord
    points: dict[tuple[str, int], store.EstimateRecord]
    years: frozenset[int]


def _stored(con: sqlite3.Connection) -> dict[str, _Stored]:
    """The stored runs of :data:`VOTE_SCOPES`, with their estimates by (state, year)."""
    out: dict[str, _Stored] = {}
    for run in store.estimate_runs(con):
        if run.scope in VOTE_SCOPES:
            points = {(e.country_code, e.year): e for e in store.estimates_of(con, run.run_id)}
            out[run.scope] = _Stored(run, points, frozenset(y for _c, y in points))
    return out


def _median(values: list[float]) -> float | None:
    return rounded(statistics.median(values)) if values else None


def _scope_of(stored: Mapping[str, _Stored], year: int) -> str | None:
    return next((s for s in VOTE_SCOPES if s in stored and year in stored[s].years), None)


def _one_vote(
    d: store.DecisionRecord, voters: Mapping[str, Vote], stored: Mapping[str, _Stored]
) -> tuple[list[tuple[object, ...]], tuple[object, ...]]:
    """The rows of one vote: each voting state with its position, and the vote's summary."""
    year = d.year or 0
    scope = _scope_of(stored, year)
    points = stored[scope].points if scope else {}
    placed: dict[Vote, list[float]] = {v: [] for v in _VOTES}
    rows: list[tuple[object, ...]] = []
    for code, vote in sorted(voters.items()):
        if vote not in _VOTES:
            continue
        e = points.get((code, year))
        if e is not None:
            placed[vote].append(e.ideal_point)
        point = (rounded(e.ideal_point), rounded(e.std_error)) if e else (None, None)
        rows.append((d.decision_id, code, vote.value, *point))
    not_placed = len(rows) - sum(len(p) for p in placed.values())
    medians = (x for v in _VOTES for x in (len(placed[v]), _median(placed[v])))
    summary = (d.decision_id, d.body.value, d.year, d.symbol, scope, *medians, not_placed)
    return rows, summary


def vote_positions_tables(
    con: sqlite3.Connection, decisions: Sequence[store.DecisionRecord], votes: Mapping[int, Mapping[str, Vote]]
) -> tuple[Table, Table]:
    """For each recorded vote of ``decisions`` (``votes``: decision id -> state -> position), the
    voting states' human-rights positions that year: every state (``vote_positions``) and the
    median position of those voting yes, abstaining and voting no (``vote_positions_summary``)."""
    stored = _stored(con)
    title, summary_title = "Human-rights position and vote (model estimate)", "Does position predict the vote?"
    if not stored:
        return (
            Table("vote_positions", title, _VOTE_COLUMNS, (), (NONE_STORED,)),
            Table("vote_positions_summary", summary_title, _SUMMARY_COLUMNS, (), (NONE_STORED,)),
        )
    rows: list[tuple[object, ...]] = []
    summary: list[tuple[object, ...]] = []
    for d in decisions:
        if d.adoption_method is AdoptionMethod.RECORDED_VOTE and votes.get(d.decision_id):
            voted, line = _one_vote(d, votes[d.decision_id], stored)
            rows += voted
            summary.append(line)
    cited = [f"Scope {scope}: " + " ".join(run_citation(s.run)) for scope, s in sorted(stored.items())]
    notes = (
        "Each voting state placed by its position that year: scope ga-topic-hr (GA recorded votes on human rights) "
        "where it is stored and covers the year, else dprk-human-rights (the series' own recorded votes).",
        "not_placed: states that voted but have no position that year in the scope (counted, not guessed). "
        "vote_positions holds every voting state, by decision_id (its body, year, symbol and scope are in "
        "vote_positions_summary).",
        *cited,
    )
    return (
        Table("vote_positions", title, _VOTE_COLUMNS, tuple(tuple(cell(v) for v in r) for r in rows), notes),
        Table(
            "vote_positions_summary",
            summary_title,
            _SUMMARY_COLUMNS,
            tuple(tuple(cell(v) for v in r) for r in summary),
            notes,
        ),
    )


def estimates_page(con: sqlite3.Connection, scope: str, country_code: str | None = None) -> Page:
    """A stored run of ``scope``: what made it, and its estimates (of one state, when given)."""
    run = stored_run(con, scope)
    code = known_country(con, country_code).country_code if country_code else None
    table = stored_ideal_points_table(con, Selection(), scope=scope, country_code=code)
    facts = (
        Fact("scope", "Scope", run.scope),
        Fact("model", "Model", run.model),
        Fact("run_id", "Run", run.run_id),
        Fact("created", "Made", run.created),
        Fact("selection", "Votes fitted", run.selection),
        Fact("parameters", "Parameters", run.parameters),
        Fact("n_decisions", "Recorded votes used", run.n_decisions),
        Fact("n_state_years", "State-years", run.n_state_years),
        Fact("iterations", "Sweeps", run.iterations),
        Fact("is_converged", "Converged", run.is_converged),
        Fact("is_warm_start", "Warm start", run.is_warm_start),
        Fact("country_code", "State", code),
    )
    return Page(
        kind="estimates",
        title=f"Positions per year: {run.scope}" + (f", {code}" if code else ""),
        description=f"Model estimates, not records: {run.selection}.",
        facts=facts,
        tables=(table,),
        sources=sources_table(con, None),
        params=(("scope", run.scope), ("country_code", code)),
    )
