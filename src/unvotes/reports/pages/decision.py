"""The decision page: the roll and its map data, totals, the chain of votes, sponsors, documents."""

from __future__ import annotations

import sqlite3
from collections import Counter

from unvotes import store
from unvotes.model import METHOD_NAMES, AdoptionMethod, Body, DecisionKind, LinkRelation, SourceKind, Vote
from unvotes.reference.countries import load_territories
from unvotes.reports.pages.common import DEFAULT_SERIES, body_name, countries, sources_table, undocs_url
from unvotes.reports.pages.consensus import consensus_table, disassociations_coverage, statements_table
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.regional import GROUP_NOTE, group_names
from unvotes.reports.table import Cell, Table, cell, plain_date
from unvotes.reports.tables import (
    discrepancies_table,
    find_decision,
    roll_table,
    sponsors_coverage,
    sponsors_known,
    sponsors_table,
)

__all__ = ["POSITIONS", "decision_page", "what_it_did"]

#: The positions of a roll, in display order.
POSITIONS = tuple(v.value for v in Vote)
_STEP = {
    DecisionKind.AMENDMENT: 0,
    DecisionKind.PARAGRAPH: 1,
    DecisionKind.PROCEDURAL: 2,
    DecisionKind.DRAFT: 3,
    DecisionKind.RESOLUTION: 4,
}
_RELATION = {LinkRelation.BECAME: "became", LinkRelation.AMENDS: "amends", LinkRelation.PART_OF: "is part of"}


def _plain(roll: Table) -> list[tuple[str, str, str]]:
    """(country_code, country_name, vote) of each state in a roll table."""
    return [(str(r["country_code"]), str(r["country_name"]), str(r["vote"])) for r in roll.records()]


def _territories_table(con: sqlite3.Connection, roll: Table) -> Table:
    """For each state of the roll that no longer exists, the states on its former territory today
    (to draw its vote on a map of today's borders) and whether they have a position of their own."""
    voting = {str(r["country_code"]) for r in roll.records() if r["vote"]}
    info = countries(con)
    territories = load_territories()
    rows = [
        (former, info[former].name, code, info[code].name, info[code].m49, code in voting)
        for former in sorted(voting & set(territories))
        for code in territories[former]
        if code in info
    ]
    return Table(
        name="territories",
        title="States that no longer exist, on today's map",
        columns=("former_code", "former_name", "country_code", "country_name", "m49", "has_own_position"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "A former state's vote is drawn over today's states on its territory that have no position of their own.",
        ),
    )


def _tally_table(d: store.DecisionRecord, counted: Counter[str]) -> Table:
    official = {"yes": d.yes_count, "no": d.no_count, "abstain": d.abstain_count, "non_voting": d.non_voting_count}
    has_roll = bool(counted)
    rows = []
    without_vote = d.adoption_method is AdoptionMethod.WITHOUT_VOTE and not has_roll
    for position in () if without_vote else POSITIONS:
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
    for position in POSITIONS if plain else ():
        names = [name for _code, name, vote in plain if vote == position]
        rows.append((position, len(names), "; ".join(sorted(names))))
    return Table(
        name="by_position",
        title="The roll by position",
        columns=("vote", "count", "countries"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
    )


def _by_group_table(roll: Table) -> Table:
    counts: dict[str, Counter[str]] = {}
    records = roll.records()
    if any(r["regional_group"] for r in records):  # no groups known that day: no table
        for r in records:
            counts.setdefault(str(r["regional_group"] or "none"), Counter())[str(r["vote"])] += 1
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


def _chain_table(con: sqlite3.Connection, d: store.DecisionRecord) -> tuple[Table, list[int]]:
    """The chain of linked decisions that holds ``d``, and the ids of its decisions."""
    links = store.linked_decisions(con, d.decision_id)
    ids = {d.decision_id} | {k.from_decision_id for k in links} | {k.to_decision_id for k in links}
    decisions = {x.decision_id: x for x in store.decisions_by_ids(con, sorted(ids))}
    relation: dict[int, list[str]] = {}
    for k in links:
        relation.setdefault(k.from_decision_id, []).append(
            f"{_RELATION[k.relation]} {decisions[k.to_decision_id].label}"
        )
    ordered = sorted(decisions.values(), key=lambda x: (x.date or "", _STEP[x.kind], x.decision_id))
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
    ), [x.decision_id for x in ordered]


def _disassociations_table(con: sqlite3.Connection, decision_id: int) -> Table:
    m49 = {code: c.m49 for code, c in countries(con).items()}
    rows = tuple(
        (x.country_code, x.country_name, m49.get(x.country_code), x.is_partial_list, x.note)
        for x in store.disassociations_of(con, decision_id)
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


def _documents_table(d: store.DecisionRecord, chain: Table) -> Table:
    seen: set[str] = set()
    rows: list[tuple[Cell, ...]] = []
    candidates = [("decision", d.symbol), ("draft", d.draft_symbol), ("meeting record", d.meeting_symbol)]
    candidates += [
        ("linked decision", str(r["symbol"])) for r in chain.records() if r["symbol"] and not r["is_this_decision"]
    ]
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


_ACCOUNT_COLUMNS = (
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
)


def _accounts_table(con: sqlite3.Connection, decision_id: int) -> Table:
    return Table(
        name="accounts",
        title="What each source says",
        columns=_ACCOUNT_COLUMNS,
        rows=tuple(
            tuple(cell(getattr(a, c)) for c in _ACCOUNT_COLUMNS) for a in store.decision_accounts(con, decision_id)
        ),
        notes=("priority 1 is preferred; the decision shows the best-ranked account.",),
    )


def what_it_did(description: str | None) -> str | None:
    """The first sentence of a decision's stored description: what it did.

    >>> what_it_did("Would have deleted the paragraphs. Rejected 40-77-50.")
    'Would have deleted the paragraphs.'
    """
    if not description:
        return None
    head, dot, _rest = description.partition(". ")
    sentence = head + "." if dot else description
    return sentence if len(sentence) <= 300 else sentence[:299] + "…"


#: Sources whose description is the meeting record's wording of what was put to the vote, not a
#: summary of what was decided.
_RECORD_WORDING = {SourceKind.VOETEN_2017: "Voeten et al.", SourceKind.VOETEN_2021: "Voeten et al."}


def _what_it_did(con: sqlite3.Connection, decision_id: int) -> Fact:
    """What the decision did, or, where the description is a dataset's wording from the meeting
    record, "The record says: …" with the dataset named."""
    text = what_it_did(store.decision_description(con, decision_id))
    dataset = _RECORD_WORDING.get(store.description_source(con, decision_id) or SourceKind.DOSSIER)
    if text and dataset:
        return Fact("what_it_did", "The record says", f"{text} (as {dataset}'s dataset words it)")
    return Fact("what_it_did", "What it did", text)


def _roll_word(d: store.DecisionRecord, counted: Counter[str]) -> str:
    if counted:
        return "complete"
    if d.adoption_method is AdoptionMethod.WITHOUT_VOTE:
        return "none: adopted without a vote"
    return "not known: no source gives it"


def _facts(
    con: sqlite3.Connection, d: store.DecisionRecord, key: str | None, counted: Counter[str]
) -> tuple[Fact, ...]:
    dissociations = disassociations_coverage(con, d)
    facts = [
        Fact("decision_id", "Decision id", d.decision_id),
        Fact("series_key", "Key in the series", key, shown=False),
        Fact("symbol", "Symbol", d.symbol),
        _what_it_did(con, d.decision_id),
        Fact("draft_symbol", "Draft", d.draft_symbol),
        Fact("meeting_symbol", "Meeting record", d.meeting_symbol),
        Fact("body", "Body", d.body),
        Fact("body_name", "Body name", body_name(d.body), shown=False),
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
        Fact("roll_source_id", "Roll source", d.roll_source_id, shown=False),
        Fact("roll_source", "Roll taken from", _source_file(con, d.roll_source_id)),
        Fact("roll_coverage", "The roll", _roll_word(d, counted)),
        Fact("sponsors_coverage", "The list of sponsors", sponsors_coverage(con, d.decision_id), shown=False),
        Fact("sponsors_known", "Sponsors", sponsors_known(con, d)),
        Fact(
            "disassociations_coverage", "The list of dissociating states", dissociations, shown=dissociations != "n/a"
        ),
    ]
    return tuple(facts)


def _source_file(con: sqlite3.Connection, source_id: int | None) -> str | None:
    """The file a roll was read from, as the page's list of sources names it."""
    if source_id is None:
        return None
    return next((s.file_name for s in store.list_sources(con, [source_id])), None)


#: The day the General Assembly first met (London, 10 January 1946): no vote of it is older.
GA_FIRST_MEETING = "1946-01-10"


def date_caveat(d: store.DecisionRecord) -> str:
    """A sentence when the date a source gives cannot be the day of the vote (before the Assembly
    first met), else nothing. Voeten's data dates some votes of the first session so."""
    if d.date is None or d.date >= GA_FIRST_MEETING or d.body not in (Body.GA, Body.C3):
        return ""
    return (
        f" The date the source gives, {plain_date(d.date)}, is before the General Assembly first met "
        f"({plain_date(GA_FIRST_MEETING)}): it cannot be the day of the vote."
    )


def decision_page(con: sqlite3.Connection, decision_id: int, *, series: str = DEFAULT_SERIES) -> Page:
    """Everything about one decision."""
    d = find_decision(con, decision_id)
    roll = roll_table(con, d).named("roll")
    plain = _plain(roll)
    counted = Counter(vote for _c, _n, vote in plain)
    chain, ids = _chain_table(con, d)
    sponsors = sponsors_table(con, d)
    key = store.series_keys(con, series).get(d.decision_id)
    title = d.title or "Decision"
    return Page(
        kind="decision",
        title=f"{d.label}: {title}",
        description=f"{body_name(d.body)}, {plain_date(d.date) if d.date else d.year}: {d.kind}, "
        f"{METHOD_NAMES[d.adoption_method]}.{date_caveat(d)}",
        facts=_facts(con, d, key, counted),
        tables=(
            roll,
            _territories_table(con, roll),
            _tally_table(d, counted),
            _by_position_table(plain),
            _by_group_table(roll),
            chain,
            sponsors,
            _disassociations_table(con, d.decision_id),
            statements_table(con, d.decision_id),
            consensus_table(con, d, sponsors),
            discrepancies_table(con, decision_id=d.decision_id),
            _documents_table(d, chain),
            _accounts_table(con, d.decision_id),
        ),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        params=(("decision_id", d.decision_id), ("series", series)),
    )
