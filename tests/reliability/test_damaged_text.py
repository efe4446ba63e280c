"""Slightly damaged text is read, its damage replaced and counted; binary stays out.

UTF-8 with one bad byte, cut mid-character, or with one NUL was once refused as
"binary file", and the whole document was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from ingest.errors import UnreadableDocument
from ingest.pipeline import ingest_paths
from ingest.readers import read_bytes
from tests.reliability.hostile import SMALL_PLAN, damaged_texts

LIMIT = 10 * 1024 * 1024
DAMAGED = damaged_texts()


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_text_is_read_with_its_damaged_bytes_counted(name: str) -> None:
    data, damage = DAMAGED[name]

    document = read_bytes(name, data, max_bytes=LIMIT)

    assert document.encoding == "utf-8"
    assert document.replaced_bytes == damage
    assert document.text.count("\ufffd") >= 1
    assert SMALL_PLAN.strip() in document.text


def test_a_damaged_file_is_ingested_and_its_damage_reported(tmp_path: Path) -> None:
    data, damage = DAMAGED["one-bad-byte.txt"]
    (tmp_path / "plan.txt").write_bytes(data)
    store = MemoryStore(tmp_path / "store")
    try:
        report = ingest_paths(store, [tmp_path / "plan.txt"])
    finally:
        store.close()

    assert (report.documents, report.skipped) == (1, [])
    assert [(Path(d.source).name, d.replaced_bytes) for d in report.damaged] == [
        ("plan.txt", damage)
    ]


def test_undamaged_text_reports_no_replaced_bytes() -> None:
    assert read_bytes("plan.txt", SMALL_PLAN.encode(), max_bytes=LIMIT).replaced_bytes == 0


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 64, b"\x00\x01\x02\x03" * 4096, SMALL_PLAN.encode() + b"\x00" * 64],
    ids=["all-bytes", "control-bytes", "many-nuls"],
)
def test_content_that_is_mostly_damage_is_still_binary(data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="binary file"):
        read_bytes("blob.txt", data, max_bytes=LIMIT)
