"""Read commands: decisions, votes, country, sponsors, discrepancies."""

from __future__ import annotations

from typing import Annotated

import typer

from unvotes import reports, store
from unvotes.cli.command import app
from unvotes.cli.options import (
    BodyOption,
    DbOption,
    FormatOption,
    FromOption,
    SeriesOption,
    ToOption,
    TopicOption,
    db_path,
    show,
)
from unvotes.cli.output import Format
from unvotes.errors import ParameterError
from unvotes.model import FindingKind, Selection
from unvotes.reports.selection import choice, selection_from_options


@app.command()
def decisions(
    body: BodyOption = None,
    series: SeriesOption = None,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year of the decision.")] = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            help="Words, phrases in quotes or symbol fragments (69/188, L.63), searched in the symbols, titles and "
            "descriptions; states by any of their names (North Korea, DPRK).",
        ),
    ] = None,
    sort: Annotated[str | None, typer.Option("--sort", help="relevance (the default when searching) or date.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="resolution, draft, amendment, paragraph, procedural.")
    ] = None,
    method: Annotated[
        str | None, typer.Option("--method", help="recorded_vote, without_vote or non_recorded_vote.")
    ] = None,
    topic: TopicOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List decisions, one row each: best match first when searching, else in date order."""
    sel = selection_from_options(
        body=body,
        series=series,
        year=year,
        year_from=year_from,
        year_to=year_to,
        search=search,
        kind=kind,
        method=method,
        topic=topic,
        sort=sort,
    )
    con = store.open_db(db_path(db), read_only=True)
    show(reports.decisions_table(con, sel), fmt)


@app.command()
def votes(
    symbol_or_id: Annotated[str, typer.Argument(help="A UN symbol (A/RES/69/188) or a decision id.")],
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How each member state voted on one decision."""
    con = store.open_db(db_path(db), read_only=True)
    show(reports.votes_table(con, symbol_or_id), fmt)


@app.command()
def country(
    country_code: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-3 code, e.g. KOR.")],
    body: BodyOption = None,
    series: SeriesOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """A state's record: its vote, sponsorship and disassociation on each decision it took part in."""
    sel = selection_from_options(body=body, series=series, year_from=year_from, year_to=year_to)
    con = store.open_db(db_path(db), read_only=True)
    show(reports.record_table(con, country_code, sel), fmt)


@app.command()
def sponsors(
    symbol_or_id: Annotated[
        str | None, typer.Argument(help="A UN symbol or a decision id; without one, every decision chosen.")
    ] = None,
    body: BodyOption = None,
    series: SeriesOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The sponsors of a decision (initial and additional); without a decision, one row per decision
    of --series/--body/--from/--to with the number of sponsors as far as it is known."""
    con = store.open_db(db_path(db), read_only=True)
    if symbol_or_id is None:
        sel = selection_from_options(body=body, series=series, year_from=year_from, year_to=year_to)
        if sel == Selection():
            raise ParameterError("give a decision, or choose decisions with --series, --body, --from or --to")
        show(reports.sponsor_coverage_table(con, sel), fmt)
        return
    show(reports.sponsors_table(con, reports.resolve_decision(con, symbol_or_id)), fmt)


@app.command()
def discrepancies(
    kind: Annotated[
        str | None,
        typer.Option("--kind", help=", ".join(k.value for k in FindingKind)),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Findings of the build: totals that differ from the counted roll, sources that disagree."""
    wanted = choice(kind, "kind", FindingKind)
    con = store.open_db(db_path(db), read_only=True)
    show(reports.discrepancies_table(con, kind=wanted), fmt)
