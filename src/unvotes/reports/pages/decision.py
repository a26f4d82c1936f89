"""The decision page: the roll and its map data, totals, the chain of votes, sponsors, documents."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping

from unvotes import store
from unvotes.errors import NotFoundError
from unvotes.model import Vote
from unvotes.reports.pages.common import (
    DEFAULT_SERIES,
    DecisionRow,
    body_name,
    countries,
    sources_table,
    undocs_url,
)
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.pages.regional import GROUP_NOTE, group_names, regional_groups
from unvotes.reports.table import Cell, Table, cell

__all__ = ["POSITIONS", "decision_page", "find_decision"]

#: The positions of a roll, in display order.
POSITIONS = tuple(v.value for v in Vote)
_STEP = {"amendment": 0, "paragraph": 1, "procedural": 2, "draft": 3, "resolution": 4}
_RELATION = {"became": "became", "amends": "amends", "part_of": "is part of"}


def find_decision(con: sqlite3.Connection, decision_id: int) -> DecisionRow:
    row = store.decision_by_id(con, decision_id)
    if row is None:
        raise NotFoundError(f"no decision with id {decision_id}")
    return DecisionRow.of(row)


def _roll_table(
    con: sqlite3.Connection, decision_id: int, groups: Mapping[str, str] | None
) -> tuple[Table, list[tuple[str, str, str]]]:
    info = countries(con)
    rows = []
    plain = []
    for code, name, vote, reason, inferred in store.roll(con, decision_id):
        group = groups.get(code) if groups else None
        m49 = info[code].m49 if code in info else None
        rows.append((code, name, m49, vote, reason, bool(inferred), group))
        plain.append((code, name, vote))
    table = Table(
        name="roll",
        title="How each state voted",
        columns=("country_code", "country_name", "m49", "vote", "reason", "is_inferred", "regional_group"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "The roll of the source named in the facts; is_inferred marks members the source does not list.",
            GROUP_NOTE,
        ),
    )
    return table, plain


def _tally_table(d: DecisionRow, counted: Counter[str]) -> Table:
    official = {"yes": d.yes_count, "no": d.no_count, "abstain": d.abstain_count, "non_voting": d.non_voting_count}
    has_roll = bool(counted)
    rows = []
    for position in POSITIONS:
        count = counted.get(position, 0) if has_roll else None
        given = official[position]
        diff = count - given if count is not None and given is not None else None
        rows.append((position, given, count, diff))
    return Table(
        name="tally",
        title="Official and counted totals",
        columns=("vote", "official", "counted", "difference"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("official: the totals announced; counted: the positions in the roll shown.",),
    )


def _by_position_table(plain: list[tuple[str, str, str]]) -> Table:
    rows = []
    for position in POSITIONS:
        names = [name for _code, name, vote in plain if vote == position]
        rows.append((position, len(names), "; ".join(sorted(names))))
    return Table(
        name="by_position",
        title="The roll by position",
        columns=("vote", "count", "countries"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
    )


def _by_group_table(plain: list[tuple[str, str, str]], groups: Mapping[str, str] | None) -> Table:
    counts: dict[str, Counter[str]] = {}
    if groups:
        for code, _name, vote in plain:
            counts.setdefault(groups.get(code, "none"), Counter())[vote] += 1
    names = group_names()
    rows = tuple(
        (group, names.get(group), *(c.get(p, 0) for p in POSITIONS), sum(c.values()))
        for group, c in sorted(counts.items())
    )
    return Table(
        name="by_group",
        title="The roll by regional group",
        columns=("regional_group", "group_name", *POSITIONS, "members"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(GROUP_NOTE, "none: a state counted with no regional group that day."),
    )


def _chain_table(con: sqlite3.Connection, d: DecisionRow) -> Table:
    links = store.linked_decisions(con, d.decision_id)
    ids = {d.decision_id} | {a for a, _b, _r, _s in links} | {b for _a, b, _r, _s in links}
    decisions = {x.decision_id: x for x in (DecisionRow.of(r) for r in store.decisions_by_ids(con, sorted(ids)))}
    relation: dict[int, list[str]] = {}
    for a, b, rel, _source in links:
        relation.setdefault(a, []).append(f"{_RELATION.get(rel, rel)} {decisions[b].label}")
    ordered = sorted(decisions.values(), key=lambda x: (x.date or "", _STEP.get(x.kind, 9), x.decision_id))
    rows = tuple(
        (
            x.decision_id,
            x.decision_id == d.decision_id,
            x.body,
            x.date,
            x.symbol,
            x.kind,
            "; ".join(relation.get(x.decision_id, [])) or None,
            x.adoption_method,
            x.outcome,
            x.yes_count,
            x.no_count,
            x.abstain_count,
            undocs_url(x.symbol),
        )
        for x in ordered
    )
    return Table(
        name="chain",
        title="The chain: draft, amendments, committee and plenary",
        columns=(
            "decision_id",
            "is_this_decision",
            "body",
            "date",
            "symbol",
            "kind",
            "relation",
            "adoption_method",
            "outcome",
            "yes_count",
            "no_count",
            "abstain_count",
            "url",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=() if links else ("No linked decisions are recorded.",),
    )


def _sponsors_table(con: sqlite3.Connection, decision_id: int) -> Table:
    m49 = {code: c.m49 for code, c in countries(con).items()}
    rows = tuple((r[0], r[1], m49.get(r[0]), r[2], r[4]) for r in store.sponsors(con, decision_id))
    return Table(
        name="sponsors",
        title="Sponsors",
        columns=("country_code", "country_name", "m49", "role", "note"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=() if rows else ("No sponsors recorded for this decision.",),
    )


def _disassociations_table(con: sqlite3.Connection, decision_id: int) -> Table:
    m49 = {code: c.m49 for code, c in countries(con).items()}
    rows = tuple(
        (code, name, m49.get(code), partial, note)
        for code, name, partial, note, _s in store.disassociations_of(con, decision_id)
    )
    return Table(
        name="disassociations",
        title="Disassociations",
        columns=("country_code", "country_name", "m49", "is_partial_list", "note"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "A state that dissociated itself from an adoption without a vote: a statement, not a vote.",
            *(() if rows else ("None recorded for this decision.",)),
        ),
    )


def _discrepancies_table(con: sqlite3.Connection, decision_id: int) -> Table:
    rows = tuple((r[4], r[5], r[6], r[7]) for r in store.list_discrepancies(con, decision_id=decision_id))
    return Table(
        name="discrepancies",
        title="Findings: totals against the roll, sources that disagree",
        columns=("kind", "detail", "is_acknowledged", "explanation"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=() if rows else ("The roll matches the official totals and the sources agree.",),
    )


def _documents_table(d: DecisionRow, chain: Table) -> Table:
    seen: set[str] = set()
    rows: list[tuple[Cell, ...]] = []
    candidates = [("decision", d.symbol), ("draft", d.draft_symbol), ("meeting record", d.meeting_symbol)]
    candidates += [("linked decision", str(r[4])) for r in chain.rows if r[4] and not r[1]]
    for label, symbol in candidates:
        if symbol and symbol not in seen:
            seen.add(symbol)
            rows.append((label, symbol, undocs_url(symbol)))
    return Table(
        name="documents",
        title="UN documents",
        columns=("document", "symbol", "url"),
        rows=tuple(rows),
        notes=("Links open the UN Official Document System (undocs.org).",),
    )


def _accounts_table(con: sqlite3.Connection, decision_id: int) -> Table:
    rows = tuple(
        (r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12])
        for r in store.decision_accounts(con, decision_id)
    )
    return Table(
        name="accounts",
        title="What each source says",
        columns=(
            "source_id",
            "kind",
            "file_name",
            "source_ref",
            "priority",
            "line",
            "adoption_method",
            "yes_count",
            "no_count",
            "abstain_count",
            "non_voting_count",
            "url",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("priority 1 is preferred; the decision shows the best-ranked account.",),
    )


def _facts(d: DecisionRow, key: str | None, counted: Counter[str]) -> tuple[Fact, ...]:
    facts = [
        Fact("decision_id", "Decision id", d.decision_id),
        Fact("series_key", "Key in the series", key),
        Fact("symbol", "Symbol", d.symbol),
        Fact("draft_symbol", "Draft", d.draft_symbol),
        Fact("meeting_symbol", "Meeting record", d.meeting_symbol),
        Fact("body", "Body", d.body),
        Fact("body_name", "Body name", body_name(d.body)),
        Fact("kind", "Kind", d.kind),
        Fact("date", "Date", d.date),
        Fact("year", "Year", d.year),
        Fact("adoption_method", "Adoption", d.adoption_method),
        Fact("outcome", "Outcome", d.outcome),
        Fact("yes_count", "Yes (official)", d.yes_count),
        Fact("no_count", "No (official)", d.no_count),
        Fact("abstain_count", "Abstain (official)", d.abstain_count),
        Fact("non_voting_count", "Non-voting (official)", d.non_voting_count),
        Fact("has_roll", "Roll recorded", bool(counted)),
        Fact("roll_source_id", "Roll source", d.roll_source_id),
    ]
    return tuple(facts)


def decision_page(con: sqlite3.Connection, decision_id: int, *, series: str = DEFAULT_SERIES) -> Page:
    """Everything about one decision."""
    d = find_decision(con, decision_id)
    groups = regional_groups(d.date)
    roll, plain = _roll_table(con, d.decision_id, groups)
    counted = Counter(vote for _c, _n, vote in plain)
    chain = _chain_table(con, d)
    key = store.series_keys(con, series).get(d.decision_id)
    ids = [int(str(r[0])) for r in chain.rows]
    title = d.title or "Decision"
    return Page(
        kind="decision",
        title=f"{d.label}: {title}",
        description=f"{body_name(d.body)}, {d.date or d.year}: {d.kind}, {d.adoption_method.replace('_', ' ')}.",
        facts=_facts(d, key, counted),
        tables=(
            roll,
            _tally_table(d, counted),
            _by_position_table(plain),
            _by_group_table(plain, groups),
            chain,
            _sponsors_table(con, d.decision_id),
            _disassociations_table(con, d.decision_id),
            _discrepancies_table(con, d.decision_id),
            _documents_table(d, chain),
            _accounts_table(con, d.decision_id),
        ),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        params=(("decision_id", d.decision_id), ("series", series)),
    )
