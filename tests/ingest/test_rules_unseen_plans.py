"""The rule extractor on whole plans it was not written on (tests/data/unseen).

Each plan is another genre or place (a provincial 十四五 plan, a county's work points,
an industry action plan, a city plan citing 《…》 programmes) with a small hand-made
gold beside it. The floors are for generalisation: a rule tuned to the sample's strings
passes the seed gold but not these.
"""

from __future__ import annotations

import pytest

from bench.rules_extractor import unseen_quality


@pytest.fixture(scope="module")
def figures() -> dict:
    return unseen_quality()


def test_entity_recall_on_unseen_plans(figures: dict) -> None:
    assert figures["entities"]["recall"] >= 0.8


def test_entity_precision_on_unseen_plans(figures: dict) -> None:
    assert figures["entities"]["precision"] >= 0.8


def test_relation_recall_on_unseen_plans(figures: dict) -> None:
    assert figures["relations"]["recall"] >= 0.6


def test_relation_precision_on_unseen_plans(figures: dict) -> None:
    assert figures["relations"]["precision"] >= 0.8


def test_every_unseen_plan_is_read(figures: dict) -> None:
    assert len(figures["plans"]) >= 5
    assert all(plan["entities"]["recall"] >= 0.6 for plan in figures["plans"].values())
