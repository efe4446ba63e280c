"""Exploring a real corpus: the home page, the most connected industry's view, search and
plan comparison, with all of ``shared/corpus/real`` (314 documents) ingested.

Everything is asked in-process through the app (FastAPI's test client, embedded store),
so the figures are the server's own work without network. Prints one JSON object on its
last line: milliseconds (cold = the first request after start, warm = the median after).

    .venv/bin/python bench/explore.py                     # ingests the corpus first (~45 s)
    .venv/bin/python bench/explore.py --data-dir DIR      # a store that already holds it
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient

from api.main import create_app
from graph.memory_store import MemoryStore
from graph.schema import Label, RelType
from graph.store import GraphStore
from ingest.pipeline import ingest_paths
from plangraph.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
FOLDERS = (
    "gwr-national",
    "gwr-provincial-2026",
    "policies-central",
    "policies-misc",
    "policies-shandong",
    "policies-zhejiang",
)
RUNS = 20
SEARCHES = 400


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _timed(client: TestClient, url: str, **params: object) -> float:
    start = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:200]}")
    return elapsed


def _cold_and_warm(ask: Callable[[], float]) -> dict[str, float]:
    cold = ask()
    warm = [ask() for _ in range(RUNS)]
    return {"cold_ms": _ms(cold), "warm_ms": _ms(statistics.median(warm)), "max_ms": _ms(max(warm))}


def most_connected_industry(store: GraphStore) -> str:
    degree: Counter[str] = Counter()
    for rel in store.iter_relations():
        if rel.type != RelType.MENTIONS:
            degree[rel.source] += 1
            degree[rel.target] += 1
    industries = [e for e in store.get_entities(list(degree)) if e.label == Label.INDUSTRY]
    return max(industries, key=lambda e: (degree[e.id], e.id)).id


def search_queries(store: GraphStore) -> list[str]:
    """Prefixes of every 50th name (1 to 4 characters), and a few English glossary terms."""
    names = sorted(e.name for e in store.iter_entities())[::50]
    prefixes = [name[: 1 + i % 4] for i, name in enumerate(names)]
    english = ["manganese", "university", "artificial intelligence", "alliance", "incubator"]
    return (prefixes + english) * (SEARCHES // max(1, len(prefixes) + len(english)) + 1)


def provincial_reports(client: TestClient) -> list[str]:
    page = client.get("/api/v1/plans", params={"genre": "政府工作报告", "limit": 100}).json()
    return [p["id"] for p in page["items"] if p["region_level"] == "province"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="an embedded store holding the corpus")
    args = parser.parse_args()
    work = tempfile.TemporaryDirectory()
    data_dir = args.data_dir or Path(work.name) / "store"
    ingest_s = None
    if args.data_dir is None:
        start = time.perf_counter()
        ingesting = MemoryStore(data_dir)
        ingest_paths(ingesting, [CORPUS / f for f in FOLDERS])
        ingesting.close()
        ingest_s = round(time.perf_counter() - start, 1)
        gc.collect()
    # Measured as served: the store opened afresh, as `plangraph serve` opens it.
    store = MemoryStore(data_dir)
    stats = store.stats()
    app = create_app(Settings(), store=store)
    with TestClient(app) as client:
        home = _cold_and_warm(lambda: _timed(client, "/"))
        industry = most_connected_industry(store)
        view = _cold_and_warm(lambda: _timed(client, f"/viz/entities/{industry}"))
        view_2 = _cold_and_warm(lambda: _timed(client, f"/viz/entities/{industry}", depth=2))
        queries = search_queries(store)[:SEARCHES]
        search = sorted(_timed(client, "/api/v1/entities", q=q) for q in queries)
        reports = provincial_reports(client)
        pairs = list(itertools.pairwise(reports))
        compare = sorted(
            _timed(client, "/api/v1/plans/compare", plans=f"{a},{b}") for a, b in pairs
        )
        timeline = _cold_and_warm(lambda: _timed(client, f"/api/v1/entities/{industry}/timeline"))
    store.close()
    work.cleanup()
    figures = {
        "documents": stats.documents,
        "entities": stats.entities,
        "relations": stats.relations,
        "ingest_s": ingest_s,
        "home": home,
        "industry_view": {"entity": industry, **view},
        "industry_view_depth2": view_2,
        "search": {
            "queries": len(search),
            "p50_ms": _ms(search[len(search) // 2]),
            "p99_ms": _ms(search[int(len(search) * 0.99) - 1]),
        },
        "compare_two_provincial_reports": {
            "pairs": len(compare),
            "p50_ms": _ms(compare[len(compare) // 2]),
            "max_ms": _ms(compare[-1]),
        },
        "industry_timeline": timeline,
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
