"""``unvotes check``: the audit of a database, with an exit code scripts can test."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from unvotes import reports, store
from unvotes.cli.command import app
from unvotes.cli.options import DbOption, db_path
from unvotes.cli.output import Format, render
from unvotes.reports.audit import audit_rules_table

#: Open findings listed per kind in the terminal (``--format json`` lists them all).
_SHOWN_PER_KIND = 20


class CheckFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def check(
    db: DbOption = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.TABLE,
) -> None:
    """Audit the database: totals against rolls, states voting outside their UN membership, sources
    that disagree, rows without a source.

    Exit code 0 when clean (every finding acknowledged, by a curated row or a cited rule, whose
    counts are listed), 1 otherwise.
    """
    con = store.open_db(db_path(db), read_only=True)
    try:
        result = reports.audit(con)
    finally:
        con.close()
    if fmt is CheckFormat.JSON:
        payload = {
            "clean": result.is_clean,
            "findings": reports.audit_findings_table(result).records(),
            "counts": result.counts,
            "rules": audit_rules_table(result).records(),
        }
        Console().file.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        console = Console(highlight=False)
        render(reports.audit_summary_table(result), Format.TABLE, console)
        if result.rules:
            render(audit_rules_table(result), Format.TABLE, console)
        open_findings = reports.audit_findings_table(result, open_only=True, per_kind=_SHOWN_PER_KIND, brief=True)
        if open_findings.rows:
            render(open_findings, Format.TABLE, console)
        if open_findings.notes:
            console.print("'unvotes check --format json' lists every finding.")
    if not result.is_clean:
        raise typer.Exit(1)
