"""The learned extractor's parts: spans, trimming, names' links, and the training path.

The training test trains a small model from two real train documents and checks that
it tags a sentence it never saw, so that ``plangraph train`` cannot rot unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.schema import Label
from ingest.errors import ModelMissing
from ingest.gazetteer import default_gazetteer
from ingest.learned.examples import document_examples
from ingest.learned.extractor import LearnedExtractor
from ingest.learned.spans import Span, from_bio, longest_first, to_bio
from ingest.learned.training import train_models
from ingest.learned.trim import trim_left
from ingest.learned.views import sentence_view
from ingest.models import PlanSection
from ingest.rules.extractor import plan_context
from ingest.rules.mentions import SentenceContext
from ingest.rules.name_links import located_in, served_field

TRAIN = Path(__file__).resolve().parents[1] / "data" / "real" / "train"
TINY = ["policies-zhejiang-430", "policies-zhejiang-557"]


def _context(region: str = "山东省") -> SentenceContext:
    plan = PlanSection(
        document_id="d",
        ordinal=1,
        title="t",
        start=0,
        end=0,
        region=region,
        region_level="province",
    )
    return plan_context(default_gazetteer(), plan, "")


def test_bio_tags_round_trip_to_the_same_spans() -> None:
    spans = [Span(0, 4, "University"), Span(5, 7, "Industry")]
    assert from_bio(to_bio(8, spans)) == spans


def test_longest_first_keeps_the_longer_of_two_overlapping_spans() -> None:
    assert longest_first([Span(0, 4, "University"), Span(2, 9, "Lab")]) == [Span(2, 9, "Lab")]


def test_a_leading_verb_or_scope_word_is_trimmed_from_a_span() -> None:
    text = "瞄准集成电路"
    assert trim_left(text, Span(0, 6, "Industry"), [(0, 2), (2, 6)]) == Span(2, 6, "Industry")


def test_a_name_that_is_one_word_is_not_trimmed() -> None:
    text = "发展改革委"
    assert trim_left(text, Span(0, 5, "Government"), [(0, 5)]) == Span(0, 5, "Government")


def test_a_name_that_opens_with_a_division_is_located_there() -> None:
    placed = located_in("呼和浩特综保区", Label.PARK, _context("内蒙古自治区"))
    assert placed is not None
    assert (placed[0].name, placed[1]) == ("呼和浩特市", "呼和浩特")


def test_a_government_is_not_located_by_its_name() -> None:
    assert located_in("济南市科学技术局", Label.GOVERNMENT, _context()) is None


@pytest.mark.parametrize(
    ("name", "label", "field"),
    [
        ("稀土国家技术创新中心", Label.RESEARCH_CENTER, "稀土"),
        ("莱阳清洁能源基地", Label.PARK, "清洁能源"),
        ("锰产业技术创新战略联盟", Label.ALLIANCE, "锰产业"),
        ("崖州湾科技城", Label.PARK, None),
    ],
)
def test_a_platform_name_carries_its_field(name: str, label: Label, field: str | None) -> None:
    found = served_field(name, label, _context())
    assert (found.name if found else None) == field


def test_a_field_under_an_industry_head_is_certain_and_one_under_a_base_is_not() -> None:
    alliance = served_field("锰产业技术创新战略联盟", Label.ALLIANCE, _context())
    base = served_field("莱阳清洁能源基地", Label.PARK, _context())
    assert alliance is not None and alliance.certain
    assert base is not None and not base.certain


def test_gold_mentions_are_found_where_their_written_forms_occur() -> None:
    examples = list(document_examples(TRAIN / "policies-zhejiang-430.json"))
    tagged = {e.view.text[s.start : s.end] for e in examples for s in e.spans}
    assert "瑞安市人民政府" in tagged


def test_an_empty_models_folder_says_to_run_plangraph_train(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="plangraph train"):
        LearnedExtractor(tmp_path)


@pytest.mark.slow
def test_a_model_trained_on_two_real_documents_tags_a_sentence_it_never_saw(
    tmp_path: Path,
) -> None:
    train_models([(TRAIN / f"{n}.json", TRAIN / f"{n}.txt") for n in TINY], tmp_path)
    extractor = LearnedExtractor(tmp_path)
    view, _ = sentence_view("常熟市人民政府关于加快发展的意见", _context("江苏省"))
    assert Span(0, 7, "Government") in extractor.spans(view)


@pytest.mark.slow
def test_training_twice_on_the_same_gold_writes_the_same_model(tmp_path: Path) -> None:
    gold = [(TRAIN / f"{n}.json", TRAIN / f"{n}.txt") for n in TINY[:1]]
    train_models(gold, tmp_path / "a")
    train_models(gold, tmp_path / "b")
    for name in ("tagger.crfsuite", "relations.crfsuite", "plan_relations.crfsuite"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
