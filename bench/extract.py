"""End-to-end ingest speed on the real corpus, beside jieba's POS tagger on the same text.

Reads, splits, extracts (the default, learned extractors) and commits every document
of ``../shared/corpus/real`` (or ``--corpus``) into a fresh embedded store, once with a
worker process per core (``all_cores_chars_per_s``) and once on one core,
then runs ``jieba.posseg`` over the same decoded texts as a yardstick of what reading
Chinese costs in Python. Prints, as its last line, one JSON object with
``chars_per_s`` (wall clock, end to end), ``posseg_chars_per_s``, their ratio
``vs_posseg``, the CPU-time figures (a busy machine stretches the wall clock) and
``peak_rss_mb``. Targets: ≥ 100,000 chars/s and a ratio ≥ 0.5.

It also ingests one-line files (the sample without its line breaks, repeated) of
``--one-line-mb`` sizes, each in a fresh process, and reports their times, peak memory
and the ratio of the largest to the smallest (50 MB must take < 5× 10 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from graph.schema import Stats  # noqa: E402
from ingest.limits import DEFAULT_MAX_BYTES as MAX_BYTES  # noqa: E402
from ingest.models import IngestReport  # noqa: E402
from ingest.pipeline import default_extractors, ingest_paths  # noqa: E402
from ingest.readers import iter_paths, read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real"
SAMPLE = ROOT / "data" / "sample" / "seed-plans.txt"


def posseg_rate(texts: list[str]) -> tuple[float, float]:
    """jieba.posseg's characters per wall and per CPU second over ``texts``."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    chars = sum(len(t) for t in texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        for _ in jieba.posseg.cut(text):
            pass
    return chars / (time.perf_counter() - started), chars / (time.process_time() - cpu_started)


def ingest_run(corpus: Path, jobs: int) -> tuple[float, float, IngestReport, Stats]:
    """Wall and CPU seconds, report and store figures of one ingest into a fresh store."""
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(Path(tmp) / "store")
        started, cpu_started = time.perf_counter(), time.process_time()
        report = ingest_paths(store, [corpus], max_bytes=MAX_BYTES, jobs=jobs)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        stats = store.stats()
        store.close()
    return elapsed, cpu, report, stats


def one_line_run(megabytes: float) -> dict[str, float]:
    """Ingest a one-line file of ``megabytes`` in this process: seconds, CPU, peak RSS."""
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    copies = int(megabytes * 1024 * 1024) // len(text.encode("utf-8")) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-line.txt"
        path.write_text(text * copies, encoding="utf-8")
        store = MemoryStore(Path(tmp) / "store")
        started, cpu_started = time.perf_counter(), time.process_time()
        ingest_paths(store, [path], max_bytes=MAX_BYTES)
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
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="file or folder to ingest")
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
    files = list(iter_paths([args.corpus], skipped=[]))
    texts = [read_document(path, max_bytes=MAX_BYTES).text for path in files]
    chars = sum(len(t) for t in texts)
    default_extractors()  # load the models before the clock starts
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    parallel = ingest_run(args.corpus, jobs=cores)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core from here on
    single = ingest_run(args.corpus, jobs=1)
    elapsed, cpu, report, stats = single
    posseg, posseg_cpu = posseg_rate(texts)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "files": len(files),
        "documents": report.documents,
        "skipped": len(report.skipped),
        "chars": chars,
        "plans": report.plans,
        "entities": stats.entities,
        "relations": stats.relations,
        "seconds": round(elapsed, 2),
        "chars_per_s": round(chars / elapsed),
        "cores": cores,
        "all_cores_seconds": round(parallel[0], 2),
        "all_cores_chars_per_s": round(chars / parallel[0]),
        "chars_per_cpu_s": round(chars / cpu),
        "posseg_chars_per_s": round(posseg),
        "posseg_chars_per_cpu_s": round(posseg_cpu),
        "vs_posseg": round((chars / elapsed) / posseg, 2),
        "vs_posseg_cpu": round((chars / cpu) / posseg_cpu, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "target_chars_per_s": 100_000,
        "target_vs_posseg": 0.5,
    }
    if sizes:
        result.update(one_line_figures(sizes))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
