"""Shared fixtures: where the shared source data lives, and small batches built in memory."""

from __future__ import annotations

import os
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
