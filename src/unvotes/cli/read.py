"""Read commands: decisions, votes, country, sponsors."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from unvotes import reports, store
from unvotes.cli.command import app
from unvotes.cli.options import DbOption, FormatOption, db_path
from unvotes.cli.output import Format, render

BodyOption = Annotated[str | None, typer.Option("--body", help="ga, c3, chr, hrc or sc.")]
SeriesOption = Annotated[str | None, typer.Option("--series", help="A series, e.g. dprk-human-rights.")]


def _show(table: reports.Table, fmt: Format) -> None:
    render(table, fmt, Console(highlight=False, soft_wrap=fmt is not Format.TABLE))


@app.command()
def decisions(
    body: BodyOption = None,
    series: SeriesOption = None,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year of the decision.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text in the title, symbol or description.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="resolution, draft, amendment, paragraph, procedural.")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List decisions, one row each, in date order."""
    con = store.open_db(db_path(db), read_only=True)
    filt = store.DecisionFilter(body=body, series=series, year=year, search=search, kind=kind)
    _show(reports.decisions_table(con, filt), fmt)


@app.command()
def votes(
    symbol_or_id: Annotated[str, typer.Argument(help="A UN symbol (A/RES/69/188) or a decision id.")],
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How each member state voted on one decision."""
    con = store.open_db(db_path(db), read_only=True)
    _show(reports.votes_table(con, symbol_or_id), fmt)


@app.command()
def country(
    country_code: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-3 code, e.g. KOR.")],
    body: BodyOption = None,
    series: SeriesOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """A state's record: its vote, sponsorship and disassociation on each decision."""
    con = store.open_db(db_path(db), read_only=True)
    _show(reports.country_table(con, country_code, body=body, series=series), fmt)


@app.command()
def sponsors(
    symbol_or_id: Annotated[str, typer.Argument(help="A UN symbol or a decision id.")],
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The sponsors of a decision (initial and additional)."""
    con = store.open_db(db_path(db), read_only=True)
    _show(reports.sponsors_table(con, symbol_or_id), fmt)


@app.command()
def discrepancies(
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="totals_vs_roll, sources_disagree_totals, sources_disagree_positions, ..."),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Findings of the build: totals that differ from the counted roll, sources that disagree."""
    con = store.open_db(db_path(db), read_only=True)
    _show(reports.discrepancies_table(con, kind=kind), fmt)
