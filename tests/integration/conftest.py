"""Shared by the integration tests: the command line as a user runs it, and one database built from
the shipped dossier by it, read (never written) by the tests that use it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m unvotes ARGS`` in a subprocess, text captured."""
    return subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "dossier.db"
    done = run_cli("build", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path
