"""End-to-end ingest speed: read, split, extract and commit a ≥2 MB corpus on one core.

The corpus is the sample, varied: each copy shifts the numbers, swaps the place names
for other divisions of the gazetteer and rotates the plans' paragraphs, so documents
differ the way real plans do rather than repeating one text. Prints, as its last line,
one JSON object with ``chars_per_s`` (wall clock) and ``peak_rss_mb``, and the CPU
time beside the wall time, since a busy machine stretches the wall clock. Target:
≥ 150,000 chars/s.

It also ingests one-line files (the sample without its line breaks, repeated) of
``--one-line-mb`` sizes, each in a fresh process, and reports their times, peak memory
and the ratio of the largest to the smallest (issue 14: 50 MB must take < 5× 10 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
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


def one_line_run(megabytes: float) -> dict[str, float]:
    """Ingest a one-line file of ``megabytes`` in this process: seconds, CPU, peak RSS."""
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    copies = int(megabytes * 1024 * 1024) // len(text.encode("utf-8")) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-line.txt"
        path.write_text(text * copies, encoding="utf-8")
        store = MemoryStore(Path(tmp) / "store")
        started, cpu_started = time.perf_counter(), time.process_time()
        ingest_paths(store, [path])
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "mb": megabytes,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(peak_kb / 1024),
    }


def one_line_figures(sizes: list[float]) -> dict[str, object]:
    """Each size in a fresh process (peak RSS is per process); the time ratio of the ends."""
    runs = []
    for size in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one-line-run", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first, last = runs[0], runs[-1]
    return {
        "one_line": runs,
        "one_line_size_ratio": round(last["mb"] / first["mb"], 2),
        "one_line_time_ratio": round(last["seconds"] / first["seconds"], 2),
        "one_line_cpu_ratio": round(last["cpu_seconds"] / first["cpu_seconds"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-mb", type=float, default=2.0, help="corpus size in MB")
    parser.add_argument(
        "--one-line-mb",
        default="10,50",
        help="sizes of one-line files, comma-separated ('' for none)",
    )
    parser.add_argument("--one-line-run", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_line_run is not None:
        print(json.dumps(one_line_run(args.one_line_run)))
        return
    sizes = [float(size) for size in args.one_line_mb.split(",") if size.strip()]
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
    if sizes:
        result.update(one_line_figures(sizes))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
