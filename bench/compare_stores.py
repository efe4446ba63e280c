"""The embedded store and Neo4j side by side on the same synthetic graph, in one run.

Both stores get the same entities and relations (``bench/store.py``'s generator: skewed
degrees, one mention per entity, one evidence per relation) in the same batches, then
the same random reads: neighbours (limit 20), 3-hop paths (limit 10) and name search.
Writes are timed as ``upsert`` of prebuilt batches, after a warm-up (one batch written,
read around and cleared) that lets the server compile its code and plans. Neo4j is the
server at NEO4J_URI (``bash scripts/neo4j.sh start`` gives one), and its database is
CLEARED first. The last line is one JSON object: both stores' figures and Neo4j's over
the embedded store's.

    NEO4J_URI=bolt://127.0.0.1:7687 python bench/compare_stores.py [--entities N] ...
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.store import BatchModels, percentile, synthetic_entities, synthetic_relations
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.schema import Entity, GraphBatch
from graph.service import GraphService
from graph.store import GraphStore


def batches(args: argparse.Namespace) -> list[GraphBatch]:
    """The graph as the batches every store is given, entities arriving with their batch."""
    rng = random.Random(args.seed)
    entities = synthetic_entities(args.entities, rng)
    count = max(1, -(-args.relations // args.batch))
    per_batch = -(-len(entities) // count)
    seen: set[tuple[str, str, str]] = set()
    out: list[GraphBatch] = []
    written = 0
    for b in range(count):
        reachable = min(len(entities), (b + 1) * per_batch)
        size = min(args.batch, args.relations - written)
        models = BatchModels()
        out.append(
            GraphBatch.model_construct(
                entities=[models.entity(e) for e in entities[b * per_batch : reachable]],
                relations=synthetic_relations(size, entities, reachable, rng, seen, models),
            )
        )
        written += size
    return out


def timed(calls: list[Callable[[], object]]) -> list[float]:
    """Each call's wall time in milliseconds."""
    out = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def figures(ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(ms), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
    }


def warm_up(store: GraphStore, graph: list[GraphBatch]) -> None:
    """Write the first batch and read around it, then clear: JIT, plans, caches, not timed."""
    store.upsert(graph[0])
    reader = GraphService(store)
    ids = [e.id for e in graph[0].entities[:200]]
    for source, target in zip(ids, reversed(ids), strict=True):
        reader.neighbors(source, limit=20)
        reader.paths(source, target, max_hops=3, limit=10)
        reader.search(source, limit=20)
    store.clear()


def measure(store: GraphStore, graph: list[GraphBatch], args: argparse.Namespace) -> dict[str, Any]:
    warm_up(store, graph)
    t0 = time.perf_counter()
    for batch in graph:
        store.upsert(batch)
    write_s = time.perf_counter() - t0
    stats = store.stats()

    rng = random.Random(args.seed + 1)  # the same reads on every store
    entities: list[Entity] = [e for batch in graph for e in batch.entities]
    ids = [e.id for e in entities]
    neighbours = [rng.choice(ids) for _ in range(args.samples)]
    pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(args.path_samples)]
    names = [rng.choice(entities).name for _ in range(args.search_samples)]
    reader = GraphService(store)
    return {
        "entities": stats.entities,
        "relations": stats.relations,
        "relations_per_s": round(stats.relations / write_s),
        "write_s": round(write_s, 2),
        "neighbors": figures(
            timed([lambda i=i: reader.neighbors(i, limit=20) for i in neighbours])
        ),
        "paths_3_hops": figures(
            timed([lambda s=s, t=t: reader.paths(s, t, max_hops=3, limit=10) for s, t in pairs])
        ),
        "search": figures(timed([lambda n=n: reader.search(n, limit=20) for n in names])),
    }


def ratios(neo4j: dict[str, Any], memory: dict[str, Any]) -> dict[str, float]:
    """Neo4j's figure over the embedded store's (above 1: Neo4j slower, or writes faster)."""
    out = {"relations_per_s": round(neo4j["relations_per_s"] / memory["relations_per_s"], 3)}
    for key in ("neighbors", "paths_3_hops", "search"):
        for stat in ("p50_ms", "p99_ms"):
            out[f"{key}_{stat}"] = round(neo4j[key][stat] / max(memory[key][stat], 1e-3), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000, help="relations per batch")
    parser.add_argument("--samples", type=int, default=1000, help="neighbour queries")
    parser.add_argument("--path-samples", type=int, default=300)
    parser.add_argument("--search-samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI"))
    args = parser.parse_args()
    if not args.neo4j_uri:
        parser.error("needs a Neo4j: set NEO4J_URI or --neo4j-uri (bash scripts/neo4j.sh start)")

    graph = batches(args)
    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        memory_store = MemoryStore(Path(tmp) / "store")
        try:
            memory = measure(memory_store, graph, args)
        finally:
            memory_store.close()
    neo4j_store = Neo4jStore(
        args.neo4j_uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", "neo4j"),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    try:
        neo4j_store.clear()
        neo4j = measure(neo4j_store, graph, args)
        neo4j_store.clear()
    finally:
        neo4j_store.close()
    result = {
        "graph": {"entities": args.entities, "relations": args.relations, "batch": args.batch},
        "cores": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "memory": memory,
        "neo4j": neo4j,
        "neo4j_over_memory": ratios(neo4j, memory),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
