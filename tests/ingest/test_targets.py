"""Quantified targets: what counts as a goal, how it is named, compared and bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.schema import Entity, GraphBatch, Label, RelType
from ingest.evaluation import GoldSet, evaluate
from ingest.extractor import PlanText
from ingest.models import PlanSection, SourceDocument
from ingest.sentences import split_sentences
from ingest.targets import TargetMention, target_facts, targets_in
from tests.conftest import GOLD_DIR


def extract_targets(text: str, base: int = 0) -> list[TargetMention]:
    """The goals of ``text``, read as if it started at offset ``base`` of a document."""
    return targets_in(split_sentences(text, base))


def only(text: str) -> TargetMention:
    found = extract_targets(text)
    assert len(found) == 1, found
    return found[0]


def names(text: str) -> list[str]:
    return [t.name for t in extract_targets(text)]


# -- reading one goal ---------------------------------------------------------------------


def test_a_metric_followed_by_a_number_and_unit_is_a_target() -> None:
    target = only("新增高新技术企业35家。")
    assert (target.name, target.value, target.unit, target.comparator, target.raw) == (
        "新增高新技术企业",
        35,
        "家",
        "=",
        "35家",
    )


def test_yishang_after_the_number_means_at_least_and_da_leaves_the_name() -> None:
    target = only("州校(院)对接科技项目累计达150个以上")
    assert (target.name, target.comparator, target.raw) == (
        "州校(院)对接科技项目累计",
        ">=",
        "150个以上",
    )


def test_chaoguo_means_more_than_and_is_kept_in_raw() -> None:
    target = only("专利申请超过7000件")
    assert (target.name, target.comparator, target.raw) == ("专利申请", ">", "超过7000件")


def test_bushaoyu_means_at_least_and_is_kept_in_raw() -> None:
    target = only("认定省、市、县级科技特派员不少于500人")
    assert (target.comparator, target.raw, target.unit) == (">=", "不少于500人", "人")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("新建3至4个产业技术创新战略联盟", 3, 4), ("争取再选认10-20名科技特派员", 10, 20)],
)
def test_a_range_gives_value_and_value_max(text: str, low: int, high: int) -> None:
    target = only(text)
    assert (target.value, target.value_max) == (low, high)


def test_a_decimal_percentage_is_a_float_in_percent() -> None:
    target = only("全社会研发投入占地区生产总值的比重达2.35%")
    assert (target.name, target.value, target.unit) == (
        "全社会研发投入占地区生产总值的比重",
        2.35,
        "%",
    )


def test_an_increase_stays_in_the_name() -> None:
    assert only("专利申请量较上年增长10%以上").name == "专利申请量较上年增长"


def test_percentage_points_are_a_unit_of_their_own() -> None:
    target = only("高新技术产业产值占规模以上工业产值的比重提高3个百分点")
    assert (target.unit, target.name) == (
        "个百分点",
        "高新技术产业产值占规模以上工业产值的比重提高",
    )


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("完成科技培训10万人次", "万人次"),
        ("示范推广面积1200万亩", "万亩"),
        ("减免额超过200亿元", "亿元"),
    ],
)
def test_units_with_a_multiplier_are_kept_whole(text: str, unit: str) -> None:
    assert only(text).unit == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力争全年引进科技企业达到100家以上", "引进科技企业"),
        ("主要工作目标是:新增产学研合作项目200项", "新增产学研合作项目"),
        ("其中选认台胞科技特派员10名以上", "选认台胞科技特派员"),
        ("大学科技园确保年内新增入驻企业40家", "大学科技园新增入驻企业"),
        ("力争2021年新认定国家高新技术企业25家", "新认定国家高新技术企业"),
        ("3、指导创建科技工作示范村2个", "创建科技工作示范村"),
    ],
)
def test_filler_words_and_list_markers_leave_the_name(text: str, expected: str) -> None:
    assert only(text).name == expected


# -- verb, number, object -------------------------------------------------------------------


def test_a_verb_before_the_number_names_the_target_with_its_object() -> None:
    assert only("择优遴选300家科技型拟上市企业").name == "遴选科技型拟上市企业"


def test_examples_listed_before_deng_leave_the_name_but_the_verb_stays() -> None:
    text = "推行科技特派员、农村科技合作社等3种新型农村科技服务模式"
    assert only(text).name == "推行新型农村科技服务模式"


def test_a_place_before_the_verb_leaves_the_name() -> None:
    text = "在纺织服装、电子信息等领域新建3至4个产业技术创新战略联盟"
    assert only(text).name == "新建产业技术创新战略联盟"


def test_a_percentage_of_a_group_is_named_as_a_share() -> None:
    target = only("力争70%以上的大中型企业都建有内部研发机构")
    assert (target.name, target.comparator) == ("大中型企业建有内部研发机构的比例", ">=")


def test_the_object_ends_where_a_destination_begins() -> None:
    assert only("争取再选认10-20名科技特派员到我市开展科技服务").name == "选认科技特派员"


# -- coordination ---------------------------------------------------------------------------


def test_a_verb_distributes_over_objects_joined_by_dunhao() -> None:
    assert names("认定民营科技企业10家、高新技术企业5家") == [
        "认定民营科技企业",
        "认定高新技术企业",
    ]


def test_objects_after_a_verb_and_number_each_get_the_verb() -> None:
    text = "新建10个以上省级创新型县(市、区)、30个以上省级创新型乡镇"
    assert names(text) == ["新建省级创新型县(市、区)", "新建省级创新型乡镇"]


def test_the_verb_carries_into_the_next_clause_with_the_same_unit() -> None:
    assert names("培育县级科技示范大户2户,规模型科技示范户6户") == [
        "培育县级科技示范大户",
        "培育规模型科技示范户",
    ]


def test_the_verb_does_not_carry_into_a_clause_with_another_unit() -> None:
    assert names("培育优良品种30个,示范推广面积1200万亩") == ["培育优良品种", "示范推广面积"]


def test_a_verb_does_not_carry_across_sentences() -> None:
    assert names("新增上级各类科技项目计划80项;专利申请超过7000件") == [
        "新增上级各类科技项目计划",
        "专利申请",
    ]


# -- what is not a target -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2011年全州科技工作要点",
        "2011年是“十二五”的开局之年",
        "发布时间:2013-03-03浏览次数:640",
    ],
)
def test_years_and_dates_are_not_targets(text: str) -> None:
    assert extract_targets(text) == []


@pytest.mark.parametrize(
    "text", ["1、加大产学研结合创新力度", "10.加快中关村科技园建设", "启动第3批试点"]
)
def test_list_numbers_and_ordinals_are_not_targets(text: str) -> None:
    assert extract_targets(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "全力打造科技创新、产学研合作、人才集聚三大高地",
        "深化江苏省科技特派员、教育部“蓝火计划”两项试点",
        "重点推进3D打印、智能机器人等10大领域的研究部署",
    ],
)
def test_counts_that_name_a_category_are_not_targets(text: str) -> None:
    assert extract_targets(text) == []


def test_a_count_framing_the_clause_is_not_a_target() -> None:
    text = "围绕新材料、电气机械及设备制造等7个高新技术重点领域,积极争取和引导企业承担项目"
    assert extract_targets(text) == []


def test_a_count_of_something_already_agreed_is_not_a_target() -> None:
    assert extract_targets("推进与市科委达成的10个方面合作共识和既定工作的落实") == []


def test_a_count_in_a_list_of_examples_is_not_a_target() -> None:
    assert extract_targets("抓好与北京科技大学等11所合作高校签署的科技合作项目的组织实施") == []


def test_a_quoted_percentage_stays_inside_the_name() -> None:
    target = only("“技术开发费用150%加计抵扣”企业备案200家")
    assert (target.name, target.value, target.unit) == (
        "技术开发费用150%加计抵扣企业备案",
        200,
        "家",
    )


def test_a_number_qualifying_the_subject_of_another_is_not_a_target() -> None:
    assert [t.value for t in extract_targets("支持全市5个重点县建成1个以上星创天地")] == [1]


# -- offsets and graph facts ----------------------------------------------------------------


def test_offsets_are_those_of_the_sentence_in_the_document() -> None:
    (found,) = extract_targets("总体思路如下。新增高新技术企业35家。", base=100)
    assert (found.sentence, found.start, found.end) == ("新增高新技术企业35家", 107, 118)


def _plan(ordinal: int, text: str) -> PlanSection:
    return PlanSection(document_id="doc", ordinal=ordinal, title="t", start=0, end=len(text))


def test_target_facts_link_each_target_to_its_plan_with_the_sentence_as_evidence() -> None:
    text = "主要目标:新增高新技术企业35家。"
    plan = _plan(1, text)
    batch = _facts(plan, text, "doc")
    (target,) = batch.entities
    (relation,) = batch.relations
    assert (relation.type, relation.source, relation.target) == (
        RelType.SETS_TARGET,
        plan.plan_id,
        target.id,
    )
    assert target.mentions == relation.evidence
    assert (target.mentions[0].plan, target.mentions[0].sentence) == (
        plan.plan_id,
        "主要目标:新增高新技术企业35家",
    )


def test_target_facts_carry_value_unit_comparator_raw_and_only_real_ranges() -> None:
    text = "新建3至4个产业技术创新战略联盟,新增高新技术企业35家以上。"
    ranged, single = _facts(_plan(1, text), text, "doc").entities
    assert ranged.properties == {
        "value": 3,
        "unit": "个",
        "comparator": "=",
        "raw": "3至4个",
        "value_max": 4,
    }
    assert "value_max" not in single.properties


def test_the_same_target_in_two_plans_is_two_entities() -> None:
    text = "新增高新技术企业35家。"
    first = _facts(_plan(1, text), text, "doc").entities[0]
    second = _facts(_plan(2, text), text, "doc").entities[0]
    assert first.label == Label.TARGET and first.id != second.id


def _facts(plan: PlanSection, text: str, document_id: str) -> GraphBatch:
    document = SourceDocument(id=document_id, source=document_id, text=text, sha256="0" * 64)
    return target_facts(PlanText.of(document, plan))


# -- the sample corpus against gold -----------------------------------------------------------


def _sample_batch(gold: GoldSet, text: str) -> GraphBatch:
    """Plans cut at the gold's line ranges (the splitter is tested elsewhere)."""
    line_starts = [0]
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    batch = GraphBatch()
    for ordinal, gold_plan in enumerate(gold.plans, start=1):
        extra = gold_plan.model_extra or {}
        plan = PlanSection(
            document_id="sample",
            ordinal=ordinal,
            title=gold_plan.title,
            start=line_starts[extra["first_line"] - 1],
            end=line_starts[extra["last_line"]] - 1,
        )
        batch.entities.append(
            Entity.create(
                Label.PLAN, plan.title, key=plan.plan_key, properties={"ordinal": ordinal}
            )
        )
        facts = _facts(plan, text, "sample")
        batch.entities.extend(facts.entities)
        batch.relations.extend(facts.relations)
    return batch


def test_sample_corpus_targets_reach_the_gold_recall_and_precision(
    sample_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = GoldSet.load(GOLD_DIR / "seed-gold.json")
    batch = _sample_batch(gold, sample_corpus.read_text(encoding="utf-8"))
    score = evaluate(gold, batch.entities, batch.relations).targets
    with capsys.disabled():
        print(f"\ntargets: P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
    assert score.recall >= 0.9
    assert score.precision >= 0.85


# -- what a policy promises or reports is not a goal ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "对新认定的国家级企业技术中心给予50万元奖励。",
        "单个项目最高补助100万元。",
        "第一年给予30万元，第二年给予20万元。",
    ],
)
def test_a_promised_subsidy_or_reward_is_not_a_target(text: str) -> None:
    assert extract_targets(text) == []


def test_a_qualifying_threshold_is_not_a_target() -> None:
    assert extract_targets("对年销售收入5000万元以上的企业优先支持。") == []


def test_a_result_already_reached_is_not_a_target() -> None:
    assert extract_targets("全年进出口总额同比增长9.8%。") == []


def test_a_goal_in_a_sentence_without_promises_is_still_read() -> None:
    assert [t.value for t in extract_targets("到2025年，新增高新技术企业100家。")] == [100]
