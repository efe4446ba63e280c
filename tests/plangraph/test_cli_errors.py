"""The CLI reports plangraph's own errors in one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph.memory_store import MemoryStore
from tests.conftest import ROOT


def test_a_store_in_use_gives_one_error_line_and_status_1(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    holder = MemoryStore(data_dir)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "plangraph.cli", "stats", "--data-dir", str(data_dir)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.close()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: data directory")
