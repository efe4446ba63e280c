"""Load-test ``plangraph serve``: requests/s and p50/p99 latency per endpoint.

Two graphs: (a) the sample corpus ingested with ``plangraph ingest`` and (b) a synthetic
graph of ``--entities`` entities written through the ``GraphStore`` protocol. For each,
the server runs as a subprocess on a free loopback port, and a client of several
processes (so that the client is not the bottleneck) keeps ``--connections`` keep-alive
connections busy for ``--seconds`` per endpoint.

The client speaks minimal HTTP/1.1 over asyncio streams: a general-purpose client costs
more CPU per request than the server does, and both share the machine.

    python bench/api.py [--seconds 5] [--connections 32] [--workers 1] [--entities 100000]

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.schema import (  # noqa: E402
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from plangraph.devserver import served  # noqa: E402

SAMPLE = ROOT / "data" / "sample" / "seed-plans.txt"
TARGETS = {"neighbors_rps": 1000.0, "neighbors_p99_ms": 25.0, "neighbors_vs_health": 0.5}

# -- the load client -------------------------------------------------------------------------


async def _connection(
    host: str, port: int, paths: list[str], deadline: float, seed: int
) -> tuple[list[float], int]:
    reader, writer = await asyncio.open_connection(host, port)
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    header = f"Host: {host}:{port}\r\nConnection: keep-alive\r\n\r\n"
    try:
        while time.perf_counter() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\n{header}".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                errors += 1
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    return latencies, errors


async def _client(
    host: str, port: int, paths: list[str], connections: int, seconds: float, seed: int
) -> tuple[list[float], int]:
    deadline = time.perf_counter() + seconds
    results = await asyncio.gather(
        *(_connection(host, port, paths, deadline, seed * 1000 + i) for i in range(connections))
    )
    latencies = [x for lat, _ in results for x in lat]
    return latencies, sum(err for _, err in results)


def _client_process(args: tuple[str, int, list[str], int, float, int]) -> tuple[list[float], int]:
    with contextlib.suppress(ImportError):
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return asyncio.run(_client(*args))


def load(
    pool: Any,
    host: str,
    port: int,
    paths: list[str],
    *,
    connections: int,
    processes: int,
    seconds: float,
) -> dict[str, float]:
    shares = [
        connections // processes + (1 if i < connections % processes else 0)
        for i in range(processes)
    ]
    jobs = [(host, port, paths, n, seconds, i) for i, n in enumerate(shares) if n]
    started = time.perf_counter()
    results = pool.map(_client_process, jobs)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(err for _, err in results)
    if not latencies:
        return {"requests": 0, "errors": errors, "rps": 0.0, "p50_ms": 0.0, "p99_ms": 0.0}
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / min(elapsed, seconds + 0.05), 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
    }


# -- graphs ----------------------------------------------------------------------------------


def _quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def build_sample(data_dir: Path) -> None:
    """Ingest the sample corpus with the CLI, as a user would."""
    subprocess.run(
        [sys.executable, "-m", "plangraph.cli", "ingest", str(SAMPLE), "--data-dir", str(data_dir)],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


_KINDS: list[tuple[Label, str, float]] = [
    (Label.ENTERPRISE, "科技有限公司", 0.40),
    (Label.UNIVERSITY, "大学", 0.04),
    (Label.RESEARCH_INSTITUTE, "研究院", 0.06),
    (Label.GOVERNMENT, "科学技术局", 0.02),
    (Label.ALLIANCE, "产业技术创新战略联盟", 0.04),
    (Label.INCUBATOR, "众创空间", 0.05),
    (Label.LAB, "重点实验室", 0.06),
    (Label.RESEARCH_CENTER, "工程技术研究中心", 0.06),
    (Label.PARK, "高新区", 0.02),
    (Label.WORKSTATION, "院士工作站", 0.03),
    (Label.SERVICE_PLATFORM, "公共技术服务平台", 0.03),
    (Label.INDUSTRY, "产业", 0.05),
    (Label.PROGRAM, "计划", 0.04),
    (Label.REGION, "县", 0.02),
    (Label.TARGET, "新增企业", 0.03),
]
_SYLLABLES = "锰钒钛锂硒茶稻光伏电子材料医药信息生态智能海洋航空新能源精细化工绿色数字"


#: Provenance as the sample corpus's ingest produces it (sentence length median ~64
#: characters, p90 ~135; about 1.3 sentences per relation and per entity).
_PROSE = (
    "加快推进科技创新体系建设重点支持企业高校院所联合开展关键技术攻关"
    "培育发展战略性新兴产业完善成果转化服务平台提升自主创新能力"
)
_SENTENCES_PER_FACT = [1] * 82 + [2] * 12 + [3] * 4 + [5] * 2


class _Document:
    """A synthetic document: sentences of realistic length, one after another."""

    def __init__(self, rng: random.Random, doc: str, plan: str, sentences: int) -> None:
        self.rng = rng
        text = "".join(rng.choice(_PROSE) for _ in range(4096))
        self.provenance: list[Provenance] = []
        offset = 0
        for _ in range(sentences):
            length = min(184, max(12, int(rng.lognormvariate(4.15, 0.55))))
            at = rng.randrange(len(text) - length)
            sentence = text[at : at + length - 1] + "。"
            self.provenance.append(
                Provenance(
                    document=doc, plan=plan, sentence=sentence, start=offset, end=offset + length
                )
            )
            offset += length

    def evidence(self) -> list[Provenance]:
        """The sentences one fact was read from."""
        count = self.rng.choice(_SENTENCES_PER_FACT)
        return sorted(self.rng.sample(self.provenance, count), key=lambda p: p.start)


def _name(rng: random.Random, suffix: str, n: int) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return f"{stem}{n}{suffix}"


def synthetic_batches(entities: int, seed: int = 7) -> Iterator[tuple[DocumentRecord, GraphBatch]]:
    """A graph shaped like many plans' worth of extraction: one document per plan."""
    rng = random.Random(seed)
    plans_n = max(1, entities // 2000)
    per_plan = (entities - plans_n) // plans_n
    kinds = [k for k in _KINDS for _ in range(int(k[2] * 100))]
    by_label: dict[Label, list[str]] = {}
    for p in range(plans_n):
        doc = f"doc-synthetic-{p:04d}"
        plan = Entity.create(
            Label.PLAN,
            f"{2000 + p % 25}年第{p}号科技工作要点",
            properties={"title": f"第{p}号科技工作要点", "year": 2000 + p % 25},
        )
        text = _Document(rng, doc, plan.id, per_plan)
        members = []
        for i in range(per_plan):
            label, suffix, _ = rng.choice(kinds)
            name = _name(rng, suffix, p * per_plan + i)
            members.append(Entity.create(label, name, mentions=text.evidence()))
        relations = [
            Relation.create(RelType.MENTIONS, plan.id, e.id, evidence=text.evidence())
            for e in members
        ]
        local: dict[Label, list[str]] = {}
        for e in members:
            local.setdefault(e.label, []).append(e.id)
            by_label.setdefault(e.label, []).append(e.id)

        def pick(labels: tuple[Label, ...], *, pool: dict[Label, list[str]] = local) -> str | None:
            choices = [i for lab in labels for i in pool.get(lab, [])]
            return rng.choice(choices) if choices else None

        institutions = (Label.ENTERPRISE, Label.UNIVERSITY, Label.RESEARCH_INSTITUTE)
        platforms = (
            Label.ALLIANCE,
            Label.LAB,
            Label.RESEARCH_CENTER,
            Label.INCUBATOR,
            Label.WORKSTATION,
            Label.SERVICE_PLATFORM,
        )
        for _ in range(per_plan * 2):
            kind = rng.random()
            if kind < 0.35:
                rel = (RelType.BUILDS, pick(institutions), pick(platforms))
            elif kind < 0.6:
                rel = (RelType.SERVES, pick(platforms), pick((Label.INDUSTRY,)))
            elif kind < 0.85:
                rel = (RelType.COLLABORATES_WITH, pick(institutions), pick(institutions))
            else:
                rel = (RelType.LOCATED_IN, pick(platforms + institutions), pick((Label.REGION,)))
            rel_type, source, target = rel
            if source and target and source != target:
                relations.append(
                    Relation.create(rel_type, source, target, evidence=text.evidence())
                )
        record = DocumentRecord(
            id=doc, source=f"synthetic-{p}.txt", sha256=f"{p:064x}", plans=[plan.id]
        )
        yield record, GraphBatch(entities=[plan, *members], relations=relations)


def build_synthetic(data_dir: Path, entities: int) -> None:
    from graph.memory_store import MemoryStore

    store = MemoryStore(data_dir)
    try:
        for record, batch in synthetic_batches(entities):
            store.replace_document(record, batch)
    finally:
        store.close()


def request_mix(base: str, seed: int = 3) -> dict[str, list[str]]:
    """Per endpoint, URL paths drawn from the served graph (so every one answers 200)."""
    rng = random.Random(seed)

    def get(path: str) -> Any:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return json.loads(response.read())

    listing = get("/api/v1/entities?limit=100")["items"]
    seeds = [e for e in listing if e["label"] not in ("Plan", "Target")] or listing
    anchors: list[dict[str, Any]] = []
    for entity in seeds[:40]:
        anchors.append(entity)
        anchors.extend(
            n["entity"]
            for n in get(f"/api/v1/entities/{entity['id']}/neighbors?limit=10")["items"]
            if n["entity"]["label"] != "Plan"
        )
    anchors = list({a["id"]: a for a in anchors}.values())[:200]
    rng.shuffle(anchors)
    pairs = []
    for a in anchors[:60]:
        second = get(f"/api/v1/entities/{a['id']}/neighbors?limit=5")["items"]
        for n in second:
            third = get(f"/api/v1/entities/{n['entity']['id']}/neighbors?limit=5")["items"]
            pairs.extend(
                (a["id"], m["entity"]["id"]) for m in third if m["entity"]["id"] != a["id"]
            )
    pairs = pairs[:200] or [(a["id"], a["id"]) for a in anchors[:10]]
    terms = sorted({a["name"][: rng.randint(1, max(1, len(a["name"]) - 1))] for a in anchors})
    return {
        "health": ["/health"],
        "neighbors": [f"/api/v1/entities/{a['id']}/neighbors?limit=20" for a in anchors],
        "search": [f"/api/v1/entities?q={_quote(t)}&limit=20" for t in terms[:200]],
        "paths": [f"/api/v1/paths?source={s}&target={t}&max_hops=3&limit=10" for s, t in pairs],
    }


# -- the server ------------------------------------------------------------------------------


@contextlib.contextmanager
def server(data_dir: Path, workers: int) -> Iterator[str]:
    with served(data_dir, extra_args=["--workers", str(workers)], timeout=300) as base:
        yield base


def run_graph(name: str, data_dir: Path, args: argparse.Namespace, pool: Any) -> dict[str, Any]:
    with server(data_dir, args.workers) as base:
        health = json.loads(urllib.request.urlopen(base + "/health", timeout=30).read())
        mix = request_mix(base)
        port = int(base.rsplit(":", 1)[1])
        figures: dict[str, Any] = {"entities": health["entities"], "relations": health["relations"]}
        for endpoint, paths in mix.items():
            load(
                pool,
                "127.0.0.1",
                port,
                paths,
                connections=args.connections,
                processes=args.client_processes,
                seconds=min(1.0, args.seconds),
            )  # warm-up
            result = load(
                pool,
                "127.0.0.1",
                port,
                paths,
                connections=args.connections,
                processes=args.client_processes,
                seconds=args.seconds,
            )
            figures[endpoint] = result
            print(
                f"{name:9} {endpoint:9} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.2f} ms"
                f"  p99 {result['p99_ms']:6.2f} ms  ({result['requests']} requests, "
                f"{result['errors']} errors)",
                flush=True,
            )
        neighbors, health_fig = figures["neighbors"], figures["health"]
        figures["meets_targets"] = bool(
            neighbors["rps"] >= TARGETS["neighbors_rps"]
            and neighbors["p99_ms"] < TARGETS["neighbors_p99_ms"]
            and neighbors["rps"] >= TARGETS["neighbors_vs_health"] * health_fig["rps"]
        )
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="Load time per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--entities", type=int, default=100_000, help="Synthetic graph size")
    parser.add_argument("--only", choices=["sample", "synthetic"], default=None)
    args = parser.parse_args()

    results: dict[str, Any] = {
        "config": {
            "connections": args.connections,
            "workers": args.workers,
            "client_processes": args.client_processes,
            "seconds": args.seconds,
            "cpus": os.cpu_count(),
        }
    }
    ctx = mp.get_context("spawn")
    with (
        tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp,
        ctx.Pool(args.client_processes) as pool,
    ):
        if args.only in (None, "sample"):
            sample_dir = Path(tmp) / "sample"
            build_sample(sample_dir)
            results["sample"] = run_graph("sample", sample_dir, args, pool)
        if args.only in (None, "synthetic"):
            synthetic_dir = Path(tmp) / "synthetic"
            started = time.perf_counter()
            build_synthetic(synthetic_dir, args.entities)
            results["synthetic_build_s"] = round(time.perf_counter() - started, 1)
            results["synthetic"] = run_graph("synthetic", synthetic_dir, args, pool)
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
