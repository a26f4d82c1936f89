"""Load test of the explorer: 50 concurrent loopback clients for 30 s against ``unvotes serve`` on
the full database, side by side with the same bytes served as static files.

    .venv/bin/python benchmarks/web_load.py [--db PATH] [--clients 50] [--seconds 30] [--workers 2]

Without ``--db`` the full database is built first (``unvotes build --data-dir`` on
``$UNVOTES_DATA_DIR`` or ``../shared/data``). Two servers run as subprocesses on free loopback
ports, one at a time:

* ``explorer``: ``unvotes serve`` — the country pages (``/countries/{code}.json``), decision pages
  (``/decisions/{id}.json``) of the series, and searches (``/decisions.json?q=...``, ranked);
* ``static``: the bytes of those same answers, written to files and served by Starlette's
  ``StaticFiles`` under the same server (uvicorn), so the difference is the app's own work.

Each phase first requests every URL once (the explorer's first answers are computed and then
cached; their latencies are printed as "cold"), then the clients request URLs at random (seeded)
for the given time. Requests ask for ``identity`` encoding so both servers send the same bytes.
Prints requests, errors, requests/s, p50, p99 and max per server and endpoint, and the ratio of the
p99s (target: at most 3).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote_plus

import httpx
from loopback import Samples, free_port, run_clients, wait_until_up

REPO = Path(__file__).resolve().parents[1]
UNVOTES = Path(sys.executable).parent / "unvotes"
COUNTRIES = (
    "KOR", "PRK", "USA", "CHN", "JPN", "RUS", "CUB", "IND", "BRA", "ZAF",
    "DEU", "FRA", "GBR", "IDN", "NGA", "MEX", "EGY", "IRN", "VEN", "SYR",
)  # fmt: skip
SEARCHES = ("North Korea human rights", "nuclear weapons", "69/188", "Palestine refugees", "Corée du Nord", "apartheid")


def _full_db(folder: Path) -> Path:
    data = Path(os.environ.get("UNVOTES_DATA_DIR") or REPO.parent / "shared" / "data")
    if not data.is_dir():
        raise SystemExit(f"{data}: no source data; pass --db or set UNVOTES_DATA_DIR")
    db = folder / "full.db"
    print(f"building the full database from {data} ...", flush=True)
    subprocess.run([str(UNVOTES), "build", "--db", str(db), "--data-dir", str(data)], check=True, capture_output=True)
    return db


def _urls(base: str) -> dict[str, list[str]]:
    """The country and decision ``.json`` paths of the series."""
    body = httpx.get(f"{base}/decisions.json?series=dprk-human-rights&page_size=200", timeout=30).json()
    decisions = [f"/decisions/{r['decision_id']}.json" for r in body["data"]["tables"]["decisions"]["rows"]]
    searches = [f"/decisions.json?q={quote_plus(q)}" for q in SEARCHES]
    return {"country": [f"/countries/{c}.json" for c in COUNTRIES], "decision": decisions, "search": searches}


def _static_path(url: str) -> str:
    """Where the static server keeps the bytes of ``url`` (a query string becomes part of the name)."""
    return url.replace("?", "/").replace("&", "_").replace("=", "-").replace("%", "_").replace("+", "_")


_IDENTITY = {"accept-encoding": "identity"}  # the same bytes as the static file, uncompressed


def _cold(base: str, urls: dict[str, list[str]], into: Path | None) -> dict[str, Samples]:
    """Every URL once, in order; optionally keeps the bytes as files under ``into``."""
    out = {kind: Samples() for kind in urls}
    with httpx.Client(base_url=base, headers={"accept-encoding": "identity"}, timeout=60) as client:
        for kind, paths in urls.items():
            for url in paths:
                start = time.perf_counter()
                response = client.get(url)
                out[kind].latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    out[kind].errors += 1
                if into is not None:
                    target = into / _static_path(url).lstrip("/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(response.content)
    return out


def _serve_static(folder: Path, port: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    app = Starlette(routes=[Mount("/", StaticFiles(directory=folder))])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _row(name: str, kind: str, s: Samples, seconds: float) -> str:
    n = len(s.latencies)
    return (
        f"{name:9s} {kind:9s} {n:8d} {s.errors:6d} {n / seconds:8.0f} "
        f"{s.quantile(0.5) * 1000:8.2f} {s.quantile(0.99) * 1000:8.2f} {max(s.latencies, default=0) * 1000:8.1f}"
    )


def _phase(
    name: str,
    args: Sequence[str],
    base: str,
    urls: dict[str, list[str]],
    opts: argparse.Namespace,
    *,
    keep: Path | None = None,
) -> tuple[dict[str, Samples], dict[str, Samples]]:
    """Start a server, request every URL once (kept under ``keep``), then load it: (cold, loaded)."""
    process = subprocess.Popen(list(args), stdout=subprocess.DEVNULL)
    try:
        wait_until_up(base + "/", process)
        cold = _cold(base, urls, keep)
        print(f"{name}: {opts.clients} clients for {opts.seconds:.0f} s ...", flush=True)
        loaded = asyncio.run(run_clients(base, urls, clients=opts.clients, seconds=opts.seconds, headers=_IDENTITY))
        return cold, loaded
    finally:
        process.terminate()
        process.wait(timeout=15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1, help="unvotes serve --workers (compare 1 and 2)")
    parser.add_argument("--static-server", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.static_server:
        _serve_static(opts.static_server, opts.port)
        return 0
    with tempfile.TemporaryDirectory(prefix="unvotes-load-") as tmp:
        folder = Path(tmp)
        db = opts.db or _full_db(folder)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        explorer_args = [str(UNVOTES), "serve", "--db", str(db), "--port", str(port), "--workers", str(opts.workers)]
        server = subprocess.Popen(explorer_args, stdout=subprocess.DEVNULL)
        try:
            wait_until_up(base + "/", server)
            urls = _urls(base)
        finally:
            server.terminate()
            server.wait(timeout=15)
        cold, explorer = _phase("explorer", explorer_args, base, urls, opts, keep=folder / "static")
        static_port = free_port()
        static_base = f"http://127.0.0.1:{static_port}"
        static_args = [sys.executable, __file__, "--static-server", str(folder / "static"), "--port", str(static_port)]
        (folder / "static" / "index.html").write_text("ok")
        static_urls = {kind: [_static_path(u) for u in paths] for kind, paths in urls.items()}
        _, static = _phase("static", static_args, static_base, static_urls, opts)
    heading = ("requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms")
    print(f"\n{'server':9s} {'endpoint':9s} " + " ".join(f"{h:>8s}" if h != "errors" else f"{h:>6s}" for h in heading))
    for kind in urls:
        print(_row("cold", kind, cold[kind], sum(cold[kind].latencies) or 1))
    for name, result in (("explorer", explorer), ("static", static)):
        for kind in urls:
            print(_row(name, kind, result[kind], opts.seconds))
    print()
    worst = 0.0
    for kind in urls:
        ratio = explorer[kind].quantile(0.99) / static[kind].quantile(0.99)
        worst = max(worst, ratio)
        print(f"p99 ratio explorer/static, {kind}: {ratio:.2f}x (target <= 3x)")
    errors = sum(s.errors for result in (explorer, static) for s in result.values())
    print(f"errors: {errors}")
    return 0 if errors == 0 and worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
