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


def test_eval_metadata_ingests_the_folder_and_prints_each_fields_accuracy(
    tmp_path: Path,
) -> None:
    from tests.ingest import header_snippets as real

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "430.txt").write_text(real.RUIAN, encoding="utf-8")
    (folder / "411.txt").write_text(real.KEQIAO, encoding="utf-8")
    annotation = tmp_path / "metadata.json"
    annotation.write_text(
        json.dumps(
            {
                "documents": {
                    "430": {
                        "issuers": ["瑞安市人民政府"],
                        "regions": ["瑞安市"],
                        "titles": ["瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见"],
                        "dates": ["2018年4月24日"],
                        "doc_numbers": ["瑞政发〔2018〕46号"],
                    },
                    "411": {
                        "issuers": ["中共柯桥区委办公室", "柯桥区人民政府办公室"],
                        "regions": ["柯桥区"],
                        "titles": ["《2018年柯桥区金融支持实体经济发展考核奖励办法》"],
                        "dates": ["2018年6月15日"],
                        "doc_numbers": ["区委办〔2018〕66号"],
                    },
                }
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    result = CliRunner().invoke(app, ["eval", "--metadata", str(annotation), str(folder), "--json"])

    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert {k: figures[k] for k in ("issuers_f1", "title", "region", "year", "doc_number")} == {
        "issuers_f1": 1.0,
        "title": 1.0,
        "region": 1.0,
        "year": 1.0,
        "doc_number": 1.0,
    }
