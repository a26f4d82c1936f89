"""Downloading the public sources the readers understand, into a folder ``build --data-dir`` reads.

:data:`REMOTE_SOURCES` is the one table of what can be fetched: each source's files, their
addresses and, where the file is pinned to a fixed version, its SHA-256. A source whose files a
script cannot obtain, or whose upstream layout is not the one the readers take, names the reason
instead (``manual``); the user downloads it as the README says.

Downloads resume: a file is first written to ``DIR/.unvotes-fetch/<source>/<name>.part``, and a
cut connection is taken up where it stopped (an HTTP Range request; a server that ignores the range
sends the whole file again). A finished file is checked against its recorded SHA-256; a mismatch is
refused and the download kept aside in ``DIR/.unvotes-fetch/refused/``, and nothing in DIR is
replaced. Each file fetched is recorded (address, SHA-256, size, time) in
``DIR/.unvotes-fetch/fetched.json``. ``build`` lists ``.unvotes-fetch`` as not a source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import InputError, ParameterError

__all__ = [
    "BASE_URL_ENV",
    "FETCH_FOLDER",
    "REMOTE_SOURCES",
    "FetchedFile",
    "RemoteFile",
    "RemoteSource",
    "fetch",
    "remote_sources",
]

FETCH_FOLDER = ".unvotes-fetch"
BASE_URL_ENV = "UNVOTES_FETCH_BASE_URL"
_TRIES = 3
_CHUNK = 1 << 16
_TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """One file of a source: its name, its address and (when pinned) its SHA-256."""

    name: str
    url: str
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class RemoteSource:
    """A source that can be fetched (``files``), or that needs the user's own download (``manual``
    says why). ``assemble_as``: the files are joined, in order, into one file of that name (the
    DGACM extract is one JSON-lines file per session upstream; the reader takes one file)."""

    name: str
    title: str
    files: tuple[RemoteFile, ...] = ()
    assemble_as: str = ""
    manual: str = ""
    is_default: bool = False


@dataclass(frozen=True, slots=True)
class FetchedFile:
    source: str
    name: str
    path: Path
    sha256: str
    bytes: int
    status: str  # downloaded, resumed, up to date


_UNXML_COMMIT = "42a69b67bb92d23969fc45bba151320b82eb8e52"
_UNXML_SUMS = (
    ("74", "70f4e80922ec7542792493a10aa8463c64830cf736ed02144bdf780d4f623b6f"),
    ("75", "b48efdb74739d86249a04999d75e2e67d267fcf6886e60f2987032d7c11f6427"),
    ("76", "1138b54c4b6b10c5c0be134d08c0dea464f9af9247c41c5d922c09f32fcdd4d0"),
    ("77", "fa9ba30c6f2a065417ecb7e26e518865ee31a36001c9c110b0303a84116183cf"),
    ("78", "ab8b9ad03f5e22dcfb40ede88d9fc6edbc8653213e4e044e466f8a6685897848"),
    ("79", "610f8aa502662bcac1e47004d3f155c0f86f3675c7f296afacddf3d10b0dabd8"),
    ("80", "f024775cf6ee4f6db354a1f7cd31c9b74f3e3f0b3381e81e465f17ccbcf09108"),
    ("ES-10", "ca470b45a979de773920b2c91a160940703bc74d303fdff8f20312074633534f"),
    ("ES-11", "14c3982981dcbfb7716f4ab086ca2753383a89827ed448e9cffc8f499ecc1fb8"),
    ("S-32", "64b635e8b09c6037d84f00b3957a822d94772a259aecc882e5c9048420394d25"),
)
_UNDL = "https://digitallibrary.un.org/record"
_SHARED_LAYOUT = "see shared/data/MANIFEST.md for the layout"

#: Every source: what ``unvotes fetch`` downloads, and what the user must obtain.
REMOTE_SOURCES: tuple[RemoteSource, ...] = (
    RemoteSource(
        "unxml",
        "UN DGACM machine-readable GA resolutions, sessions 74-80, ES-10, ES-11, S-32 (UNxml/GAresolutions)",
        tuple(
            RemoteFile(
                f"{session}.json",
                f"https://raw.githubusercontent.com/UNxml/GAresolutions/{_UNXML_COMMIT}/data_extract/{session}.json",
                digest,
            )
            for session, digest in _UNXML_SUMS
        ),
        assemble_as="unxml_ga_resolutions.jsonl",
        is_default=True,
    ),
    RemoteSource(
        "undl_ga",
        "UN Digital Library, General Assembly voting data (record 4060887), release of 6 February 2026",
        (RemoteFile("2026_02_06_ga_voting.csv", f"{_UNDL}/4060887/files/2026_02_06_ga_voting.csv"),),
    ),
    RemoteSource(
        "undl_sc",
        "UN Digital Library, Security Council voting data (record 4055387), release of 6 February 2026",
        (RemoteFile("2026_02_06_sc_voting.csv", f"{_UNDL}/4055387/files/2026_02_06_sc_voting.csv"),),
    ),
    RemoteSource(
        "voeten",
        "Erik Voeten et al., United Nations General Assembly Voting Data (Harvard Dataverse, hdl:1902.1/12379)",
        manual="the Dataverse release is R data and a CSV layout the readers do not take; the readers take "
        "the tables of the R package unvotes (CRAN) or the 2017 UNVotesPublished release written as CSV "
        f"({_SHARED_LAYOUT})",
    ),
    RemoteSource(
        "ohchr",
        "OHCHR voting records of the CHR and HRC, as harvested in lszoszk/hrc-voting",
        manual="its terms (PolyForm Noncommercial 1.0.0) are for the user to accept, and its roll file is "
        f"published in a newer layout than the readers take ({_SHARED_LAYOUT})",
    ),
    RemoteSource(
        "c3_dprk",
        "Third Committee recorded votes on the DPRK drafts 2005-2015",
        manual=f"transcribed by hand from the UN summary records; it is not published as a file ({_SHARED_LAYOUT})",
    ),
)

Progress = Callable[[str], None]


def remote_sources(names: Sequence[str]) -> list[RemoteSource]:
    """The sources named (default: those fetched without the user's intervention); a name not in
    the table, or a source that needs the user's own download, is refused in one line."""
    known = {s.name: s for s in REMOTE_SOURCES}
    if not names:
        return [s for s in REMOTE_SOURCES if s.is_default]
    chosen = []
    for name in names:
        if name not in known:
            raise ParameterError(f"unknown source {name!r} (expected one of {', '.join(known)})")
        if known[name].manual:
            raise ParameterError(f"{name}: download it yourself: {known[name].manual}")
        chosen.append(known[name])
    return chosen


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _CutError(Exception):
    """The connection closed before the whole file came."""


def _open(url: str, offset: int) -> http.client.HTTPResponse | None:
    """The response for ``url`` from byte ``offset``; None when the part already holds it all."""
    headers = {"User-Agent": "unvotes-fetch", **({"Range": f"bytes={offset}-"} if offset else {})}
    try:
        response: http.client.HTTPResponse = urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=_TIMEOUT
        )
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:  # nothing left past the end of the part
            return None
        raise InputError(f"the server answered {exc.code} {exc.reason}", path=url) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"cannot connect ({reason})", path=url) from exc
    return response


def _download_once(url: str, part: Path) -> bool:
    """Fetch ``url`` into ``part``, from its end if it exists; True when the server resumed."""
    offset = part.stat().st_size if part.exists() else 0
    response = _open(url, offset)
    if response is None:
        return True
    with response:
        resumed = bool(offset) and response.status == 206
        length = response.headers.get("Content-Length")
        written = 0
        with part.open("ab" if resumed else "wb") as out:
            try:
                while chunk := response.read(_CHUNK):
                    written += out.write(chunk)
            except (http.client.IncompleteRead, ConnectionError, TimeoutError) as exc:
                raise _CutError from exc
    if length is not None and length.isascii() and length.isdigit() and written < int(length):
        raise _CutError  # the connection closed before the announced length came
    return resumed


def _download(url: str, part: Path) -> str:
    """Download with up to three resumptions; ``downloaded`` or ``resumed``."""
    part.parent.mkdir(parents=True, exist_ok=True)
    resumed = part.exists() and part.stat().st_size > 0
    for _ in range(_TRIES):
        try:
            resumed = _download_once(url, part) or resumed
            return "resumed" if resumed else "downloaded"
        except _CutError:
            resumed = True
    size = part.stat().st_size if part.exists() else 0
    raise InputError(
        f"the download was cut {_TRIES} times ({size:,} bytes kept in {part}; run fetch again to resume)",
        path=url,
    )


def _refuse(part: Path, file: RemoteFile, got: str, *, url: str, root: Path) -> InputError:
    refused = root / FETCH_FOLDER / "refused" / file.name
    refused.parent.mkdir(parents=True, exist_ok=True)
    part.replace(refused)
    return InputError(
        f"SHA-256 {got} differs from the recorded {file.sha256}; nothing was replaced, the download is "
        f"kept aside at {refused}",
        path=url,
    )


@dataclass
class _Run:
    """One run of :func:`fetch`: the folder, the address override and the record of files fetched."""

    root: Path
    base_url: str | None
    record: dict[str, dict[str, object]]
    progress: Progress | None

    @property
    def private(self) -> Path:
        return self.root / FETCH_FOLDER

    def url(self, source: RemoteSource, file: RemoteFile) -> str:
        return f"{self.base_url.rstrip('/')}/{source.name}/{file.name}" if self.base_url else file.url

    def note(self, key: str, url: str, path: Path, digest: str) -> None:
        self.record[key] = {
            "url": url,
            "sha256": digest,
            "bytes": path.stat().st_size,
            "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        tmp = self.private / "fetched.json.tmp"
        tmp.write_text(json.dumps(self.record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(self.private / "fetched.json")

    def say(self, text: str) -> None:
        if self.progress:
            self.progress(text)


def _load_record(private: Path) -> dict[str, dict[str, object]]:
    path = private / "fetched.json"
    if not path.exists():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise InputError(f"the record of earlier downloads cannot be read ({exc})", path=path) from exc
    return loaded if isinstance(loaded, dict) else {}


def _fetch_file(run: _Run, source: RemoteSource, file: RemoteFile) -> FetchedFile:
    key = f"{source.name}/{file.name}"
    target = run.private / source.name / file.name if source.assemble_as else run.root / file.name
    url = run.url(source, file)
    want = file.sha256 or run.record.get(key, {}).get("sha256")
    if target.exists() and want and _sha256(target) == want:
        run.say(f"{key}: up to date")
        return FetchedFile(source.name, file.name, target, str(want), target.stat().st_size, "up to date")
    part = run.private / source.name / f"{file.name}.part"
    run.say(f"{key}: fetching {url}")
    status = _download(url, part)
    got = _sha256(part)
    if file.sha256 and got != file.sha256:
        raise _refuse(part, file, got, url=url, root=run.root)
    target.parent.mkdir(parents=True, exist_ok=True)
    part.replace(target)
    run.note(key, url, target, got)
    return FetchedFile(source.name, file.name, target, got, target.stat().st_size, status)


def _assemble(run: _Run, source: RemoteSource, pieces: list[FetchedFile]) -> FetchedFile:
    """Join the pieces, in order, into ``DIR/<assemble_as>`` (each piece ending with a newline)."""
    target = run.root / source.assemble_as
    tmp = run.private / f"{source.assemble_as}.tmp"
    with tmp.open("wb") as out:
        for piece in pieces:
            with piece.path.open("rb") as handle:
                shutil.copyfileobj(handle, out)
                if piece.bytes:
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        out.write(b"\n")
    tmp.replace(target)
    digest = _sha256(target)
    run.note(f"{source.name}/{source.assemble_as}", f"{len(pieces)} files of {source.name}", target, digest)
    fresh = [p.status for p in pieces if p.status != "up to date"]
    status = "assembled" if fresh else "up to date"
    return FetchedFile(source.name, source.assemble_as, target, digest, target.stat().st_size, status)


def _usable(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise InputError("not a folder", path=directory, expected="a folder for the source files")
    try:
        (directory / FETCH_FOLDER).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc})", path=directory) from exc


def fetch(
    sources: Sequence[RemoteSource],
    directory: Path,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
) -> list[FetchedFile]:
    """Download ``sources`` into ``directory`` (see the module docstring); ``base_url`` replaces
    every address by ``<base_url>/<source>/<file name>`` (a mirror, or a test's local server).
    Raises on the first file that cannot be fetched or does not match its checksum; the files
    fetched before it stay, and a new run resumes."""
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ParameterError(f"--base-url {base_url!r}: expected an http:// or https:// address")
    _usable(directory)
    run = _Run(directory, base_url, _load_record(directory / FETCH_FOLDER), progress)
    fetched: list[FetchedFile] = []
    for source in sources:
        if source.manual:
            raise ParameterError(f"{source.name}: download it yourself: {source.manual}")
        files = [_fetch_file(run, source, file) for file in source.files]
        fetched.extend([_assemble(run, source, files)] if source.assemble_as else files)
    return fetched
