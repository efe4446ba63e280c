"""Benchmark of the embedded store on a synthetic graph (100k entities, 500k relations).

Writes are timed as ``MemoryStore.upsert`` of GraphBatch objects built beforehand (model
construction and validation excluded; the SQLite commit of each batch with its fsync,
any compaction into a snapshot, and the collector's passes over what the batch left
included: ``gc_in_writes_s`` says how much of the time those passes took, now that
the store freezes nothing). The bench keeps its inputs as plain tuples and builds each
batch's models just before writing it, so that the collector walks the store's objects
in the timed writes, not 100k models the bench holds. Reload is ``close`` (which folds
the changes into a snapshot in the SQLite record) plus opening the folder again;
``disk_mb`` is the database and its WAL. Reads are timed in-process on random entities,
through ``GraphService`` as the API reads them.
The last line is one JSON object.

    python bench/store.py [--entities N] [--relations N] [--batch N] [--samples N]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.memory_store import MemoryStore
from graph.schema import (
    SEMANTIC_TYPES,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from graph.service import GraphService

_SEMANTIC = sorted(SEMANTIC_TYPES)
_OTHER_LABELS = [label for label in Label if label is not Label.PLAN]
_SENTENCES = [f"第{i}句：某单位依托某平台建设产业技术创新战略联盟。" for i in range(2000)]


#: What the bench keeps of an entity between batches: (id, name, label, aliases,
#: properties, (document, plan, sentence, start, end)). Plain tuples, not models: the
#: store no longer freezes the heap, so 100k models kept alive by the bench would have
#: the collector walk the bench's own inputs inside the timed writes.
EntitySpec = tuple[str, str, Label, tuple[str, ...], dict[str, str | int | None], tuple[Any, ...]]


def synthetic_entities(count: int, rng: random.Random) -> list[EntitySpec]:
    """1% plans (with a year), the rest of random labels, each mentioned by one plan."""
    plans = max(1, count // 100)
    plan_ids = [f"plan-{i:06d}" for i in range(plans)]
    out: list[EntitySpec] = []
    for i in range(count):
        if i < plans:
            label, name = Label.PLAN, f"第{i}号科技工作要点"
            properties: dict[str, str | int | None] = {"year": 2010 + i % 12, "region": "湘西"}
        else:
            label = rng.choice(_OTHER_LABELS)
            name, properties = f"实体{i}号{label.value}", {}
        plan = plan_ids[i % plans]
        start = rng.randrange(100_000)
        out.append(
            (
                f"e{i:07d}" if i >= plans else plan_ids[i],
                name,
                label,
                (f"别名{i}",) if i % 7 == 0 else (),
                properties,
                (f"doc-{i % plans}", plan, rng.choice(_SENTENCES), start, start + 30),
            )
        )
    return out


class BatchModels:
    """The models of one batch, each entity's mention built once and shared."""

    def __init__(self) -> None:
        self._mentions: dict[str, Provenance] = {}

    def mention(self, spec: EntitySpec) -> Provenance:
        found = self._mentions.get(spec[0])
        if found is None:
            document, plan, sentence, start, end = spec[5]
            found = self._mentions[spec[0]] = Provenance.model_construct(
                document=document, plan=plan, sentence=sentence, start=start, end=end
            )
        return found

    def entity(self, spec: EntitySpec) -> Entity:
        entity_id, name, label, aliases, properties, _ = spec
        return Entity.model_construct(
            id=entity_id,
            name=name,
            label=label,
            aliases=list(aliases),
            properties=dict(properties),
            mentions=[self.mention(spec)],
        )


def synthetic_relations(
    count: int,
    entities: list[EntitySpec],
    reachable: int,
    rng: random.Random,
    seen: set[tuple[str, str, str]],
    models: BatchModels,
) -> list[Relation]:
    """Unique (source, type, target) among the first ``reachable`` entities, skewed ends."""
    plans = max(1, len(entities) // 100)
    out: list[Relation] = []
    while len(out) < count:
        target = entities[int(reachable * rng.random() ** 2)]
        if rng.random() < 0.2:
            source, rel_type = entities[rng.randrange(min(plans, reachable))], RelType.MENTIONS
        else:
            source, rel_type = entities[rng.randrange(reachable)], rng.choice(_SEMANTIC)
        if source[0] == target[0]:
            continue
        relation = Relation.create(
            rel_type,
            source[0],
            target[0],
            evidence=[models.mention(source if rel_type is RelType.MENTIONS else target)],
        )
        if relation.key() in seen:
            continue
        seen.add(relation.key())
        out.append(relation)
    return out


class _CollectorClock:
    """Seconds the cyclic collector ran while inside ``with``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._inside = False
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, _: dict[str, int]) -> None:
        if not self._inside:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def __enter__(self) -> None:
        self._inside = True

    def __exit__(self, *_: object) -> None:
        self._inside = False


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=500_000)
    parser.add_argument("--batch", type=int, default=50_000, help="relations per batch")
    parser.add_argument("--samples", type=int, default=2000, help="neighbour queries")
    parser.add_argument("--path-samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    process = psutil.Process()

    entities = synthetic_entities(args.entities, rng)
    batches = max(1, -(-args.relations // args.batch))
    per_batch_entities = -(-len(entities) // batches)
    seen: set[tuple[str, str, str]] = set()

    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        data_dir = Path(tmp) / "store"
        store = MemoryStore(data_dir)
        write_s = write_cpu_s = 0.0
        written = 0
        collector = _CollectorClock()
        for b in range(batches):
            reachable = min(len(entities), (b + 1) * per_batch_entities)
            count = min(args.batch, args.relations - written)
            models = BatchModels()
            batch = GraphBatch.model_construct(
                entities=[models.entity(e) for e in entities[b * per_batch_entities : reachable]],
                relations=synthetic_relations(count, entities, reachable, rng, seen, models),
            )
            t0, c0 = time.perf_counter(), time.process_time()
            with collector:
                store.upsert(batch)
            write_s += time.perf_counter() - t0
            write_cpu_s += time.process_time() - c0
            written += count
            del batch, models
        del seen
        stats = store.stats()

        t0, c0 = time.perf_counter(), time.process_time()
        store.close()
        close_s, close_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        del store, entities
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        store = MemoryStore(data_dir)
        open_s, open_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        reload_s = close_s + open_s
        assert store.stats() == stats, "reload changed the counts"
        disk_mb = store.disk_bytes() / 2**20

        graph = GraphService(store)
        ids = [e.id for e in graph.iter_entities()]
        sample = [rng.choice(ids) for _ in range(args.samples)]
        neighbor_ms: list[float] = []
        for entity_id in sample:
            t0 = time.perf_counter()
            graph.neighbors(entity_id, limit=20)
            neighbor_ms.append((time.perf_counter() - t0) * 1000)

        path_ms: list[float] = []
        found = 0
        for _ in range(args.path_samples):
            source, target = rng.choice(ids), rng.choice(ids)
            t0 = time.perf_counter()
            found += len(graph.paths(source, target, max_hops=3, limit=10))
            path_ms.append((time.perf_counter() - t0) * 1000)

        search_ms: list[float] = []
        for _ in range(50):
            t0 = time.perf_counter()
            graph.search(f"实体{rng.randrange(args.entities)}", limit=20)
            search_ms.append((time.perf_counter() - t0) * 1000)

        rss_mb = process.memory_info().rss / 2**20
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        store.close()

    result = {
        "entities": stats.entities,
        "relations": stats.relations,
        "write_timing": "MemoryStore.upsert of prebuilt GraphBatch objects "
        "(model construction excluded; SQLite commit with fsync, compaction and the "
        "collector's passes included)",
        "record": "SQLite, WAL, synchronous=FULL: one change row per commit, snapshot on close",
        "batches": batches,
        "relations_per_s": round(stats.relations / write_s),
        "write_s": round(write_s, 3),
        "write_cpu_s": round(write_cpu_s, 3),
        "gc_in_writes_s": round(collector.seconds, 3),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "reload_s": round(reload_s, 3),
        "close_s": round(close_s, 3),
        "open_s": round(open_s, 3),
        "reload_cpu_s": round(close_cpu_s + open_cpu_s, 3),
        "disk_mb": round(disk_mb, 1),
        "rss_mb": round(rss_mb, 1),
        "rss_peak_mb": round(peak_mb, 1),
        "neighbors_samples": len(neighbor_ms),
        "neighbors_p50_ms": round(statistics.median(neighbor_ms), 4),
        "neighbors_p99_ms": round(percentile(neighbor_ms, 0.99), 4),
        "path3_samples": len(path_ms),
        "path3_paths_found": found,
        "path3_p50_ms": round(statistics.median(path_ms), 4),
        "path3_p99_ms": round(percentile(path_ms, 0.99), 4),
        "search_p50_ms": round(statistics.median(search_ms), 3),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
