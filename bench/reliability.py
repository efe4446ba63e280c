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
* soak: ``plangraph serve`` on loopback, 32 readers and an upload/delete every 3 s;
* hostile input (issue 14): a store holding 1 MB one-line documents, every page and
  answer measured against its size bound; uploads of one name with other content, the
  same bytes again and a taken id; GBK names, symlink loops and terminal escapes through
  ``plangraph ingest``; damaged UTF-8; the sample in traditional characters; and the
  growth of ingest time with one-line text (4x the text, CPU time ratio).

    python bench/reliability.py [--soak-seconds 120] [--connections 32]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from ingest.pipeline import ingest_paths, ingest_upload  # noqa: E402
from tests.conftest import SAMPLE_CORPUS  # noqa: E402
from tests.reliability.bad_input import (  # noqa: E402
    MAX_FILE_MB,
    ingest_bad_corpus,
    pipeline_export,
    write_bad_corpus,
)
from tests.reliability.corpus import ENCODINGS, sample_text, write_varied_plans  # noqa: E402
from tests.reliability.crash import clean_export, crash_and_resume  # noqa: E402
from tests.reliability.hostile import (  # noqa: E402
    SMALL_PLAN,
    damaged_texts,
    one_line_plans,
    unpunctuated,
    write_hostile_names,
)
from tests.reliability.hostile_checks import (  # noqa: E402
    API_KEY,
    answer_sizes,
    client_over,
    growth_ratio,
    hostile_store,
)
from tests.reliability.processes import run_cli  # noqa: E402
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


def hostile_store_case(totals: Totals, work: Path) -> None:
    store = hostile_store(work / "store")
    try:
        with client_over(store, work / "store") as client:
            sizes = answer_sizes(client)
    finally:
        store.close()
    totals.figures.update(
        hostile_pages=sizes.pages,
        hostile_max_html_bytes=sizes.max_html_bytes,
        hostile_max_json_bytes=sizes.max_json_bytes,
    )
    totals.case(
        "pages and answers over a store with 1 MB one-line documents",
        sizes.pages,
        len(sizes.failed) + len(sizes.oversized),
        0,
        f"largest page {sizes.max_html_bytes} B, largest answer {sizes.max_json_bytes} B; "
        f"over the bound: {sizes.oversized or 'none'}; failed: {sizes.failed or 'none'}",
    )


def upload_collisions_case(totals: Totals, work: Path) -> None:
    store = MemoryStore(work / "store")
    key = {"X-API-Key": API_KEY}
    notices = [SMALL_PLAN.encode(), SMALL_PLAN.replace("2012", "2013").encode()]
    try:
        with client_over(store, work / "store") as client:

            def post(data: bytes, **params: str) -> tuple[int, list[str]]:
                answer = client.post(
                    "/api/v1/documents",
                    headers=key,
                    params=params,
                    files={"file": ("通知.txt", data)},
                )
                return answer.status_code, answer.json().get("document_ids", [])

            first, second = post(notices[0]), post(notices[1])
            again = post(notices[0])
            post(notices[0], id="notice")
            conflict = post(notices[1], id="notice")
            survivors = client.get("/api/v1/documents").json()["total"]
    finally:
        store.close()
    checks = {
        "same name, other content: both kept": first[0] == second[0] == 201
        and first[1] != second[1],
        "same bytes again: no-op": again == (200, first[1]),
        "other bytes under a taken id: 409": conflict[0] == 409,
        "documents kept": survivors == 3,
    }
    failed = [name for name, ok in checks.items() if not ok]
    totals.figures["upload_documents_kept"] = survivors
    totals.case(
        "uploads of one name, the same bytes and a taken id",
        5,
        len(failed),
        0 if survivors == 3 else 3 - survivors,
        f"{survivors} documents kept of 3; failed: {failed or 'none'}",
    )


def hostile_names_case(totals: Totals, work: Path) -> None:
    expected = write_hostile_names(work / "incoming")
    run = run_cli(["ingest", str(work / "incoming"), "--data-dir", str(work / "store"), "-q"])
    skipped = sum(1 for reason in expected.values() if reason)
    ingested = len(expected) - skipped
    ok = (
        run.returncode == 3
        and "Traceback" not in run.stderr
        and "\x1b" not in run.stdout + run.stderr
        and f"{ingested} documents ingested" in run.stdout
    )
    totals.case(
        "GBK names, symlink loops and terminal escapes through plangraph ingest",
        len(expected),
        0 if ok else 1,
        0,
        f"exit {run.returncode}; {ingested} ingested, {skipped} skipped with reasons; "
        f"traceback: {'Traceback' in run.stderr}",
    )


def damaged_text_case(totals: Totals, work: Path) -> None:
    from ingest.errors import UnreadableDocument
    from ingest.readers import read_bytes

    unread = []
    for name, (data, damage) in damaged_texts().items():
        try:
            document = read_bytes(name, data, max_bytes=2**30)
        except UnreadableDocument as exc:
            unread.append(f"{name}: {exc.reason}")
            continue
        if document.replaced_bytes != damage:
            unread.append(f"{name}: {document.replaced_bytes} bytes replaced, not {damage}")
    totals.case(
        "slightly damaged UTF-8 (bad byte, cut, NUL)",
        len(damaged_texts()),
        len(unread),
        len(unread),
        f"not read as expected: {unread or 'none'}",
    )


def traditional_case(totals: Totals, work: Path) -> None:
    import opencc

    def entities(data: bytes, folder: Path) -> set[tuple[str, str]]:
        store = MemoryStore(folder)
        try:
            ingest_upload(store, "plan.txt", data)
            return {(str(e.label), e.name) for e in store.iter_entities()}
        finally:
            store.close()

    simplified = entities(sample_text().encode(), work / "simplified")
    big5 = opencc.OpenCC("s2tw").convert(sample_text()).encode("big5", errors="replace")
    found = entities(big5, work / "big5")
    share = len(found & simplified) / len(simplified)
    totals.figures["traditional_entity_share"] = round(share, 3)
    totals.case(
        "the sample in traditional characters (Big5)",
        1,
        0 if share >= 0.95 else 1,
        0,
        f"{len(found & simplified)} of the simplified sample's {len(simplified)} entities",
    )


def one_line_growth_case(totals: Totals, work: Path) -> None:
    ratios = {
        "sample without line breaks": growth_ratio(one_line_plans, 1, work / "plans"),
        "one sentence without an end": growth_ratio(unpunctuated, 0.25, work / "run-on"),
    }
    totals.figures["one_line_cpu_ratio_4x"] = round(ratios["sample without line breaks"], 2)
    totals.figures["run_on_cpu_ratio_4x"] = round(ratios["one sentence without an end"], 2)
    totals.case(
        "ingest CPU time for 4x the one-line text (linear: 4)",
        len(ratios),
        sum(1 for ratio in ratios.values() if ratio >= 5.5),
        0,
        ", ".join(f"{name}: {ratio:.2f}x" for name, ratio in ratios.items()),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--soak-seconds", type=float, default=120.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--only", default="", help="comma-separated case names to run (default: all)"
    )
    args = parser.parse_args()
    totals = Totals()
    cases: dict[str, Callable[[Totals, Path], None]] = {
        "crash": crash_case,
        "encodings": encodings_case,
        "bad-files": bad_files_case,
        "hostile-store": hostile_store_case,
        "upload-collisions": upload_collisions_case,
        "hostile-names": hostile_names_case,
        "damaged-text": damaged_text_case,
        "traditional": traditional_case,
        "one-line-growth": one_line_growth_case,
        "soak": lambda t, w: soak_case(t, w, args.soak_seconds, args.connections),
    }
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(cases)
    for name in chosen:
        work = Path(tempfile.mkdtemp(prefix="plangraph-reliability-"))
        try:
            cases[name](totals, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(totals.line())


if __name__ == "__main__":
    main()
