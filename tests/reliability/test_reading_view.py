"""Traditional characters and full-width digits are read as their common forms.

A Big5 plan gave 18 of 55 entities, and ２０１１年 left the plan's year empty. The rules
now read a view of the text that maps characters one to one, so offsets hold and
evidence quotes the document as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest

from graph.memory_store import MemoryStore
from graph.service import GraphService
from graph.store import GraphStore
from ingest.pipeline import ingest_upload
from ingest.reading import reading_view
from tests.reliability.corpus import sample_text
from tests.reliability.hostile import SMALL_PLAN


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[GraphStore]:
    store = MemoryStore(tmp_path / "store")
    yield store
    store.close()


def _ingest(store: GraphStore, data: bytes) -> set[tuple[str, str]]:
    report = ingest_upload(store, "plan.txt", data)
    assert report.documents == 1, report.skipped
    return {(str(e.label), e.name) for e in store.iter_entities()}


def _simplified_entities(tmp_path: Path) -> set[tuple[str, str]]:
    store = MemoryStore(tmp_path / "simplified")
    try:
        return _ingest(store, sample_text().encode())
    finally:
        store.close()


def test_a_traditional_plan_gives_the_entities_of_its_simplified_text(
    tmp_path: Path, fresh_store: GraphStore
) -> None:
    traditional = opencc.OpenCC("s2t").convert(sample_text())

    assert _ingest(fresh_store, traditional.encode()) == _simplified_entities(tmp_path)


def test_a_big5_plan_gives_nearly_all_the_entities_of_its_simplified_text(
    tmp_path: Path, fresh_store: GraphStore
) -> None:
    taiwan = opencc.OpenCC("s2tw").convert(sample_text())
    simplified = _simplified_entities(tmp_path)

    found = _ingest(fresh_store, taiwan.encode("big5", errors="replace"))

    assert len(found & simplified) >= 0.95 * len(simplified)


def test_evidence_quotes_the_traditional_text_as_it_is(fresh_store: GraphStore) -> None:
    traditional = opencc.OpenCC("s2t").convert(SMALL_PLAN)
    _ingest(fresh_store, traditional.encode())

    sentences = {m.sentence for e in fresh_store.iter_entities() for m in e.mentions}

    assert sentences and all(s in traditional for s in sentences)
    assert any("聯合組建" in s for s in sentences)


def test_full_width_digits_give_the_plan_its_year(fresh_store: GraphStore) -> None:
    _ingest(fresh_store, SMALL_PLAN.replace("2012", "２０１２").encode())

    (plan,) = GraphService(fresh_store).plans()

    assert plan.properties["year"] == 2012
    assert plan.properties["title"] == "2012年科技工作要点"


def test_a_simplified_text_keeps_characters_the_t2s_table_would_change() -> None:
    text = "乾隆年间的昇平街区，" + SMALL_PLAN

    assert reading_view(text) == text


@pytest.mark.parametrize(
    "text", ["２０１１年　ＡＢＣ科技", "科技工作要點：推動產業技術創新戰略聯盟", sample_text()]
)
def test_the_reading_view_keeps_every_offset(text: str) -> None:
    assert len(reading_view(text)) == len(text)
