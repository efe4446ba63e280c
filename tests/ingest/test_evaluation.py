"""The gold-set scorer, one rule of tests/data/eval/README.md per test, on tiny graphs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.schema import Entity, Label, Provenance, Relation, RelType
from ingest.evaluation import GoldSet, Score, evaluate, evaluate_store, map_plans

PLANS = [
    {
        "id": "p1",
        "title": "2011年全州科技工作要点",
        "header": "第一篇:2011年全州科技工作要点",
        "year": 2011,
    },
    {
        "id": "p2",
        "title": "2009年多拉特乡科技工作要点",
        "header": "第二篇:2008年科技工作要点",
        "year": 2009,
    },
]


def gold(
    entities: list[dict[str, Any]] | None = None, relations: list[dict[str, Any]] | None = None
) -> GoldSet:
    return GoldSet.model_validate(
        {
            "source": "seed-plans.txt",
            "plans": PLANS,
            "entities": entities or [],
            "relations": relations or [],
        }
    )


def g(name: str, label: str = "Enterprise", **extra: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "plans": ["p1"], "aliases": [], **extra}


def e(
    name: str, label: Label = Label.ENTERPRISE, *, aliases: list[str] | None = None, **props: Any
) -> Entity:
    return Entity.create(label, name, aliases=aliases or [], properties=props)


def plan(title: str, ordinal: int, year: int | None = None) -> Entity:
    return Entity.create(
        Label.PLAN,
        title,
        key=f"doc#{ordinal}",
        properties={"title": title, "ordinal": ordinal, "year": year},
    )


def rel(kind: RelType, head: Entity, tail: Entity) -> Relation:
    return Relation.create(kind, head.id, tail.id)


# -- scores ---------------------------------------------------------------------------------


def test_precision_recall_and_f1_follow_from_the_counts() -> None:
    score = Score(predicted=4, correct=3, gold=6, found=3)
    assert (score.precision, score.recall, round(score.f1, 6)) == (0.75, 0.5, 0.6)


def test_an_empty_prediction_scores_zero_not_an_error() -> None:
    assert evaluate(gold([g("丰达合金")]), [], []).entities.f1 == 0.0


# -- entities -------------------------------------------------------------------------------


def test_equal_names_match() -> None:
    report = evaluate(gold([g("丰达合金"), g("金旭冶化")]), [e("丰达合金")], [])
    assert (report.entities.correct, report.entities.found, report.entities.gold) == (1, 1, 2)


def test_names_match_regardless_of_width_case_spaces_and_quotes() -> None:
    report = evaluate(
        gold([g("ＸＸ 石墨烯研究院"), g("科技信息“户”联网", "Program")]),
        [e("xx石墨烯研究院"), e("科技信息户联网", Label.PROGRAM)],
        [],
    )
    assert report.entities.recall == 1.0 and report.entities.precision == 1.0


def test_a_gold_alias_matches_a_predicted_name() -> None:
    report = evaluate(
        gold([g("科学技术部", "Government", aliases=["科技部"])]),
        [e("科技部", Label.GOVERNMENT)],
        [],
    )
    assert report.entities.f1 == 1.0


def test_a_predicted_alias_matches_a_gold_name() -> None:
    predicted = e("国家科技部", Label.GOVERNMENT, aliases=["科学技术部"])
    report = evaluate(gold([g("科学技术部", "Government")]), [predicted], [])
    assert report.entities.f1 == 1.0


def test_a_missed_optional_entity_is_not_a_false_negative() -> None:
    report = evaluate(gold([g("丰达合金"), g("塔尔米加工厂", optional=True)]), [e("丰达合金")], [])
    assert report.entities.recall == 1.0


def test_a_found_optional_entity_is_not_a_false_positive() -> None:
    report = evaluate(
        gold([g("丰达合金"), g("塔尔米加工厂", optional=True)]),
        [e("丰达合金"), e("塔尔米加工厂")],
        [],
    )
    assert (report.entities.predicted, report.entities.precision) == (1, 1.0)


def test_an_entity_not_in_gold_is_a_false_positive() -> None:
    report = evaluate(gold([g("丰达合金")]), [e("丰达合金"), e("全市企业")], [])
    assert report.entities.precision == 0.5
    assert report.errors["entities"].false_positives == ["Enterprise 全市企业"]


def test_typed_scores_require_the_label_and_untyped_do_not() -> None:
    report = evaluate(gold([g("恒远植物生化")]), [e("恒远植物生化", Label.RESEARCH_INSTITUTE)], [])
    assert (report.entities.f1, report.entities_typed.f1) == (1.0, 0.0)


def test_scores_are_broken_down_per_label() -> None:
    report = evaluate(gold([g("丰达合金"), g("吉首大学", "University")]), [e("丰达合金")], [])
    assert report.entities_typed_by_label["Enterprise"].recall == 1.0
    assert report.entities_typed_by_label["University"].recall == 0.0


def test_plans_and_targets_are_left_out_of_the_entity_score() -> None:
    target = g("新增高新技术企业", "Target", value=35)
    predicted = [
        e("丰达合金"),
        plan("2011年全州科技工作要点", 1),
        e("新增高新技术企业", Label.TARGET, value=35),
    ]
    report = evaluate(gold([g("丰达合金"), target]), predicted, [])
    assert (report.entities.predicted, report.entities.gold) == (1, 1)


def test_two_predicted_nodes_for_one_gold_entity_are_counted_as_duplicates() -> None:
    report = evaluate(
        gold([g("科学技术部", "Government", aliases=["科技部"])]),
        [e("科技部", Label.GOVERNMENT), e("科学技术部", Label.GOVERNMENT)],
        [],
    )
    assert report.duplicates == 1


# -- plans ----------------------------------------------------------------------------------


def test_plans_map_by_title() -> None:
    first, second = plan("2009年多拉特乡科技工作要点", 7), plan("2011年全州科技工作要点", 9)
    assert map_plans(gold().plans, [first, second]) == {"p1": second.id, "p2": first.id}


def test_plans_map_by_position_and_year_when_the_title_differs() -> None:
    first, second = plan("全州工作要点", 1, 2011), plan("多拉特乡要点", 2, 2009)
    assert map_plans(gold().plans, [first, second]) == {"p1": first.id, "p2": second.id}


def test_a_plan_with_one_weak_signal_is_left_unmapped() -> None:
    assert map_plans(gold().plans, [plan("别的规划", 5, 2011)]) == {"p1": None, "p2": None}


def test_plan_order_falls_back_to_the_first_mention_in_the_document() -> None:
    def placed(title: str, start: int, year: int) -> Entity:
        mention = Provenance(document="doc", start=start, end=start + 1)
        return Entity.create(Label.PLAN, title, properties={"year": year}, mentions=[mention])

    late, early = placed("乙", 500, 2009), placed("甲", 10, 2011)
    assert map_plans(gold().plans, [late, early]) == {"p1": early.id, "p2": late.id}


# -- relations ------------------------------------------------------------------------------


def test_a_relation_matches_by_type_and_both_ends_through_aliases() -> None:
    a, b = e("湘西国家锰深加工基地", Label.PARK), e("锰产业", Label.INDUSTRY, aliases=["锰深加工"])
    report = evaluate(
        gold(
            [g("湘西国家锰深加工基地", "Park"), g("锰深加工", "Industry")],
            [{"head": "湘西国家锰深加工基地", "type": "SERVES", "tail": "锰深加工"}],
        ),
        [a, b],
        [rel(RelType.SERVES, a, b)],
    )
    assert report.relations.f1 == 1.0


def test_collaborates_with_matches_either_way_round() -> None:
    uni, firm = e("北京科技大学", Label.UNIVERSITY), e("丰达合金")
    report = evaluate(
        gold(
            [g("北京科技大学", "University"), g("丰达合金")],
            [{"head": "丰达合金", "type": "COLLABORATES_WITH", "tail": "北京科技大学"}],
        ),
        [uni, firm],
        [rel(RelType.COLLABORATES_WITH, uni, firm)],
    )
    assert report.relations.f1 == 1.0


def test_a_directed_relation_read_backwards_does_not_match() -> None:
    uni, center = e("吉首大学", Label.UNIVERSITY), e("省级重点实验室", Label.LAB)
    report = evaluate(
        gold(
            [g("吉首大学", "University"), g("省级重点实验室", "Lab")],
            [{"head": "吉首大学", "type": "BUILDS", "tail": "省级重点实验室"}],
        ),
        [uni, center],
        [rel(RelType.BUILDS, center, uni)],
    )
    assert (report.relations.precision, report.relations.recall) == (0.0, 0.0)


def test_a_plan_head_means_the_mapped_plan_node() -> None:
    the_plan, issuer = (
        plan("2011年全州科技工作要点", 1, 2011),
        e("湘西自治州科学技术局", Label.GOVERNMENT),
    )
    other_plan = plan("2009年多拉特乡科技工作要点", 2, 2009)
    report = evaluate(
        gold(
            [g("湘西自治州科学技术局", "Government")],
            [{"head": "p1", "type": "ISSUED_BY", "tail": "湘西自治州科学技术局"}],
        ),
        [the_plan, other_plan, issuer],
        [rel(RelType.ISSUED_BY, the_plan, issuer), rel(RelType.ISSUED_BY, other_plan, issuer)],
    )
    assert (report.relations.correct, report.relations.predicted, report.relations.found) == (
        1,
        2,
        1,
    )


def test_a_gazetteer_region_part_of_missing_from_gold_is_not_a_false_positive() -> None:
    city, province = e("常熟市", Label.REGION), e("江苏省", Label.REGION)
    county = e("苏州市", Label.REGION)
    report = evaluate(
        gold(
            [g("常熟市", "Region"), g("江苏省", "Region")],
            [{"head": "常熟市", "type": "PART_OF", "tail": "江苏省"}],
        ),
        [city, province, county],
        [rel(RelType.PART_OF, city, province), rel(RelType.PART_OF, city, county)],
    )
    assert (report.relations.predicted, report.relations.precision) == (1, 1.0)


def test_a_non_region_part_of_missing_from_gold_is_a_false_positive() -> None:
    branch, parent = (
        e("机科院海西分院", Label.RESEARCH_INSTITUTE),
        e("中科院", Label.RESEARCH_INSTITUTE),
    )
    report = evaluate(gold(), [branch, parent], [rel(RelType.PART_OF, branch, parent)])
    assert (report.relations.predicted, report.relations.precision) == (1, 0.0)


def test_mentions_and_sets_target_are_left_out_of_the_relation_score() -> None:
    the_plan, firm = plan("2011年全州科技工作要点", 1, 2011), e("丰达合金")
    report = evaluate(
        gold([g("丰达合金")], [{"head": "p1", "type": "SETS_TARGET", "tail": "新增高新技术企业"}]),
        [the_plan, firm],
        [rel(RelType.MENTIONS, the_plan, firm)],
    )
    assert (report.relations.predicted, report.relations.gold) == (0, 0)


def test_optional_relations_are_neither_missed_nor_wrong() -> None:
    city, province = e("常熟市", Label.REGION), e("江苏省", Label.REGION)
    report = evaluate(
        gold(
            [g("常熟市", "Region"), g("江苏省", "Region")],
            [{"head": "常熟市", "type": "LOCATED_IN", "tail": "江苏省", "optional": True}],
        ),
        [city, province],
        [rel(RelType.LOCATED_IN, city, province)],
    )
    assert (report.relations.predicted, report.relations.gold) == (0, 0)


# -- targets --------------------------------------------------------------------------------


def _targets(gold_target: dict[str, Any], predicted: Entity) -> Score:
    return evaluate(
        gold([gold_target]), [plan("2011年全州科技工作要点", 1, 2011), predicted], []
    ).targets


def test_targets_match_by_equal_value_and_one_name_containing_the_other() -> None:
    score = _targets(g("专利授权量", "Target", value=4000), e("授权量", Label.TARGET, value=4000))
    assert score.f1 == 1.0


def test_a_target_with_another_value_does_not_match() -> None:
    score = _targets(
        g("专利授权量", "Target", value=4000), e("专利授权量", Label.TARGET, value=400)
    )
    assert score.f1 == 0.0


def test_a_target_whose_names_do_not_contain_each_other_does_not_match() -> None:
    score = _targets(
        g("遴选高新技术企业先期后备企业", "Target", value=100),
        e("遴选先期后备企业", Label.TARGET, value=100),
    )
    assert score.f1 == 0.0


def test_a_target_set_by_another_plan_does_not_match() -> None:
    first, second = (
        plan("2011年全州科技工作要点", 1, 2011),
        plan("2009年多拉特乡科技工作要点", 2, 2009),
    )
    target = e("新增高新技术企业", Label.TARGET, value=35)
    report = evaluate(
        gold([g("新增高新技术企业", "Target", value=35)]),
        [first, second, target],
        [rel(RelType.SETS_TARGET, second, target)],
    )
    assert report.targets.f1 == 0.0


# -- input from a store ---------------------------------------------------------------------


class _Store:
    """Just the two reads the scorer needs."""

    def __init__(self, entities: list[Entity], relations: list[Relation]) -> None:
        self.entities, self.relations = entities, relations

    def iter_entities(self) -> Iterator[Entity]:
        return iter(self.entities)

    def iter_relations(self) -> Iterator[Relation]:
        return iter(self.relations)


def test_a_store_is_scored_through_iter_entities_and_iter_relations() -> None:
    uni, firm = e("北京科技大学", Label.UNIVERSITY), e("丰达合金")
    store = _Store([uni, firm], [rel(RelType.COLLABORATES_WITH, firm, uni)])
    report = evaluate_store(
        gold(
            [g("北京科技大学", "University"), g("丰达合金")],
            [{"head": "北京科技大学", "type": "COLLABORATES_WITH", "tail": "丰达合金"}],
        ),
        store,  # type: ignore[arg-type]
    )
    assert (report.entities.f1, report.relations.f1) == (1.0, 1.0)
