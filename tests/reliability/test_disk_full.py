"""A full disk is a clear error that loses nothing, said in one line, never under a
chained traceback.

A StoreError raised from ``OSError(ENOSPC)`` used to log both tracebacks, and the line
that mattered ("No space left on device") was lost between them. The database's own
"disk is full" is made real with ``PRAGMA max_page_count``: SQLite then fails a commit
exactly as it does when the device has no room left.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

import graph.memory_store
from graph.errors import StoreError, disk_full
from graph.memory_store import MemoryStore
from graph.sqlite_record import SqliteRecord
from ingest.pipeline import ingest_upload
from plangraph import cli
from tests.reliability.hostile import SMALL_PLAN
from tests.test_memory_store import content, ring

#: Pages of 64 KiB the database may hold: the schema and a few small commits fit.
FULL_AT_PAGES = 12


def _no_space(*_: object) -> None:
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as exc:
        raise StoreError(f"cannot write in the store: {exc}") from exc


def _small_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite connection opened from now on finds the disk full past a few pages."""
    connect = sqlite3.connect

    def connect_to_small_disk(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.execute(f"PRAGMA max_page_count = {FULL_AT_PAGES}")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect_to_small_disk)


def test_a_commit_on_a_full_disk_is_a_disk_full_error_that_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_disk(monkeypatch)
    store = MemoryStore(tmp_path / "store")
    try:
        store.upsert(ring("甲", 5))
        before = content(store)
        with pytest.raises(StoreError) as raised:
            store.upsert(ring("乙" * 200, 3_000, "d2"))
        assert disk_full(raised.value)
        assert content(store) == before
    finally:
        store.close()
    monkeypatch.undo()
    reopened = MemoryStore(tmp_path / "store")
    try:
        assert content(reopened) == before
    finally:
        reopened.close()


def test_a_compaction_on_a_full_disk_logs_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(SqliteRecord, "write_snapshot", _no_space)
    monkeypatch.setattr(graph.memory_store, "wants_compaction", lambda *_: True)
    store = MemoryStore(tmp_path / "store")
    try:
        with caplog.at_level(logging.ERROR):
            report = ingest_upload(store, "plan.txt", SMALL_PLAN.encode())
    finally:
        store.close()

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert report.documents == 1  # the change row holds it; compaction waits for space
    assert errors and all(r.exc_info is None for r in errors)
    assert all("No space left on device" in r.getMessage() for r in errors)


def test_ingest_on_a_full_disk_ends_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    monkeypatch.setattr(SqliteRecord, "append", _no_space)
    arguments = ["ingest", str(tmp_path / "plan.txt"), "--quiet", "--data-dir", str(tmp_path)]
    monkeypatch.setattr(sys, "argv", ["plangraph", *arguments])

    with pytest.raises(SystemExit) as exited:
        cli.main()

    err = capsys.readouterr().err
    assert exited.value.code == 1
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: ")
    assert "No space left on device" in err.strip().splitlines()[-1]
