"""SIGKILL during ``plangraph ingest`` loses nothing committed and duplicates nothing.

Sixty varied plan collections are ingested by a child process that is killed twice
(once early, once later, each after some documents are durable); a third run finishes
the folder. The graph must then equal a clean run's exactly: same entity ids, same
relations with the same evidence, nothing twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.corpus import write_varied_plans
from tests.reliability.crash import clean_export, crash_and_resume

DOCUMENTS = 60
KILL_POINTS = [3, 25]


@pytest.mark.slow
def test_killed_ingest_resumed_equals_a_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    write_varied_plans(folder, DOCUMENTS)
    clean = clean_export(folder, tmp_path / "clean")

    outcome = crash_and_resume(folder, tmp_path / "crashed", KILL_POINTS, clean)

    assert all(0 < at < DOCUMENTS for at in outcome.killed_at), outcome.killed_at
    assert outcome.resumed is not None and outcome.resumed.returncode == 0
    assert outcome.duplicates == []
    assert outcome.equal_to_clean_run
    assert outcome.entities == len(clean["entities"])
