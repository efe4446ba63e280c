"""The rule extractor against the seed gold set (tests/data/eval), scored as its README says.

The batch is the real pipeline's (``split_plans``, the extractor, the target reader,
merged by ``build_batch``) and the score is ``ingest.evaluation``'s, via
``bench/rules_extractor.py``.
"""

from __future__ import annotations

import pytest

from bench.rules_extractor import quality


@pytest.fixture(scope="module")
def figures() -> dict:
    return quality()


def test_entity_f1_untyped(figures: dict) -> None:
    assert figures["entities"]["f1"] >= 0.85


def test_entity_f1_typed(figures: dict) -> None:
    assert figures["entities_typed"]["f1"] >= 0.85


def test_relation_f1(figures: dict) -> None:
    assert figures["relations"]["f1"] >= 0.70


@pytest.mark.parametrize("type", ["SERVES", "BUILDS", "COLLABORATES_WITH"])
def test_relation_f1_per_core_type(figures: dict, type: str) -> None:
    assert figures["relations_by_type"][type]["f1"] >= 0.70


def test_related_and_path_questions_are_answered(figures: dict) -> None:
    assert figures["questions"] == {"related": "21/21", "path": "5/5"}
