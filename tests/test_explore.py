"""The explore service on every store: plan comparison, an entity's timeline, the overview."""

from __future__ import annotations

import pytest

from graph.errors import InvalidQueryError, NotFoundError
from graph.explore import THE_PLAN, compare_plans, overview, timeline
from graph.schema import Label, RelType
from graph.service import GraphService
from graph.store import GraphStore
from tests import explore_graph as jiangsu
from tests.explore_graph import ids


@pytest.fixture
def graph(store: GraphStore) -> GraphService:
    return GraphService(jiangsu.load(store))


def _names(items: list) -> set[str]:  # type: ignore[type-arg]
    return {jiangsu_names[i.key[0]] for i in items}


jiangsu_names = {e.id: e.name for e in jiangsu.ENTITIES}


def test_comparison_splits_each_label_into_shared_and_only_one_plan(graph: GraphService) -> None:
    found = compare_plans(graph, [ids.js_2010, ids.js_2013])
    industries = found.entities[Label.INDUSTRY]
    assert _names(industries.shared) == {"物联网"}
    assert _names(industries.only[ids.js_2010]) == {"新能源"}
    assert _names(industries.only[ids.js_2013]) == {"集成电路"}
    assert _names(found.entities[Label.UNIVERSITY].shared) == {"南京大学", "东南大学"}
    assert _names(found.entities[Label.ALLIANCE].only[ids.js_2013]) == {
        "物联网产业技术创新战略联盟"
    }
    assert Label.PLAN not in found.entities and Label.TARGET not in found.entities


def test_each_compared_entity_carries_the_sentences_of_each_plan(graph: GraphService) -> None:
    found = compare_plans(graph, [ids.js_2010, ids.js_2013])
    iot = found.entities[Label.INDUSTRY].shared[0]
    assert iot.plans == [ids.js_2010, ids.js_2013]
    assert [p.sentence for p in iot.evidence[ids.js_2013]] == ["2013年江苏省科技工作要点说物联网"]


def test_targets_are_paired_by_metric_with_both_values(graph: GraphService) -> None:
    found = compare_plans(graph, [ids.js_2010, ids.js_2013])
    pairs = {pair.metric: pair for pair in found.targets}
    high_tech = pairs["新增高新技术企业"]
    assert {p: t.properties["value"] for p, t in high_tech.targets.items()} == {
        ids.js_2010: 35,
        ids.js_2013: 100,
    }
    assert list(pairs["发明专利授权"].targets) == [ids.js_2013]
    assert found.targets[0].metric == "新增高新技术企业"  # set by both: first


def test_relations_present_in_one_plan_and_not_the_other(graph: GraphService) -> None:
    found = compare_plans(graph, [ids.js_2010, ids.js_2013])
    shared = {item.key for item in found.relations.shared}
    assert (str(RelType.PRIORITIZES), THE_PLAN, ids.iot) in shared
    assert (str(RelType.COLLABORATES_WITH), *sorted((ids.nju, ids.seu))) in shared
    assert len(shared) == 2  # a symmetric relation, read from both ends, counts once
    only_2010 = {item.key for item in found.relations.only[ids.js_2010]}
    only_2013 = {item.key for item in found.relations.only[ids.js_2013]}
    assert only_2010 == {(str(RelType.PRIORITIZES), THE_PLAN, ids.new_energy)}
    assert (str(RelType.SERVES), ids.alliance, ids.iot) in only_2013
    assert (str(RelType.BUILDS), ids.nju, ids.alliance) in only_2013
    assert all(k[0] != str(RelType.SETS_TARGET) for k in shared | only_2010 | only_2013)


def test_comparison_needs_two_distinct_known_plans(graph: GraphService) -> None:
    with pytest.raises(InvalidQueryError):
        compare_plans(graph, [ids.js_2010])
    with pytest.raises(InvalidQueryError):
        compare_plans(graph, [ids.js_2010, ids.js_2010])
    with pytest.raises(NotFoundError):
        compare_plans(graph, [ids.js_2010, "plan-0000000000000000"])
    with pytest.raises(NotFoundError):  # an entity that is not a plan
        compare_plans(graph, [ids.js_2010, ids.iot])


def test_timeline_lists_each_plan_by_date_with_what_it_says(graph: GraphService) -> None:
    entity, entries = timeline(graph, ids.iot)
    assert entity.name == "物联网"
    assert [(e.plan.id, e.date) for e in entries] == [
        (ids.js_2010, "2010-02-20"),
        (ids.js_2013, "2013"),
    ]
    said_2013 = {(f.type, f.direction, f.other.name) for f in entries[1].relations}
    assert said_2013 == {
        (RelType.PRIORITIZES, "in", "2013年江苏省科技工作要点"),
        (RelType.SERVES, "in", "物联网产业技术创新战略联盟"),
    }
    assert [m.sentence for m in entries[0].mentions] == ["2010年江苏省科技工作要点说物联网"]


def test_timeline_of_an_entity_named_by_one_plan_has_one_entry(graph: GraphService) -> None:
    _, entries = timeline(graph, ids.alliance)
    assert [e.plan.id for e in entries] == [ids.js_2013]
    with pytest.raises(NotFoundError):
        timeline(graph, "industry-0000000000000000")


def test_overview_counts_plans_by_year_and_province_and_ranks(graph: GraphService) -> None:
    found = overview(graph)
    assert found.by_label["Industry"] == 3
    assert found.by_type["PRIORITIZES"] == 4
    assert found.plans_by_year == [("2010", 1), ("2013", 1)]
    assert found.plans_by_province == [("江苏省", 2)]
    assert [(r.entity.name, r.score) for r in found.top_industries] == [
        ("物联网", 2),
        ("新能源", 1),
        ("集成电路", 1),
    ]
    # MENTIONS do not count: 南京大学 has COLLABORATES_WITH and BUILDS.
    assert [(r.entity.name, r.score) for r in found.top_connected][:2] == [
        ("南京大学", 2),
        ("物联网产业技术创新战略联盟", 2),
    ]
