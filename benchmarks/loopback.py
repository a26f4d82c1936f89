"""What the web benchmarks share: latency samples, a free loopback port, waiting for a server,
and a bounded pool of concurrent clients."""

from __future__ import annotations

import asyncio
import random
import socket
import subprocess
import time
from dataclasses import dataclass, field

import httpx


@dataclass
class Samples:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    """Return once ``url`` answers (below 500); exit if the server stops or 60 s pass."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


async def run_clients(
    base: str,
    urls: dict[str, list[str]],
    *,
    clients: int,
    seconds: float,
    timeout: float = 30,
    headers: dict[str, str] | None = None,
) -> dict[str, Samples]:
    """``clients`` concurrent clients GET random ``urls`` (grouped by kind) for ``seconds``; an
    answer other than 200 with a body, or a failed request, counts as an error."""
    samples = {kind: Samples() for kind in urls}
    choices = [(kind, url) for kind, paths in urls.items() for url in paths]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, headers=headers, timeout=timeout) as client:
        stop = time.perf_counter() + seconds

        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.perf_counter() < stop:
                kind, url = rng.choice(choices)
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200 and len(response.content) > 0
                except httpx.HTTPError:
                    ok = False
                samples[kind].latencies.append(time.perf_counter() - start)
                if not ok:
                    samples[kind].errors += 1

        await asyncio.gather(*(worker(i) for i in range(clients)))
    return samples
