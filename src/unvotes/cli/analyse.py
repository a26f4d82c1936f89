"""Analysis commands: ``unvotes analyse timeline|switchers|chain|agreement|cohesion|ideal-points|implied-tally``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from unvotes import store
from unvotes.analysis import AgreementMethod
from unvotes.cli.command import app
from unvotes.cli.options import DbOption, FormatOption, db_path
from unvotes.cli.output import Format, render
from unvotes.reports import Table
from unvotes.reports.analysis import DEFAULT_SERIES, TOPICS, Selection, agreement_table, cohesion_table
from unvotes.reports.estimates import ideal_points_table, implied_tally_report
from unvotes.reports.series import chain_table, series_switchers_table, switchers_table, timeline_table

analyse_app = typer.Typer(
    name="analyse",
    help="Analyses over the stored decisions: timelines, switchers, agreement, cohesion, model estimates.",
    no_args_is_help=True,
)


class Absences(StrEnum):
    DROP = "drop"
    COUNT = "count"


class By(StrEnum):
    YEAR = "year"
    DECISION = "decision"


class Show(StrEnum):
    TALLY = "tally"
    STATES = "states"
    BACKTEST = "backtest"


SeriesOption = Annotated[str | None, typer.Option("--series", help="A series, e.g. dprk-human-rights.")]
BodyOption = Annotated[str | None, typer.Option("--body", help="ga, c3, chr, hrc or sc.")]
TopicOption = Annotated[str | None, typer.Option("--topic", help=f"Voeten's issue code: {', '.join(TOPICS)}.")]
FromOption = Annotated[int | None, typer.Option("--from", help="First year.")]
ToOption = Annotated[int | None, typer.Option("--to", help="Last year.")]
YearOption = Annotated[int, typer.Option("--year", help="Calendar year.")]
DefaultSeriesOption = Annotated[str, typer.Option("--series", help="A series.")]


def _show(table: Table, fmt: Format) -> None:
    render(table, fmt, Console(highlight=False, soft_wrap=fmt is not Format.TABLE))


def _selection(
    series: str | None, body: str | None, topic: str | None, first: int | None, last: int | None
) -> Selection:
    if series is None and body is None and topic is None:
        raise typer.BadParameter("choose the decisions with --series, --body or --topic")
    return Selection(series=series, body=body, topic=topic, year_from=first, year_to=last)


@analyse_app.command()
def timeline(
    series: DefaultSeriesOption = DEFAULT_SERIES,
    body: BodyOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How a series was adopted, body by body and year by year."""
    con = store.open_db(db_path(db), read_only=True)
    _show(timeline_table(con, series, body=body), fmt)


@analyse_app.command()
def switchers(
    decisions: Annotated[
        list[str] | None,
        typer.Argument(help="Two decisions (symbol or id), or none with --series.", show_default=False),
    ] = None,
    series: DefaultSeriesOption = DEFAULT_SERIES,
    body: Annotated[str, typer.Option("--body", help="The body whose recorded votes are compared.")] = "ga",
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Who changed position: between two decisions, between two years of a series, or year on year."""
    con = store.open_db(db_path(db), read_only=True)
    if decisions:
        if len(decisions) != 2:
            raise typer.BadParameter("give two decisions (symbol or id), or none")
        _show(switchers_table(con, decisions[0], decisions[1]), fmt)
        return
    _show(series_switchers_table(con, series, body=body, year_from=year_from, year_to=year_to), fmt)


@analyse_app.command()
def chain(
    year: YearOption,
    series: DefaultSeriesOption = DEFAULT_SERIES,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Each state along amendment(s) -> Third Committee draft -> plenary resolution in one year."""
    con = store.open_db(db_path(db), read_only=True)
    _show(chain_table(con, year, series), fmt)


@analyse_app.command()
def agreement(
    with_country: Annotated[str | None, typer.Option("--with", help="Rank every state by agreement with it.")] = None,
    method: Annotated[AgreementMethod, typer.Option("--method", help="Definition of agreement.")] = (
        AgreementMethod.VOETEN
    ),
    absences: Annotated[Absences, typer.Option("--absences", help="Count non-voting as a position.")] = Absences.DROP,
    min_common: Annotated[int, typer.Option("--min-common", help="Fewest decisions in common.")] = 1,
    series: SeriesOption = None,
    body: BodyOption = None,
    topic: TopicOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Agreement with one state (ranked), or between every pair of states (long rows)."""
    sel = _selection(series, body, topic, year_from, year_to)
    con = store.open_db(db_path(db), read_only=True)
    table = agreement_table(
        con,
        sel,
        with_country=with_country,
        method=method.value,
        count_absences=absences is Absences.COUNT,
        min_common=min_common,
    )
    _show(table, fmt)


@analyse_app.command()
def cohesion(
    group: Annotated[
        list[str] | None, typer.Option("--group", help="A group code (repeatable); default the five regional groups.")
    ] = None,
    by: Annotated[By, typer.Option("--by", help="Per year (means) or per decision.")] = By.YEAR,
    min_voting: Annotated[int, typer.Option("--min-voting", help="Fewest voting members for an index.")] = 2,
    series: SeriesOption = None,
    body: BodyOption = None,
    topic: TopicOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How united each group votes: Agreement Index and Rice index."""
    sel = _selection(series, body, topic, year_from, year_to)
    con = store.open_db(db_path(db), read_only=True)
    _show(cohesion_table(con, sel, groups=group or (), by=by.value, min_voting=min_voting), fmt)


@analyse_app.command("ideal-points")
def ideal_points(
    reference: Annotated[str, typer.Option("--reference", help="State placed on the positive side.")] = "USA",
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap fits for the standard errors.")] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    series: SeriesOption = None,
    body: BodyOption = None,
    topic: TopicOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """One-dimensional ideal points (model estimate) from the yes/no votes of a selection."""
    sel = _selection(series, body, topic, year_from, year_to)
    con = store.open_db(db_path(db), read_only=True)
    _show(ideal_points_table(con, sel, reference=reference, n_bootstrap=bootstrap, seed=seed), fmt)


@analyse_app.command("implied-tally")
def implied_tally(
    year: YearOption,
    series: DefaultSeriesOption = DEFAULT_SERIES,
    body: Annotated[str, typer.Option("--body", help="The body of the adoption without a vote.")] = "ga",
    show: Annotated[Show, typer.Option("--show", help="The tally, each state, or the back-test.")] = Show.TALLY,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Model estimate of the vote on an adoption without a vote, with its back-test."""
    con = store.open_db(db_path(db), read_only=True)
    report = implied_tally_report(con, year, series=series, body=body)
    _show({Show.TALLY: report.tally, Show.STATES: report.states, Show.BACKTEST: report.backtest}[show], fmt)


app.add_typer(analyse_app)
