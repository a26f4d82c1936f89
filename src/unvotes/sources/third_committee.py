"""GA Third Committee recorded votes on the DPRK human-rights drafts (2005-2015), from summary records.

Two files: events (one row per recorded vote, with the totals the summary record states) and
votes (one row per state listed in favour, against or abstaining; absent states are not
listed, so ``lists_only_voters``). An amendment is linked to the draft it amends when its
``note`` or ``subject`` names the draft voted on in the same session.

Licence: PolyForm Noncommercial 1.0.0, as the OHCHR files (see :data:`CITATION`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import (
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    DecisionLink,
    FileRole,
    LinkRelation,
    Outcome,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.reference.countries import load_registry
from unvotes.sources.checks import checked, iso_date
from unvotes.sources.numbers import whole_number
from unvotes.sources.positions import VoteTable, assemble, map_votes, resolve_distinct
from unvotes.sources.tabular import Table, TableSpec, assign_files, first_row_of, read_csv

__all__ = ["CITATION", "EVENTS", "VOTES", "read_c3_dprk"]

CITATION = (
    "UN summary records A/C.3/60-70/SR, as parsed by Łukasz Szoszkiewicz "
    "(https://github.com/lszoszk/hrc-voting; "
    "Copyright © 2026 Łukasz Szoszkiewicz; PolyForm Noncommercial 1.0.0), DPRK events transcribed and checked"
)
EVENTS = TableSpec(
    "Third Committee DPRK events",
    (
        "event_id", "session", "sr_symbol", "meeting_date", "kind", "draft_symbol", "result",
        "stated_yes", "stated_no", "stated_abstain", "n_yes", "n_no", "n_abstain", "note", "subject",
    ),
)  # fmt: skip
VOTES = TableSpec("Third Committee DPRK votes", ("event_id", "session", "draft_symbol", "iso3", "vote"))

_KINDS = {"draft": DecisionKind.DRAFT, "amendment": DecisionKind.AMENDMENT}
_RESULTS = {"adopted": Outcome.ADOPTED, "rejected": Outcome.REJECTED}
_VOTES: VoteTable = {"Y": (Vote.YES, None), "N": (Vote.NO, None), "A": (Vote.ABSTAIN, None)}


def _closed(table: Table, row: int, column: str, value: str, allowed: dict[str, object]) -> None:
    if value not in allowed:
        raise UnknownCodeError(
            f"{column} {value!r}", path=table.path, line=table.line(row), expected=", ".join(allowed)
        )


def _number(table: Table, row: int, column: str, value: str) -> int | None:
    return whole_number(value, column=column, path=table.path, line=table.line(row))


def _events(table: Table) -> list[Decision]:
    col = {name: table.strings(name) for name in EVENTS.required}
    out: list[Decision] = []
    seen: set[str] = set()
    for row, event_id in enumerate(col["event_id"]):
        kind, result = col["kind"][row].strip(), col["result"][row].strip()
        _closed(table, row, "kind", kind, dict(_KINDS))
        _closed(table, row, "result", result, dict(_RESULTS))
        if not event_id.strip() or event_id in seen:
            raise InputError(f"event_id {event_id!r} blank or repeated", path=table.path, line=table.line(row))
        seen.add(event_id)
        date = iso_date(col["meeting_date"][row], column="meeting_date", path=table.path, line=table.line(row))
        if date is None:
            raise InputError("meeting_date is blank", path=table.path, line=table.line(row), expected="YYYY-MM-DD")
        symbol = col["draft_symbol"][row].strip() or None
        out.append(
            Decision(
                ref=event_id,
                body=Body.C3,
                kind=_KINDS[kind],
                adoption_method=AdoptionMethod.RECORDED_VOTE,
                symbol=symbol,
                date=date,
                outcome=_RESULTS[result],
                draft_symbol=symbol,
                session=_number(table, row, "session", col["session"][row]),
                title=col["subject"][row].strip() or None,
                description=col["note"][row].strip() or None,
                meeting_symbol=col["sr_symbol"][row].strip() or None,
                yes_count=_number(table, row, "stated_yes", col["stated_yes"][row]),
                no_count=_number(table, row, "stated_no", col["stated_no"][row]),
                abstain_count=_number(table, row, "stated_abstain", col["stated_abstain"][row]),
                line=table.line(row),
            )
        )
    return out


def _links(decisions: Sequence[Decision]) -> tuple[DecisionLink, ...]:
    """Amendment -> the draft of the same session that its note or subject names."""
    links = []
    for amendment in decisions:
        if amendment.kind is not DecisionKind.AMENDMENT:
            continue
        text = f"{amendment.description or ''} {amendment.title or ''}"
        for draft in decisions:
            if (
                draft.kind is DecisionKind.DRAFT
                and draft.session == amendment.session
                and draft.symbol
                and draft.symbol in text
            ):
                links.append(DecisionLink(from_ref=amendment.ref, to_ref=draft.ref, relation=LinkRelation.AMENDS))
    return tuple(links)


def read_c3_dprk(paths: Sequence[Path]) -> SourceBatch:
    """The events and votes files, recognised by their headers."""
    registry = load_registry()
    files = assign_files(paths, {"events": EVENTS, "votes": VOTES}, required=("events", "votes"))
    events = read_csv(files["events"], EVENTS)
    votes = read_csv(files["votes"], VOTES)
    decisions = _events(events)
    index = {d.ref: i for i, d in enumerate(decisions)}
    event_id, event_ids = votes.encoded("event_id")
    for i, value in enumerate(event_ids):
        if value not in index:
            raise InputError(
                f"event_id {value!r} is not in {events.path.name}",
                path=votes.path,
                line=votes.line(first_row_of(event_id, i)),
                expected="an event listed in the events file",
            )
    decision = np.array([index[v] for v in event_ids] or [0], dtype=np.int32)[event_id]
    codes_ = map_votes(*votes.encoded("vote"), _VOTES, path=votes.path, lines=votes.lines)
    code_id, codes = resolve_distinct(
        *votes.encoded("iso3"),
        lambda code: code if code in registry else None,
        path=votes.path,
        lines=votes.lines,
        what="iso3 code",
        expected="an alpha-3 code in countries.csv",
    )
    positions = assemble(
        path=votes.path,
        decision=decision,
        code_id=code_id,
        codes=codes,
        vote=codes_.vote,
        reason=codes_.reason,
        lines=votes.lines,
        refs=[d.ref for d in decisions],
    )
    batch = SourceBatch(
        kind=SourceKind.C3_DPRK,
        files=(
            events.raw.source_file(SourceKind.C3_DPRK, len(events), CITATION, {FileRole.DECISIONS}),
            votes.raw.source_file(SourceKind.C3_DPRK, len(votes), CITATION, {FileRole.POSITIONS}),
        ),
        decisions=tuple(decisions),
        positions=positions,
        links=_links(decisions),
        lists_only_voters=True,
    )
    return checked(batch, path=events.path, registry=registry)
