"""Hand-written roll matrices and hypothesis strategies for the analysis tests.

The DPRK-like matrix below is written for the tests: its codes follow the shape of the General
Assembly record (votes in 2011, 2014, 2015; adoptions without a vote in 2012, 2013, 2016; Cuba's
Third Committee amendment in 2014), but the individual positions are illustrative, not the record.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from unvotes.analysis import DecisionInfo, RollMatrix
from unvotes.model import AdoptionMethod, Body, DecisionKind

CODES = (0, 1, 2, 3, 8)

AMENDMENT_2014 = 1
DRAFT_2014 = 2
GA_2011, GA_2012, GA_2013, GA_2014, GA_2015, GA_2016 = 11, 12, 13, 14, 15, 16

_DECISIONS = (
    DecisionInfo(
        decision_id=AMENDMENT_2014,
        body=Body.C3,
        date=dt.date(2014, 11, 18),
        symbol="A/C.3/69/L.63",
        kind=DecisionKind.AMENDMENT,
    ),
    DecisionInfo(
        decision_id=DRAFT_2014,
        body=Body.C3,
        date=dt.date(2014, 11, 18),
        symbol="A/C.3/69/L.28/Rev.1",
        kind=DecisionKind.DRAFT,
    ),
    DecisionInfo(
        decision_id=GA_2011,
        body=Body.GA,
        date=dt.date(2011, 12, 19),
        symbol="A/RES/66/174",
        yes_count=123,
        no_count=16,
        abstain_count=51,
    ),
    DecisionInfo(
        decision_id=GA_2012,
        body=Body.GA,
        date=dt.date(2012, 12, 20),
        symbol="A/RES/67/181",
        adoption_method=AdoptionMethod.WITHOUT_VOTE,
    ),
    DecisionInfo(
        decision_id=GA_2013,
        body=Body.GA,
        date=dt.date(2013, 12, 18),
        symbol="A/RES/68/183",
        adoption_method=AdoptionMethod.WITHOUT_VOTE,
    ),
    DecisionInfo(
        decision_id=GA_2014,
        body=Body.GA,
        date=dt.date(2014, 12, 18),
        symbol="A/RES/69/188",
        yes_count=116,
        no_count=20,
        abstain_count=53,
    ),
    DecisionInfo(decision_id=GA_2015, body=Body.GA, date=dt.date(2015, 12, 17), symbol="A/RES/70/172"),
    DecisionInfo(
        decision_id=GA_2016,
        body=Body.GA,
        date=dt.date(2016, 12, 19),
        symbol="A/RES/71/202",
        adoption_method=AdoptionMethod.WITHOUT_VOTE,
    ),
)

# columns: L.63, L.28/Rev.1, GA 2011 ... GA 2016   (1 yes, 2 abstain, 3 no, 8 non-voting, 0 none)
_ROWS = {
    "BWA": (1, 1, 1, 0, 0, 1, 1, 0),
    "CHN": (1, 3, 3, 0, 0, 3, 3, 0),
    "CUB": (1, 3, 3, 0, 0, 3, 3, 0),
    "FRA": (3, 1, 1, 0, 0, 1, 1, 0),
    "GBR": (3, 1, 1, 0, 0, 1, 1, 0),
    "IDN": (2, 2, 2, 0, 0, 2, 1, 0),
    "IND": (2, 2, 2, 0, 0, 2, 2, 0),
    "JPN": (3, 1, 1, 0, 0, 1, 1, 0),
    "KOR": (3, 1, 1, 0, 0, 1, 1, 0),
    "LAO": (1, 3, 3, 0, 0, 3, 2, 0),
    "PRK": (1, 3, 3, 0, 0, 3, 3, 0),
    "RUS": (1, 3, 3, 0, 0, 3, 3, 0),
    "SSD": (2, 2, 0, 0, 0, 2, 2, 0),
    "SYR": (1, 3, 3, 0, 0, 3, 8, 0),
    "USA": (3, 1, 1, 0, 0, 1, 1, 0),
    "VNM": (1, 3, 2, 0, 0, 3, 3, 0),
}

GROUPS = {
    "BWA": "african",
    "SSD": "african",
    "CHN": "asia_pacific",
    "IDN": "asia_pacific",
    "IND": "asia_pacific",
    "JPN": "asia_pacific",
    "KOR": "asia_pacific",
    "LAO": "asia_pacific",
    "PRK": "asia_pacific",
    "SYR": "asia_pacific",
    "VNM": "asia_pacific",
    "RUS": "eastern_european",
    "CUB": "latin_american",
    "FRA": "western",
    "GBR": "western",
    "USA": "western",
}


def dprk_like() -> RollMatrix:
    """The hand-written DPRK-like matrix (16 states × 8 decisions)."""
    return RollMatrix(
        countries=tuple(_ROWS),
        decisions=_DECISIONS,
        votes=np.array(list(_ROWS.values()), dtype=np.int8),
    )


@st.composite
def roll_matrices(draw: st.DrawFn, max_countries: int = 8, max_decisions: int = 12) -> RollMatrix:
    """Random small matrices of every code, over a few years and two bodies."""
    n = draw(st.integers(1, max_countries))
    d = draw(st.integers(0, max_decisions))
    votes = draw(hnp.arrays(np.int8, (n, d), elements=st.sampled_from(CODES)))
    years = draw(st.lists(st.integers(2005, 2012), min_size=d, max_size=d))
    bodies = draw(st.lists(st.sampled_from((Body.GA, Body.C3)), min_size=d, max_size=d))
    decisions = tuple(
        DecisionInfo(decision_id=j + 1, body=b, year=y) for j, (b, y) in enumerate(zip(bodies, years, strict=True))
    )
    return RollMatrix(countries=tuple(f"C{i:02d}" for i in range(n)), decisions=decisions, votes=votes)
