"""``plangraph eval``: where the corpus comes from and what it prints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import plangraph.commands.eval as eval_command
from graph.schema import Entity, Label, Relation
from plangraph.cli import app
from tests.conftest import GOLD_DIR, SAMPLE_CORPUS

GOLD = GOLD_DIR / "seed-gold.json"


class _Store:
    """A stored graph holding one gold entity and nothing else."""

    def __init__(self) -> None:
        self.closed = False

    def iter_entities(self) -> Iterator[Entity]:
        return iter([Entity.create(Label.ENTERPRISE, "丰达合金")])

    def iter_relations(self) -> Iterator[Relation]:
        return iter([])

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> _Store:
    store = _Store()
    monkeypatch.setattr(eval_command, "store_for", lambda data_dir: store)
    return store


def test_the_gold_source_is_found_in_data_sample() -> None:
    found = eval_command.resolve_corpus(GOLD, "shared/corpus/seed-plans.txt")
    assert found is not None and found.resolve() == SAMPLE_CORPUS.resolve()


def test_a_source_next_to_the_gold_file_comes_first(tmp_path: Path) -> None:
    (tmp_path / "seed-plans.txt").write_text("新增高新技术企业35家", encoding="utf-8")
    found = eval_command.resolve_corpus(tmp_path / "gold.json", "seed-plans.txt")
    assert found == tmp_path / "seed-plans.txt"


def test_eval_of_a_data_dir_prints_one_json_object(stored: _Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(GOLD), "--data-dir", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["entities"]["correct"] == 1
    assert stored.closed


def test_eval_prints_tables_and_with_show_errors_the_misses(stored: _Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(GOLD), "--data-dir", str(tmp_path), "--show-errors"]
    )
    assert result.exit_code == 0, result.output
    assert "Entities" in result.stdout
    assert "FN Enterprise 金旭冶化" in result.stdout


def test_eval_without_a_findable_corpus_says_so(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"source": "nowhere/none.txt"}), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold)])
    assert result.exit_code != 0
    assert "--corpus" in result.output


@pytest.mark.slow
def test_eval_ingests_the_sample_corpus_and_scores_targets() -> None:
    pytest.importorskip("graph.memory_store")
    pytest.importorskip("ingest.pipeline")
    result = CliRunner().invoke(app, ["eval", "--gold", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["corpus"] is not None
    assert payload["targets"]["recall"] >= 0.9
