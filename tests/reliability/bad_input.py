"""Feed ``plangraph ingest`` a folder of bad files on top of a store that holds data.

Every file must end up either ingested or skipped with its expected reason, the run must
exit 3 (files were skipped), its memory must stay bounded, and everything the store
held before must still be there afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_paths
from tests.reliability.corpus import BadInput, bad_inputs
from tests.reliability.exports import Export, canonical, export_dir, export_store, lost_from
from tests.reliability.processes import CliRun, run_cli

EXIT_SKIPPED = 3
MAX_RSS_BYTES = 1024**3
#: The per-file limit the run is given: the 100 MB text file is refused from its size.
MAX_FILE_MB = 64
_SKIPPED_LINE = re.compile(r" skipped (?P<path>/\S.*?): (?P<reason>.+)$", re.M)


@dataclass
class BadCorpusOutcome:
    run: CliRun
    expected: dict[str, str | None]  # file name -> skip reason, None when it must be ingested
    observed: dict[str, str | None] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    documents_before: int = 0
    documents_after: int = 0

    @property
    def mismatches(self) -> dict[str, tuple[str | None, str | None]]:
        return {
            name: (want, self.observed.get(name, "<missing>"))
            for name, want in self.expected.items()
            if self.observed.get(name, "<missing>") != want
        }

    @property
    def ok(self) -> bool:
        return (
            self.run.returncode == EXIT_SKIPPED
            and not self.mismatches
            and not self.lost
            and self.run.peak_rss_bytes < MAX_RSS_BYTES
        )


def write_bad_corpus(folder: Path, *, max_file_mb: int = MAX_FILE_MB) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    inputs = bad_inputs(max_file_mb=max_file_mb)
    for item in inputs:
        item.create(folder)
    return inputs


def ingest_bad_corpus(
    folder: Path, data_dir: Path, inputs: list[BadInput], *, max_file_mb: int = MAX_FILE_MB
) -> BadCorpusOutcome:
    """Run ``plangraph ingest folder`` on the store in ``data_dir`` and judge the outcome."""
    before, documents = export_dir(data_dir)
    run = run_cli(
        ["ingest", str(folder), "--data-dir", str(data_dir), "--quiet"],
        env={"PLANGRAPH_MAX_FILE_MB": str(max_file_mb)},
    )
    after, documents_after = export_dir(data_dir)
    outcome = BadCorpusOutcome(
        run=run,
        expected={item.name: item.reason for item in inputs},
        lost=lost_from(before, after),
        documents_before=len(documents),
        documents_after=len(documents_after),
    )
    for match in _SKIPPED_LINE.finditer(run.stderr):
        outcome.observed[Path(match["path"]).name] = match["reason"]
    for document in documents_after:
        path = Path(document.source)
        if path.parent == folder.resolve():
            outcome.observed.setdefault(path.name, None)
    return outcome


def pipeline_export(path: Path, data: bytes, data_dir: Path) -> Export:
    """Write ``data`` at ``path``, ingest it into a new store, export the graph.

    The same path for every encoding means the same document id, source and plan ids,
    so the exports compare exactly.
    """
    path.write_bytes(data)
    store = MemoryStore(data_dir)
    try:
        report = ingest_paths(store, [path])
        if report.skipped or report.documents != 1:
            raise AssertionError(f"{path.name} was not ingested: {report.skipped}")
        return canonical(export_store(store))
    finally:
        store.close()
