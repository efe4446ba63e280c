"""``plangraph viz``: an entity's view written to a file, found by id, name or alias."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.errors import NotFoundError
from graph.service import GraphService
from graph.store import GraphStore
from plangraph.cli import app
from plangraph.commands import viz as viz_command
from plangraph.commands.viz import resolve_entity
from tests.viz.graphs import ALLIANCE, INDUSTRY, UNIVERSITY, write_small_graph
from tests.viz.pages import node_ids


@pytest.fixture
def filled(memory_store: GraphStore) -> GraphStore:
    write_small_graph(memory_store)
    return memory_store


@pytest.fixture
def graph(filled: GraphStore) -> GraphService:
    return GraphService(filled)


@pytest.mark.parametrize("given", [INDUSTRY.id, "锰产业", " 锰产业 "])
def test_resolves_an_id_or_exact_name(graph: GraphService, given: str) -> None:
    assert resolve_entity(graph, given).id == INDUSTRY.id


def test_resolves_an_alias(graph: GraphService) -> None:
    assert resolve_entity(graph, "吉大").id == UNIVERSITY.id


def test_a_mere_substring_does_not_resolve(graph: GraphService) -> None:
    with pytest.raises(NotFoundError):
        resolve_entity(graph, "锰")


def test_writes_a_serverless_view_of_the_entity(
    filled: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(viz_command, "graph_for", lambda data_dir: GraphService(filled))
    monkeypatch.setattr(filled, "close", lambda: None)
    out = tmp_path / "views" / "manganese.html"
    result = CliRunner().invoke(app, ["viz", "锰产业", "--depth", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert {INDUSTRY.id, ALLIANCE.id} <= node_ids(page)
    assert 'name="q"' not in page  # no server to search
    assert "var linkBase = null;" in page


def test_unknown_entity_exits_with_an_error(
    filled: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(viz_command, "graph_for", lambda data_dir: GraphService(filled))
    monkeypatch.setattr(filled, "close", lambda: None)
    result = CliRunner().invoke(app, ["viz", "不存在", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert not (tmp_path / "x.html").exists()
