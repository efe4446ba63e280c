"""A bounded soak: ``plangraph serve`` on loopback under mixed reads and periodic writes.

``connections`` reader threads, each with its own keep-alive connection, replay the
read mix while a writer uploads a plan collection and deletes it every few seconds.
The server's RSS is read after a warm-up (which includes a write cycle) and at the end;
a server that leaks grows between the two.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from plangraph.devserver import served
from tests.reliability.load import Tally, read_mix, reader, upload_bytes, writer
from tests.reliability.processes import rss_bytes, served_pid

SOAK_KEY = "soak-key-5d1c0e7a9b3f"
MB = 1024 * 1024
#: RSS may end this much above its warm level: allocator noise, not a leak.
RSS_SLACK_BYTES = 24 * MB
RSS_SLACK_SHARE = 0.10


@dataclass
class SoakReport:
    seconds: float
    connections: int
    requests: int = 0
    writes: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    rss_warm_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_peak_mb: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rss_growth_mb(self) -> float:
        return round(self.rss_end_mb - self.rss_warm_mb, 1)

    @property
    def rss_flat(self) -> bool:
        allowed = max(RSS_SLACK_BYTES, RSS_SLACK_SHARE * self.rss_warm_mb * MB)
        return (self.rss_end_mb - self.rss_warm_mb) * MB <= allowed

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.rss_flat and self.requests > 0 and self.writes > 0

    def summary(self) -> dict[str, Any]:
        return {**asdict(self), "rss_growth_mb": self.rss_growth_mb, "ok": self.ok}


def soak(
    data_dir: Path,
    *,
    seconds: float,
    connections: int = 32,
    write_every: float = 3.0,
    hold: float = 1.0,
) -> SoakReport:
    """Serve ``data_dir`` and load it for ``seconds``; the warm-up is the first quarter."""
    report = SoakReport(seconds=seconds, connections=connections)
    warmup = min(max(seconds / 4, write_every + hold + 1), seconds / 2)
    with served(data_dir, env={"PLANGRAPH_API_KEYS": SOAK_KEY}) as base:
        pid = served_pid(base)
        clients = [httpx.Client(base_url=base, timeout=30) for _ in range(connections + 1)]
        try:
            mix = read_mix(clients[0])
            stop, tally = threading.Event(), Tally()
            threads = [
                threading.Thread(target=reader, args=(c, mix, stop, tally, n))
                for n, c in enumerate(clients[1:])
            ]
            threads.append(
                threading.Thread(
                    target=writer,
                    args=(clients[0], SOAK_KEY, stop, tally),
                    kwargs={"every": write_every, "hold": hold, "data": upload_bytes()},
                )
            )
            for thread in threads:
                thread.start()
            started = time.monotonic()
            peak = 0
            try:
                warm = _sample_until(pid, started + warmup, stop)
                peak = max(peak, warm[1])
                end = _sample_until(pid, started + seconds, stop)
                peak = max(peak, end[1])
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
            report.rss_warm_mb, report.rss_end_mb = round(warm[0] / MB, 1), round(end[0] / MB, 1)
            report.rss_peak_mb = round(peak / MB, 1)
            report.requests, report.writes = tally.requests, tally.writes
            report.errors = dict(tally.errors)
        finally:
            for client in clients:
                client.close()
    return report


def _sample_until(pid: int, deadline: float, stop: threading.Event) -> tuple[int, int]:
    """RSS at ``deadline`` and its peak on the way, sampled twice a second."""
    peak = rss = rss_bytes(pid)
    while not stop.wait(min(0.5, max(0.0, deadline - time.monotonic()))):
        rss = rss_bytes(pid)
        peak = max(peak, rss)
        if time.monotonic() >= deadline:
            break
    return rss, peak
