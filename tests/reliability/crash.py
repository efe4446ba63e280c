"""Kill ``plangraph ingest`` with SIGKILL part-way through a folder, then finish the job.

Progress is read from outside, from the store's SQLite record: each committed document
is one change with its own seq, so the last seq tells how many documents are durable
without opening a store.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from graph.sqlite_record import changes_committed
from tests.reliability.exports import Export, canonical, duplicates, export_dir
from tests.reliability.processes import CliRun, run_cli, sigkill, start_cli


def ingest_args(folder: Path, data_dir: Path) -> list[str]:
    return ["ingest", str(folder), "--data-dir", str(data_dir), "--quiet"]


def kill_after(folder: Path, data_dir: Path, records: int, *, timeout: float = 300) -> int:
    """Start an ingest, SIGKILL it once ``records`` documents are durable; the count then."""
    process = start_cli(ingest_args(folder, data_dir))
    deadline = time.monotonic() + timeout
    try:
        while changes_committed(data_dir) < records:
            if process.poll() is not None:
                raise RuntimeError(f"ingest ended ({process.returncode}) before the kill")
            if time.monotonic() > deadline:
                raise TimeoutError(f"fewer than {records} documents in {timeout} s")
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            sigkill(process)
    return changes_committed(data_dir)


@dataclass
class CrashOutcome:
    documents: int
    killed_at: list[int] = field(default_factory=list)  # durable documents at each kill
    resumed: CliRun | None = None
    equal_to_clean_run: bool = False
    duplicates: list[str] = field(default_factory=list)
    entities: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        return (
            self.resumed is not None
            and self.resumed.returncode == 0
            and self.equal_to_clean_run
            and not self.duplicates
        )


def clean_export(folder: Path, data_dir: Path) -> Export:
    run = run_cli(ingest_args(folder, data_dir))
    if run.returncode != 0:
        raise RuntimeError(f"clean ingest failed ({run.returncode}): {run.stderr[-2000:]}")
    return canonical(export_dir(data_dir)[0])


def crash_and_resume(
    folder: Path, data_dir: Path, kill_points: list[int], clean: Export
) -> CrashOutcome:
    """Kill an ingest of ``folder`` at each of ``kill_points`` (durable documents), rerun
    it to the end, and compare the graph with ``clean`` (a run that was never killed)."""
    outcome = CrashOutcome(documents=len(list(folder.iterdir())))
    for point in kill_points:
        outcome.killed_at.append(kill_after(folder, data_dir, point))
    outcome.resumed = run_cli(ingest_args(folder, data_dir))
    export = export_dir(data_dir)[0]
    outcome.duplicates = duplicates(export)
    outcome.equal_to_clean_run = canonical(export) == clean
    outcome.entities, outcome.relations = len(export["entities"]), len(export["relations"])
    return outcome
