"""``unvotes fetch``: download the public sources into a folder that ``build --data-dir`` reads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from unvotes.cli.command import app
from unvotes.errors import ParameterError
from unvotes.sources.fetch import BASE_URL_ENV, REMOTE_SOURCES, fetch, remote_sources

_NAMES = ", ".join(s.name for s in REMOTE_SOURCES if not s.manual)
_DEFAULT = ", ".join(s.name for s in REMOTE_SOURCES if s.is_default)
_MANUAL = ", ".join(s.name for s in REMOTE_SOURCES if s.manual)


_HELP = (
    "Download public sources with recorded checksums; an interrupted download resumes. Then "
    f"'unvotes build --data-dir DIR' reads them. Sources that need your own download (see the README): {_MANUAL}."
)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


@app.command("fetch", help=_HELP)
def fetch_command(
    targets: Annotated[
        list[str],
        typer.Argument(metavar="[SOURCE]... DIR", help=f"Sources ({_NAMES}; default {_DEFAULT}), then the folder."),
    ],
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", envvar=BASE_URL_ENV, help="Fetch <URL>/<source>/<file> instead (a mirror)."),
    ] = None,
) -> None:
    """Download public sources into DIR (see _HELP)."""
    if not targets:
        raise ParameterError("name the folder to download into (unvotes fetch [SOURCE]... DIR)")
    *names, folder = targets
    chosen = remote_sources(names)
    for item in fetch(chosen, Path(folder), base_url=base_url, progress=_say):
        sys.stdout.write(f"{item.path}: {item.status}, {item.bytes:,} bytes, sha256 {item.sha256}\n")
    sys.stdout.write(f"next: unvotes build --data-dir {folder}\n")
