"""From the store to the analysis library: decisions as :class:`DecisionInfo`, a selection as a
:class:`RollMatrix`."""

from __future__ import annotations

import datetime as dt
import sqlite3

from unvotes import store
from unvotes.analysis import DecisionInfo, RollMatrix
from unvotes.model import VOTE_CODES, Selection

__all__ = ["decision_info", "load_rolls", "rolls_of"]

_CODE = {vote.value: code for vote, code in VOTE_CODES.items()}


def decision_info(d: store.DecisionRecord) -> DecisionInfo:
    """A stored decision as the analysis library's :class:`DecisionInfo`."""
    return DecisionInfo(
        decision_id=d.decision_id,
        body=d.body,
        date=dt.date.fromisoformat(d.date) if d.date else None,
        symbol=d.symbol,
        kind=d.kind,
        adoption_method=d.adoption_method,
        outcome=d.outcome,
        yes_count=d.yes_count,
        no_count=d.no_count,
        abstain_count=d.abstain_count,
        non_voting_count=d.non_voting_count,
    )


def load_rolls(con: sqlite3.Connection, sel: Selection) -> RollMatrix:
    """Every decision of the selection (adoptions without a vote included, as empty columns) with
    the positions of the roll shown for each."""
    infos = [decision_info(d) for d in store.list_decisions(con, sel)]
    decision_ids, countries, votes = store.roll_positions(con, sel)
    if not decision_ids:
        return RollMatrix.from_long([], [], [], infos, countries=())
    return RollMatrix.from_long(decision_ids, countries, [_CODE[v] for v in votes], infos)


def rolls_of(con: sqlite3.Connection, decisions: list[store.DecisionRecord], country_codes: list[str]) -> RollMatrix:
    """The roll shown for each decision, as a matrix over ``country_codes`` (every row present, so
    a state that never voted still has its row of "no position")."""
    ids = [d.decision_id for d in decisions]
    infos = [decision_info(d) for d in store.decisions_by_ids(con, ids)]
    found, codes, votes = store.roll_positions_of(con, ids)
    return RollMatrix.from_long(found, codes, [_CODE[v] for v in votes], infos, countries=country_codes)
