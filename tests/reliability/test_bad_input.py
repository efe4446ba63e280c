"""Bad files: other encodings read exactly as UTF-8 does; damaged ones are skipped, harmlessly.

The encodings go through the whole pipeline (read, split, extract, commit, export);
the damaged files go through ``plangraph ingest`` in a child process, on a store that
already holds the sample corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import splitter
from ingest.models import SourceDocument
from tests.reliability.bad_input import (
    EXIT_SKIPPED,
    MAX_RSS_BYTES,
    ingest_bad_corpus,
    pipeline_export,
    write_bad_corpus,
)
from tests.reliability.corpus import ENCODINGS, sample_text


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_plan_in_another_encoding_gives_the_utf8_graph(tmp_path: Path, encoding: str) -> None:
    path, text = tmp_path / "plan.txt", sample_text()
    utf8 = pipeline_export(path, text.encode("utf-8"), tmp_path / "utf8")

    encoded = pipeline_export(path, ENCODINGS[encoding](text), tmp_path / encoding)

    assert encoded == utf8
    assert len(utf8["entities"]) > 100 and len(utf8["relations"]) > 100


@pytest.mark.slow
def test_bad_files_are_ingested_or_skipped_with_their_reason_losing_nothing(
    sample_store_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    inputs = write_bad_corpus(folder)

    outcome = ingest_bad_corpus(folder, sample_store_copy, inputs)

    assert outcome.run.returncode == EXIT_SKIPPED, outcome.run.stderr[-3000:]
    assert outcome.mismatches == {}
    assert outcome.lost == []
    ingested = [name for name, reason in outcome.expected.items() if reason is None]
    assert outcome.documents_after == outcome.documents_before + len(ingested)
    assert outcome.run.peak_rss_bytes < MAX_RSS_BYTES


def test_a_plan_of_many_lines_is_split_reading_only_its_opening_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 100 MB text of short lines once cost 400 MB here: a record for every line."""
    made: list[object] = []

    class CountedLine(splitter._Line):
        def __init__(self, text: str, start: int) -> None:
            super().__init__(text, start)
            made.append(self)

    monkeypatch.setattr(splitter, "_Line", CountedLine)
    text = "2020年科技工作要点\n某市科学技术局\n" + "一行普通的文字。\n" * 50_000
    document = SourceDocument(id="doc-lines", source="lines.txt", text=text, sha256="0" * 64)

    (plan,) = splitter.split_plans(document)

    assert (plan.title, plan.issuer) == ("2020年科技工作要点", "某市科学技术局")
    assert len(made) <= 3
