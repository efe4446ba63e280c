"""Concurrent readers while a writer uploads and deletes a document, in-process or over HTTP.

The readers replay a mix of the API's read routes (neighbours, search, paths, plans,
health); the writer adds one varied plan collection through ``POST /api/v1/documents``
and deletes it again, over and over. ``GraphState`` is what a reader can see of a write:
the entity count and one anchor's neighbours, which must always be the graph before or
after the document, never part of it.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from dataclasses import dataclass, field

import httpx

from ingest.gazetteer import default_gazetteer
from tests.reliability.corpus import sample_text
from tests.reliability.varied import varied_copy

ANCHOR_NAME = "北京科技大学"
SEARCHES = ["锰", "大学", "产业技术创新战略联盟", "manganese", "重点实验室", "高新"]
PATH_PAIRS = [("北京科技大学", "锰产业"), ("中南大学", "锰产业"), ("吉首大学", "北京科技大学")]
NEIGHBOUR_PAGE = 100
#: The writer's upload name (the document id follows from it).
UPLOAD_NAME = "soak-plans.txt"
#: Bounds on any loop here, whatever the clock says.
MAX_REQUESTS_PER_READER = 1_000_000
MAX_WRITE_CYCLES = 10_000


def upload_bytes(seed: int = 1) -> bytes:
    """A plan collection that shares the anchor with the sample but adds plans and places."""
    names = sorted(region.name for region in default_gazetteer().regions.values())
    return varied_copy(sample_text(), seed, names).encode("utf-8")


def entity_id(client: httpx.Client, name: str) -> str:
    items = client.get("/api/v1/entities", params={"q": name, "limit": 1}).json()["items"]
    return str(items[0]["id"])


@dataclass(frozen=True)
class GraphState:
    entities: int
    neighbours: frozenset[str]


def entity_count(client: httpx.Client) -> int:
    response = client.get("/health")
    response.raise_for_status()
    return int(response.json()["entities"])


def neighbours(client: httpx.Client, anchor: str) -> frozenset[str]:
    response = client.get(f"/api/v1/entities/{anchor}/neighbors", params={"limit": NEIGHBOUR_PAGE})
    response.raise_for_status()
    body = response.json()
    return frozenset([str(body["total"])] + [n["entity"]["id"] for n in body["items"]])


def observe(client: httpx.Client, anchor: str) -> GraphState:
    return GraphState(entity_count(client), neighbours(client, anchor))


def read_mix(client: httpx.Client) -> list[tuple[str, dict[str, str | int]]]:
    """The read requests a reader cycles through, resolved against the served graph."""
    anchors = [entity_id(client, name) for name in (ANCHOR_NAME, "锰产业", "中南大学")]
    plans = client.get("/api/v1/plans", params={"limit": 5}).json()["items"]
    mix: list[tuple[str, dict[str, str | int]]] = [("/health", {})]
    mix += [(f"/api/v1/entities/{a}/neighbors", {"limit": 50}) for a in anchors]
    mix += [("/api/v1/entities", {"q": q}) for q in SEARCHES]
    mix += [("/api/v1/paths", {"source": s, "target": t, "max_hops": 3}) for s, t in PATH_PAIRS]
    mix += [("/api/v1/plans", {})]
    mix += [(f"/api/v1/plans/{p['id']}", {}) for p in plans]
    return mix


@dataclass
class Tally:
    """Counts shared by the threads of one run (guarded by ``lock``)."""

    requests: int = 0
    writes: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, requests: int, errors: Counter[str], writes: int = 0) -> None:
        with self.lock:
            self.requests += requests
            self.writes += writes
            self.errors.update(errors)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def reader(
    client: httpx.Client,
    mix: list[tuple[str, dict[str, str | int]]],
    stop: threading.Event,
    tally: Tally,
    offset: int = 0,
) -> None:
    """Replay ``mix`` until ``stop``; anything but a 200 is an error, named by route."""
    done, errors = 0, Counter[str]()
    requests = itertools.islice(itertools.cycle(mix), offset, offset + MAX_REQUESTS_PER_READER)
    for url, params in requests:
        if stop.is_set():
            break
        try:
            status = client.get(url, params=params).status_code
        except httpx.HTTPError as exc:
            errors[f"{url}: {type(exc).__name__}"] += 1
        else:
            if status != 200:
                errors[f"{url}: {status}"] += 1
        done += 1
    tally.add(done, errors)


def writer(
    client: httpx.Client,
    api_key: str,
    stop: threading.Event,
    tally: Tally,
    *,
    every: float,
    hold: float,
    data: bytes,
) -> None:
    """Upload ``data`` and delete it again, one cycle every ``every`` seconds, ``hold``
    seconds apart, until ``stop``."""
    headers = {"X-API-Key": api_key}
    writes, errors = 0, Counter[str]()
    for cycle in range(MAX_WRITE_CYCLES):
        if stop.wait(every if cycle else 0):
            break
        response = client.post(
            "/api/v1/documents", headers=headers, files={"file": (UPLOAD_NAME, data)}
        )
        if response.status_code != 201 or len(response.json()["document_ids"]) != 1:
            errors[f"upload: {response.status_code}"] += 1
            continue
        (document_id,) = response.json()["document_ids"]
        stop.wait(hold)
        deleted = client.delete(f"/api/v1/documents/{document_id}", headers=headers)
        if deleted.status_code != 200:
            errors[f"delete: {deleted.status_code}"] += 1
        writes += 2
    tally.add(0, errors, writes)


def run_for(seconds: float, threads: list[threading.Thread], stop: threading.Event) -> None:
    for thread in threads:
        thread.start()
    try:
        stop.wait(seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
