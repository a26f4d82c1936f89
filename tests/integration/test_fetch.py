"""``unvotes fetch`` against a local HTTP server on a loopback port serving files the tests write:
a full download, a resumed one after a cut, a checksum mismatch refused, and a build that reads
what was fetched."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.hardening.test_bad_input import undl_ga
from unvotes.errors import InputError
from unvotes.sources import detect
from unvotes.sources.fetch import FETCH_FOLDER, RemoteFile, RemoteSource, fetch


@dataclass
class Served:
    """What the server serves (path -> bytes), how many responses it cuts short, what it was asked."""

    files: dict[str, bytes] = field(default_factory=dict)
    cuts: int = 0
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    url: str = ""


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            asked = self.headers.get("Range")
            served.requests.append((self.path, asked))
            body = served.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            start = int(asked.removeprefix("bytes=").rstrip("-")) if asked else 0
            if start >= len(body):
                self.send_error(416)
                return
            self.send_response(206 if asked else 200)
            if asked:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            rest = body[start:]
            if served.cuts > 0:  # a connection cut half-way
                served.cuts -= 1
                self.wfile.write(rest[: len(rest) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(rest)

    return Handler


@pytest.fixture()
def server() -> Iterator[Served]:
    served = Served()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield served
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unvotes", *args], capture_output=True, text=True, check=False)


PAYLOAD = b"".join(f"line {i}: some bytes of a source file\n".encode() for i in range(5000))
SOURCE = RemoteSource(
    "test",
    "a source the test serves",
    (RemoteFile("data.csv", "https://example.invalid/data.csv", hashlib.sha256(PAYLOAD).hexdigest()),),
)


def test_full_download_then_up_to_date(server: Served, tmp_path: Path) -> None:
    server.files["/test/data.csv"] = PAYLOAD
    [got] = fetch([SOURCE], tmp_path, base_url=server.url)
    assert (got.status, got.bytes) == ("downloaded", len(PAYLOAD))
    assert (tmp_path / "data.csv").read_bytes() == PAYLOAD
    record = json.loads((tmp_path / FETCH_FOLDER / "fetched.json").read_text(encoding="utf-8"))
    assert record["test/data.csv"]["sha256"] == hashlib.sha256(PAYLOAD).hexdigest()
    assert record["test/data.csv"]["url"] == f"{server.url}/test/data.csv"
    [again] = fetch([SOURCE], tmp_path, base_url=server.url)
    assert again.status == "up to date" and len(server.requests) == 1  # nothing asked the second time


def test_resume_after_a_cut(server: Served, tmp_path: Path) -> None:
    server.files["/test/data.csv"] = PAYLOAD
    server.cuts = 1
    [got] = fetch([SOURCE], tmp_path, base_url=server.url)
    assert got.status == "resumed"
    assert (tmp_path / "data.csv").read_bytes() == PAYLOAD
    [(_, first), (_, second)] = server.requests
    assert first is None and second == f"bytes={len(PAYLOAD) // 2}-"


def test_a_run_cut_every_time_keeps_the_part_and_the_next_run_resumes(server: Served, tmp_path: Path) -> None:
    server.files["/test/data.csv"] = PAYLOAD
    server.cuts = 3
    with pytest.raises(InputError, match="cut 3 times") as caught:
        fetch([SOURCE], tmp_path, base_url=server.url)
    assert "\n" not in str(caught.value)
    part = tmp_path / FETCH_FOLDER / "test" / "data.csv.part"
    kept = part.stat().st_size
    assert 0 < kept < len(PAYLOAD) and not (tmp_path / "data.csv").exists()
    assert detect(tmp_path).groups == {}  # a part is never read as a source
    [got] = fetch([SOURCE], tmp_path, base_url=server.url)
    assert got.status == "resumed" and (tmp_path / "data.csv").read_bytes() == PAYLOAD
    assert server.requests[-1][1] == f"bytes={kept}-"


def test_checksum_mismatch_is_refused_and_kept_aside(server: Served, tmp_path: Path) -> None:
    server.files["/unxml/74.json"] = b'{"symbol": "not the pinned file"}\n'
    done = _cli("fetch", "unxml", str(tmp_path), "--base-url", server.url)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()[-1:]
    assert line.startswith(f"error: {server.url}/unxml/74.json: SHA-256 ") and "differs from the recorded" in line
    refused = tmp_path / FETCH_FOLDER / "refused" / "74.json"
    assert refused.read_bytes() == server.files["/unxml/74.json"]
    assert not (tmp_path / "unxml_ga_resolutions.jsonl").exists()
    assert [p.name for p in tmp_path.iterdir()] == [FETCH_FOLDER]


def _ga_csv(folder: Path) -> bytes:
    [written] = undl_ga(folder, [("KOR", "Y"), ("PRK", "N")])
    return written.read_bytes()


def test_fetched_files_are_read_by_build(server: Served, tmp_path: Path) -> None:
    data = tmp_path / "data"
    server.files["/undl_ga/2026_02_06_ga_voting.csv"] = _ga_csv(tmp_path)
    done = _cli("fetch", "undl_ga", str(data), "--base-url", server.url)
    assert done.returncode == 0, done.stderr
    assert "downloaded" in done.stdout and f"unvotes build --data-dir {data}" in done.stdout
    built = _cli("build", "--no-dossier", "--data-dir", str(data), "--db", str(tmp_path / "x.db"))
    assert built.returncode == 0, built.stderr
    assert "undl_ga" in built.stdout and "2026_02_06_ga_voting.csv" in built.stdout
    assert f"not ingested: {data / FETCH_FOLDER}: downloads of unvotes fetch" in built.stdout


def test_sources_needing_the_users_download_are_named(tmp_path: Path) -> None:
    done = _cli("fetch", "ohchr", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ohchr: download it yourself: ") and len(done.stderr.splitlines()) == 1
    assert not any(tmp_path.iterdir())
