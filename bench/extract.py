"""End-to-end ingest speed: read, split, extract and commit a ≥2 MB corpus on one core.

The corpus is the sample, varied: each copy shifts the numbers, swaps the place names
for other divisions of the gazetteer and rotates the plans' paragraphs, so documents
differ the way real plans do rather than repeating one text. Prints, as its last line,
one JSON object with ``chars_per_s`` (wall clock) and ``peak_rss_mb``, and the CPU
time beside the wall time, since a busy machine stretches the wall clock. Target:
≥ 150,000 chars/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from ingest.gazetteer import default_gazetteer  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

SAMPLE = ROOT / "data" / "sample" / "seed-plans.txt"
PLACES = ["湘西", "常熟", "江苏", "南京", "建宁县", "将乐", "多拉特乡", "吉凤"]


def varied_copy(text: str, seed: int, names: list[str]) -> str:
    rng = random.Random(seed)
    out = re.sub(r"\d+", lambda m: str(int(m.group()) + seed % 7), text)
    for place in PLACES:
        out = out.replace(place, rng.choice(names))
    lines = out.split("\n")
    body = lines[1:]
    cut = rng.randrange(len(body)) if body else 0
    return "\n".join([lines[0], *body[cut:], *body[:cut]])


def build_corpus(folder: Path, min_bytes: int) -> tuple[int, int]:
    text = SAMPLE.read_text(encoding="utf-8")
    names = sorted(r.name for r in default_gazetteer().regions.values())
    total_bytes = total_chars = 0
    seed = 0
    while total_bytes < min_bytes:
        copy = varied_copy(text, seed, names)
        path = folder / f"plans-{seed:04d}.txt"
        path.write_text(copy, encoding="utf-8")
        total_bytes += path.stat().st_size
        total_chars += len(copy)
        seed += 1
    return seed, total_chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-mb", type=float, default=2.0, help="corpus size in MB")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        files, chars = build_corpus(corpus, int(args.min_mb * 1024 * 1024))
        store = MemoryStore(Path(tmp) / "store")
        started = time.perf_counter()
        cpu_started = time.process_time()
        report = ingest_paths(store, [corpus])
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        stats = store.stats()
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "files": files,
        "chars": chars,
        "plans": report.plans,
        "entities": stats.entities,
        "relations": stats.relations,
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "chars_per_s": round(chars / elapsed),
        "chars_per_cpu_s": round(chars / cpu),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "target_chars_per_s": 150_000,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
