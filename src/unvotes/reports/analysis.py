"""Analysis tables over a selection of decisions: agreement between states, cohesion of groups.

Each function answers one question and returns a :class:`Table` whose notes state the definitions
and parameters used. A :class:`Selection` names the decisions an analysis reads; only recorded
votes (decisions with a roll) take part in agreement and cohesion. The helpers here (the selection
as a roll matrix, labels, rounding) are shared with :mod:`unvotes.reports.series` (timeline,
switchers, chain) and :mod:`unvotes.reports.estimates` (ideal points, implied tallies).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from unvotes.analysis import (
    AgreementMethod,
    DecisionInfo,
    RollMatrix,
    agreement_definition,
    agreement_matrix,
    agreement_with,
    group_cohesion,
)
from unvotes.errors import NotFoundError
from unvotes.model import TOPIC_NAMES, Body, Selection, Vote
from unvotes.reference.countries import load_registry
from unvotes.reference.groups import GroupKind, load_groups
from unvotes.reports.rolls import load_rolls
from unvotes.reports.selection import DEFAULT_SERIES, check_selection
from unvotes.reports.states import known_country
from unvotes.reports.table import Cell, Table

__all__ = [
    "DEFAULT_SERIES",
    "TOPICS",
    "Selection",
    "agreement_table",
    "cohesion_table",
    "country_name",
    "decision_label",
    "position",
    "rounded",
    "selection_rolls",
]

#: Voeten's issue codes, as stored in ``decision_topics``.
TOPICS = TOPIC_NAMES
_DIGITS = 4


def rounded(value: float | None, digits: int = _DIGITS) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), digits)


def country_name(country_code: str) -> str:
    registry = load_registry()
    return registry.get(country_code).name if country_code in registry else country_code


def decision_label(info: DecisionInfo) -> str:
    return info.symbol or f"{info.body.value} {info.date or info.year} (decision {info.decision_id})"


def position(vote: Vote | None) -> str | None:
    """A position as its word, ``None`` for no position."""
    return None if vote is None else vote.value


def selection_rolls(con: sqlite3.Connection, sel: Selection, *, recorded_only: bool = True) -> RollMatrix:
    """The selection as a roll matrix (rows: the states holding a position on one of its decisions).

    With ``recorded_only``, only the decisions that hold a roll. A topic without a body reads the
    General Assembly plenary, the body Voeten's issue codes describe."""
    check_selection(con, sel)
    body = sel.body if sel.body is not None or sel.topic is None else Body.GA
    rolls = load_rolls(con, replace(sel, body=body))
    present = dict(zip(rolls.decision_ids, rolls.has_positions(), strict=True))
    out = rolls.select(decisions=lambda info: not recorded_only or bool(present[info.decision_id]))
    if out.n_decisions == 0:
        raise NotFoundError(f"no {'recorded votes' if recorded_only else 'decisions'} match {sel.describe()}")
    keep = [c for c, has in zip(out.countries, (out.votes != 0).any(axis=1), strict=True) if has]
    return out.select(countries=keep)


def _ranks(values: Sequence[float | None]) -> list[int | None]:
    """Competition ranks (1, 1, 3 ...) of values in descending order; None stays unranked."""
    out: list[int | None] = []
    for k, value in enumerate(values):
        if value is None:
            out.append(None)
        elif k > 0 and values[k - 1] == value:
            out.append(out[-1])
        else:
            out.append(k + 1)
    return out


def agreement_table(
    con: sqlite3.Connection,
    sel: Selection,
    *,
    with_country: str | None = None,
    method: str = AgreementMethod.VOETEN.value,
    count_absences: bool = False,
    min_common: int = 1,
) -> Table:
    """Agreement of one state with every other (ranked), or of every pair (long rows), over a selection."""
    if method not in {m.value for m in AgreementMethod}:
        choices = ", ".join(m.value for m in AgreementMethod)
        raise NotFoundError(f"unknown method {method!r} (expected one of: {choices})")
    how = AgreementMethod(method)
    if how is AgreementMethod.STATE_DEPT and count_absences:
        raise NotFoundError("state_dept counts yes and no votes only; absences cannot be counted under it")
    rolls = selection_rolls(con, sel)
    notes = [
        f"Definition {agreement_definition(how, count_absences)}.",
        f"{rolls.n_decisions} recorded votes ({sel.describe()}); pairs need at least {min_common} counted in common.",
        "common = decisions counted for the pair; a state that was not a member (no position) is never counted.",
    ]
    if with_country is not None:
        code = known_country(con, with_country).country_code
        if code not in rolls.countries:
            raise NotFoundError(f"{code} has no position on the recorded votes of {sel.describe()}")
        ranking = agreement_with(rolls, code, method=how, count_absences=count_absences, min_common=min_common)
        values = [rounded(r.agreement) for r in ranking.rows]
        rows = tuple(
            (rank, r.country_code, country_name(r.country_code), value, r.common)
            for rank, r, value in zip(_ranks(values), ranking.rows, values, strict=True)
        )
        columns: tuple[str, ...] = ("rank", "country_code", "country_name", "agreement", "common")
        return Table("agreement", f"Agreement with {code}", columns, rows, tuple(notes))
    matrix = agreement_matrix(rolls, method=how, count_absences=count_absences, min_common=min_common)
    i, j = np.triu_indices(len(matrix.countries), k=1)
    keep = matrix.common[i, j] > 0
    pairs = tuple(
        (matrix.countries[a], matrix.countries[b], rounded(float(matrix.values[a, b])), int(matrix.common[a, b]))
        for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True)
    )
    notes.append("One row per pair (country_code before other_country_code); pairs with nothing in common left out.")
    columns = ("country_code", "other_country_code", "agreement", "common")
    return Table("agreement_matrix", "Agreement between every pair of states", columns, pairs, tuple(notes))


_BY = ("year", "decision")


def cohesion_table(
    con: sqlite3.Connection,
    sel: Selection,
    *,
    groups: Sequence[str] = (),
    by: str = "year",
    min_voting: int = 2,
) -> Table:
    """Agreement Index and Rice index of each group, per decision or as yearly means.

    ``groups`` defaults to the five regional groups. Membership is taken on the day of each decision."""
    registry = load_groups()
    codes = list(dict.fromkeys(groups)) or list(registry.codes(GroupKind.REGIONAL))
    for code in codes:
        registry.group(code)
    if by not in _BY:
        raise NotFoundError(f"unknown breakdown {by!r} (expected one of: {', '.join(_BY)})")
    rolls = selection_rolls(con, sel)
    days = np.array([d.date or dt.date(d.year or 1, 7, 1) for d in rolls.decisions], dtype="datetime64[D]")
    rows: list[tuple[Cell, ...]] = []
    for code in codes:
        member = registry.is_member(code, rolls.countries, days)
        votes = np.where(member, rolls.votes, 0).astype(np.int8)
        assigned = {rolls.countries[i]: code for i in np.flatnonzero(member.any(axis=1))}
        result = group_cohesion(RollMatrix(rolls.countries, rolls.decisions, votes), assigned, min_voting=min_voting)
        if not result.groups:
            continue
        if by == "year":
            rows += [
                (code, y.year, y.n_decisions, rounded(y.agreement_index), rounded(y.rice_index)) for y in result.yearly
            ]
            continue
        for k, info in enumerate(result.decisions):
            counts = (int(result.yes[0, k]), int(result.no[0, k]), int(result.abstain[0, k]))
            ai, rice = rounded(result.agreement_index[0, k]), rounded(result.rice_index[0, k])
            when = str(info.date) if info.date else None
            rows.append((code, info.year, when, info.decision_id, decision_label(info), *counts, ai, rice))
    notes = [
        f"{rolls.n_decisions} recorded votes ({sel.describe()}); groups {', '.join(codes)}.",
        "agreement_index (Hix, Noury & Roland 2005) = (max(Y,N,A) - (Y+N+A-max)/2) / (Y+N+A); "
        "rice_index (Rice 1925) = |Y-N| / (Y+N); over the group's members voting yes, no or abstain.",
        f"An index is empty where fewer than {min_voting} members voted; yearly values are unweighted means "
        "over that year's decisions.",
        "Membership on the day of each decision (data/groups): members and observers are counted, participants "
        "(Türkiye in the Asia-Pacific Group) are not.",
    ]
    if any((d.year or 0) < 1966 for d in rolls.decisions):
        notes.append("The regional groups took their present shape in the 1960s; earlier years use today's groups.")
    if by == "year":
        columns: tuple[str, ...] = ("group", "year", "n_decisions", "agreement_index", "rice_index")
    else:
        columns = ("group", "year", "date", "decision_id", "symbol", "yes", "no", "abstain")
        columns += ("agreement_index", "rice_index")
    return Table("cohesion", f"Cohesion of groups by {by}", columns, tuple(rows), tuple(notes))
