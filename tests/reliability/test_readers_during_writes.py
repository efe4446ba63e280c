"""Readers never see half a document: every answer shows the graph before or after a write.

Four reader threads ask ``/health`` (the entity count) and one anchor's neighbours, over
and over, while a writer uploads a plan collection that adds entities and neighbours to
the anchor, waits, and deletes it again.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.reliability.conftest import API_KEY
from tests.reliability.load import (
    ANCHOR_NAME,
    MAX_REQUESTS_PER_READER,
    UPLOAD_NAME,
    GraphState,
    Tally,
    entity_count,
    entity_id,
    neighbours,
    observe,
    run_for,
    upload_bytes,
    writer,
)

READERS = 4
SECONDS = 6.0
HEADERS = {"X-API-Key": API_KEY}


def add_and_remove(client: TestClient, data: bytes, anchor: str) -> tuple[GraphState, GraphState]:
    """The states before and after the upload; the delete must restore the first."""
    before = observe(client, anchor)
    response = client.post(
        "/api/v1/documents", headers=HEADERS, files={"file": (UPLOAD_NAME, data)}
    )
    (document_id,) = response.json()["document_ids"]
    after = observe(client, anchor)
    assert client.delete(f"/api/v1/documents/{document_id}", headers=HEADERS).status_code == 200
    assert observe(client, anchor) == before
    return before, after


@pytest.mark.slow
def test_concurrent_readers_see_each_upload_and_delete_whole(
    sample_app_client: Callable[..., TestClient], sample_store_copy: Path
) -> None:
    client = sample_app_client()
    anchor = entity_id(client, ANCHOR_NAME)
    data = upload_bytes()
    before, after = add_and_remove(client, data, anchor)
    assert before.entities != after.entities and before.neighbours != after.neighbours

    counts: Counter[int] = Counter()
    seen: Counter[frozenset[str]] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    tally = Tally()

    def watch(reader: TestClient) -> None:
        for _ in range(MAX_REQUESTS_PER_READER):
            if stop.is_set():
                return
            try:
                count, around = entity_count(reader), neighbours(reader, anchor)
            except Exception as exc:  # any failure to answer is what this test looks for
                with lock:
                    failures.append(repr(exc))
                continue
            with lock:
                counts[count] += 1
                seen[around] += 1

    threads = [threading.Thread(target=watch, args=(sample_app_client(),)) for _ in range(READERS)]
    threads.append(
        threading.Thread(
            target=writer,
            args=(client, API_KEY, stop, tally),
            kwargs={"every": 0.2, "hold": 0.4, "data": data},
        )
    )
    run_for(SECONDS, threads, stop)

    assert failures == [] and tally.error_count == 0, (failures[:5], tally.errors)
    assert tally.writes >= 4
    assert set(counts) <= {before.entities, after.entities}, counts
    assert set(seen) <= {before.neighbours, after.neighbours}
    # Both states were seen, so the readers really did overlap the writes.
    assert set(counts) == {before.entities, after.entities}
    assert set(seen) == {before.neighbours, after.neighbours}
