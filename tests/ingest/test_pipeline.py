"""The pipeline's report: what became of each folder's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_paths, rule_extractors

PLAN = "2021年全市科技工作要点\n推动常熟市科学技术局与南京大学共建氟化工产业技术创新战略联盟。\n"


def test_the_report_counts_ingested_unchanged_and_skipped_files_per_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b" / "two.txt").write_text(PLAN + "第二份。", encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    store = MemoryStore(tmp_path / "store")
    try:
        ingest_paths(store, [tmp_path / "a"], extractors=rule_extractors())
        report = ingest_paths(store, [tmp_path / "a", tmp_path / "b"], extractors=rule_extractors())
    finally:
        store.close()
    folders = {Path(name).name: counts for name, counts in report.folders.items()}
    assert (folders["a"].ingested, folders["a"].unchanged, folders["a"].skipped) == (0, 1, 0)
    assert (folders["b"].ingested, folders["b"].unchanged, folders["b"].skipped) == (1, 0, 1)


@pytest.mark.slow
def test_workers_extract_the_same_graph_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    real = Path(__file__).resolve().parents[1] / "data" / "real" / "dev"
    for text in sorted(real.glob("policies-*.txt"))[:4]:
        (folder / text.name).write_bytes(text.read_bytes())
    stats: list[tuple[int, object]] = []
    for jobs in (1, 2):
        store = MemoryStore(tmp_path / f"store-{jobs}")
        try:
            report = ingest_paths(store, [folder], jobs=jobs)
            stats.append((report.documents, store.stats()))
        finally:
            store.close()
    assert stats[0][0] == stats[1][0] == 4
    assert stats[0][1] == stats[1][1]
