"""Compare: two or more states over a series, decision by decision, with their agreement."""

from __future__ import annotations

import sqlite3
from itertools import combinations

from unvotes import store
from unvotes.analysis import agreement_definition, agreement_matrix
from unvotes.reports.analysis import rounded
from unvotes.reports.pages.common import DEFAULT_SERIES, countries, sources_table
from unvotes.reports.pages.country import AGREEMENT_METHOD
from unvotes.reports.pages.overview import series_decisions
from unvotes.reports.pages.page import Fact, Page
from unvotes.reports.record import known_country
from unvotes.reports.rolls import rolls_of
from unvotes.reports.table import Cell, Table, cell

__all__ = ["MAX_COMPARED", "compare_page"]

#: At most this many states side by side.
MAX_COMPARED = 8


def compare_page(con: sqlite3.Connection, country_codes: list[str], *, series: str = DEFAULT_SERIES) -> Page:
    """The positions of ``country_codes`` (2 to :data:`MAX_COMPARED`, checked by the caller) on
    every decision of ``series``, their sponsorships and their pairwise agreement."""
    infos = [known_country(con, c) for c in country_codes]
    codes = list(dict.fromkeys(i.country_code for i in infos))
    every = countries(con)
    decisions = series_decisions(con, series)
    ids = [d.decision_id for d in decisions]
    rolls = rolls_of(con, decisions, sorted(every))
    sponsored = {(s.decision_id, s.country_code) for s in store.sponsors_of_decisions(con, ids)}
    dissociated = set(store.disassociations_of_decisions(con, ids))
    rows: list[tuple[Cell, ...]] = []
    for d in decisions:
        marks = []
        for code in codes:
            vote = rolls.position(code, d.decision_id)
            marks.append(vote.value if vote else None)
        flags = [
            "sponsor"
            if (d.decision_id, c) in sponsored
            else "dissociated"
            if (d.decision_id, c) in dissociated
            else None
            for c in codes
        ]
        rows.append((d.decision_id, d.body, d.year, d.date, d.symbol, d.kind, d.adoption_method, *marks, *flags))
    positions = Table(
        name="positions",
        title="Positions side by side",
        columns=(
            "decision_id",
            "body",
            "year",
            "date",
            "symbol",
            "kind",
            "adoption_method",
            *codes,
            *(f"{c}_sponsorship" for c in codes),
        ),
        rows=tuple(tuple(cell(v) for v in r) for r in rows),
        notes=("A column per state: its vote (empty: no position); then whether it sponsored or dissociated.",),
    )
    voted = rolls.select(
        decisions=[d.decision_id for d, has in zip(rolls.decisions, rolls.has_positions(), strict=True) if has],
        countries=codes,
    )
    matrix = agreement_matrix(voted, method=AGREEMENT_METHOD)
    pairs = tuple(
        (a, b, rounded(matrix.value(a, b)), int(matrix.common[i, j]))
        for (i, a), (j, b) in combinations(enumerate(codes), 2)
    )
    agreement = Table(
        name="agreement",
        title="Pairwise agreement",
        columns=("country_code_a", "country_code_b", "agreement", "common_votes"),
        rows=tuple(tuple(cell(v) for v in r) for r in pairs),
        notes=(f"Agreement ({agreement_definition(AGREEMENT_METHOD, False)}) over the recorded votes.",),
    )
    names = ", ".join(every[c].name for c in codes)
    return Page(
        kind="compare",
        title=f"Compare {', '.join(codes)}",
        description=f"{names} over the series.",
        facts=(Fact("countries", "States", ", ".join(codes)), Fact("decisions", "Decisions", len(decisions))),
        tables=(positions, agreement),
        sources=sources_table(con, store.sources_of_decisions(con, ids)),
        params=(("countries", ",".join(codes)), ("series", series)),
    )
