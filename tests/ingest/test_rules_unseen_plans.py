"""The rule extractor on whole plans it was not written on (tests/data/unseen).

Each plan is another genre or place (a provincial 十四五 plan, a county's work points,
an industry action plan, a city plan citing 《…》 programmes, a city's 十四五 platform
chapter, a county's rural-revitalisation action plan, a province's work points with
national platforms and 创新联合体, a 自治州's and a high-tech zone's plans) with a small
hand-made gold beside it, written before the extractor was run on it. The floors are
for generalisation: a rule tuned to the sample's strings passes the seed gold but not
these.
"""

from __future__ import annotations

import pytest

from bench.rules_extractor import unseen_quality


@pytest.fixture(scope="module")
def figures() -> dict:
    return unseen_quality()


def test_entity_recall_on_unseen_plans(figures: dict) -> None:
    assert figures["entities"]["recall"] >= 0.9


def test_entity_precision_on_unseen_plans(figures: dict) -> None:
    assert figures["entities"]["precision"] >= 0.9


def test_relation_recall_on_unseen_plans(figures: dict) -> None:
    assert figures["relations"]["recall"] >= 0.85


def test_relation_precision_on_unseen_plans(figures: dict) -> None:
    assert figures["relations"]["precision"] >= 0.9


def test_every_unseen_plan_is_read(figures: dict) -> None:
    assert len(figures["plans"]) >= 11
    assert all(plan["entities"]["recall"] >= 0.8 for plan in figures["plans"].values())
