"""The analyst questions of the gold set, answered over HTTP on the ingested sample corpus.

The questions and their scoring are ``tests/seed_questions.py``; the mean F1 is printed
and must reach 0.80. ``tests/test_neo4j_end_to_end.py`` asks the same on Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.seed_questions import (
    MIN_MEAN_F1,
    plan_ids_of,
    sample_api_on_memory,
    score_questions,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with sample_api_on_memory(tmp_path_factory.mktemp("questions")) as test_client:
        yield test_client


def test_seed_questions_are_answered_through_the_api(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = score_questions(client)
    mean = sum(scores.values()) / len(scores)
    with capsys.disabled():
        weak = {k: round(v, 2) for k, v in scores.items() if v < 1.0}
        print(f"\nseed questions: mean F1 {mean:.3f} over {len(scores)}; below 1: {weak}")
    assert mean >= MIN_MEAN_F1


def test_every_gold_plan_maps_to_a_stored_plan(client: TestClient) -> None:
    assert sorted(plan_ids_of(client)) == ["p1", "p2", "p3", "p4", "p5"]
