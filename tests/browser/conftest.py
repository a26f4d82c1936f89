"""Browser tests: Debian's Chromium driven by Playwright against a real ``unvotes serve`` subprocess
and against the static site served by ``python -m http.server``, both on free loopback ports.

They are skipped, with the reason, only when Chromium or Playwright is genuinely absent
(``scripts/test.sh`` installs Chromium). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.web import support
from unvotes import store
from unvotes.web.urls import Links, Route
from unvotes.web.views import decision_id_of_symbol

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _start(args: list[str], url: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(url, process)
    except Exception:
        process.kill()
        raise
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; scripts/test.sh does)")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="unvotes-chromium-"),
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


def serving(db: Path) -> Iterator[str]:
    """``unvotes serve`` on ``db`` on a free port, for a fixture: yields its address, then stops it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start([str(support.UNVOTES), "serve", "--db", str(db), "--port", str(port)], base + "/")
    yield base
    _stop(process)


@pytest.fixture(scope="session")
def live_server(chromium: Path) -> Iterator[str]:
    yield from serving(support.dossier_db())


@pytest.fixture(scope="session")
def static_server(chromium: Path) -> Iterator[str]:
    site = support.static_site()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    process = _start(args, base + "/index.html")
    yield base
    _stop(process)


@dataclass
class Site:
    """One way of serving the explorer: ``server`` (unvotes serve) or ``static`` (the built site)."""

    mode: str
    base: str
    links: Links = field(init=False)

    def __post_init__(self) -> None:
        self.links = Links(Route("index"), static=self.mode == "static")

    def url(self, relative: str) -> str:
        return f"{self.base}/{relative.lstrip('/')}"

    def home(self) -> str:
        return self.url(self.links.home())

    def decision(self, symbol: str, fmt: str | None = None) -> str:
        return self.url(self.links.decision(decision_id(symbol), fmt))

    def country(self, code: str, fmt: str | None = None) -> str:
        return self.url(self.links.country(code, fmt))


def decision_id(symbol: str) -> int:
    con = store.open_db(support.dossier_db(), read_only=True)
    try:
        return decision_id_of_symbol(con, symbol)
    finally:
        con.close()


@pytest.fixture(params=["server", "static"])
def site(request: pytest.FixtureRequest) -> Site:
    base = request.getfixturevalue("live_server" if request.param == "server" else "static_server")
    return Site(request.param, base)


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab; fails the test if the page logged an error or broke its security policy."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield tab
    tab.close()
    assert problems == []


def screenshot(page: Any, site: Site, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{site.mode}-{name}.png"), full_page=False)


def wait_for_charts(page: Any) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.chart')].every(f => f.dataset.state)", timeout=20_000
    )
    failed = page.eval_on_selector_all("figure.chart[data-state=failed]", "fs => fs.map(f => f.textContent)")
    assert failed == []
