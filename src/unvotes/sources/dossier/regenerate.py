"""Regenerating the dossier's derived files from the public sources.

``facts/decisions.csv`` says which decisions make up the series; this module finds each recorded
vote in the sources the package reads (Voeten for the GA plenary, the Third Committee summary
records, OHCHR for the CHR/HRC, the curated Security Council rolls) and writes
``positions.csv``; it joins the sponsors found in documents (``facts/sponsors.csv``) with the
DGACM sponsor lists and writes ``sponsors.csv``. Running it twice on the same sources gives the
same bytes, and a test checks that the shipped files are exactly what it produces.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.abc import Traversable
from pathlib import Path

from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    FileRole,
    SourceBatch,
    SourceKind,
)
from unvotes.sources.dossier import reader as shipped

__all__ = ["GenerateReport", "generate", "render_files"]

_VOTE_WORD = {code: vote.value for vote, code in VOTE_CODES.items()}
_REASON_WORD = {code: reason.value for reason, code in REASON_CODES.items()} | {0: ""}

#: Which source holds the rolls of which body, in order of preference.
ROLL_SOURCES: dict[Body, tuple[SourceKind, ...]] = {
    Body.GA: (SourceKind.VOETEN_2017, SourceKind.VOETEN_2021),
    Body.C3: (SourceKind.C3_DPRK,),
    Body.CHR: (SourceKind.OHCHR,),
    Body.HRC: (SourceKind.OHCHR,),
}


@dataclass
class GenerateReport:
    positions: int = 0
    sponsors: int = 0
    rolls_found: dict[str, str] = field(default_factory=dict)  #: decision_key -> where the roll came from
    rolls_missing: list[str] = field(default_factory=list)  #: recorded votes with no roll in any source


def _find(batch: SourceBatch, d: Decision) -> int | None:
    """Index of the decision in ``batch`` with the same body, symbol and date (unique), else None."""
    hits = [
        i
        for i, c in enumerate(batch.decisions)
        if c.body is d.body
        and c.symbol == d.symbol
        and c.date == d.date
        and c.kind in (DecisionKind.RESOLUTION, DecisionKind.DRAFT, DecisionKind.AMENDMENT, DecisionKind.PROCEDURAL)
    ]
    if len(hits) > 1:
        hits = [i for i in hits if batch.decisions[i].kind is d.kind]
    return hits[0] if len(hits) == 1 else None


def _cite(batch: SourceBatch, d: Decision) -> str:
    file = batch.file_for(FileRole.POSITIONS).file_name
    return f"{batch.kind.value}: {file} ({d.ref})"


def _position_rows(
    decisions: Sequence[Decision], batches: dict[SourceKind, SourceBatch], report: GenerateReport
) -> list[tuple[str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str]] = []
    for d in decisions:
        if d.adoption_method is not AdoptionMethod.RECORDED_VOTE or d.body is Body.SC:
            continue
        for kind in ROLL_SOURCES.get(d.body, ()):
            batch = batches.get(kind)
            found = _find(batch, d) if batch else None
            if batch is None or found is None:
                continue
            pos = batch.positions
            mask = pos.decision == found
            cite = _cite(batch, batch.decisions[found])
            for code, vote, reason in zip(pos.country[mask], pos.vote[mask], pos.reason[mask], strict=True):
                rows.append((d.ref, str(code), _VOTE_WORD[int(vote)], _REASON_WORD[int(reason)], cite))
            report.rolls_found[d.ref] = cite
            break
        else:
            report.rolls_missing.append(d.ref)
    return rows


def _sc_rows(folder: Traversable | Path, report: GenerateReport) -> list[tuple[str, str, str, str, str]]:
    rows = []
    with io.StringIO(folder.joinpath("facts/sc_positions.csv").read_text(encoding="utf-8"), newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["decision_key"], row["country_code"], row["vote"], "", row["source"]))
            report.rolls_found[row["decision_key"]] = "facts/sc_positions.csv"
    return rows


def _sponsor_rows(
    folder: Traversable | Path, decisions: Sequence[Decision], batches: dict[SourceKind, SourceBatch]
) -> list[tuple[str, str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str, str]] = []
    with io.StringIO(folder.joinpath("facts/sponsors.csv").read_text(encoding="utf-8"), newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["decision_key"], row["country_code"], row["role"], "", row["note"], row["source"]))
    unxml = batches.get(SourceKind.UNXML)
    if unxml is not None:
        for d in decisions:
            if d.body is not Body.GA:
                continue
            found = _find(unxml, d)
            if found is None:
                continue
            ref = unxml.decisions[found].ref
            cite = f"unxml: {unxml.file_for(FileRole.SPONSORSHIPS).file_name} ({ref})"
            for s in unxml.sponsorships:
                if s.decision_ref == ref:
                    role = s.role.value if s.role else ""
                    rows.append((d.ref, s.country_code, role, s.name_as_recorded or "", "", cite))
    return rows


def _csv_text(columns: tuple[str, ...], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def render_files(
    folder: Traversable | Path, batches: dict[SourceKind, SourceBatch]
) -> tuple[dict[str, str], GenerateReport]:
    """The text of ``positions.csv`` and ``sponsors.csv`` for the dossier in ``folder``."""
    report = GenerateReport()
    decisions = shipped.read_facts_decisions(folder)
    order = {d.ref: i for i, d in enumerate(decisions)}
    positions = _position_rows(decisions, batches, report) + _sc_rows(folder, report)
    positions.sort(key=lambda r: (order[r[0]], r[1]))
    sponsors = sorted(
        set(_sponsor_rows(folder, decisions, batches)),
        key=lambda r: (order[r[0]], r[2] != "initial", r[1], r[5]),
    )
    report.positions = len(positions)
    report.sponsors = len(sponsors)
    files = {
        "positions.csv": _csv_text(shipped.POSITION_COLUMNS, positions),
        "sponsors.csv": _csv_text(shipped.SPONSOR_COLUMNS, sponsors),
    }
    return files, report


def generate(
    folder: Path, loaders: dict[SourceKind, Callable[[], SourceBatch]], *, write: bool = True
) -> tuple[dict[str, str], GenerateReport]:
    """Read the sources, render the derived files and (with ``write``) write them into ``folder``."""
    batches = {kind: load() for kind, load in loaders.items()}
    files, report = render_files(folder, batches)
    if write:
        for name, text in files.items():
            tmp = folder / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(folder / name)
    return files, report
