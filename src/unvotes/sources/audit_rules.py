"""The audit's rules (the dossier's ``facts/acknowledged_rules.csv``): curated explanations of a
whole class of findings, each narrow (one kind of finding, one source kind, one body, a condition
the audit checks on each finding) and cited.

``condition`` is ``days_before_admission<=N`` (an ``outside_membership`` position dated at most N
days before the state's admission), ``totals_and_roll_of_one_source`` (a ``totals_vs_roll``
finding where the official totals are those the roll's own source gives) or
``recorded_without_roll`` (a ``roll_missing`` finding: a recorded vote no source gives a roll for)
or ``tally_given_without_vote`` (a ``tally_without_vote`` finding: the source gives both).

File in, :class:`~unvotes.model.AcknowledgementRule` records out; the audit applies them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from importlib.abc import Traversable
from pathlib import Path
from typing import TypeVar

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import RULE_CONDITION_KINDS, AcknowledgementRule, Body, FindingKind, RuleCondition, SourceKind
from unvotes.sources.dossier.rows import read_rows

__all__ = ["RULES_FILE", "RULE_COLUMNS", "read_acknowledgement_rules"]

RULES_FILE = "facts/acknowledged_rules.csv"
RULE_COLUMNS = ("rule", "kind", "source_kind", "body", "condition", "explanation", "source")

#: The findings a rule can explain: those whose conditions the rule's columns can state.
_RULE_KINDS = tuple(RULE_CONDITION_KINDS.values())
_DAYS = re.compile(rf"{RuleCondition.DAYS_BEFORE_ADMISSION}<=(\d+)")
_CONDITIONS = (
    f"{RuleCondition.DAYS_BEFORE_ADMISSION}<=N, {RuleCondition.TOTALS_AND_ROLL_OF_ONE_SOURCE}"
    f", {RuleCondition.RECORDED_WITHOUT_ROLL} or {RuleCondition.TALLY_GIVEN_WITHOUT_VOTE}"
)

_E = TypeVar("_E", bound=StrEnum)


def _word(kind: type[_E], value: str, allowed: tuple[_E, ...], line: int) -> _E:
    if value not in allowed:
        raise UnknownCodeError(
            f"unknown {kind.__name__} {value!r}", path=RULES_FILE, line=line, expected=", ".join(allowed)
        )
    return kind(value)


def _condition(value: str, kind: FindingKind, line: int) -> tuple[RuleCondition, int | None]:
    """The condition and its bound in days (None for a condition without one), checked against
    the kind of finding the rule explains."""
    days = _DAYS.fullmatch(value)
    if days is not None:
        condition, bound = RuleCondition.DAYS_BEFORE_ADMISSION, int(days.group(1))
    elif value in (
        RuleCondition.TOTALS_AND_ROLL_OF_ONE_SOURCE,
        RuleCondition.RECORDED_WITHOUT_ROLL,
        RuleCondition.TALLY_GIVEN_WITHOUT_VOTE,
    ):
        condition, bound = RuleCondition(value), None
    else:
        raise InputError(f"bad condition {value!r}", path=RULES_FILE, line=line, expected=_CONDITIONS)
    if RULE_CONDITION_KINDS[condition] is not kind:
        raise InputError(
            f"condition {value!r} does not apply to {kind} findings",
            path=RULES_FILE,
            line=line,
            expected=f"a condition on {kind}",
        )
    return condition, bound


def read_acknowledgement_rules(base: Traversable | Path) -> list[AcknowledgementRule]:
    """The rules in file order (none when the folder has no rules file); a rule named twice, an
    unknown word or a bad number raises."""
    rules: list[AcknowledgementRule] = []
    if not base.joinpath(RULES_FILE).is_file():
        return rules
    for line, row in read_rows(base, RULES_FILE, RULE_COLUMNS):
        if not row["rule"].strip() or any(r.rule == row["rule"] for r in rules):
            raise InputError(
                f"rule name {row['rule']!r} empty or repeated",
                path=RULES_FILE,
                line=line,
                expected="a unique rule name",
            )
        kind = _word(FindingKind, row["kind"], _RULE_KINDS, line)
        condition, max_days = _condition(row["condition"], kind, line)
        rules.append(
            AcknowledgementRule(
                rule=row["rule"],
                kind=kind,
                source_kind=_word(SourceKind, row["source_kind"], tuple(SourceKind), line),
                body=_word(Body, row["body"], tuple(Body), line),
                condition=condition,
                max_days=max_days,
                explanation=row["explanation"],
                citation=row["source"],
            )
        )
    return rules
