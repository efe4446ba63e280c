"""The CLI reports plangraph's own errors in one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph.memory_store import MemoryStore
from tests.conftest import ROOT


def _stats(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plangraph.cli", "stats", "--data-dir", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_store_that_cannot_be_opened_gives_one_error_line_and_status_1(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "store"
    data_dir.mkdir()
    (data_dir / "journal.bin").write_bytes(b"PGJRNL2\n")  # the journal format it replaced

    result = _stats(data_dir)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert "old journal format" in result.stderr


def test_a_store_open_in_another_process_can_be_read_beside_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    holder = MemoryStore(data_dir)
    try:
        result = _stats(data_dir)
    finally:
        holder.close()
    assert result.returncode == 0, result.stderr
