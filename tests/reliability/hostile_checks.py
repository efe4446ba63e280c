"""Checks on hostile input shared by ``tests/reliability`` and ``bench/reliability.py``.

Each builds what it needs from the generators in ``tests.reliability.hostile`` and
returns plain figures, so a test can assert on them and the bench can report them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_paths, ingest_upload
from plangraph.settings import Settings
from tests.conftest import SAMPLE_CORPUS
from tests.reliability.hostile import one_line_plans, unpunctuated

MAX_HTML_BYTES = 4 * 1024 * 1024
MAX_JSON_BYTES = 2 * 1024 * 1024
API_KEY = "hostile-key-5d1e0c9b7a34"


def hostile_store(data_dir: Path, *, megabytes: float = 1) -> MemoryStore:
    """The sample, a one-line document and a run-on sentence of ``megabytes`` each."""
    store = MemoryStore(data_dir)
    ingest_paths(store, [SAMPLE_CORPUS])
    for name, data in (
        ("one-line.txt", one_line_plans(megabytes)),
        ("run-on.txt", unpunctuated(megabytes)),
    ):
        report = ingest_upload(store, name, data)
        if report.documents != 1:
            raise AssertionError(f"{name} was not ingested: {report.skipped}")
    return store


def client_over(store: MemoryStore, data_dir: Path) -> TestClient:
    app = create_app(Settings(data_dir=data_dir, api_keys=[API_KEY]), store=store)
    return TestClient(app, raise_server_exceptions=False)


def page_urls(client: TestClient) -> Iterator[str]:
    """Every kind of page and answer that shows names, titles or evidence."""
    yield from ("/", "/api/v1/plans?limit=100", "/api/v1/documents?limit=100")
    anchors = [p["id"] for p in client.get("/api/v1/plans?limit=100").json()["items"]]
    found = client.get("/api/v1/entities", params={"q": "北京科技大学", "limit": 5}).json()
    anchors += [e["id"] for e in found["items"]]
    for anchor in anchors:
        yield f"/viz/entities/{anchor}?depth=3"
        yield f"/api/v1/entities/{anchor}"
        yield f"/api/v1/entities/{anchor}/neighbors?limit=100"
    yield from (f"/viz/plans/{plan}" for plan in anchors if plan.startswith("plan-"))


@dataclass
class SizeReport:
    pages: int = 0
    max_html_bytes: int = 0
    max_json_bytes: int = 0
    failed: dict[str, int] = field(default_factory=dict)  # url -> status, not 200
    oversized: dict[str, int] = field(default_factory=dict)  # url -> bytes


def answer_sizes(client: TestClient) -> SizeReport:
    """GET every page and answer; the largest of each kind and any beyond its bound."""
    report = SizeReport()
    for url in page_urls(client):
        response = client.get(url)
        report.pages += 1
        if response.status_code != 200:
            report.failed[url] = response.status_code
        size = len(response.content)
        if response.headers["content-type"].startswith("text/html"):
            report.max_html_bytes = max(report.max_html_bytes, size)
            bound = MAX_HTML_BYTES
        else:
            report.max_json_bytes = max(report.max_json_bytes, size)
            bound = MAX_JSON_BYTES
        if size > bound:
            report.oversized[url] = size
    return report


def cpu_seconds(data: bytes, folder: Path) -> float:
    """CPU time of ingesting ``data`` as one upload into a new store in ``folder``."""
    store = MemoryStore(folder)
    try:
        started = time.process_time()
        report = ingest_upload(store, "one-line.txt", data)
        elapsed = time.process_time() - started
    finally:
        store.close()
    if report.documents != 1:
        raise AssertionError(f"not ingested: {report.skipped}")
    return elapsed


def growth_ratio(make: Callable[[float], bytes], megabytes: float, folder: Path) -> float:
    """CPU time for four times ``megabytes`` over that for ``megabytes`` (linear: 4)."""
    cpu_seconds(make(0.05), folder / "warm-up")
    small = cpu_seconds(make(megabytes), folder / "small")
    return cpu_seconds(make(4 * megabytes), folder / "large") / small
