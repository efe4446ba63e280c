"""Extract several documents at once in worker processes; read and commit in this one.

Extraction is pure CPU in Python (the tagger's features, the rules), so threads would
not help; each worker process loads the default extractors once and turns a read
document into its plans and batch. This process keeps the order of the files: it
reads each, skips what the store already holds, and commits the results one by one
as they come back, so the store sees the same writes as a run without workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from graph.schema import GraphBatch
from graph.store import GraphStore
from ingest.errors import UnreadableDocument
from ingest.extractor import Extractor
from ingest.models import IngestReport, PlanSection, SkippedFile, SourceDocument
from ingest.pipeline import (
    Prior,
    ProgressHook,
    commit_document,
    default_extractors,
    extract_document,
    finish_file,
    prior_version,
    report_listing,
    skip_file,
)
from ingest.readers import read_document

#: Documents read ahead of the one being committed, per worker.
READ_AHEAD = 2
_extractors: list[Extractor] = []


def _start_worker() -> None:
    _extractors[:] = default_extractors()


def _extract(document: SourceDocument) -> tuple[list[PlanSection], GraphBatch]:
    return extract_document(document, _extractors)


Pending = tuple[Path, SourceDocument, bool, "Future[tuple[list[PlanSection], GraphBatch]]"]


def ingest_files_in_parallel(
    store: GraphStore,
    files: Sequence[Path],
    *,
    skipped: Sequence[SkippedFile],
    max_bytes: int,
    progress: ProgressHook | None,
    jobs: int,
) -> IngestReport:
    """``ingest_files`` with ``jobs`` worker processes extracting."""
    report = report_listing(skipped)
    window: deque[Pending] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker) as pool:
        for path in files:
            before = report.totals()
            try:
                document = read_document(path, max_bytes=max_bytes)
                prior = prior_version(store, document, report)
            except UnreadableDocument as exc:
                skip_file(report, path, exc)
                prior = Prior.UNCHANGED
            if prior is Prior.UNCHANGED:
                finish_file(report, path, before, progress)
                continue
            replaced = prior is Prior.CHANGED
            window.append((path, document, replaced, pool.submit(_extract, document)))
            while len(window) > READ_AHEAD * jobs:
                _commit_next(store, window, report, progress)
        while window:
            _commit_next(store, window, report, progress)
    return report


def _commit_next(
    store: GraphStore, window: deque[Pending], report: IngestReport, progress: ProgressHook | None
) -> None:
    path, document, replaced, future = window.popleft()
    before = report.totals()
    try:
        plans, batch = future.result()
        commit_document(store, document, plans, batch, report, replaced=replaced)
    except UnreadableDocument as exc:
        skip_file(report, path, exc)
    finally:
        finish_file(report, path, before, progress)
