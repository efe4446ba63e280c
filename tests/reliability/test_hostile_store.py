"""One document without line breaks must not make any page or answer unbounded.

A 1 MB one-line upload once made its whole text the plan title, copied into every
tooltip: ``/viz/plans/{id}`` answered 1.25 GB. The store here holds the sample, that
document and a 1 MB sentence with no sentence end at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.bounds import MAX_SENTENCE_CHARS, MAX_TITLE_CHARS
from ingest.sentences import split_sentences
from tests.reliability.hostile import PHRASE
from tests.reliability.hostile_checks import answer_sizes, client_over, hostile_store


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir: Path = tmp_path_factory.mktemp("hostile-store") / "store"
    store = hostile_store(data_dir)
    with client_over(store, data_dir) as client:
        yield client
    store.close()


@pytest.mark.slow
def test_plan_titles_of_a_one_line_document_are_one_short_line(
    hostile_client: TestClient,
) -> None:
    plans = hostile_client.get("/api/v1/plans?limit=100").json()["items"]

    assert plans
    assert all(len(p["title"]) <= MAX_TITLE_CHARS and "\n" not in p["title"] for p in plans)


@pytest.mark.slow
def test_every_page_and_answer_over_a_hostile_store_is_bounded(
    hostile_client: TestClient,
) -> None:
    sizes = answer_sizes(hostile_client)

    assert sizes.failed == {}
    assert sizes.oversized == {}


def test_a_sentence_without_an_end_is_cut_into_bounded_pieces() -> None:
    text = PHRASE * 200 + "，" + PHRASE * 200

    pieces = list(split_sentences(text, base=7))

    assert all(len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(text[p.start - 7 : p.end - 7] == p.text for p in pieces)
    assert "".join(p.text for p in pieces) == text


def test_a_long_run_is_cut_after_a_comma_near_the_limit() -> None:
    text = "甲" * (MAX_SENTENCE_CHARS - 10) + "，" + "乙" * 50

    first, second = split_sentences(text)

    assert first.text.endswith("，") and second.text == "乙" * 50
