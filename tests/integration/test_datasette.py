"""Datasette, in process, on a database built from the shipped dossier with the metadata of
``unvotes datasette-metadata``: the canned queries answer, the tables carry their descriptions."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db = tmp_path_factory.mktemp("datasette") / "unvotes.db"
    built = _cli("build", "--db", str(db))
    assert built.returncode == 0, built.stderr
    done = _cli("datasette-metadata", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db, json.loads(done.stdout)


def _get(db: Path, metadata: dict[str, Any], path: str) -> tuple[int, Any]:
    """Datasette's in-process client, on an event loop of its own (in a thread: another test of the
    session may have left a loop running in this one)."""

    async def fetch() -> tuple[int, Any]:
        response = await Datasette([str(db)], metadata=metadata).client.get(path)
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


def test_roll_of_a_decision(served: tuple[Path, dict[str, Any]]) -> None:
    db, metadata = served
    status, rows = _get(db, metadata, "/unvotes/roll_of_decision.json?symbol=A/RES/69/188&_shape=array")
    assert status == 200
    assert len(rows) == 193
    by_state = {r["country_code"]: r["vote"] for r in rows}
    assert (by_state["PRK"], by_state["KOR"], by_state["CHN"], by_state["USA"]) == ("no", "yes", "no", "yes")


def test_a_states_dprk_record(served: tuple[Path, dict[str, Any]]) -> None:
    db, metadata = served
    status, rows = _get(db, metadata, "/unvotes/dprk_record.json?country=cub&_shape=array")
    assert status == 200
    ga = {r["symbol"]: r["vote"] for r in rows if r["body"] == "ga"}
    assert ga["A/RES/60/173"] == "no" and ga["A/RES/69/188"] == "no"
    assert ga["A/RES/74/166"] is None  # adopted without a vote: no vote, never "no"


def test_tables_and_columns_are_described(served: tuple[Path, dict[str, Any]]) -> None:
    db, metadata = served
    status, shown = _get(db, metadata, "/-/metadata.json")
    assert status == 200
    decisions = shown["databases"]["unvotes"]["tables"]["decisions"]
    assert decisions["title"] == "Decisions"
    assert decisions["columns"]["symbol"] == "UN document symbol exactly as the UN writes it"
    positions = shown["databases"]["unvotes"]["tables"]["positions"]
    assert "PolyForm-Noncommercial-1.0.0" in positions["license"] and "Szoszkiewicz" in positions["description"]
