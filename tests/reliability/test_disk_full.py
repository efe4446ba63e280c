"""A full disk is said in one clear line, never under a chained traceback.

A StoreError raised from ``OSError(ENOSPC)`` used to log both tracebacks, and the line
that mattered ("No space left on device") was lost between them.
"""

from __future__ import annotations

import errno
import logging
import sys
from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.memory_log import DiskLog
from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_upload
from plangraph import cli
from tests.reliability.hostile import SMALL_PLAN


def _no_space(*_: object) -> None:
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as exc:
        raise StoreError(f"cannot write in the store: {exc}") from exc


def test_a_compaction_on_a_full_disk_logs_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(DiskLog, "write_snapshot", _no_space)
    monkeypatch.setattr(DiskLog, "wants_compaction", lambda self: True)
    store = MemoryStore(tmp_path / "store")
    try:
        with caplog.at_level(logging.ERROR):
            report = ingest_upload(store, "plan.txt", SMALL_PLAN.encode())
    finally:
        store.close()

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert report.documents == 1  # the journal holds it; compaction waits for space
    assert errors and all(r.exc_info is None for r in errors)
    assert all("No space left on device" in r.getMessage() for r in errors)


def test_ingest_on_a_full_disk_ends_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    monkeypatch.setattr(DiskLog, "append", _no_space)
    arguments = ["ingest", str(tmp_path / "plan.txt"), "--quiet", "--data-dir", str(tmp_path)]
    monkeypatch.setattr(sys, "argv", ["plangraph", *arguments])

    with pytest.raises(SystemExit) as exited:
        cli.main()

    err = capsys.readouterr().err
    assert exited.value.code == 1
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: ")
    assert "No space left on device" in err.strip().splitlines()[-1]
