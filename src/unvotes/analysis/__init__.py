"""Pure analyses of UN decisions and votes: in-memory data in, frozen result dataclasses out.

Every analysis takes a :class:`RollMatrix` (states × decisions of vote codes, built by the caller
from the store) and returns frozen dataclasses that record the parameters and definitions used.
Nothing here reads files, runs SQL or prints; this package imports only :mod:`unvotes.model`.

============================  ===================================================================
module                        question
============================  ===================================================================
:mod:`.rolls`                 the input shape (:class:`RollMatrix`, :class:`DecisionInfo`)
:mod:`.timeline`              how a series was adopted, body by body and year by year
:mod:`.record`                one state's record over a series, beside its group
:mod:`.switchers`             who changed position between two decisions
:mod:`.chain`                 consistency along amendment -> committee -> plenary
:mod:`.agreement`             pairwise agreement under a stated definition
:mod:`.cohesion`              group cohesion (Agreement Index, Rice index)
:mod:`.ideal_points`          one-dimensional ideal points (2PL logistic IRT)
:mod:`.dynamic_ideal`         positions per state per year (dynamic ordinal IRT)
:mod:`.repeats`               roll calls repeating one question across years
:mod:`.ordinal`               the ordered logit of a vote, its derivatives and item steps
:mod:`.tridiagonal`           many tridiagonal systems solved at once (the random walks)
:mod:`.simulate`              votes simulated with a known truth, to check the fit
:mod:`.implied_tally`         model estimate of a vote that was never called, with back-test
============================  ===================================================================
"""

from unvotes.analysis.agreement import (
    AgreementMatrix,
    AgreementMethod,
    AgreementRanking,
    AgreementRow,
    agreement_definition,
    agreement_matrix,
    agreement_with,
)
from unvotes.analysis.chain import ChainResult, ChainRow, ChainStep, ChainVerdict, vote_chain
from unvotes.analysis.cohesion import Cohesion, YearCohesion, agreement_index, group_cohesion, rice_index
from unvotes.analysis.dynamic_ideal import (
    MODEL_VERSION,
    DynamicIdealPoints,
    DynamicSettings,
    WarmStart,
    fit_dynamic_ideal_points,
    repeat_items,
    repeat_key,
)
from unvotes.analysis.ideal_points import IdealPoints, IdealPointSettings, fit_ideal_points
from unvotes.analysis.implied_tally import (
    Backtest,
    ImpliedTally,
    ImpliedTallySettings,
    SeriesBacktest,
    StateEstimate,
    TallyRange,
    backtest_implied_tally,
    backtest_series,
    estimate_implied_tally,
)
from unvotes.analysis.record import CountryRecord, RecordEntry, RecordSummary, country_record
from unvotes.analysis.rolls import (
    ABSTAIN,
    NO,
    NON_VOTING,
    NOT_MEMBER,
    YES,
    DecisionInfo,
    RollMatrix,
    code_of,
    vote_of,
)
from unvotes.analysis.switchers import (
    TRANSITION_STATES,
    PositionChange,
    Switchers,
    compare_positions,
    year_on_year,
)
from unvotes.analysis.timeline import (
    DEFAULT_TIMELINE_KINDS,
    BodyTimeline,
    Tally,
    TallySource,
    Timeline,
    TimelineEntry,
    series_timeline,
)

__all__ = [
    "ABSTAIN",
    "DEFAULT_TIMELINE_KINDS",
    "MODEL_VERSION",
    "NO",
    "NON_VOTING",
    "NOT_MEMBER",
    "TRANSITION_STATES",
    "YES",
    "AgreementMatrix",
    "AgreementMethod",
    "AgreementRanking",
    "AgreementRow",
    "Backtest",
    "BodyTimeline",
    "ChainResult",
    "ChainRow",
    "ChainStep",
    "ChainVerdict",
    "Cohesion",
    "CountryRecord",
    "DecisionInfo",
    "DynamicIdealPoints",
    "DynamicSettings",
    "IdealPointSettings",
    "IdealPoints",
    "ImpliedTally",
    "ImpliedTallySettings",
    "PositionChange",
    "RecordEntry",
    "RecordSummary",
    "RollMatrix",
    "SeriesBacktest",
    "StateEstimate",
    "Switchers",
    "Tally",
    "TallyRange",
    "TallySource",
    "Timeline",
    "TimelineEntry",
    "WarmStart",
    "YearCohesion",
    "agreement_definition",
    "agreement_index",
    "agreement_matrix",
    "agreement_with",
    "backtest_implied_tally",
    "backtest_series",
    "code_of",
    "compare_positions",
    "country_record",
    "estimate_implied_tally",
    "fit_dynamic_ideal_points",
    "fit_ideal_points",
    "group_cohesion",
    "repeat_items",
    "repeat_key",
    "rice_index",
    "series_timeline",
    "vote_chain",
    "vote_of",
    "year_on_year",
]
