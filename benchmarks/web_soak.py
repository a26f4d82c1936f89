"""Soak test of the explorer: 50 concurrent loopback clients for 60 s against ``unvotes serve`` on
the full database, mixing pages, ``.json``, ``.csv`` and bulk-download files.

    .venv/bin/python benchmarks/web_soak.py [--db PATH] [--clients 50] [--seconds 60]

Without ``--db`` the full database is built first (``unvotes build --data-dir`` on
``$UNVOTES_DATA_DIR`` or ``../shared/data``; the dossier alone when there is no such folder).
The server runs as a subprocess on a free 127.0.0.1 port. Every URL is requested once first (the
cold answers), then the clients request URLs at random (seeded) until the time is up. Prints
requests, errors, requests/s, p50 and p99 per kind of request, and the server's resident memory
(VmRSS) before the first request, after the warm-up and at the end. Any error fails the run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from loopback import Samples, free_port, run_clients, wait_until_up

REPO = Path(__file__).resolve().parents[1]
UNVOTES = Path(sys.executable).parent / "unvotes"
COUNTRIES = ("KOR", "PRK", "USA", "CHN", "JPN", "RUS", "CUB", "IND", "BRA", "ZAF", "DEU", "FRA", "GBR", "IRN")
DOWNLOADS = ("datapackage.json", "csv/decisions.csv", "csv/countries.csv")


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _database(folder: Path) -> Path:
    data = Path(os.environ.get("UNVOTES_DATA_DIR") or REPO.parent / "shared" / "data")
    db = folder / "soak.db"
    command = [str(UNVOTES), "build", "--db", str(db)]
    if data.is_dir():
        command += ["--data-dir", str(data)]
        print(f"building the full database from {data} ...", flush=True)
    else:
        print("no shared data: building the dossier database ...", flush=True)
    subprocess.run(command, check=True, capture_output=True)
    return db


def _urls(base: str) -> dict[str, list[str]]:
    body = httpx.get(f"{base}/decisions.json?series=dprk-human-rights&page_size=200", timeout=60).json()
    ids = [r["decision_id"] for r in body["data"]["tables"]["decisions"]["rows"]]
    return {
        "page": ["/", "/decisions", "/countries", "/sources", *(f"/decisions/{i}" for i in ids[::4])]
        + [f"/countries/{c}" for c in COUNTRIES[:6]],
        "json": [f"/decisions/{i}.json" for i in ids] + [f"/countries/{c}.json" for c in COUNTRIES]
        + ["/api/series", "/api/decisions?page=2", "/compare.json?c=KOR&c=USA&c=CHN"],
        "csv": [f"/decisions/{i}.csv" for i in ids[::2]] + [f"/countries/{c}.csv" for c in COUNTRIES]
        + ["/decisions.csv?body=ga&page_size=200", "/index.csv"],
        "download": [f"/downloads/{name}" for name in DOWNLOADS],
    }  # fmt: skip


def _cold(base: str, urls: dict[str, list[str]]) -> dict[str, Samples]:
    out = {kind: Samples() for kind in urls}
    with httpx.Client(base_url=base, timeout=120) as client:
        for kind, paths in urls.items():
            for url in paths:
                start = time.perf_counter()
                response = client.get(url)
                out[kind].latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    out[kind].errors += 1
                    print(f"cold {url}: {response.status_code} {response.text[:200]}", flush=True)
    return out


def _row(kind: str, s: Samples, seconds: float) -> str:
    n = len(s.latencies)
    return (
        f"{kind:9s} {n:8d} {s.errors:6d} {n / seconds:8.0f} "
        f"{s.quantile(0.5) * 1000:8.2f} {s.quantile(0.99) * 1000:8.2f} {max(s.latencies, default=0) * 1000:8.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unvotes-soak-") as tmp:
        db = opts.db or _database(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(UNVOTES), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base + "/api/series", server)
            rss_start = _rss_kib(server.pid)
            urls = _urls(base)
            cold = _cold(base, urls)
            rss_warm = _rss_kib(server.pid)
            print(f"{opts.clients} clients for {opts.seconds:.0f} s over {sum(map(len, urls.values()))} URLs ...")
            warm = asyncio.run(run_clients(base, urls, clients=opts.clients, seconds=opts.seconds, timeout=60))
            rss_end = _rss_kib(server.pid)
            alive = server.poll() is None
        finally:
            server.terminate()
            server.wait(timeout=15)
    heading = ("requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms")
    print(f"\n{'kind':9s} " + " ".join(f"{h:>8s}" if h != "errors" else f"{h:>6s}" for h in heading))
    for kind in urls:
        print("cold " + _row(kind, cold[kind], sum(cold[kind].latencies) or 1))
    for kind in urls:
        print("soak " + _row(kind, warm[kind], opts.seconds))
    every = Samples([x for s in warm.values() for x in s.latencies], sum(s.errors for s in warm.values()))
    print("soak " + _row("all", every, opts.seconds))
    print(f"\nserver RSS: {rss_start / 1024:.1f} MiB at start, {rss_warm / 1024:.1f} MiB after the cold pass, "
          f"{rss_end / 1024:.1f} MiB at the end")  # fmt: skip
    errors = every.errors + sum(s.errors for s in cold.values())
    print(f"errors: {errors}; server alive at the end: {alive}")
    return 0 if errors == 0 and alive else 1


if __name__ == "__main__":
    sys.exit(main())
