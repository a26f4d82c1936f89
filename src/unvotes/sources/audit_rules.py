"""The audit's rules (the dossier's ``facts/acknowledged_rules.csv``): curated explanations of a
whole class of findings, each narrow (one source kind, one body, a bound in days) and cited.

File in, :class:`~unvotes.model.AcknowledgementRule` records out; the audit applies them.
"""

from __future__ import annotations

from enum import StrEnum
from importlib.abc import Traversable
from pathlib import Path
from typing import TypeVar

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import AcknowledgementRule, Body, FindingKind, SourceKind
from unvotes.sources.dossier.rows import read_rows

__all__ = ["RULES_FILE", "RULE_COLUMNS", "read_acknowledgement_rules"]

RULES_FILE = "facts/acknowledged_rules.csv"
RULE_COLUMNS = ("rule", "kind", "source_kind", "body", "max_days_before_admission", "explanation", "source")

#: The findings a rule can explain: those whose conditions the rule's columns can state.
_RULE_KINDS = (FindingKind.OUTSIDE_MEMBERSHIP,)

_E = TypeVar("_E", bound=StrEnum)


def _word(kind: type[_E], value: str, allowed: tuple[_E, ...], line: int) -> _E:
    if value not in allowed:
        raise UnknownCodeError(
            f"unknown {kind.__name__} {value!r}", path=RULES_FILE, line=line, expected=", ".join(allowed)
        )
    return kind(value)


def _days(value: str, line: int) -> int:
    if not value.isdigit():
        raise InputError(f"bad day count {value!r}", path=RULES_FILE, line=line, expected="a whole number of days")
    return int(value)


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
        rules.append(
            AcknowledgementRule(
                rule=row["rule"],
                kind=_word(FindingKind, row["kind"], _RULE_KINDS, line),
                source_kind=_word(SourceKind, row["source_kind"], tuple(SourceKind), line),
                body=_word(Body, row["body"], tuple(Body), line),
                max_days_before_admission=_days(row["max_days_before_admission"], line),
                explanation=row["explanation"],
                citation=row["source"],
            )
        )
    return rules
