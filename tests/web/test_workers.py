"""`unvotes serve --workers 2`: two processes serve the read-only database; the database is not
changed by serving; a bad worker count is refused in one line."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.hardening.harness import fingerprint
from tests.web import support

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_two_workers_serve_the_same_answers(tmp_path: Path) -> None:
    db = Path(tmp_path / "dossier.db")
    db.write_bytes(support.dossier_db().read_bytes())
    before = fingerprint(db)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "unvotes", "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        bodies = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(bodies) < 1:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/countries/KOR.json", timeout=5) as response:
                    assert response.status == 200
                    bodies.add(response.read())
            except OSError:
                time.sleep(0.3)
        assert bodies, "the server did not answer"
        for _ in range(20):  # requests spread over both workers answer alike
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/countries/KOR.json", timeout=10) as response:
                bodies.add(response.read())
        assert len(bodies) == 1
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert fingerprint(db) == before


def test_a_bad_worker_count_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unvotes", "serve", "--workers", "0"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and done.stderr.startswith("error: ") and done.stderr.strip().count("\n") == 0
