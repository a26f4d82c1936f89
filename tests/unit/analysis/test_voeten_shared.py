"""Real General Assembly roll calls (Voeten 2021 release, read from the shared data folder).

The matrix is built here with pandas (test-side loading only); rows are labelled by Voeten's ISO-2
codes, falling back to the printed name where the release gives no code (e.g. the Federal Republic
of Germany before 1990).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.analysis import (
    AgreementMethod,
    DecisionInfo,
    IdealPointSettings,
    RollMatrix,
    agreement_with,
    backtest_series,
    fit_ideal_points,
    series_timeline,
)
from unvotes.model import Body, DecisionKind

pytestmark = pytest.mark.shared

DPRK_RESOLUTIONS = (
    "R/60/173",
    "R/61/174",
    "R/62/167",
    "R/63/190",
    "R/64/175",
    "R/65/225",
    "R/66/174",
    "R/69/188",
    "R/70/172",
)
_CODES = {"yes": 1, "abstain": 2, "no": 3}


def kind_of(amend: float, para: float) -> DecisionKind:
    """Voeten's amend / para flags; NA means "not coded" and is read as a vote on the text."""
    if amend == 1:
        return DecisionKind.AMENDMENT
    return DecisionKind.PARAGRAPH if para == 1 else DecisionKind.RESOLUTION


@pytest.fixture(scope="module")
def voeten(shared_data: Path) -> tuple[RollMatrix, pd.DataFrame]:
    folder = shared_data / "voeten"
    votes_file = folder / "voeten2021_un_votes.csv.xz"
    calls_file = folder / "voeten2021_un_roll_calls.csv.xz"
    if not (votes_file.exists() and calls_file.exists()):
        pytest.skip(f"Voeten 2021 files not found in {folder}")
    votes = pd.read_csv(votes_file, keep_default_na=False, na_values=[""])
    calls = pd.read_csv(calls_file, keep_default_na=False, na_values=[""])
    label = votes["country_code"].fillna(votes["country"]).to_numpy(str)
    columns = [calls[c].tolist() for c in ("rcid", "date", "unres", "amend", "para")]
    decisions = [
        DecisionInfo(
            decision_id=int(rcid),
            body=Body.GA,
            date=dt.date.fromisoformat(str(date)),
            symbol=f"A/RES/{unres[2:]}" if isinstance(unres, str) else None,
            kind=kind_of(amend, para),
        )
        for rcid, date, unres, amend, para in zip(*columns, strict=True)
    ]
    rolls = RollMatrix.from_long(
        decision_ids=votes["rcid"].to_numpy(np.int64),
        country_codes=label,
        vote_codes=votes["vote"].map(_CODES).to_numpy(np.int64),
        decisions=decisions,
    )
    return rolls, calls


def test_full_matrix_shape(voeten: tuple[RollMatrix, pd.DataFrame]) -> None:
    rolls, calls = voeten
    assert rolls.n_decisions == len(calls) == 6202
    assert 190 <= rolls.n_countries <= 205
    assert int((rolls.votes != 0).sum()) == 869_937


def test_dprk_resolutions_closest_states_to_north_korea(voeten: tuple[RollMatrix, pd.DataFrame]) -> None:
    rolls, calls = voeten
    rcids = calls.loc[calls["unres"].isin(DPRK_RESOLUTIONS), "rcid"].astype(int).tolist()
    assert len(rcids) == len(DPRK_RESOLUTIONS)
    dprk = rolls.select(decisions=rcids)
    for method in (AgreementMethod.VOETEN, AgreementMethod.STATE_DEPT_HALF):
        ranking = agreement_with(dprk, "KP", method=method, min_common=5)
        tenth = ranking.rows[9].agreement
        assert tenth is not None
        closest = {r.country_code for r in ranking.rows if r.agreement is not None and r.agreement >= tenth}
        assert {"CN", "CU", "RU"} <= closest
        assert {"CN", "CU", "RU"} <= set(ranking.top(10))
    ga = series_timeline(dprk).body(Body.GA)
    tally = ga.entries[-1].tally
    assert tally is not None and (tally.yes, tally.no, tally.abstain) == (119, 19, 48)  # A/RES/70/172
    backtest = backtest_series(dprk)
    assert backtest.mean_accuracy is not None and backtest.mean_accuracy > 0.8


@pytest.mark.slow
def test_ideal_points_put_usa_and_north_korea_apart(voeten: tuple[RollMatrix, pd.DataFrame]) -> None:
    rolls, _ = voeten
    fit = fit_ideal_points(rolls, IdealPointSettings(reference="US"))
    usa, prk = fit.get("US"), fit.get("KP")
    assert fit.converged and usa is not None and prk is not None
    assert usa > 0 > prk
    ranked = [c for c, _ in fit.ranked()]
    assert "KP" in ranked[:5] and "US" in ranked[-3:]
