"""From the store to the analysis library: a selection of decisions as a :class:`RollMatrix`."""

from __future__ import annotations

import datetime as dt
import sqlite3

from unvotes import store
from unvotes.analysis import DecisionInfo, RollMatrix
from unvotes.model import VOTE_CODES, AdoptionMethod, Body, DecisionKind, Outcome

__all__ = ["decision_infos", "load_rolls"]

_CODE = {vote.value: code for vote, code in VOTE_CODES.items()}
_COLUMNS = store.queries.DECISION_COLUMNS


def _opt_int(value: object) -> int | None:
    return None if value is None else int(str(value))


def decision_infos(rows: list[tuple[object, ...]]) -> list[DecisionInfo]:
    """Store decision rows as the analysis library's :class:`DecisionInfo` records."""
    at = {name: i for i, name in enumerate(_COLUMNS)}
    out = []
    for row in rows:
        date = row[at["date"]]
        outcome = row[at["outcome"]]
        out.append(
            DecisionInfo(
                decision_id=int(str(row[at["decision_id"]])),
                body=Body(str(row[at["body"]])),
                date=dt.date.fromisoformat(str(date)) if date else None,
                symbol=str(row[at["symbol"]]) if row[at["symbol"]] else None,
                kind=DecisionKind(str(row[at["kind"]])),
                adoption_method=AdoptionMethod(str(row[at["adoption_method"]])),
                outcome=Outcome(str(outcome)) if outcome else None,
                yes_count=_opt_int(row[at["yes_count"]]),
                no_count=_opt_int(row[at["no_count"]]),
                abstain_count=_opt_int(row[at["abstain_count"]]),
                non_voting_count=_opt_int(row[at["non_voting_count"]]),
            )
        )
    return out


def load_rolls(con: sqlite3.Connection, filt: store.DecisionFilter) -> RollMatrix:
    """Every decision matching ``filt`` (adoptions without a vote included, as empty columns) with
    the positions of the roll shown for each."""
    infos = decision_infos(store.list_decisions(con, filt))
    decision_ids, countries, votes = store.roll_positions(con, filt)
    codes = [_CODE[v] for v in votes]
    if not decision_ids:
        return RollMatrix.from_long([], [], [], infos, countries=())
    return RollMatrix.from_long(decision_ids, countries, codes, infos)
