"""Shared fixtures: where the shared source data lives, and small batches built in memory."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """``$UNVOTES_DATA_DIR``, else ``../shared/data`` beside the repository, if it exists."""
    env = os.environ.get("UNVOTES_DATA_DIR")
    path = Path(env) if env else REPO.parent / "shared" / "data"
    return path if (path / "MANIFEST.md").exists() or (path.is_dir() and any(path.iterdir())) else None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("shared source data not found: set UNVOTES_DATA_DIR or place it at ../shared/data")
    return path


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "unvotes.db"


@dataclass(frozen=True)
class FullBuild:
    """The database ``unvotes build --data-dir`` makes of the shared data, and what the build printed."""

    path: Path
    stdout: str


@pytest.fixture(scope="session")
def full_build(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> FullBuild:
    """Built once per test session by the real command; tests only read it."""
    db = tmp_path_factory.mktemp("full") / "full.db"
    done = subprocess.run(
        [sys.executable, "-m", "unvotes", "build", "--data-dir", str(shared_data), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return FullBuild(db, done.stdout)


@pytest.fixture(scope="session")
def full_db(full_build: FullBuild) -> Path:
    return full_build.path
