"""Orderings every store shares: capped neighbourhoods and the plan list."""

from __future__ import annotations

from graph.ranking import cap_nodes, plan_sort_key
from graph.schema import Entity, Label, PropertyValue

DISTANCE = {"a": 0, "b": 1, "c": 1, "d": 2, "e": 2}
DEGREE = {"a": 2, "b": 2, "c": 3, "d": 1, "e": 1}


def test_under_the_cap_every_node_is_kept_nearest_first() -> None:
    kept, omitted = cap_nodes(DISTANCE, DEGREE, max_nodes=10)
    assert kept == ["a", "c", "b", "d", "e"]
    assert omitted == 0


def test_over_the_cap_the_nearest_and_most_connected_are_kept() -> None:
    assert cap_nodes(DISTANCE, DEGREE, max_nodes=2) == (["a", "c"], 3)


def test_ties_in_distance_and_degree_go_by_id() -> None:
    assert cap_nodes(DISTANCE, DEGREE, max_nodes=4) == (["a", "c", "b", "d"], 1)


def test_the_anchor_stays_even_when_it_is_the_least_connected() -> None:
    assert cap_nodes({"z": 0, "a": 1}, {"z": 0, "a": 9}, max_nodes=1) == (["z"], 1)


def plan(name: str, year: PropertyValue) -> Entity:
    return Entity.create(Label.PLAN, name, properties={} if year is None else {"year": year})


def test_plans_sort_by_year_then_name_with_unknown_years_last() -> None:
    plans = [plan("乙", 2014), plan("甲", None), plan("丙", "2013"), plan("甲", 2014)]
    ordered = sorted(plans, key=plan_sort_key)
    assert [(p.name, p.properties.get("year")) for p in ordered] == [
        ("丙", "2013"),
        ("乙", 2014),
        ("甲", 2014),
        ("甲", None),
    ]
