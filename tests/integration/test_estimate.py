"""Stored positions per year: the store's round trip, a scope's run replaced atomically, the warm
start from the stored run, and ``unvotes estimate`` on a database of the dossier."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli
from unvotes import store
from unvotes.reports.positions import estimate_scopes

SCOPE = "dprk-human-rights"


@pytest.fixture()
def dossier_copy(built_dossier: Path, tmp_path: Path) -> Path:
    path = tmp_path / "dossier.db"
    shutil.copyfile(built_dossier, path)
    return path


def _run(scope: str, iterations: int) -> store.EstimateRunRecord:
    return store.EstimateRunRecord(
        run_id=0,
        scope=scope,
        model="test/1",
        parameters='{"smoothness": 0.2}',
        selection="two states",
        anchor="USA",
        n_decisions=3,
        n_dropped_decisions=1,
        n_repeated_decisions=2,
        n_repeat_groups=1,
        n_state_years=2,
        iterations=iterations,
        is_converged=True,
        is_warm_start=False,
        created="2026-01-01T00:00:00+00:00",
        raw_centre=0.5,
        raw_scale=-2.0,
    )


def _rows(code: str) -> list[store.EstimateRecord]:
    usa = store.EstimateRecord(0, "USA", 2001, 1.25, 0.5, 3, 0)
    return [usa, store.EstimateRecord(0, code, 2001, -1.5, 0.25, 2, 1)]


def test_a_run_reads_back_as_written(dossier_copy: Path) -> None:
    con = store.open_db(dossier_copy)
    run_id = store.replace_estimate_run(con, _run("test", 7), _rows("PRK"), {"q": (1.0, 0.5, 0.25)})
    con.close()
    con = store.open_db(dossier_copy, read_only=True)
    (run,) = store.estimate_runs(con)
    assert run == dataclasses.replace(_run("test", 7), run_id=run_id)
    assert (run.run_id, run.scope, run.iterations, run.raw_scale, run.is_converged) == (run_id, "test", 7, -2.0, True)
    assert [(e.country_code, e.ideal_point, e.n_non_voting) for e in store.estimates_of(con, run_id)] == [
        ("PRK", -1.5, 1),
        ("USA", 1.25, 0),
    ]
    assert store.estimates_of(con, run_id, ["USA"])[0].std_error == 0.5
    assert store.estimate_items(con, run_id) == {"q": (1.0, 0.5, 0.25)}
    con.close()


def test_a_failed_replacement_leaves_the_previous_run(dossier_copy: Path) -> None:
    con = store.open_db(dossier_copy)
    first = store.replace_estimate_run(con, _run("test", 7), _rows("PRK"), {})
    with pytest.raises(sqlite3.IntegrityError):  # a state the database does not know: nothing is written
        store.replace_estimate_run(con, _run("test", 9), _rows("XXX"), {})
    assert [(r.run_id, r.iterations) for r in store.estimate_runs(con)] == [(first, 7)]
    assert len(store.estimates_of(con, first)) == 2
    second = store.replace_estimate_run(con, _run("test", 9), _rows("CUB"), {})
    assert [(r.run_id, r.iterations) for r in store.estimate_runs(con)] == [(second, 9)]
    assert store.estimates_of(con, first) == [] and len(store.estimates_of(con, second)) == 2
    con.close()


def test_the_next_run_starts_from_the_stored_one(dossier_copy: Path) -> None:
    (cold,) = estimate_scopes(dossier_copy, [SCOPE])
    (warm,) = estimate_scopes(dossier_copy, [SCOPE])
    assert cold.run is not None and warm.run is not None
    assert not cold.run.is_warm_start and warm.run.is_warm_start and warm.run.is_converged
    assert warm.run.iterations < cold.run.iterations
    con = store.open_db(dossier_copy, read_only=True)
    assert [r.run_id for r in store.estimate_runs(con)] == [warm.run.run_id]
    points = {(e.country_code, e.year): e.ideal_point for e in store.estimates_of(con, warm.run.run_id)}
    con.close()
    assert len(points) == warm.run.n_state_years
    assert points[("USA", 2014)] > 0 > points[("PRK", 2014)]


def test_estimate_on_the_dossier_fits_what_it_can(dossier_copy: Path) -> None:
    done = run_cli("estimate", "--db", str(dossier_copy))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith(f"{SCOPE}: 33 recorded votes") and "cold start" in line
    assert "not estimated: ga-all:" in done.stderr and "not estimated: ga-topic-hr:" in done.stderr
    shown = run_cli("analyse", "ideal-points", "--by", "year", "--stored", "--db", str(dossier_copy), "-f", "json")
    assert shown.returncode == 0, shown.stderr
    assert '"PRK"' in shown.stdout and "stored run" in shown.stdout and "dynamic-ordinal-irt/1" in shown.stdout


def test_estimate_refuses_an_unknown_scope_and_an_unsupported_one_alone(dossier_copy: Path) -> None:
    before = dossier_copy.read_bytes()
    done = run_cli("estimate", "--scope", "everything", "--db", str(dossier_copy))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == (
        "error: unknown scope 'everything': the scopes are dprk-human-rights, ga-topic-hr, ga-all"
    )
    alone = run_cli("estimate", "--scope", "ga-topic-hr", "--db", str(dossier_copy))
    assert alone.returncode == 1 and "not estimated: ga-topic-hr: this database holds no topic codes" in alone.stderr
    assert dossier_copy.read_bytes() == before
    missing = run_cli("analyse", "ideal-points", "--by", "year", "--stored", "--db", str(dossier_copy))
    assert missing.returncode == 1 and "run 'unvotes estimate" in missing.stderr
    nowhere = dossier_copy.parent / "absent" / "x.db"
    absent = run_cli("estimate", "--db", str(nowhere))
    assert absent.returncode == 1 and "no database here" in absent.stderr and not nowhere.parent.exists()


def test_build_with_estimates_stores_them(tmp_path: Path) -> None:
    db = tmp_path / "built.db"
    done = run_cli("build", "--estimates", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"\n{SCOPE}: 33 recorded votes" in done.stdout
    con = store.open_db(db, read_only=True)
    assert [r.scope for r in store.estimate_runs(con)] == [SCOPE]
    con.close()
