"""Write commands: build a database, ingest more sources into one."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from unvotes import ingest as pipeline
from unvotes import sources
from unvotes.cli.command import app
from unvotes.cli.estimate import run_estimates
from unvotes.cli.options import DbOption, db_path
from unvotes.cli.progress import steps
from unvotes.model import FindingKind, SourceKind

_SHOWN_PER_KIND = 15


def _run(action: str, job: Callable[[pipeline.Progress], pipeline.IngestReport]) -> pipeline.IngestReport:
    """``job`` with its progress on standard error (a bar on a terminal, else a line per step)."""
    with steps(action) as progress:
        return job(progress)


def _print_report(report: pipeline.IngestReport, console: Console) -> None:
    out = console.file
    out.write(f"{report.database} ({report.seconds:.1f} s)\n")
    out.write(
        f"{'source':<11}{'rows read':>11}{'decisions':>11}{'new':>8}{'merged':>8}{'positions':>11}"
        f"{'inferred':>10}{'kept once':>11}\n"
    )
    for s in report.sources:
        out.write(
            f"{s.kind.value:<11}{s.rows_read:>11,}{s.decisions:>11,}{s.decisions_new:>8,}{s.decisions_merged:>8,}"
            f"{s.positions:>11,}{s.positions_inferred:>10,}{s.positions_stored_once:>11,}\n"
        )
        out.write(f"  files: {', '.join(s.files)}\n")
        if s.status != "stored":
            out.write(f"  {s.status}\n")
        for skip in s.skipped:
            out.write(f"  skipped {skip.rows:,}: {skip.reason}\n")
    for name, reason in report.ignored_files:
        out.write(f"not ingested: {name}: {reason}\n")
    if report.data_dir is not None:
        files = sum(len(s.files) for s in report.sources if s.kind is not SourceKind.DOSSIER)
        out.write(
            f"{report.data_dir}: {files} file(s) read, {len(report.ignored_files)} not sources, "
            f"{len(report.left_out)} left out\n"
        )
    counts = Counter(d.kind for d in report.discrepancies)
    if not counts:
        out.write("reconciliation: every roll matches its official totals; sources agree\n")
        return
    out.write("reconciliation: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) + "\n")
    shown: Counter[str] = Counter()
    for d in report.discrepancies:
        if d.kind is not FindingKind.TOTALS_VS_ROLL and shown[d.kind] >= _SHOWN_PER_KIND:
            continue
        shown[d.kind] += 1
        flag = " (acknowledged)" if d.is_acknowledged else ""
        out.write(f"  {d.kind}: {d.body} {d.symbol or d.decision_id} {d.date}: {d.detail}{flag}\n")
    hidden = sum(counts.values()) - sum(shown.values())
    if hidden:
        out.write(f"  ... {hidden} more: 'unvotes discrepancies' lists them all\n")


@app.command()
def build(
    db: DbOption = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Also ingest every source file under this folder (all must be read)."),
    ] = None,
    dossier: Annotated[bool, typer.Option(help="Include the shipped DPRK dossier.")] = True,
    allow_partial: Annotated[
        bool,
        typer.Option(
            "--allow-partial",
            help="Build even if some files under --data-dir that may be sources cannot be read; "
            "they are listed on standard error and in the database's build record.",
        ),
    ] = False,
    estimates: Annotated[
        bool,
        typer.Option(
            "--estimates/--no-estimates",
            help="Then fit and store positions per year over the standard scopes ('unvotes estimate'; "
            "about half a minute with Voeten's data).",
        ),
    ] = False,
) -> None:
    """Build the database anew: the shipped dossier plus the sources found in --data-dir.

    Every file under --data-dir is read or listed as ignored with the reason; a file that may be a
    source and cannot be read stops the build (unless --allow-partial). The new database replaces
    the old one only when complete.
    """
    console = Console(highlight=False)
    target = db_path(db)
    report = _run(
        "build",
        lambda p: pipeline.build_database(
            target, data_dir=data_dir, dossier=dossier, allow_partial=allow_partial, progress=p
        ),
    )
    _print_report(report, console)
    for _, reason in report.left_out:
        sys.stderr.write(f"left out (--allow-partial): {reason}\n")
    if estimates and run_estimates(target, []):
        raise typer.Exit(1)


@app.command()
def ingest(
    kind: Annotated[SourceKind, typer.Argument(help="The source format of the files.")],
    paths: Annotated[list[Path], typer.Argument(help="The files of that source.", exists=True, dir_okay=False)],
    db: DbOption = None,
) -> None:
    """Add one source's files to the database (all or nothing)."""
    console = Console(highlight=False)
    loader = sources.loader_for(kind, paths)
    target = db_path(db)
    report = _run("ingest", lambda p: pipeline.ingest(target, [(kind.value, loader)], progress=p))
    _print_report(report, console)
