"""``plangraph compare``: the API's comparison printed as tables."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.service import GraphService
from graph.store import GraphStore
from plangraph.cli import app
from plangraph.commands import compare as compare_command
from tests import explore_graph as jiangsu


@pytest.fixture
def graph(memory_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
    jiangsu.load(memory_store)
    monkeypatch.setattr(compare_command, "graph_for", lambda data_dir: GraphService(memory_store))
    monkeypatch.setattr(memory_store, "close", lambda: None)
    return memory_store


def test_prints_shared_and_single_plan_entities_targets_and_relations(graph: GraphStore) -> None:
    result = CliRunner().invoke(app, ["compare", "2010年江苏省科技工作要点", jiangsu.ids.js_2013])
    assert result.exit_code == 0, result.output
    out = result.output
    industry_row = next(line for line in out.splitlines() if line.startswith("│ Industry"))
    assert [cell.strip() for cell in industry_row.strip("│").split("│")[1:]] == [
        "物联网",
        "新能源",
        "集成电路",
    ]
    target_row = next(line for line in out.splitlines() if "新增高新技术企业" in line)
    assert "=35家" in target_row and "=100家" in target_row
    assert "(the plan) —PRIORITIZES→ 新能源" in out


def test_an_unknown_plan_exits_with_an_error(graph: GraphStore) -> None:
    result = CliRunner().invoke(app, ["compare", jiangsu.ids.js_2010, "no such plan"])
    assert result.exit_code == 1
    assert "no entity named" in result.output
