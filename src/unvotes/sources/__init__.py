"""Readers: one per source format, files in -> :class:`~unvotes.model.SourceBatch` out.

Readers never open the database. :data:`READERS` maps each :class:`~unvotes.model.SourceKind`
to its reader; :func:`detect` walks a data directory and groups the files it recognises by
kind, judging each file by its header (first line, or first JSON record), never by its name
alone. Files it does not read are listed with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import InputError
from unvotes.model import SOURCE_PRIORITY, SourceBatch, SourceKind
from unvotes.sources import ohchr, third_committee, undl, unxml, voeten
from unvotes.sources.dossier import read_dossier
from unvotes.sources.tabular import TableSpec, first_line, head_text, header_of

__all__ = ["READERS", "DetectedSources", "IgnoredFile", "Reader", "detect", "loader_for", "read_dossier"]

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
#: Keys of the upstream regional-groups JSON (``{"ag": {"gid": ..., "countries": [...]}}``).
_GROUPS_JSON_KEYS = ('"gid"', '"acronym"', '"countries"')


@dataclass(frozen=True, slots=True)
class IgnoredFile:
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class DetectedSources:
    """Recognised files grouped by kind (each group is what that kind's reader takes), and the rest."""

    groups: dict[SourceKind, tuple[Path, ...]]
    ignored: tuple[IgnoredFile, ...]

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


def _classify(path: Path) -> SourceKind | str:
    """The kind a file belongs to, or the reason it is not read."""
    try:
        line = first_line(path)
    except (InputError, OSError) as exc:
        return f"unreadable ({exc})"
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict) and unxml.FIELDS.matches(list(record)):
            return SourceKind.UNXML
        if isinstance(record, dict) or stripped == "{":
            return _json_reason(path)
        return UNRECOGNISED
    if stripped.startswith("["):
        return _json_reason(path)
    header = header_of(line)
    for spec, kind in _LAYOUTS:
        if spec.matches(header):
            return kind
    for spec, reason in _KNOWN_OTHERS:
        if spec.matches(header):
            return reason
    return UNRECOGNISED


def _json_reason(path: Path) -> str:
    """A JSON document that is not the unxml extract: the groups table, or unrecognised."""
    try:
        head = head_text(path)
    except InputError:
        return UNRECOGNISED
    return GROUPS_TABLE if all(key in head for key in _GROUPS_JSON_KEYS) else UNRECOGNISED


def detect(directory: Path) -> DetectedSources:
    """Every file under ``directory`` (recursively), grouped by source kind or listed as ignored."""
    groups: dict[SourceKind, list[Path]] = {}
    ignored: list[IgnoredFile] = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        verdict = _classify(path)
        if isinstance(verdict, SourceKind):
            groups.setdefault(verdict, []).append(path)
        else:
            ignored.append(IgnoredFile(path, verdict))
    return DetectedSources(groups={k: tuple(v) for k, v in groups.items()}, ignored=tuple(ignored))
