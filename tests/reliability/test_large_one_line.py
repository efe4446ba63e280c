"""Ingest time grows linearly with the size of a one-line document.

10 MB once took 17 s, 20 MB 46 s and 50 MB 386 s: a run-on sentence was matched as one
piece by every rule, and the garbage collector walked all the provenance piling up.
Four times the text must take less than ``MAX_RATIO`` times the CPU time (linear is 4,
quadratic 16).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_upload
from tests.reliability.hostile import one_line_plans, unpunctuated

MAX_RATIO = 5.5


def _cpu_seconds(data: bytes, folder: Path) -> float:
    store = MemoryStore(folder)
    try:
        started = time.process_time()
        report = ingest_upload(store, "one-line.txt", data)
        elapsed = time.process_time() - started
    finally:
        store.close()
    assert report.documents == 1
    return elapsed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "megabytes"),
    [(one_line_plans, 0.5), (unpunctuated, 0.25)],
    ids=["sample-without-line-breaks", "one-sentence-without-an-end"],
)
def test_four_times_the_one_line_text_takes_about_four_times_as_long(
    tmp_path: Path, make: Callable[[float], bytes], megabytes: float
) -> None:
    _cpu_seconds(make(0.05), tmp_path / "warm-up")
    small = _cpu_seconds(make(megabytes), tmp_path / "small")

    large = _cpu_seconds(make(4 * megabytes), tmp_path / "large")

    assert large / small < MAX_RATIO, (small, large)
