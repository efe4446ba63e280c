"""The cap rule of neighbourhood views, shared by every store."""

from __future__ import annotations

from graph.schema import Entity, Label, Relation, RelType
from graph.subgraph import hop_distances, select_subgraph


def ent(name: str) -> Entity:
    return Entity(id=name, name=name, label=Label.ENTERPRISE)


def rel(source: str, target: str) -> Relation:
    return Relation.create(RelType.COLLABORATES_WITH, source, target)


# a - b - d, a - c, c - e, c - f : b has 2 links, c has 3
RELATIONS = [rel("a", "b"), rel("b", "d"), rel("a", "c"), rel("c", "e"), rel("c", "f")]
ENTITIES = [ent(n) for n in "abcdef"]


def test_distances_ignore_direction() -> None:
    assert hop_distances("d", RELATIONS) == {"d": 0, "b": 1, "a": 2, "c": 3, "e": 4, "f": 4}


def test_under_the_cap_everything_is_kept() -> None:
    view = select_subgraph("a", ENTITIES, RELATIONS, max_nodes=10)
    assert {e.id for e in view.nodes} == set("abcdef")
    assert len(view.relations) == len(RELATIONS)
    assert view.omitted == 0


def test_over_the_cap_nearest_and_then_most_connected_are_kept() -> None:
    view = select_subgraph("a", ENTITIES, RELATIONS, max_nodes=2)
    assert [e.id for e in view.nodes] == ["a", "c"]
    assert view.omitted == 4
    assert [r.key() for r in view.relations] == [("a", "COLLABORATES_WITH", "c")]


def test_anchor_is_kept_even_with_a_cap_of_one() -> None:
    view = select_subgraph("d", ENTITIES, RELATIONS, max_nodes=1)
    assert [e.id for e in view.nodes] == ["d"]
    assert view.relations == []


def test_entities_not_reached_by_the_relations_are_left_out() -> None:
    view = select_subgraph("a", [*ENTITIES, ent("z")], RELATIONS, max_nodes=10)
    assert "z" not in {e.id for e in view.nodes}
