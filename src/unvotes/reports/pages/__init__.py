"""The explorer's pages as reports: each function returns one :class:`Page` (facts, tables and the
sources of their numbers), which the web layer renders as HTML, JSON, CSV and XLSX.

======================  ==========================================================
function                page
======================  ==========================================================
:func:`overview_page`   a series year by year: timeline, streaks, events, mandates
:func:`decision_page`   one decision: roll, totals, chain, sponsors, documents
:func:`year_page`       one year of a series side by side, with the switchers
:func:`country_page`    a state's record, its agreement with a reference state
:func:`compare_page`    several states over a series
:func:`browse_page`     every decision, filtered and paged
:func:`decision_index`  every decision in one table, for filtering in the browser
:func:`countries_page`  every state
:func:`document_page`   the methodology and the other documents
:func:`sources_page`    every source file
:func:`estimates_page`  a stored run of positions per year (model estimates)
======================  ==========================================================
"""

from unvotes.reports.pages.browse import INDEX_COLUMNS, MAX_PAGE_SIZE, browse_page, decision_index, topics
from unvotes.reports.pages.common import DEFAULT_SERIES, is_dataset_record, undocs_url
from unvotes.reports.pages.compare import MAX_COMPARED, compare_page
from unvotes.reports.pages.country import country_page, default_reference
from unvotes.reports.pages.decision import POSITIONS, decision_page
from unvotes.reports.pages.overview import overview_page, series_decisions
from unvotes.reports.pages.page import Fact, Page, Paging
from unvotes.reports.pages.positions import estimates_page
from unvotes.reports.pages.reference import DOCUMENTS, available_documents, countries_page, document_page, sources_page
from unvotes.reports.pages.year import year_page

__all__ = [
    "DEFAULT_SERIES",
    "DOCUMENTS",
    "INDEX_COLUMNS",
    "MAX_COMPARED",
    "MAX_PAGE_SIZE",
    "POSITIONS",
    "Fact",
    "Page",
    "Paging",
    "available_documents",
    "browse_page",
    "compare_page",
    "countries_page",
    "country_page",
    "decision_index",
    "decision_page",
    "default_reference",
    "document_page",
    "estimates_page",
    "is_dataset_record",
    "overview_page",
    "series_decisions",
    "sources_page",
    "topics",
    "undocs_url",
    "year_page",
]
