"""Use cases: each function answers one question and returns one :class:`Table` (or a small
dataclass of tables for a page). Reports read the store and call the analysis library; the CLI,
the web pages and the exports only render what they return.
"""

from unvotes.reports.analysis import Selection, agreement_table, cohesion_table
from unvotes.reports.audit import Audit, Finding, audit, audit_findings_table, audit_summary_table
from unvotes.reports.estimates import ImpliedTallyReport, ideal_points_table, implied_tally_report
from unvotes.reports.series import chain_table, series_switchers_table, switchers_table, timeline_table
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
    "Audit",
    "Cell",
    "Finding",
    "ImpliedTallyReport",
    "Selection",
    "Table",
    "agreement_table",
    "audit",
    "audit_findings_table",
    "audit_summary_table",
    "cell",
    "chain_table",
    "cohesion_table",
    "country_table",
    "decisions_table",
    "discrepancies_table",
    "ideal_points_table",
    "implied_tally_report",
    "resolve_decision",
    "series_switchers_table",
    "sponsors_table",
    "switchers_table",
    "timeline_table",
    "votes_table",
]
