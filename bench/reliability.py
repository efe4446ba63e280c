"""Reliability cases: crashes mid-ingest, other encodings, bad files, and a soak under load.

Each case prints its inputs and outcome; the last line is one JSON object with the
counts ``cases``, ``inputs_tried``, ``failures`` and ``data_lost`` (plus the soak's
figures). The cases are the ones ``tests/reliability`` runs, with the same code:

* crash: 60 varied plan collections, ``plangraph ingest`` SIGKILLed three times, then
  run to the end; the graph must equal a clean run's, with nothing twice;
* encodings: the sample in GB18030, UTF-16 (both byte orders) and UTF-8 with a BOM
  must give exactly the UTF-8 graph;
* bad files: binary, empty, truncated and bomb .docx, scanned PDF, broken HTML, Big5,
  a 100 MB text file, through ``plangraph ingest`` on a store holding the sample;
* soak: ``plangraph serve`` on loopback, 32 readers and an upload/delete every 3 s.

    python bench/reliability.py [--soak-seconds 120] [--connections 32]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402
from tests.conftest import SAMPLE_CORPUS  # noqa: E402
from tests.reliability.bad_input import (  # noqa: E402
    MAX_FILE_MB,
    ingest_bad_corpus,
    pipeline_export,
    write_bad_corpus,
)
from tests.reliability.corpus import ENCODINGS, sample_text, write_varied_plans  # noqa: E402
from tests.reliability.crash import clean_export, crash_and_resume  # noqa: E402
from tests.reliability.soak import soak  # noqa: E402

CRASH_DOCUMENTS = 60
KILL_POINTS = [2, 15, 40]


class Totals:
    def __init__(self) -> None:
        self.cases = self.inputs_tried = self.failures = self.data_lost = 0
        self.figures: dict[str, Any] = {}

    def case(self, name: str, inputs: int, failures: int, lost: int, detail: str) -> None:
        self.cases += 1
        self.inputs_tried += inputs
        self.failures += failures
        self.data_lost += lost
        status = "ok" if not failures and not lost else "FAILED"
        print(f"[{status}] {name}: {inputs} inputs; {detail}", flush=True)

    def line(self) -> str:
        counts = {
            "cases": self.cases,
            "inputs_tried": self.inputs_tried,
            "failures": self.failures,
            "data_lost": self.data_lost,
        }
        return json.dumps({**counts, **self.figures}, ensure_ascii=False)


def crash_case(totals: Totals, work: Path) -> None:
    folder = work / "plans"
    write_varied_plans(folder, CRASH_DOCUMENTS)
    clean = clean_export(folder, work / "clean")
    outcome = crash_and_resume(folder, work / "crashed", KILL_POINTS, clean)
    lost = 0 if outcome.equal_to_clean_run else 1
    totals.case(
        "SIGKILL mid-ingest, then resume",
        CRASH_DOCUMENTS,
        0 if outcome.ok else 1,
        lost,
        f"killed with {outcome.killed_at} documents durable; resumed exit "
        f"{outcome.resumed.returncode if outcome.resumed else None}; "
        f"{outcome.entities} entities, {outcome.relations} relations; equal to a clean run: "
        f"{outcome.equal_to_clean_run}; duplicates: {len(outcome.duplicates)}",
    )


def encodings_case(totals: Totals, work: Path) -> None:
    text = sample_text()
    path = work / "plan.txt"
    utf8 = pipeline_export(path, text.encode("utf-8"), work / "utf8")
    different = [
        label
        for label, encode in sorted(ENCODINGS.items())
        if pipeline_export(path, encode(text), work / label) != utf8
    ]
    totals.case(
        "other encodings through the whole pipeline",
        len(ENCODINGS),
        len(different),
        0,
        f"{sorted(ENCODINGS)} against UTF-8 ({len(utf8['entities'])} entities); "
        f"different: {different or 'none'}",
    )


def bad_files_case(totals: Totals, work: Path) -> None:
    data_dir = work / "store"
    store = MemoryStore(data_dir)
    ingest_paths(store, [SAMPLE_CORPUS])
    store.close()
    folder = work / "incoming"
    inputs = write_bad_corpus(folder)
    outcome = ingest_bad_corpus(folder, data_dir, inputs)
    for item in inputs:
        seen = outcome.observed.get(item.name, "<missing>")
        print(f"    {item.name}: {'ingested' if seen is None else 'skipped: ' + str(seen)}")
    failures = len(outcome.mismatches) + (0 if outcome.ok or outcome.mismatches else 1)
    peak_mb = round(outcome.run.peak_rss_bytes / 2**20)
    totals.figures["bad_files_peak_rss_mb"] = peak_mb
    totals.case(
        "bad files through plangraph ingest on a populated store",
        len(inputs),
        failures,
        len(outcome.lost),
        f"exit {outcome.run.returncode}; peak RSS {peak_mb} MB; documents "
        f"{outcome.documents_before} -> {outcome.documents_after}; "
        f"mismatches: {outcome.mismatches or 'none'}; lost: {len(outcome.lost)} "
        f"(per-file limit {MAX_FILE_MB} MB)",
    )


def soak_case(totals: Totals, work: Path, seconds: float, connections: int) -> None:
    data_dir = work / "store"
    store = MemoryStore(data_dir)
    ingest_paths(store, [SAMPLE_CORPUS])
    store.close()
    report = soak(data_dir, seconds=seconds, connections=connections)
    totals.figures.update(
        soak_seconds=seconds,
        soak_requests=report.requests,
        soak_writes=report.writes,
        soak_errors=report.error_count,
        soak_rss_warm_mb=report.rss_warm_mb,
        soak_rss_end_mb=report.rss_end_mb,
        soak_rss_peak_mb=report.rss_peak_mb,
    )
    totals.case(
        f"soak: {connections} readers and writes for {seconds:g} s",
        report.requests + report.writes,
        report.error_count + (0 if report.rss_flat else 1),
        0,
        f"{report.requests} reads ({report.requests / seconds:.0f}/s), {report.writes} writes, "
        f"errors {report.errors or 'none'}; server RSS {report.rss_warm_mb} MB after warm-up, "
        f"{report.rss_end_mb} MB at the end (peak {report.rss_peak_mb} MB)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--soak-seconds", type=float, default=120.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    totals = Totals()
    cases = [
        crash_case,
        encodings_case,
        bad_files_case,
        lambda t, w: soak_case(t, w, args.soak_seconds, args.connections),
    ]
    for case in cases:
        work = Path(tempfile.mkdtemp(prefix="plangraph-reliability-"))
        try:
            case(totals, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(totals.line())


if __name__ == "__main__":
    main()
