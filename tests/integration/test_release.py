"""``unvotes release``: two releases of two databases built from files the test writes, their change
list, checksums, Frictionless validation and Parquet datasets; refusals in one line."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import frictionless
import pandas as pd
import pytest

from tests.unit.test_sources_unxml import record

FIRST, SECOND = "unvotes-2026-01-01", "unvotes-2026-02-01"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)


def _record(symbol: str, date: str, title: str) -> dict[str, Any]:
    return record(symbol, adoption_date=date, title=title)


def _database(folder: Path, records: list[dict[str, Any]]) -> Path:
    data = folder / "data"
    data.mkdir(parents=True)
    lines = "".join(json.dumps(r) + "\n" for r in records)
    (data / "unxml_ga_resolutions.jsonl").write_text(lines, encoding="utf-8")
    db = folder / "unvotes.db"
    done = _cli("build", "--no-dossier", "--data-dir", str(data), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("releases")
    kept = _record("A/RES/77/1", "2022-12-15 00:00:00", "Kept as it was")
    old, gone = _record("A/RES/77/2", "2022-12-15 00:00:00", "Old title"), _record("A/RES/77/3", "2022-12-16", "Gone")
    new, added = _record("A/RES/77/2", "2022-12-15 00:00:00", "New title"), _record("A/RES/77/4", "2022-12-19", "New")
    first = _database(root / "a", [kept, old, gone])
    second = _database(root / "b", [kept, new, added])
    out = root / "out"
    for db, date in ((first, "2026-01-01"), (second, "2026-02-01")):
        done = _cli("release", str(out), "--db", str(db), "--date", date)
        assert done.returncode == 0, done.stderr
    return out


def test_change_list_against_the_previous_release(releases: Path) -> None:
    first = json.loads((releases / FIRST / "changes.json").read_text(encoding="utf-8"))
    assert first["previous_release"] is None and first["counts"]["added"] == 3
    changes = json.loads((releases / SECOND / "changes.json").read_text(encoding="utf-8"))
    assert changes["previous_release"] == FIRST
    assert changes["added"] == ["ga A/RES/77/4 2022-12-19"]
    assert changes["removed"] == ["ga A/RES/77/3 2022-12-16"]
    assert changes["changed"] == [{"key": "ga A/RES/77/2 2022-12-15", "fields": ["title"]}]
    assert changes["counts"] == {"added": 1, "changed": 1, "removed": 1, "unchanged": 1}
    text = (releases / SECOND / "CHANGES.md").read_text(encoding="utf-8")
    assert f"since {FIRST}" in text and "- ga A/RES/77/2 2022-12-15: title" in text


def test_checksums_cover_every_file(releases: Path) -> None:
    folder = releases / SECOND
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    assert {"unvotes.db", "datapackage.json", "CHANGES.md", "csv/decisions.csv"} <= files
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_datapackage_is_a_valid_frictionless_package(releases: Path) -> None:
    folder = releases / SECOND
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert list(frictionless.Package.metadata_validate(descriptor)) == []
    package = frictionless.Package(str(folder / "datapackage.json"))
    for resource in package.resources:
        assert resource.licenses, resource.name
        if resource.format == "csv":  # data checked against its schema, size and hash
            report = frictionless.validate(resource)
            assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    decisions = next(r for r in descriptor["resources"] if r["name"] == "decisions")
    assert [x["name"] for x in decisions["licenses"]] == ["UN-terms-of-use"]
    assert decisions["source_kinds"] == ["unxml"]
    countries = next(r for r in descriptor["resources"] if r["name"] == "countries")
    assert [x["name"] for x in countries["licenses"]] == ["MIT"]


def test_parquet_folders_read_as_datasets(releases: Path) -> None:
    folder = releases / SECOND
    for table in ("decisions", "countries", "positions"):
        frame = pd.read_parquet(folder / "parquet" / table)
        assert len(frame) == len(pd.read_csv(folder / "csv" / f"{table}.csv")), table
    decisions = pd.read_parquet(folder / "parquet" / "decisions")
    assert sorted(decisions["symbol"]) == ["A/RES/77/1", "A/RES/77/2", "A/RES/77/4"]
    assert str(decisions["decision_id"].dtype) == "int64"


def test_refusals_are_one_line_and_leave_nothing(releases: Path, tmp_path: Path) -> None:
    db = releases / SECOND / "unvotes.db"
    before = sorted(p.name for p in releases.iterdir())
    again = _cli("release", str(releases), "--db", str(db), "--date", "2026-02-01")
    assert again.returncode == 1
    assert again.stderr.strip() == f"error: {releases}: {SECOND} exists; a release is never overwritten"
    assert sorted(p.name for p in releases.iterdir()) == before
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    done = _cli("release", str(not_a_folder), "--db", str(db))
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1 and "not a folder" in done.stderr
    missing_db = _cli("release", str(tmp_path / "out"), "--db", str(tmp_path / "none.db"))
    assert missing_db.returncode == 1 and "no database here" in missing_db.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == []  # the half-written release is removed
    bad_date = _cli("release", str(tmp_path / "out"), "--db", str(db), "--date", "1 May")
    assert bad_date.returncode == 1 and "--date '1 May': not a date" in bad_date.stderr
