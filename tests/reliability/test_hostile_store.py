"""One document without line breaks must not make any page or answer unbounded.

A 1 MB one-line upload once made its whole text the plan title, copied into every
tooltip: ``/viz/plans/{id}`` answered 1.25 GB. The store here holds the sample, that
document and a 1 MB sentence with no sentence end at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.bounds import MAX_SENTENCE_CHARS, MAX_TITLE_CHARS
from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_paths, ingest_upload
from ingest.sentences import split_sentences
from plangraph.settings import Settings
from tests.conftest import SAMPLE_CORPUS
from tests.reliability.hostile import PHRASE, one_line_plans, unpunctuated

MAX_HTML_BYTES = 4 * 1024 * 1024
MAX_JSON_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("hostile-store") / "store"
    store = MemoryStore(data_dir)
    ingest_paths(store, [SAMPLE_CORPUS])
    for name, data in (("one-line.txt", one_line_plans(1)), ("run-on.txt", unpunctuated(1))):
        report = ingest_upload(store, name, data)
        assert report.documents == 1, report.skipped
    with TestClient(create_app(Settings(data_dir=data_dir), store=store)) as client:
        yield client
    store.close()


def _urls(client: TestClient) -> Iterator[str]:
    yield from ("/", "/api/v1/plans?limit=100", "/api/v1/documents?limit=100")
    anchors = [p["id"] for p in client.get("/api/v1/plans?limit=100").json()["items"]]
    found = client.get("/api/v1/entities", params={"q": "北京科技大学", "limit": 5}).json()
    anchors += [e["id"] for e in found["items"]]
    for anchor in anchors:
        yield f"/viz/entities/{anchor}?depth=3"
        yield f"/api/v1/entities/{anchor}"
        yield f"/api/v1/entities/{anchor}/neighbors?limit=100"
    yield from (f"/viz/plans/{plan}" for plan in anchors if plan.startswith("plan-"))


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
    oversized = {}
    for url in _urls(hostile_client):
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        html = response.headers["content-type"].startswith("text/html")
        if len(response.content) > (MAX_HTML_BYTES if html else MAX_JSON_BYTES):
            oversized[url] = len(response.content)

    assert oversized == {}


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
