"""The explorer never writes to its database.

A hot journal left by a writer that died (made as in ``test_journal``) is left as it is: the
explorer refuses it in one line naming the file, and ``unvotes check`` is what rolls it back. On
read-only storage (a read-only file in a read-only folder) the explorer serves as usual. A file
deleted, broken or left half-written while the explorer serves gives 503 with a message that names
the file but not its folder, while the answers already cached are still served.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from tests.hardening.harness import cli, file_digest, fingerprint
from tests.hardening.test_journal import _crash_image

from unvotes import ingest, sources
from unvotes.errors import StoreError
from unvotes.web import create_app

#: Answers asked for before the file changes (then served from the cache), and after (built anew).
CACHED = ("/api/decisions", "/decisions.csv", "/decisions/1", "/downloads/csv/decisions.csv")
NEW = ("/api/decisions?page=2", "/decisions.csv?body=ga", "/decisions/2", "/api/symbols/A/RES/69/188")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-read-only") / "dossier.db"
    ingest.build(path, [("dossier", sources.read_dossier)])
    return path


@pytest.fixture()
def db(built: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "served"
    folder.mkdir()
    return Path(shutil.copy(built, folder / built.name))


def _state(folder: Path) -> dict[str, str]:
    """The sha256 of every file in ``folder`` (a journal included)."""
    return {p.name: file_digest(p) for p in sorted(folder.iterdir())}


def test_a_hot_journal_is_refused_and_left_as_it_is(db: Path, tmp_path: Path) -> None:
    crashed = _crash_image(db, tmp_path / "crashed")
    before = _state(crashed.parent)
    with pytest.raises(StoreError) as refused:
        create_app(crashed)
    message = str(refused.value)
    assert message.startswith(f"{crashed.name}: ") and "unvotes check" in message
    assert str(crashed.parent) not in message
    assert _state(crashed.parent) == before
    assert cli("check", "--db", str(crashed)).returncode in (0, 1)  # a reader that may roll back
    assert [p.name for p in crashed.parent.iterdir()] == [crashed.name]
    with TestClient(create_app(crashed), raise_server_exceptions=False) as client:
        assert client.get("/api/decisions").status_code == 200


def test_serve_refuses_a_hot_journal_in_one_line(db: Path, tmp_path: Path) -> None:
    crashed = _crash_image(db, tmp_path / "crashed")
    before = _state(crashed.parent)
    done = cli("serve", "--db", str(crashed), "--port", "0", timeout=60)  # a server that starts would run on
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "unvotes check" in done.stderr
    assert _state(crashed.parent) == before


@contextmanager
def _read_only(*paths: Path) -> Iterator[None]:
    """``paths`` made read-only for this process: immutable for root (who ignores file modes),
    without write permission for anyone else."""
    root = os.geteuid() == 0
    if root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make storage read-only")
    modes = {p: p.stat().st_mode for p in paths}
    done: list[Path] = []
    try:
        for p in paths:
            if root:
                subprocess.run(["chattr", "+i", str(p)], check=True, capture_output=True)
            else:
                p.chmod(modes[p] & ~0o222)
            done.append(p)
        yield
    finally:
        for p in reversed(done):
            if root:
                subprocess.run(["chattr", "-i", str(p)], check=True, capture_output=True)
            else:
                p.chmod(modes[p])


def test_serves_from_read_only_storage(db: Path) -> None:
    before = fingerprint(db)
    with _read_only(db, db.parent):
        with pytest.raises(OSError):
            (db.parent / "probe").write_bytes(b"")
        with TestClient(create_app(db), raise_server_exceptions=False) as client:
            for url in (*CACHED, *NEW):
                assert client.get(url).status_code == 200, url
    assert fingerprint(db) == before


def test_a_hot_journal_on_read_only_storage_is_refused(db: Path, tmp_path: Path) -> None:
    crashed = _crash_image(db, tmp_path / "crashed")
    before = _state(crashed.parent)
    journal = crashed.with_name(f"{crashed.name}-journal")
    with _read_only(crashed, journal, crashed.parent), pytest.raises(StoreError, match="unvotes check"):
        create_app(crashed)
    assert _state(crashed.parent) == before


def _half_written(db: Path, tmp_path: Path) -> None:
    crashed = _crash_image(db, tmp_path / "crashed")
    shutil.copyfile(crashed, db)
    shutil.copyfile(crashed.with_name(f"{crashed.name}-journal"), db.with_name(f"{db.name}-journal"))


def _deleted(db: Path, tmp_path: Path) -> None:
    db.unlink()


def _broken(db: Path, tmp_path: Path) -> None:
    db.write_bytes(b"not a database\n" * 1000)


@pytest.mark.parametrize("change", [_half_written, _deleted, _broken], ids=["half-written", "deleted", "broken"])
def test_a_file_gone_bad_while_serving(db: Path, tmp_path: Path, change: Callable[[Path, Path], None]) -> None:
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        cached = {url: client.get(url).content for url in CACHED}
        change(db, tmp_path)
        after = _state(db.parent)
        for url, body in cached.items():
            again = client.get(url)
            assert (again.status_code, again.content) == (200, body), url
        for url in NEW:
            answer = client.get(url, headers={"accept": "application/json"})
            assert answer.status_code == 503, (url, answer.text[:300])
            message = answer.json()["error"]["message"]
            assert message.startswith(f"{db.name}: "), message
            assert str(db.parent) not in answer.text and str(tmp_path) not in answer.text
        assert _state(db.parent) == after  # nothing written meanwhile


def test_a_file_replaced_by_a_good_one_is_served_anew(db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        first = client.get("/api/decisions").json()["data"]["facts"]["total"]
        _half_written(db, tmp_path)
        assert client.get("/api/decisions?page=2").status_code == 503
        assert cli("check", "--db", str(db)).returncode in (0, 1)  # rolls the write back
        db.with_name(f"{db.name}-journal").unlink(missing_ok=True)
        with db.open("r+b") as handle:  # a new file identity: same data, later modification time
            os.utime(handle.fileno())
        assert client.get("/api/decisions?page=2").status_code == 200
        assert client.get("/api/decisions").json()["data"]["facts"]["total"] == first
