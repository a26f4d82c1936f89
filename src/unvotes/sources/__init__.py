"""Readers: one per source format, files in -> :class:`~unvotes.model.SourceBatch` out.

Readers never open the database. :data:`READERS` maps each :class:`~unvotes.model.SourceKind`
to its reader; :func:`detect` walks a data directory and groups the files it recognises by
kind, judging each file by its header (first line, or first JSON record), never by its name
alone. Files it does not read are listed with the reason; a file meant as a source (by its name or
by most of its header) that cannot be read is listed apart, with the error that stops a build.
Symbolic links to folders are followed, each folder read once; the private folder of ``unvotes
fetch`` (downloads in progress or refused) is not read.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import InputError
from unvotes.model import SOURCE_PRIORITY, SourceBatch, SourceKind
from unvotes.sources import ohchr, third_committee, undl, unxml, voeten
from unvotes.sources.dossier import read_dossier
from unvotes.sources.fetch import FETCH_FOLDER
from unvotes.sources.tabular import TableSpec, first_line, head_text, header_of

__all__ = [
    "READERS",
    "DetectedSources",
    "IgnoredFile",
    "Reader",
    "UnreadableFile",
    "detect",
    "loader_for",
    "read_dossier",
]

Reader = Callable[[Sequence[Path]], SourceBatch]

READERS: dict[SourceKind, Reader] = {
    SourceKind.VOETEN_2021: voeten.read_voeten2021,
    SourceKind.VOETEN_2017: voeten.read_voeten2017,
    SourceKind.UNXML: unxml.read_unxml,
    SourceKind.OHCHR: ohchr.read_ohchr,
    SourceKind.C3_DPRK: third_committee.read_c3_dprk,
    SourceKind.UNDL_GA: undl.read_undl_ga,
    SourceKind.UNDL_SC: undl.read_undl_sc,
}

#: CSV layouts read by a reader, and the kind each belongs to.
_LAYOUTS: tuple[tuple[TableSpec, SourceKind], ...] = (
    (voeten.VOTES_2021, SourceKind.VOETEN_2021),
    (voeten.ROLL_CALLS_2021, SourceKind.VOETEN_2021),
    (voeten.ISSUES_2021, SourceKind.VOETEN_2021),
    (voeten.VOTES_2017, SourceKind.VOETEN_2017),
    (voeten.DESCRIPTIONS_2017, SourceKind.VOETEN_2017),
    (ohchr.RESOLUTIONS, SourceKind.OHCHR),
    (ohchr.VOTES, SourceKind.OHCHR),
    (third_committee.EVENTS, SourceKind.C3_DPRK),
    (third_committee.VOTES, SourceKind.C3_DPRK),
    (undl.GA_SPEC, SourceKind.UNDL_GA),
    (undl.SC_SPEC, SourceKind.UNDL_SC),
)

DERIVED_COPY = "derived copy of the unxml JSONL"
GROUPS_TABLE = "regional groups table, not votes"
UNRECOGNISED = "unrecognised"

#: CSV layouts recognised but not read, with the reason.
_KNOWN_OTHERS: tuple[tuple[TableSpec, str], ...] = (
    *((spec, DERIVED_COPY) for spec in unxml.DERIVED_COPIES),
    (
        TableSpec("UN regional groups", ("group_code", "group_name", "iso3", "iso2", "name", "note")),
        GROUPS_TABLE,
    ),
)
#: Fragments of the names the sources' files bear upstream (lower case), and their layout: a file
#: so named whose header matches no layout is meant as that source, and its header is wrong.
_NAMED: tuple[tuple[str, TableSpec], ...] = (
    ("un_votes", voeten.VOTES_2021),
    ("un_roll_calls", voeten.ROLL_CALLS_2021),
    ("roll_call_issues", voeten.ISSUES_2021),
    ("unvotespublished", voeten.VOTES_2017),
    ("descriptions", voeten.DESCRIPTIONS_2017),
    ("chr_hrc_resolutions", ohchr.RESOLUTIONS),
    ("chr_hrc_votes", ohchr.VOTES),
    ("c3_dprk_events", third_committee.EVENTS),
    ("c3_dprk_votes", third_committee.VOTES),
    ("ga_voting", undl.GA_SPEC),
    ("sc_voting", undl.SC_SPEC),
)
#: The upstream name of the DGACM JSON lines extract, and what its lines hold.
_UNXML_NAME = "unxml"
_UNXML_EXPECTED = f"one JSON object per line with the fields {', '.join(unxml.FIELDS.required)}"
#: Keys of the upstream regional-groups JSON (``{"ag": {"gid": ..., "countries": [...]}}``).
_GROUPS_JSON_KEYS = ('"gid"', '"acronym"', '"countries"')


@dataclass(frozen=True, slots=True)
class IgnoredFile:
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class UnreadableFile:
    """A file (or folder) that is, or may be, a source and cannot be read; ``error`` says why."""

    path: Path
    error: InputError

    @property
    def reason(self) -> str:
        return str(self.error)


@dataclass(frozen=True, slots=True)
class DetectedSources:
    """Recognised files grouped by kind (each group is what that kind's reader takes), the files
    that are not sources (``ignored``), and those that may be and cannot be read (``unreadable``)."""

    groups: dict[SourceKind, tuple[Path, ...]]
    ignored: tuple[IgnoredFile, ...]
    unreadable: tuple[UnreadableFile, ...] = ()

    def check(self, directory: Path, *, allow_partial: bool = False) -> None:
        """Raise unless the folder holds sources and (without ``allow_partial``) every one can be read."""
        if self.unreadable and not allow_partial:
            first = self.unreadable[0].error
            more = len(self.unreadable) - 1
            others = f"; {more} more file(s) cannot be read" if more else ""
            raise InputError(
                f"{first.detail}{others}; nothing was built (--allow-partial builds without them)",
                path=first.path,
                line=first.line,
                expected=first.expected,
            )
        if not self.groups:
            raise InputError(
                f"no source files here ({len(self.ignored)} ignored, {len(self.unreadable)} unreadable)",
                path=directory,
                expected="a folder holding source files, e.g. the shared data folder",
            )

    def loaders(self) -> list[tuple[str, Callable[[], SourceBatch]]]:
        """(label, loader) for each group, in a stable order, ready for the ingest pipeline."""
        kinds = sorted(self.groups, key=lambda kind: (SOURCE_PRIORITY[kind], kind.value))
        return [(kind.value, loader_for(kind, self.groups[kind])) for kind in kinds]


def loader_for(kind: SourceKind, paths: Sequence[Path]) -> Callable[[], SourceBatch]:
    """A function that reads ``paths`` with the reader of ``kind`` when called."""
    if kind is SourceKind.DOSSIER:
        return read_dossier
    reader = READERS[kind]
    files = tuple(paths)
    return lambda: reader(files)


def _classify(path: Path) -> SourceKind | str | InputError:
    """The kind a file belongs to, the reason it is not read, or why a source cannot be read."""
    try:
        line = first_line(path)
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(f"cannot read the file ({exc.strerror or exc})", path=path)
    stripped = line.strip()
    if stripped.startswith(("{", "[")):
        return _classify_json(path, stripped)
    header = header_of(line)
    for spec, kind in _LAYOUTS:
        if spec.matches(header):
            return kind
    for spec, reason in _KNOWN_OTHERS:
        if spec.matches(header):
            return reason
    meant = _meant_as(path, header)
    return UNRECOGNISED if meant is None else _header_error(meant, header, path)


def _meant_as(path: Path, header: Sequence[str]) -> TableSpec | None:
    """The layout a file that matches none was meant to have: the one sharing most (over half) of
    its required columns with the header, else the one its name says."""
    names = set(header)
    share, best = max(
        ((len(names & set(spec.required)) / len(spec.required), spec) for spec, _ in _LAYOUTS),
        key=lambda pair: pair[0],
    )
    if share > 0.5:
        return best
    name = path.name.lower()
    return next((spec for fragment, spec in _NAMED if fragment in name), None)


def _header_error(spec: TableSpec, header: Sequence[str], path: Path) -> InputError:
    try:
        spec.check(header, path)
    except InputError as exc:
        return exc
    raise AssertionError(f"{path}: header {header!r} matches {spec.role}")  # pragma: no cover


def _classify_json(path: Path, stripped: str) -> SourceKind | str | InputError:
    """A file whose first line opens a JSON value: the unxml extract, or another JSON document."""
    try:
        record = json.loads(stripped)
    except (ValueError, RecursionError):
        record = None
    if isinstance(record, dict):
        keys = list(record)
        if unxml.FIELDS.matches(keys):
            return SourceKind.UNXML
        if len(set(keys) & set(unxml.FIELDS.required)) > len(unxml.FIELDS.required) / 2:
            return _header_error(unxml.FIELDS, keys, path)
        return _json_reason(path)
    if stripped in ("{", "[") or stripped.startswith("["):
        return _json_reason(path)
    if _UNXML_NAME in path.name.lower():
        return InputError("the first line is not one JSON object", path=path, line=1, expected=_UNXML_EXPECTED)
    return UNRECOGNISED


def _json_reason(path: Path) -> str:
    """A JSON document that is not the unxml extract: the groups table, or unrecognised."""
    try:
        head = head_text(path)
    except InputError:
        return UNRECOGNISED
    return GROUPS_TABLE if all(key in head for key in _GROUPS_JSON_KEYS) else UNRECOGNISED


@dataclass
class _Walk:
    """The files found under a folder, each folder and each file visited once."""

    files: list[Path]
    ignored: list[IgnoredFile]
    unreadable: list[UnreadableFile]
    folders: set[tuple[int, int]]
    seen: dict[tuple[int, int], Path]

    def folder(self, folder: Path) -> list[Path]:
        """The entries of ``folder`` to visit (none when it was visited already or cannot be read)."""
        try:
            info = folder.stat()
            with os.scandir(folder) as scan:
                entries = sorted(Path(entry.path) for entry in scan)
        except OSError as exc:
            error = InputError(f"cannot read the folder ({exc.strerror or exc})", path=folder)
            self.unreadable.append(UnreadableFile(folder, error))
            return []
        key = (info.st_dev, info.st_ino)
        if key in self.folders:
            self.ignored.append(IgnoredFile(folder, "a folder already read (a symbolic link back into the tree)"))
            return []
        self.folders.add(key)
        return entries

    def entry(self, path: Path) -> bool:
        """Note a file; True for a folder to descend into."""
        try:
            info = path.stat()
        except OSError as exc:
            error = InputError(f"cannot read ({exc.strerror or exc}; a broken symbolic link?)", path=path)
            self.unreadable.append(UnreadableFile(path, error))
            return False
        if stat.S_ISDIR(info.st_mode) and path.name == FETCH_FOLDER:
            self.ignored.append(IgnoredFile(path, "downloads of unvotes fetch (partial, refused, or pieces)"))
            return False
        if stat.S_ISDIR(info.st_mode):
            return True
        key = (info.st_dev, info.st_ino)
        if not stat.S_ISREG(info.st_mode):
            self.ignored.append(IgnoredFile(path, "not a regular file"))
        elif key in self.seen:
            self.ignored.append(IgnoredFile(path, f"the same file as {self.seen[key]}"))
        else:
            self.seen[key] = path
            self.files.append(path)
        return False


def _walk(directory: Path) -> _Walk:
    walk = _Walk([], [], [], set(), {})
    stack = [directory]
    while stack:
        folders = [path for path in walk.folder(stack.pop()) if walk.entry(path)]
        stack.extend(reversed(folders))
    return walk


def detect(directory: Path) -> DetectedSources:
    """Every file under ``directory`` (recursively, following symbolic links), grouped by source
    kind, listed as ignored with the reason, or listed as unreadable with the error."""
    walk = _walk(directory)
    groups: dict[SourceKind, list[Path]] = {}
    for path in sorted(walk.files):
        verdict = _classify(path)
        if isinstance(verdict, SourceKind):
            groups.setdefault(verdict, []).append(path)
        elif isinstance(verdict, InputError):
            walk.unreadable.append(UnreadableFile(path, verdict))
        else:
            walk.ignored.append(IgnoredFile(path, verdict))
    return DetectedSources(
        groups={k: tuple(v) for k, v in groups.items()},
        ignored=tuple(sorted(walk.ignored, key=lambda item: item.path)),
        unreadable=tuple(sorted(walk.unreadable, key=lambda item: item.path)),
    )
