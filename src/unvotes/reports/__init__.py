"""Use cases: each function answers one question and returns one :class:`Table` (or a small
dataclass of tables for a page). Reports read the store and call the analysis library; the CLI,
the web pages and the exports only render what they return.
"""

from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import (
    DECISION_COLUMNS,
    country_table,
    decisions_table,
    discrepancies_table,
    resolve_decision,
    sponsors_table,
    votes_table,
)

__all__ = [
    "DECISION_COLUMNS",
    "Cell",
    "Table",
    "cell",
    "country_table",
    "decisions_table",
    "discrepancies_table",
    "resolve_decision",
    "sponsors_table",
    "votes_table",
]
