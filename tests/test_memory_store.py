"""What only the embedded store promises: its record survives restarts and crashes, and
several stores (processes) on one data folder converge on the same graph."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import graph.sqlite_record
from graph.errors import StoreError, StoreUnavailableError
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
from graph.sqlite_record import DATABASE_NAME

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
    for name in (DATABASE_NAME, DATABASE_NAME + "-wal"):
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


# -- failures -----------------------------------------------------------------------------


def test_a_corrupt_database_is_a_store_error(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ring("甲", 5))
    store.close()
    database = tmp_path / "store" / DATABASE_NAME
    database.write_bytes(b"not an sqlite database, whatever it was" * 100)
    with pytest.raises(StoreError, match="corrupt"):
        MemoryStore(tmp_path / "store")


def test_a_folder_in_the_old_journal_format_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "journal.bin").write_bytes(b"PGJRNL2\n")
    with pytest.raises(StoreError, match="old journal format"):
        MemoryStore(tmp_path / "store")


def test_an_unusable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailableError, match="cannot be created"):
        MemoryStore(blocker / "store")


def test_a_second_store_on_the_folder_sees_the_first_ones_commits(tmp_path: Path) -> None:
    first, second = MemoryStore(tmp_path / "store"), MemoryStore(tmp_path / "store")
    try:
        first.replace_document(
            DocumentRecord(id="d1", source="a.txt", sha256="1" * 64), ring("甲", 5, "d1")
        )
        second.refresh()
        assert content(second) == content(first)
    finally:
        first.close()
        second.close()


def test_an_idle_store_picks_up_another_stores_commit_by_itself(tmp_path: Path) -> None:
    reader, writer = MemoryStore(tmp_path / "store"), MemoryStore(tmp_path / "store")
    try:
        writer.upsert(ring("甲", 5))
        deadline = time.monotonic() + 2
        while reader.stats().entities != 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.stats().entities == 5
    finally:
        reader.close()
        writer.close()


def test_stores_writing_in_turn_converge(tmp_path: Path) -> None:
    """Each commit first applies the other's: a relation may use the other's entities."""
    first, second = MemoryStore(tmp_path / "store"), MemoryStore(tmp_path / "store")
    try:
        first.upsert(ring("甲", 5, "d1"))
        labs = ring("甲", 5, "d1").entities
        second.upsert(
            GraphBatch(
                entities=[],
                relations=[Relation.create(RelType.COLLABORATES_WITH, labs[0].id, labs[2].id)],
            )
        )
        first.delete_document("d1")
        second.upsert(ring("乙", 3, "d2"))
        first.refresh()
        second.refresh()
        assert content(first) == content(second)
        assert first.stats().entities == 3
    finally:
        first.close()
        second.close()


def test_clear_reaches_the_other_stores(tmp_path: Path) -> None:
    first, second = MemoryStore(tmp_path / "store"), MemoryStore(tmp_path / "store")
    try:
        first.upsert(ring("甲", 5))
        second.refresh()
        first.clear()
        second.refresh()
        assert second.stats().entities == 0
        second.upsert(ring("乙", 2))
        first.refresh()
        assert content(first) == content(second)
    finally:
        first.close()
        second.close()


def test_a_store_behind_a_compaction_reloads_and_converges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph.sqlite_record, "COMPACT_MIN_BYTES", 0)
    monkeypatch.setattr(graph.sqlite_record, "COMPACT_RATIO", 0.0)
    behind, writer = MemoryStore(tmp_path / "store"), MemoryStore(tmp_path / "store")
    try:
        behind.upsert(ring("甲", 2))
        for round_ in range(3):  # each commit compacts; the oldest changes are pruned
            writer.upsert(ring(f"轮{round_}", 2, f"d{round_}"))
        behind.refresh()
        assert content(behind) == content(writer)
    finally:
        behind.close()
        writer.close()


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

    import graph.sqlite_record
    from graph.memory_store import MemoryStore
    from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType

    data_dir, entities, relations, compact = sys.argv[1], *map(int, sys.argv[2:])
    if compact:
        graph.sqlite_record.COMPACT_MIN_BYTES = 0
        graph.sqlite_record.COMPACT_RATIO = 0.0
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
    ids=["changes-early", "changes-late", "snapshot"],
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


_HANGING_WRITER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path

    from graph.memory_store import MemoryStore
    from graph.sqlite_record import SqliteRecord
    from tests.test_memory_store import ring

    store = MemoryStore(Path(sys.argv[1]))
    store.upsert(ring("甲", 5))
    append = SqliteRecord.append

    def append_and_hang(self, record):
        written = append(self, record)  # inside the transaction, not yet committed
        print("inside the commit", flush=True)
        time.sleep(600)
        return written

    SqliteRecord.append = append_and_hang
    store.upsert(ring("乙", 50_000, "d2"))
    """
)


@pytest.mark.slow
def test_sigkill_inside_a_commit_leaves_the_last_committed_state_to_every_store(
    tmp_path: Path,
) -> None:
    """The writer dies holding SQLite's write lock, its change row written, not committed."""
    data_dir = tmp_path / "store"
    child = subprocess.Popen(
        [sys.executable, "-c", _HANGING_WRITER, str(data_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside the commit"
        beside = MemoryStore(data_dir)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    try:
        assert beside.stats().entities == 5
        beside.upsert(ring("丙", 3, "d3"))  # the dead writer's lock is gone with it
        after = content(beside)
    finally:
        beside.close()
    reopened = MemoryStore(data_dir)
    try:
        assert content(reopened) == after
        assert reopened.stats().entities == 8
    finally:
        reopened.close()
