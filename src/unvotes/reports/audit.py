"""The audit behind ``unvotes check``: what in a database needs a reader's attention.

Each finding has a ``kind``:

* ``totals_vs_roll`` — the official totals of a decision differ from its counted roll;
* ``sources_disagree_totals``, ``sources_disagree_positions``, ``sources_disagree_method`` — two
  sources give different accounts of one decision;
* ``outside_membership`` — a source gives a position (not inferred) in the GA plenary or the Third
  Committee for a state that was not a UN member that day (``countries.un_member_from`` and
  ``un_member_to``). Some are genuine anomalies of a source, to be read, not errors of the build;
* ``probable_duplicate`` — two decisions of one body, day and kind with identical rolls that no
  symbol tells apart: probably one roll call stored twice (never acknowledged: the fix is a key
  that matches them);
* ``roll_missing`` — a decision taken by recorded vote whose roll no source gives (the source
  gives only totals, or its roll was withheld as another vote's);
* ``tally_without_vote`` — a decision adopted without a vote for which a source gives a tally;
* ``source_without_citation`` — a file read into the database has an empty citation;
* ``dossier_row_without_source`` — a row of the shipped DPRK dossier has an empty ``source`` cell;
* ``integrity`` — SQLite's own check of the file or a reference pointing nowhere.

A finding is acknowledged when the dossier's ``facts/acknowledged.csv`` explains it (one decision)
or a rule of ``facts/acknowledged_rules.csv`` does (a narrow, cited class: one kind of finding, one
source kind, one body and a condition checked on each finding, such as a position at most so many
days before a state's admission, or official totals and roll that come from one source and
contradict each other); an acknowledged finding names its rule.

The first four come from the build (table ``discrepancies``); the others are computed here. The
database is clean when every finding is acknowledged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from unvotes import store
from unvotes.model import FINDING_MEANINGS, AcknowledgementRule, Body, FindingKind, RuleCondition, SourceKind
from unvotes.reports.table import Table, cell
from unvotes.sources.audit_rules import read_acknowledgement_rules
from unvotes.sources.dossier import dossier_folder
from unvotes.store import NonMemberPosition

__all__ = [
    "BRIEF_COLUMNS",
    "FINDING_COLUMNS",
    "KINDS",
    "Audit",
    "Finding",
    "audit",
    "audit_findings_table",
    "audit_rules_table",
    "audit_summary_table",
]

#: Every kind of finding, in the order they are listed, with what it means.
KINDS: dict[FindingKind, str] = FINDING_MEANINGS


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to look at; where it is, what is wrong, and whether it is explained."""

    kind: FindingKind
    detail: str
    decision_id: int | None = None
    body: Body | None = None
    date: str | None = None
    symbol: str | None = None
    country_code: str | None = None
    source_id: int | None = None
    file: str | None = None
    line: int | None = None
    is_acknowledged: bool = False
    explanation: str | None = None
    rule: str | None = None

    @property
    def where(self) -> str:
        """The decision, file line or source the finding is about, in a few words."""
        if self.decision_id is not None:
            return " ".join(str(v) for v in (self.body, self.symbol or f"#{self.decision_id}", self.date) if v)
        if self.file is not None:
            return self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"source {self.source_id}" if self.source_id is not None else "database"


@dataclass(frozen=True, slots=True)
class Audit:
    findings: tuple[Finding, ...]
    rules: tuple[AcknowledgementRule, ...] = ()

    @property
    def explained_by_rule(self) -> dict[str, int]:
        """Findings each rule explains (every rule listed, zero included)."""
        found = Counter(f.rule for f in self.findings if f.rule is not None)
        return {r.rule: found[r.rule] for r in self.rules}

    @property
    def is_clean(self) -> bool:
        """True when there is no finding, or every one is acknowledged."""
        return all(f.is_acknowledged for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Findings of each kind (every kind listed, zero included)."""
        found = Counter(f.kind for f in self.findings)
        return {kind: found[kind] for kind in KINDS}

    @property
    def acknowledged(self) -> dict[str, int]:
        found = Counter(f.kind for f in self.findings if f.is_acknowledged)
        return {kind: found[kind] for kind in KINDS}


def _integrity(con: sqlite3.Connection) -> list[Finding]:
    found = [Finding(FindingKind.INTEGRITY, problem) for problem in store.integrity_problems(con)]
    if found:
        return found
    return [
        Finding(FindingKind.INTEGRITY, f"{table} row {rowid} points to a missing {parent} row")
        for table, rowid, parent in store.foreign_key_problems(con)
    ]


def _discrepancy_rule(
    x: store.DiscrepancyRecord, rules: tuple[AcknowledgementRule, ...], kinds: dict[int, SourceKind]
) -> AcknowledgementRule | None:
    """The first rule that explains the finding, or None (a curated acknowledgement comes first)."""
    if x.is_acknowledged or not x.is_within_source or x.source_id is None:
        return None
    return next(
        (
            r
            for r in rules
            if r.condition is RuleCondition.TOTALS_AND_ROLL_OF_ONE_SOURCE
            and r.kind is x.kind
            and r.source_kind == kinds.get(x.source_id)
            and r.body is x.body
        ),
        None,
    )


def _explained(curated: str | None, rule: AcknowledgementRule | None) -> dict[str, Any]:
    """A finding's acknowledgement fields: the curated explanation, else the rule's with its source."""
    explanation = curated if rule is None else f"{rule.explanation} Source: {rule.citation}"
    return {
        "is_acknowledged": explanation is not None,
        "explanation": explanation,
        "rule": None if rule is None else rule.rule,
    }


def _discrepancies(con: sqlite3.Connection, rules: tuple[AcknowledgementRule, ...]) -> list[Finding]:
    kinds = {s.source_id: s.kind for s in store.list_sources(con)}
    return [
        Finding(
            x.kind,
            x.detail,
            decision_id=x.decision_id,
            body=x.body,
            date=x.date,
            symbol=x.symbol,
            source_id=x.source_id,
            **_explained(x.explanation, _discrepancy_rule(x, rules, kinds)),
        )
        for x in store.list_discrepancies(con)
    ]


def _membership(member_from: str | None, member_to: str | None) -> str:
    if member_from is None:
        return "never a UN member"
    if member_to is None:
        return f"UN member from {member_from}"
    return f"UN member from {member_from} to {member_to}"


def _days_before_admission(p: NonMemberPosition) -> int | None:
    if p.date is None or p.un_member_from is None or p.date >= p.un_member_from:
        return None
    return (dt.date.fromisoformat(p.un_member_from) - dt.date.fromisoformat(p.date)).days


def _rule_for(
    p: NonMemberPosition, rules: tuple[AcknowledgementRule, ...], kinds: dict[int, SourceKind]
) -> AcknowledgementRule | None:
    """The first rule that explains the position, or None (a curated acknowledgement comes first)."""
    days = _days_before_admission(p)
    if p.explanation is not None or days is None:
        return None
    return next(
        (
            r
            for r in rules
            if r.kind is FindingKind.OUTSIDE_MEMBERSHIP
            and r.source_kind == kinds.get(p.source_id)
            and r.body is p.body
            and r.max_days is not None
            and days <= r.max_days
        ),
        None,
    )


def _outside_membership(con: sqlite3.Connection, rules: tuple[AcknowledgementRule, ...]) -> list[Finding]:
    kinds = {s.source_id: s.kind for s in store.list_sources(con)}
    return [_non_member_finding(p, _rule_for(p, rules, kinds)) for p in store.positions_of_non_members(con)]


def _non_member_finding(p: NonMemberPosition, rule: AcknowledgementRule | None) -> Finding:
    return Finding(
        FindingKind.OUTSIDE_MEMBERSHIP,
        f"{p.country_code} {p.vote}{f' ({p.reason})' if p.reason else ''} on {p.date}; "
        + _membership(p.un_member_from, p.un_member_to),
        decision_id=p.decision_id,
        body=p.body,
        date=p.date,
        symbol=p.symbol,
        country_code=p.country_code,
        source_id=p.source_id,
        **_explained(p.explanation, rule),
    )


def _probable_duplicates(con: sqlite3.Connection) -> list[Finding]:
    return [
        Finding(
            FindingKind.PROBABLE_DUPLICATE,
            f"decisions {p.decision_id} ({p.symbol or 'no symbol'}) and {p.other_decision_id} "
            f"({p.other_symbol or 'no symbol'}): {p.kind}, same roll",
            decision_id=p.decision_id,
            body=p.body,
            date=p.date,
            symbol=p.symbol or p.other_symbol,
        )
        for p in store.probable_duplicates(con)
    ]


def _flagged(
    kind: FindingKind,
    condition: RuleCondition,
    flagged: list[store.FlaggedDecision],
    detail: Callable[[store.FlaggedDecision], str],
    rules: tuple[AcknowledgementRule, ...],
) -> list[Finding]:
    """Findings of one ``kind`` about decisions, each explained by the first rule of ``condition``
    for the source kind and body that record it, if any."""

    def rule_for(v: store.FlaggedDecision) -> AcknowledgementRule | None:
        return next(
            (r for r in rules if r.condition is condition and r.source_kind is v.source_kind and r.body is v.body),
            None,
        )

    return [
        Finding(
            kind,
            detail(v),
            decision_id=v.decision_id,
            body=v.body,
            date=v.date,
            symbol=v.symbol,
            source_id=v.source_id,
            **_explained(None, rule_for(v)),
        )
        for v in flagged
    ]


def _missing_rolls(con: sqlite3.Connection, rules: tuple[AcknowledgementRule, ...]) -> list[Finding]:
    return _flagged(
        FindingKind.ROLL_MISSING,
        RuleCondition.RECORDED_WITHOUT_ROLL,
        store.recorded_votes_without_roll(con),
        lambda v: f"recorded vote, no roll in any source; official totals {'kept' if v.has_totals else 'not known'}",
        rules,
    )


def _tallies_without_vote(con: sqlite3.Connection, rules: tuple[AcknowledgementRule, ...]) -> list[Finding]:
    return _flagged(
        FindingKind.TALLY_WITHOUT_VOTE,
        RuleCondition.TALLY_GIVEN_WITHOUT_VOTE,
        store.tallies_without_vote(con),
        lambda v: "adopted without a vote, yet the source gives a tally (kept as given)",
        rules,
    )


def _uncited_sources(con: sqlite3.Connection) -> list[Finding]:
    return [
        Finding(
            FindingKind.SOURCE_WITHOUT_CITATION,
            f"{s.kind} file {s.file_name} has an empty citation",
            source_id=s.source_id,
            file=s.file_name,
        )
        for s in store.uncited_sources(con)
    ]


def _csv_names(folder: Traversable | Path, prefix: str = "") -> list[str]:
    """Every CSV file under ``folder``, as a path relative to it, sorted."""
    names: list[str] = []
    for entry in folder.iterdir():
        if entry.is_dir():
            names += _csv_names(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".csv"):
            names.append(f"{prefix}{entry.name}")
    return sorted(names)


def _uncited_rows(folder: Traversable | Path, name: str) -> list[Finding]:
    """Rows of one dossier file whose ``source`` cell is empty (lines as in the file, header = 1)."""
    file = f"dprk/{name}"
    reader = csv.reader(io.StringIO(folder.joinpath(name).read_text(encoding="utf-8"), newline=""))
    header = next(reader, [])
    if "source" not in header:
        return [Finding(FindingKind.DOSSIER_ROW_WITHOUT_SOURCE, "the file has no source column", file=file, line=1)]
    at = header.index("source")
    found: list[Finding] = []
    start = reader.line_num + 1
    for cells in reader:
        if cells and (at >= len(cells) or not cells[at].strip()):
            found.append(
                Finding(FindingKind.DOSSIER_ROW_WITHOUT_SOURCE, "row has no source citation", file=file, line=start)
            )
        start = reader.line_num + 1
    return found


def _dossier(folder: Traversable | Path) -> list[Finding]:
    return [finding for name in _csv_names(folder) for finding in _uncited_rows(folder, name)]


def audit(con: sqlite3.Connection, *, dossier: Traversable | Path | None = None) -> Audit:
    """Every finding on the database behind ``con`` and on the dossier files (the shipped ones,
    or those in ``dossier``), in the order of :data:`KINDS`, each kind in date or file order.

    A file that fails SQLite's own check gives only ``integrity`` findings (and the dossier's).
    """
    folder = dossier if dossier is not None else dossier_folder()
    rules = tuple(read_acknowledgement_rules(folder))
    findings = _integrity(con)
    if not findings:  # the other checks read the file, and cannot be trusted on a damaged one
        findings += [*_discrepancies(con, rules), *_outside_membership(con, rules), *_probable_duplicates(con)]
        findings += [*_missing_rolls(con, rules), *_tallies_without_vote(con, rules)]
        findings += _uncited_sources(con)
    findings += _dossier(folder)
    order = {kind: n for n, kind in enumerate(KINDS)}
    return Audit(tuple(sorted(findings, key=lambda f: order[f.kind])), rules)


def audit_summary_table(result: Audit) -> Table:
    """One row per kind of finding: how many, how many acknowledged, how many open."""
    counts, acknowledged = result.counts, result.acknowledged
    return Table(
        name="check",
        title="Check: " + ("clean" if result.is_clean else "findings to look at"),
        columns=("kind", "findings", "acknowledged", "open", "meaning"),
        rows=tuple(
            (kind, counts[kind], acknowledged[kind], counts[kind] - acknowledged[kind], meaning)
            for kind, meaning in KINDS.items()
        ),
        notes=(
            "Clean when every finding is acknowledged (the dossier's facts/acknowledged.csv explains it,"
            " or a rule of facts/acknowledged_rules.csv).",
        ),
    )


def audit_rules_table(result: Audit) -> Table:
    """One row per rule: the kind of finding it explains, and how many findings it explains."""
    counts = result.explained_by_rule
    return Table(
        name="check_rules",
        title="Rules",
        columns=("rule", "kind", "findings"),
        rows=tuple((r.rule, r.kind.value, counts[r.rule]) for r in result.rules),
        notes=("Each finding a rule explains carries the rule's explanation and source.",),
    )


FINDING_COLUMNS = (
    "kind",
    "decision_id",
    "body",
    "date",
    "symbol",
    "country_code",
    "source_id",
    "file",
    "line",
    "detail",
    "is_acknowledged",
    "explanation",
    "rule",
)


#: The columns of the short form, for a terminal.
BRIEF_COLUMNS = ("kind", "where", "detail")


def audit_findings_table(
    result: Audit, *, open_only: bool = False, per_kind: int | None = None, brief: bool = False
) -> Table:
    """The findings (or only those not acknowledged), at most ``per_kind`` of each kind; ``brief``
    gives each in three columns (kind, where, detail) instead of every field."""
    columns = BRIEF_COLUMNS if brief else FINDING_COLUMNS
    shown: Counter[str] = Counter()
    rows = []
    for f in result.findings:
        if open_only and f.is_acknowledged:
            continue
        shown[f.kind] += 1
        if per_kind is None or shown[f.kind] <= per_kind:
            rows.append(tuple(cell(getattr(f, column)) for column in columns))
    hidden = {kind: n - per_kind for kind, n in shown.items() if per_kind is not None and n > per_kind}
    notes = tuple(f"{n} more {kind} not shown" for kind, n in hidden.items())
    return Table(
        name="check_findings",
        title="Open findings" if open_only else "Findings",
        columns=columns,
        rows=tuple(rows),
        notes=notes,
    )
