"""The explorer: ``unvotes serve`` runs it, ``unvotes site build`` writes it out as static files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from unvotes.cli.command import app
from unvotes.cli.options import DbOption, db_path
from unvotes.cli.progress import steps

site_app = typer.Typer(help="The explorer as a static site.", no_args_is_help=True)
app.add_typer(site_app, name="site")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Processes serving requests; they share the read-only database.")
    ] = 1,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="UNVOTES_BASE_URL",
            help="The address the explorer is reached at (https://example.org/unvotes): pages then carry "
            "og:url and og:image.",
        ),
    ] = None,
) -> None:
    """Run the explorer (web pages, downloads, JSON API) on the database, opened read-only."""
    import uvicorn  # imported here: only this command needs the server

    from unvotes.web import create_app
    from unvotes.web.app import BASE_URL_VARIABLE, DB_VARIABLE

    path = db_path(db)
    asgi = create_app(path, base_url=base_url)  # made here too: a bad database or address fails at once
    more = f" with {workers} workers" if workers > 1 else ""
    Console(stderr=True, highlight=False).print(f"unvotes explorer on http://{host}:{port}/{more} (Ctrl-C stops it)")
    if workers == 1:
        uvicorn.run(asgi, host=host, port=port, log_level="warning", access_log=False)
        return
    os.environ[DB_VARIABLE] = str(path.resolve())
    if base_url:
        os.environ[BASE_URL_VARIABLE] = base_url
    uvicorn.run(
        "unvotes.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


@site_app.command("build")
def site_build(
    outdir: Annotated[
        Path,
        typer.Argument(
            help="Folder of its own to write the site into (made if missing; files added by hand are kept)."
        ),
    ],
    db: DbOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="The address the site will be served at (https://example.org/unvotes): pages then carry "
            "og:url and og:image, and the share images of the states and the series' decisions are written.",
        ),
    ] = None,
) -> None:
    """Write every page and download of the explorer as static files for any static host."""
    from unvotes.web import build_site

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    with steps("site", unit="files written") as progress:
        report = build_site(
            db_path(db), outdir, progress=lambda page, n: progress(page.split("/")[0], n, 0), base_url=base_url
        )
    if report.skipped:
        names = ", ".join(report.skipped[:3]) + (", ..." if len(report.skipped) > 3 else "")
        console.print(
            f"skipped {len(report.skipped)} page(s) whose name in the database would lead out of {outdir}: {names}",
            markup=False,
        )
    removed = f", {report.removed} files of the previous build removed" if report.removed else ""
    console.print(
        f"{report.files} files, {report.bytes / 1e6:.1f} MB in {outdir} ({report.seconds:.1f} s){removed}",
        markup=False,
    )
