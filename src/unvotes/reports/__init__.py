"""Use cases: each function answers one question and returns one :class:`Table` (or a small
dataclass of tables for a page). Reports read the store's typed rows and call the analysis
library; the CLI, the web pages, the API and the exports only render what they return, so one
question has one set of columns and one rounding everywhere.

===========================  ====================================================================
module                       question
===========================  ====================================================================
:mod:`.selection`            which decisions: the one parser of query strings and command options
:mod:`.tables`               the decisions; how each state voted on one; its sponsors; findings
:mod:`.record`               a state's record over a selection, beside its regional group
:mod:`.analysis`             agreement between states, cohesion of groups
:mod:`.series`               a series' timeline, switchers, the amendment -> plenary chain
:mod:`.estimates`            model estimates: ideal points, implied tallies
:mod:`.audit`                what ``unvotes check`` finds
:mod:`.pages`                the explorer's pages, assembled from the reports above
===========================  ====================================================================
"""

from unvotes.reports.analysis import Selection, agreement_table, cohesion_table
from unvotes.reports.audit import Audit, Finding, audit, audit_findings_table, audit_summary_table
from unvotes.reports.estimates import ImpliedTallyReport, ideal_points_table, implied_tally_report
from unvotes.reports.record import StateRecord, record_table, resolve_countries, resolve_country, state_record
from unvotes.reports.series import chain_table, series_switchers_table, switchers_table, timeline_table
from unvotes.reports.table import Cell, Table, cell
from unvotes.reports.tables import (
    DECISION_TABLE_COLUMNS,
    decision_table,
    decisions_table,
    discrepancies_table,
    find_decision,
    resolve_decision,
    roll_table,
    sponsor_coverage_table,
    sponsors_table,
    votes_table,
)

__all__ = [
    "DECISION_TABLE_COLUMNS",
    "Audit",
    "Cell",
    "Finding",
    "ImpliedTallyReport",
    "Selection",
    "StateRecord",
    "Table",
    "agreement_table",
    "audit",
    "audit_findings_table",
    "audit_summary_table",
    "cell",
    "chain_table",
    "cohesion_table",
    "decision_table",
    "decisions_table",
    "discrepancies_table",
    "find_decision",
    "ideal_points_table",
    "implied_tally_report",
    "record_table",
    "resolve_countries",
    "resolve_country",
    "resolve_decision",
    "roll_table",
    "series_switchers_table",
    "sponsor_coverage_table",
    "sponsors_table",
    "state_record",
    "switchers_table",
    "timeline_table",
    "votes_table",
]
