"""Analysis commands: ``unvotes analyse timeline|switchers|chain|agreement|cohesion|ideal-points|implied-tally``."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from unvotes import store
from unvotes.analysis import AgreementMethod, DynamicSettings
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
)
from unvotes.cli.options import show as show_table
from unvotes.cli.output import Format, write_parquet
from unvotes.errors import ParameterError
from unvotes.model import Body, Selection
from unvotes.reports.analysis import agreement_table, cohesion_table
from unvotes.reports.dynamic import default_selection, dynamic_ideal_points_table
from unvotes.reports.estimates import ideal_points_table, implied_tally_report
from unvotes.reports.positions import stored_ideal_points_table
from unvotes.reports.selection import DEFAULT_SERIES, choice, selection_from_options
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


class IdealBy(StrEnum):
    ALL = "all"
    YEAR = "year"


class EstimateFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


class Show(StrEnum):
    TALLY = "tally"
    STATES = "states"
    BACKTEST = "backtest"


YearOption = Annotated[int, typer.Option("--year", help="Calendar year.")]
DefaultSeriesOption = Annotated[str, typer.Option("--series", help="A series.")]


def _selection(
    series: str | None, body: str | None, topic: str | None, first: int | None, last: int | None
) -> Selection:
    if series is None and body is None and topic is None:
        raise typer.BadParameter("choose the decisions with --series, --body or --topic")
    return selection_from_options(series=series, body=body, topic=topic, year_from=first, year_to=last)


def _body(value: str) -> Body:
    body = choice(value, "body", Body)
    if body is None:
        raise ParameterError("--body must name a body: ga, c3, chr, hrc or sc")
    return body


@analyse_app.command()
def timeline(
    series: DefaultSeriesOption = DEFAULT_SERIES,
    body: BodyOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How a series was adopted, body by body and year by year."""
    con = store.open_db(db_path(db), read_only=True)
    show_table(timeline_table(con, series, body=choice(body, "body", Body)), fmt)


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
        show_table(switchers_table(con, decisions[0], decisions[1]), fmt)
        return
    show_table(series_switchers_table(con, series, body=_body(body), year_from=year_from, year_to=year_to), fmt)


@analyse_app.command()
def chain(
    year: YearOption,
    series: DefaultSeriesOption = DEFAULT_SERIES,
    db: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Each state along amendment(s) -> Third Committee draft -> plenary resolution in one year."""
    con = store.open_db(db_path(db), read_only=True)
    show_table(chain_table(con, year, series), fmt)


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
    show_table(table, fmt)


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
    show_table(cohesion_table(con, sel, groups=group or (), by=by.value, min_voting=min_voting), fmt)


@analyse_app.command("ideal-points")
def ideal_points(
    by: Annotated[IdealBy, typer.Option("--by", help="One point per state (all) or per state per year.")] = (
        IdealBy.ALL
    ),
    reference: Annotated[str, typer.Option("--reference", help="State placed on the positive side.")] = "USA",
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap fits for the standard errors.")] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    smoothness: Annotated[
        float, typer.Option("--smoothness", help="With --by year: sd of a state's move from one year to the next.")
    ] = DynamicSettings().smoothness,
    stored: Annotated[
        bool, typer.Option("--stored", help="With --by year: read the estimates 'unvotes estimate' stored.")
    ] = False,
    scope: Annotated[
        str | None,
        typer.Option("--scope", help="With --stored: ga-all, ga-topic-hr or dprk-human-rights (default from --topic)."),
    ] = None,
    series: SeriesOption = None,
    body: BodyOption = None,
    topic: TopicOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    db: DbOption = None,
    fmt: Annotated[EstimateFormat, typer.Option("--format", "-f", help="Output format.")] = EstimateFormat.TABLE,
) -> None:
    """One-dimensional ideal points (model estimate): per state from its yes/no votes (2PL), or per
    state per year from yes/abstain/no (dynamic ordinal model), fitted now or as stored (--stored).
    Default selection: every GA recorded vote."""
    sel = selection_from_options(series=series, body=body, topic=topic, year_from=year_from, year_to=year_to)
    con = store.open_db(db_path(db), read_only=True)
    if (stored or scope) and by is not IdealBy.YEAR:
        raise ParameterError("--stored and --scope go with --by year")
    if by is IdealBy.YEAR and (stored or scope):
        table = stored_ideal_points_table(con, sel, scope=scope)
    elif by is IdealBy.YEAR:
        if not smoothness > 0:
            raise ParameterError(f"--smoothness must be a positive number, not {smoothness}")
        table = dynamic_ideal_points_table(con, sel, settings=DynamicSettings(smoothness=smoothness))
    else:
        sel = default_selection(sel)
        table = ideal_points_table(con, sel, reference=reference, n_bootstrap=bootstrap, seed=seed)
    if fmt is EstimateFormat.PARQUET:
        if sys.stdout.isatty():
            raise ParameterError("--format parquet writes binary data: redirect it to a file (> FILE.parquet)")
        sys.stdout.flush()
        write_parquet(table, sys.stdout.buffer)
        return
    show_table(table, Format(fmt.value))


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
    report = implied_tally_report(con, year, series=series, body=_body(body))
    show_table({Show.TALLY: report.tally, Show.STATES: report.states, Show.BACKTEST: report.backtest}[show], fmt)


app.add_typer(analyse_app)
