"""Votes of the first session that Voeten's data dates before the General Assembly first met
(10 January 1946): their pages say the date cannot be the day of the vote; later ones say nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from unvotes.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def _ids(db: Path, where: str) -> list[int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute(f"SELECT decision_id FROM decisions WHERE {where} ORDER BY date")]
    finally:
        con.close()


def test_a_date_before_the_first_meeting_is_flagged(full_db: Path) -> None:
    early = _ids(full_db, "body = 'ga' AND date < '1946-01-10'")
    assert early, "the shared data dates some first-session votes before 10 January 1946"
    first_day = _ids(full_db, "body = 'ga' AND date >= '1946-01-10' AND date < '1946-02-20'")[0]
    with TestClient(create_app(full_db)) as client:
        for decision_id in early:
            lede = client.get(f"/decisions/{decision_id}.json").json()["data"]["description"]
            assert "before the General Assembly first met (10 January 1946)" in lede, decision_id
        later = client.get(f"/decisions/{first_day}.json").json()["data"]["description"]
    assert "first met" not in later
