"""How a series moved: adoption year by year, who switched position, consistency along the chain
amendment -> Third Committee -> plenary. Tables built from the store through :mod:`unvotes.analysis`.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence

import numpy as np

from unvotes import store
from unvotes.analysis import (
    DEFAULT_TIMELINE_KINDS,
    ChainStep,
    DecisionInfo,
    PositionChange,
    RollMatrix,
    Switchers,
    compare_positions,
    series_timeline,
    vote_chain,
    year_on_year,
)
from unvotes.errors import NotFoundError
from unvotes.model import VOTE_CODES, Body, DecisionKind, LinkRelation, Selection
from unvotes.reports.analysis import (
    DEFAULT_SERIES,
    country_name,
    decision_label,
    position,
    rounded,
    selection_rolls,
)
from unvotes.reports.rolls import decision_info
from unvotes.reports.table import Cell, Table
from unvotes.reports.tables import resolve_decision

__all__ = ["chain_table", "series_switchers_table", "switchers_table", "timeline_table"]


def timeline_table(con: sqlite3.Connection, series: str = DEFAULT_SERIES, *, body: Body | None = None) -> Table:
    """How a series was adopted, body by body and year by year: method, tally, yes share, streaks."""
    rolls = selection_rolls(con, Selection(series=series, body=body), recorded_only=False)
    timeline = series_timeline(rolls)
    rows: list[tuple[Cell, ...]] = []
    notes = [f"Series {series}; decisions of kinds {', '.join(k.value for k in timeline.kinds)}."]
    for line in timeline.bodies:
        for e in line.entries:
            t = e.tally
            rows.append(
                (
                    line.body.value,
                    e.decision.year,
                    str(e.decision.date) if e.decision.date else None,
                    e.decision.decision_id,
                    e.decision.symbol,
                    e.decision.kind.value,
                    e.decision.adoption_method.value,
                    e.decision.outcome.value if e.decision.outcome else None,
                    *((t.yes, t.no, t.abstain, t.non_voting) if t else (None,) * 4),
                    e.tally_source.value if e.tally_source else None,
                    rounded(e.yes_share),
                    e.is_adopted,
                    e.adoption_streak,
                    e.without_vote_streak,
                )
            )
        first, last = line.first_recorded_vote, line.last_recorded_vote
        span = f" ({first.year}-{last.year})" if first and last else ""
        notes.append(
            f"{line.body.value}: {line.n_recorded_votes} recorded votes{span}, {line.n_without_vote} adoptions "
            f"without a vote; longest run without a vote {line.longest_without_vote_streak} "
            f"(current {line.current_without_vote_streak})."
        )
    notes += [
        f"Tally: {timeline.tally_rule}; yes_share = yes / (yes + no + abstain).",
        f"Adopted: {timeline.adoption_rule}.",
    ]
    columns: tuple[str, ...] = ("body", "year", "date", "decision_id", "symbol", "kind", "adoption_method", "outcome")
    columns += ("yes", "no", "abstain", "non_voting", "tally_source", "yes_share", "is_adopted")
    columns += ("adoption_streak", "without_vote_streak")
    return Table("timeline", f"Timeline of {series}", columns, tuple(rows), tuple(notes))


_SWITCH_COLUMNS = (
    *("before_year", "before_symbol", "after_year", "after_symbol"),
    *("country_code", "country_name", "vote_before", "vote_after", "is_membership_change"),
)


def _moved(change: PositionChange) -> tuple[str | None, str | None, bool]:
    return position(change.before), position(change.after), change.is_membership_change


def _switch_rows(result: Switchers) -> list[tuple[Cell, ...]]:
    b, a = result.before, result.after
    pair = (b.year, decision_label(b), a.year, decision_label(a))
    return [(*pair, c.country_code, country_name(c.country_code), *_moved(c)) for c in result.changes]


def _switch_note(result: Switchers) -> str:
    moves = [
        f"{s} -> {t} {result.count(s, t)}"
        for s in result.states
        for t in result.states
        if s != t and result.count(s, t)
    ]
    b, a = result.before, result.after
    head = f"{decision_label(b)} ({b.year}) -> {decision_label(a)} ({a.year})"
    return f"{head}: {result.n_countries} states, {len(result.changes)} changed ({', '.join(moves) or 'none'})."


def _switchers(title: str, results: Sequence[Switchers], extra: Sequence[str] = ()) -> Table:
    rows = [row for r in results for row in _switch_rows(r)]
    notes = [_switch_note(r) for r in results]
    notes.append("not_member (an empty vote) = not a member that day or no position in the source's roll.")
    return Table("switchers", title, _SWITCH_COLUMNS, tuple(rows), (*notes, *extra))


def switchers_table(con: sqlite3.Connection, before: str, after: str) -> Table:
    """Who changed position between two decisions, each given by symbol or id."""
    infos = [decision_info(resolve_decision(con, before)), decision_info(resolve_decision(con, after))]
    if infos[0].decision_id == infos[1].decision_id:
        raise NotFoundError(f"{before!r} and {after!r} name the same decision")
    long = [(i.decision_id, e.country_code, VOTE_CODES[e.vote]) for i in infos for e in store.roll(con, i.decision_id)]
    ids, codes, votes = zip(*long, strict=True) if long else ((), (), ())
    rolls = RollMatrix.from_long(list(ids), list(codes), list(votes), infos)
    result = _compare(rolls, infos[0].decision_id, infos[1].decision_id)
    return _switchers(f"Switchers from {decision_label(infos[0])} to {decision_label(infos[1])}", [result])


def _compare(rolls: RollMatrix, before_id: int, after_id: int) -> Switchers:
    """:func:`compare_positions` over the states holding a position on either decision."""
    pair = rolls.select(decisions=[before_id, after_id])
    keep = [c for c, has in zip(pair.countries, (pair.votes != 0).any(axis=1), strict=True) if has]
    return compare_positions(pair.select(countries=keep), before_id, after_id)


def _recorded_in(rolls: RollMatrix, body: Body, year: int) -> DecisionInfo:
    present = dict(zip(rolls.decision_ids, rolls.has_positions(), strict=True))
    found = [
        d
        for d in rolls.decisions
        if d.body is body and d.year == year and d.kind in DEFAULT_TIMELINE_KINDS and present[d.decision_id]
    ]
    if len(found) != 1:
        years = sorted({d.year for d in rolls.decisions if d.body is body and present[d.decision_id] and d.year})
        what = "no recorded vote" if not found else f"{len(found)} recorded votes"
        raise NotFoundError(f"{what} of {body.value} in {year}; recorded votes in {', '.join(map(str, years))}")
    return found[0]


def series_switchers_table(
    con: sqlite3.Connection,
    series: str = DEFAULT_SERIES,
    *,
    body: Body = Body.GA,
    year_from: int | None = None,
    year_to: int | None = None,
) -> Table:
    """A body's recorded vote on a series in ``year_from`` against ``year_to``; without years, each
    recorded vote against the previous recorded vote of the same body."""
    rolls = selection_rolls(con, Selection(series=series, body=body))
    which = Body(body)
    if year_from is None and year_to is None:
        pairs = [(s.before, s.after) for s in year_on_year(rolls, which)]
        extra = [f"Each recorded vote of {body} against its previous one; adoptions without a vote are skipped."]
    elif year_from is None or year_to is None:
        raise NotFoundError("give both years (from and to), or neither for every year against the previous vote")
    else:
        pairs, extra = [(_recorded_in(rolls, which, year_from), _recorded_in(rolls, which, year_to))], []
    results = [_compare(rolls, before.decision_id, after.decision_id) for before, after in pairs]
    return _switchers(f"Switchers on {series} ({body})", results, extra)


def _chain_steps(con: sqlite3.Connection, rolls: RollMatrix, series: str) -> list[tuple[DecisionInfo, int | None]]:
    """(decision, the text it amends) in chain order: amendments to the committee draft, the draft,
    amendments to the resolution, the resolution."""
    ids = set(rolls.decision_ids)
    links = [
        (k.from_decision_id, k.to_decision_id, k.relation)
        for k in store.series_links(con, series)
        if k.from_decision_id in ids and k.to_decision_id in ids
    ]
    info = {d.decision_id: d for d in rolls.decisions}
    resolutions = [d for d in rolls.decisions if d.body is Body.GA and d.kind is DecisionKind.RESOLUTION]
    drafts = [info[a] for a, b, r in links if r is LinkRelation.BECAME and b in {d.decision_id for d in resolutions}]
    texts = drafts + resolutions or [d for d in rolls.decisions if d.kind in DEFAULT_TIMELINE_KINDS]
    out: list[tuple[DecisionInfo, int | None]] = []
    for text in sorted(texts, key=lambda d: d.sort_key):
        amendments = [info[a] for a, b, r in links if r is LinkRelation.AMENDS and b == text.decision_id]
        out += [(d, text.decision_id) for d in sorted(amendments, key=lambda d: d.sort_key)]
        out.append((text, None))
    return out


def _supports_text(rolls: RollMatrix, amendment: int, texts: Sequence[int]) -> bool:
    """Whether a yes on the amendment went with a yes on the text: compared with the first of
    ``texts`` that has a roll, more states voting alike on both than differently."""
    a = rolls.column(amendment)
    for text in texts:
        t = rolls.column(text)
        voted = np.isin(a, (1, 3)) & np.isin(t, (1, 3))
        if voted.any():
            return int((a[voted] == t[voted]).sum()) >= int((a[voted] != t[voted]).sum())
    return True


def _step_names(infos: Sequence[DecisionInfo]) -> list[str]:
    """Column names ``{body}_{kind}``, numbered when a name repeats (``c3_amendment_1``, ``_2`` ...)."""
    names = [f"{d.body.value}_{d.kind.value}" for d in infos]
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(f"{name}_{seen[name]}" if names.count(name) > 1 else name)
    return out


def chain_table(con: sqlite3.Connection, year: int, series: str = DEFAULT_SERIES) -> Table:
    """Each state's positions along amendment(s) -> committee draft -> plenary resolution in one year."""
    rolls = selection_rolls(con, Selection(series=series, year_from=year, year_to=year), recorded_only=False)
    chain = _chain_steps(con, rolls, series)
    if not chain:
        raise NotFoundError(f"no committee or plenary decision of {series} in {year}")
    infos = [d for d, _ in chain]
    rolls = rolls.select(decisions=[d.decision_id for d in infos])
    voters = [c for c, has in zip(rolls.countries, (rolls.votes != 0).any(axis=1), strict=True) if has]
    if not voters:
        raise NotFoundError(f"no recorded vote on the chain of {series} in {year}: every step was without a vote")
    rolls = rolls.select(countries=voters)
    texts = [d.decision_id for d in infos if d.kind is not DecisionKind.AMENDMENT]
    steps = [
        ChainStep(d.decision_id, amended is None or _supports_text(rolls, d.decision_id, [amended, *texts]))
        for d, amended in chain
    ]
    result = vote_chain(rolls, steps)
    names = _step_names(infos)
    rows = tuple(
        (r.country_code, country_name(r.country_code), *(position(p) for p in r.positions), r.verdict.value)
        for r in result.rows
    )
    notes = [
        f"{n} = {decision_label(d)} ({d.date}, {d.adoption_method.value}); a yes "
        + ("supports" if s.supports_text else "opposes")
        + " the text"
        for n, d, s in zip(names, infos, steps, strict=True)
    ]
    notes.append("verdicts: " + ", ".join(f"{v.value} {n}" for v, n in result.verdict_counts))
    notes += [
        "consistent = one stance throughout; shifted = between abstention and one side; reversed = for the text on "
        "one step and against it on another; incomplete = fewer than two yes/no/abstain positions.",
        "An amendment opposes the text when, among states voting yes or no on both, more voted differently on the "
        "two than alike.",
    ]
    columns = ("country_code", "country_name", *names, "verdict")
    return Table("chain", f"Chain of {series} in {year}", columns, rows, tuple(notes))
