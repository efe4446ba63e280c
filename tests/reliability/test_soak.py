"""Twenty seconds of 32 concurrent readers and periodic writes: no errors, flat memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.soak import soak

SECONDS = 20.0


@pytest.mark.slow
def test_served_store_answers_every_request_under_load_with_flat_memory(
    sample_store_copy: Path,
) -> None:
    report = soak(sample_store_copy, seconds=SECONDS, connections=32)

    assert report.errors == {}
    assert report.requests > 0 and report.writes >= 4
    assert report.rss_flat, report.summary()
