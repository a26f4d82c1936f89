"""The country page: a state's record over a series, beside a reference state and its group."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping

from unvotes import store
from unvotes.analysis import AgreementMethod, RollMatrix, agreement_definition, agreement_with
from unvotes.model import Body, DecisionKind, Selection, Vote
from unvotes.reference.countries import NEIGHBOURS_SOURCE, load_neighbours
from unvotes.reports.analysis import rounded
from unvotes.reports.pages.common import DEFAULT_SERIES, countries, sources_table
from unvotes.reports.pages.overview import series_decisions
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.pages.positions import state_positions_table
from unvotes.reports.record import StateRecord, known_country, state_record
from unvotes.reports.table import Cell, Table, cell

__all__ = ["AGREEMENT_METHOD", "country_page", "default_reference"]

AGREEMENT_METHOD = AgreementMethod.VOETEN


def default_reference(country_code: str) -> str:
    """The state a record is compared with unless another is chosen: the DPRK (or, for the DPRK, the ROK)."""
    return "KOR" if country_code == "PRK" else "PRK"


def _of_body(rolls: RollMatrix, body: Body) -> RollMatrix:
    return rolls.select(decisions=lambda d: d.body is body)


def _neighbours_table(rolls: RollMatrix, code: str, every: Mapping[str, store.CountryRecord]) -> Table:
    """The positions of the state and of its neighbours on every decision with a roll."""
    near = [c for c in load_neighbours().get(code, ()) if c in every]
    shown = [code, *near]
    with_roll = rolls.has_positions()
    rows = []
    for d, has_roll in zip(rolls.decisions, with_roll.tolist(), strict=True):
        if not has_roll:
            continue
        for c in shown:
            position = rolls.position(c, d.decision_id) if c in rolls.countries else None
            rows.append(
                (
                    d.decision_id,
                    d.body.value,
                    d.year,
                    d.symbol,
                    d.kind.value,
                    c,
                    every[c].name,
                    every[c].m49,
                    c != code,
                    position.value if position else None,
                )
            )
    notes = (
        f"Neighbours: {NEIGHBOURS_SOURCE}.",
        "An empty vote: no position in the roll (not a member of the body, or not listed by the source).",
    )
    return Table(
        name="neighbours",
        title="Beside its neighbours",
        columns=(
            "decision_id",
            "body",
            "year",
            "symbol",
            "kind",
            "country_code",
            "country_name",
            "m49",
            "is_neighbour",
            "vote",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows) if near else (),
        notes=notes if near else (f"No state shares a land boundary with {every[code].name} ({NEIGHBOURS_SOURCE}).",),
    )


def _by_body_table(state: StateRecord) -> Table:
    rows = []
    for body in Body:
        subset = _of_body(state.rolls, body)
        if not subset.n_decisions:
            continue
        s = state.record_of(subset).summary
        rows.append(
            (
                body.value,
                s.decisions,
                s.yes,
                s.no,
                s.abstain,
                s.non_voting,
                s.no_position,
                s.without_vote,
                s.sponsored,
                s.disassociated,
            )
        )
    return Table(
        name="by_body",
        title="By body",
        columns=(
            "body",
            "decisions",
            "yes",
            "no",
            "abstain",
            "non_voting",
            "no_position",
            "without_vote",
            "sponsored",
            "disassociated",
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
    )


def _recorded(rolls: RollMatrix) -> RollMatrix:
    present = set(d.decision_id for d, has in zip(rolls.decisions, rolls.has_positions(), strict=True) if has)
    return rolls.select(decisions=lambda d: d.decision_id in present)


def _agreement_tables(
    rolls: RollMatrix, code: str, reference: str, names: Mapping[str, str]
) -> tuple[Table, Table, float | None]:
    voted = _recorded(rolls)
    scopes: list[tuple[str, RollMatrix]] = [("all", voted)]
    scopes += [(b.value, _of_body(voted, b)) for b in Body]
    rows = []
    overall: float | None = None
    ranking_rows: list[tuple[Cell, ...]] = []
    for scope, subset in scopes:
        if not subset.n_decisions:
            continue
        ranking = agreement_with(subset, code, method=AGREEMENT_METHOD)
        row = next(r for r in ranking.rows if r.country_code == reference)
        rows.append(
            (
                scope,
                reference,
                names.get(reference),
                rounded(row.agreement),
                row.common,
                subset.n_decisions,
            )
        )
        if scope == "all":
            overall = row.agreement
            ranking_rows = [
                (r.country_code, names.get(r.country_code), rounded(r.agreement), r.common)
                for r in ranking.rows
                if r.agreement is not None
            ]
    definition = agreement_definition(AGREEMENT_METHOD, False)
    agreement = Table(
        name="agreement",
        title=f"Agreement with {names.get(reference, reference)}",
        columns=("scope", "reference_code", "reference_name", "agreement", "common_votes", "recorded_votes"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(f"Agreement ({definition}) over the recorded votes of the series.",),
    )
    ranking_table = Table(
        name="agreement_ranking",
        title="Every state by agreement over the series",
        columns=("country_code", "country_name", "agreement", "common_votes"),
        rows=tuple(ranking_rows),
        notes=(f"Agreement ({definition}); states with no vote in common are left out.",),
    )
    return agreement, ranking_table, overall


def _sponsorship_table(state: StateRecord) -> Table:
    """Every decision whose sponsorship by the state is known: named as a sponsor, or "no" from a
    complete list or a source's statement; the others are not known and are counted in the notes."""
    rows = tuple(
        (r.decision.year, r.decision.body, r.decision.decision_id, r.decision.symbol, r.sponsorship_word)
        for r in state.participation
        if r.sponsorship_word != "unknown"
    )
    unknown = sum(r.sponsorship_word == "unknown" for r in state.participation)
    return Table(
        name="sponsorships",
        title="Sponsorships",
        columns=("year", "body", "decision_id", "symbol", "role"),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=(
            "role: initial, additional or sponsor (role not stated) where a list or a source names the state; no "
            "where the list is complete (the DGACM lists of 2019-2025) or a source says it did not.",
            f"Not known for {unknown} of the {len(state.participation)} decisions: the lists held are partial.",
        ),
    )


_TEXTS = (DecisionKind.RESOLUTION, DecisionKind.DRAFT)


def _votes_of(rows: list[store.ParticipationRecord]) -> str | None:
    """The votes on some decisions in a few words ("no 1, yes 2"), None when there is none."""
    counted = Counter(r.vote.value for r in rows if r.vote is not None)
    return ", ".join(f"{vote} {n}" for vote, n in sorted(counted.items())) or None


def _headline(state: StateRecord) -> tuple[Fact, ...]:
    """The state's votes on the texts themselves apart from those on amendments and procedure, and
    how much of its sponsorship is known."""
    rows = list(state.participation)
    texts = [r for r in rows if r.decision.kind in _TEXTS]
    words = [r.sponsorship_word for r in rows]
    named = sum(w not in ("no", "unknown") for w in words)
    known = sum(w != "unknown" for w in words)

    def on_texts(vote: Vote) -> int:
        return sum(r.vote is vote for r in texts)

    return (
        Fact("yes", "Yes (on the texts)", on_texts(Vote.YES)),
        Fact("no", "No (on the texts)", on_texts(Vote.NO)),
        Fact("abstain", "Abstain (on the texts)", on_texts(Vote.ABSTAIN)),
        Fact("non_voting", "Non-voting (on the texts)", on_texts(Vote.NON_VOTING)),
        Fact(
            "on_amendments",
            "On amendments",
            _votes_of([r for r in rows if r.decision.kind is DecisionKind.AMENDMENT]),
        ),
        Fact(
            "on_procedure",
            "On procedural votes",
            _votes_of([r for r in rows if r.decision.kind is DecisionKind.PROCEDURAL]),
        ),
        Fact("sponsored", "Named as a sponsor", named or "not named on any list held"),
        Fact("sponsorship_known", "Sponsorship known for", f"{known} of {len(rows)} decisions"),
    )


def country_page(
    con: sqlite3.Connection,
    country_code: str,
    *,
    reference: str | None = None,
    series: str = DEFAULT_SERIES,
    with_country: str | None = None,
) -> Page:
    """A state's record over ``series``, its agreement with ``reference``, its group's majority;
    its stored positions per year beside those of ``with_country`` (default: the DPRK, or none
    on the DPRK's own page)."""
    info = known_country(con, country_code)
    code = info.country_code
    ref = known_country(con, reference).country_code if reference else default_reference(code)
    if ref == code:
        ref = default_reference(code)
    other = known_country(con, with_country).country_code if with_country else ("PRK" if code != "PRK" else None)
    other = None if other == code else other
    every = countries(con)
    names = {c: i.name for c, i in every.items()}
    decisions = series_decisions(con, series)
    ids = [d.decision_id for d in decisions]
    state = state_record(con, code, Selection(series=series))
    rolls = state.rolls  # every state's roll on every decision of the series
    record = state.record
    agreement, ranking, overall = _agreement_tables(rolls, code, ref, names)
    s = record.summary
    facts = (
        Fact("country_code", "Code", code),
        Fact("name", "Name", info.name),
        Fact("m49", "M49", info.m49),
        Fact("un_member_from", "UN member since", info.un_member_from),
        Fact("un_member_to", "UN member until", info.un_member_to),
        Fact("regional_group", "Regional group", record.group),
        Fact("decisions", "Decisions in the series", s.decisions),
        *_headline(state),
        Fact(
            "disassociated",
            "Dissociated or did not join (as sources say)",
            sum(r.has_disassociated for r in state.participation) or "not named by any source held",
        ),
        Fact("with_group", "With its group's majority", s.with_group if record.group else None),
        Fact("against_group", "Against its group's majority", s.against_group if record.group else None),
        Fact("reference", "Compared with", ref),
        Fact("reference_name", "Compared with (name)", names.get(ref)),
        Fact("agreement", "Agreement with it", rounded(overall)),
    )
    return Page(
        kind="country",
        title=info.name,
        description=f"The record of {info.name} ({code}) on the series.",
        facts=facts,
        tables=(
            state.table,
            _by_body_table(state),
            _sponsorship_table(state),
            agreement,
            ranking,
            _neighbours_table(rolls, code, every),
            state_positions_table(con, code, other),
        ),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        params=(("country_code", code), ("reference", ref), ("series", series), ("with", other)),
    )
