"""What only the embedded store promises: its files survive restarts and crashes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from graph.errors import StoreError, StoreUnavailableError
from graph.memory_log import JOURNAL_NAME, SNAPSHOT_NAME
from graph.memory_store import MemoryStore
from graph.schema import (
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from graph.service import GraphService

ROOT = Path(__file__).resolve().parent.parent


def ring(prefix: str, size: int, document: str = "d1") -> GraphBatch:
    """``size`` labs in a ring of BUILDS relations: ``size`` entities, ``size`` relations."""
    evidence = [Provenance(document=document, sentence=f"{prefix}环", start=0, end=3)]
    labs = [Entity.create(Label.LAB, f"{prefix}实验室{i}", mentions=evidence) for i in range(size)]
    relations = [
        Relation.create(RelType.BUILDS, labs[i].id, labs[(i + 1) % size].id, evidence=evidence)
        for i in range(size)
    ]
    return GraphBatch(entities=labs, relations=relations)


def content(store: MemoryStore) -> tuple[object, ...]:
    """Everything a store holds, comparable across instances."""
    return (
        store.stats(),
        sorted(e.model_dump_json() for e in store.iter_entities()),
        sorted(r.model_dump_json() for r in store.iter_relations()),
        [d.model_dump() for d in store.documents()],
    )


def crash_copy(store: MemoryStore, destination: Path) -> Path:
    """The store's folder as a crash would leave it: committed files, no close."""
    destination.mkdir()
    for name in (SNAPSHOT_NAME, JOURNAL_NAME):
        if (store.data_dir / name).exists():
            shutil.copy2(store.data_dir / name, destination / name)
    return destination


# -- persistence ------------------------------------------------------------------------


def test_content_survives_close_and_reopen(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.replace_document(
        DocumentRecord(id="d1", source="a.txt", sha256="1" * 64), ring("甲", 5, "d1")
    )
    store.replace_document(
        DocumentRecord(id="d2", source="b.txt", sha256="2" * 64), ring("乙", 4, "d2")
    )
    store.delete_document("d2")
    store.upsert(ring("丙", 3, "d3"))
    before = content(store)
    store.close()
    reopened = MemoryStore(tmp_path / "store")
    try:
        assert content(reopened) == before
        assert GraphService(reopened).search("甲实验室3").items[0].name == "甲实验室3"
    finally:
        reopened.close()


def test_committed_writes_survive_a_crash_without_close(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    try:
        store.upsert(ring("甲", 5))
        store.close()
        store = MemoryStore(tmp_path / "store")
        store.upsert(ring("乙", 4))
        store.delete_document("d1")
        store.upsert(ring("丙", 3, "d2"))
        before = content(store)
        crashed = MemoryStore(crash_copy(store, tmp_path / "crashed"))
        try:
            assert content(crashed) == before
        finally:
            crashed.close()
    finally:
        store.close()


def test_a_torn_journal_tail_is_dropped(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    try:
        store.upsert(ring("甲", 5))
        committed = content(store)
        store.upsert(ring("乙", 4))
        torn = crash_copy(store, tmp_path / "torn")
    finally:
        store.close()
    journal = torn / JOURNAL_NAME
    os.truncate(journal, journal.stat().st_size - 7)
    reopened = MemoryStore(torn)
    try:
        assert content(reopened) == committed
        reopened.upsert(ring("丙", 2))
        assert reopened.stats().entities == 7
    finally:
        reopened.close()
    again = MemoryStore(torn)
    try:
        assert again.stats().entities == 7
    finally:
        again.close()


def test_garbage_after_the_last_record_is_dropped(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    try:
        store.upsert(ring("甲", 5))
        committed = content(store)
        copy = crash_copy(store, tmp_path / "copy")
    finally:
        store.close()
    with open(copy / JOURNAL_NAME, "ab") as f:
        f.write(b"\x00\x00\x00\x00\x00\x00\x01\x00garbage")
    reopened = MemoryStore(copy)
    try:
        assert content(reopened) == committed
    finally:
        reopened.close()


# -- failures -----------------------------------------------------------------------------


def test_a_corrupt_snapshot_is_a_store_error(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ring("甲", 5))
    store.close()
    snapshot = tmp_path / "store" / SNAPSHOT_NAME
    data = bytearray(snapshot.read_bytes())
    data[-10] ^= 0xFF
    snapshot.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt"):
        MemoryStore(tmp_path / "store")


def test_an_unusable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailableError, match="cannot be created"):
        MemoryStore(blocker / "store")


def test_a_data_dir_is_owned_by_one_open_store(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    try:
        with pytest.raises(StoreUnavailableError, match="in use"):
            MemoryStore(tmp_path / "store")
    finally:
        store.close()
    MemoryStore(tmp_path / "store").close()


def test_a_closed_store_refuses_writes(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.upsert(ring("甲", 2))


# -- concurrency --------------------------------------------------------------------------


def test_readers_never_see_half_a_batch(memory_store: MemoryStore) -> None:
    size, batches = 40, 30
    prepared = [ring(f"批{b}", size) for b in range(batches)]
    seen: list[tuple[int, int]] = []
    done = threading.Event()

    def write() -> None:
        for batch in prepared:
            memory_store.upsert(batch)
        done.set()

    def read() -> None:
        while not done.is_set():
            stats = memory_store.stats()
            listed = GraphService(memory_store).search("", limit=0).total
            seen.append((stats.entities, stats.relations))
            seen.append((listed, listed))

    readers = [threading.Thread(target=read) for _ in range(2)]
    writer = threading.Thread(target=write)
    for thread in [*readers, writer]:
        thread.start()
    for thread in [writer, *readers]:
        thread.join(timeout=60)
    assert seen
    assert all(e % size == 0 and e == r for e, r in seen), sorted(set(seen))
    assert memory_store.stats().entities == size * batches


# -- crash by SIGKILL -------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import graph.memory_log
    from graph.memory_store import MemoryStore
    from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType

    data_dir, entities, relations, compact = sys.argv[1], *map(int, sys.argv[2:])
    if compact:
        graph.memory_log.COMPACT_MIN_BYTES = 0
        graph.memory_log.COMPACT_RATIO = 0.0
    store = MemoryStore(Path(data_dir))
    for round_ in range(1_000):
        evidence = [Provenance(document=f"doc{round_}", sentence="句", start=0, end=1)]
        ids = [f"lab-r{round_}-{i}" for i in range(entities)]
        batch = GraphBatch.model_construct(
            entities=[
                Entity.model_construct(
                    id=i, name=i, label=Label.LAB, aliases=[], properties={}, mentions=evidence
                )
                for i in ids
            ],
            relations=[
                Relation.model_construct(
                    type=RelType.BUILDS,
                    source=ids[n % entities],
                    target=ids[(n * 7 + 1 + n // entities) % entities],
                    properties={},
                    evidence=evidence,
                )
                for n in range(relations)
            ],
        )
        print("writing", round_ + 1, flush=True)
        store.upsert(batch)
        print("committed", round_ + 1, flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("compact", "delay"),
    [(False, 0.15), (False, 0.4), (True, 0.6)],
    ids=["journal-early", "journal-late", "snapshot"],
)
def test_sigkill_mid_write_leaves_the_last_committed_state(
    tmp_path: Path, compact: bool, delay: float
) -> None:
    """Kill the writer ``delay`` seconds into its second batch (a write takes ~0.7 s)."""
    entities, relations = 20_000, 200_000
    data_dir = tmp_path / "store"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _WRITER,
            str(data_dir),
            str(entities),
            str(relations),
            str(int(compact)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged = 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            event, round_ = line.split()
            if event == "committed":
                acknowledged = int(round_)
            elif acknowledged:
                break
        threading.Event().wait(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert acknowledged == 1

    store = MemoryStore(data_dir)
    try:
        stats = store.stats()
        rounds = stats.entities // entities
        assert rounds >= acknowledged
        assert (stats.entities, stats.relations) == (rounds * entities, rounds * relations)
        ids = {e.id for e in store.iter_entities()}
        ends = set()
        for r in store.iter_relations():
            ends.add(r.source)
            ends.add(r.target)
        assert ends <= ids
    finally:
        store.close()
