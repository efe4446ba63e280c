"""``GraphService``: the rules every answer follows whatever the backend.

The contract suite (``tests/test_store_contract.py``) reads through the service on
every backend; these are the rules that need no second backend to pin down: argument
checks, the orderings of ``graph.ranking``, the caps of answers, and memoised values.
"""

from __future__ import annotations

import pytest

from graph.bounds import MAX_ALIASES, MAX_EVIDENCE_ITEMS
from graph.errors import InvalidQueryError
from graph.schema import (
    Direction,
    Entity,
    GraphBatch,
    Label,
    PropertyValue,
    Provenance,
    Relation,
    RelType,
)
from graph.service import GraphService
from graph.store import GraphStore


@pytest.fixture
def graph(memory_store: GraphStore) -> GraphService:
    return GraphService(memory_store)


def region(name: str) -> Entity:
    return Entity.create(Label.REGION, name)


def part_of(source: Entity, target: Entity) -> Relation:
    return Relation.create(RelType.PART_OF, source.id, target.id)


def said(i: int) -> Provenance:
    return Provenance(document="d", sentence=f"第{i}句", start=i, end=i + 1)


# -- arguments -----------------------------------------------------------------------


@pytest.mark.parametrize("paging", [{"limit": -1}, {"offset": -1}], ids=repr)
def test_negative_paging_is_an_invalid_query(graph: GraphService, paging: dict[str, int]) -> None:
    graph.store.upsert(GraphBatch(entities=[region("甲")]))
    with pytest.raises(InvalidQueryError):
        graph.neighbors(region("甲").id, **paging)
    with pytest.raises(InvalidQueryError):
        graph.search("甲", **paging)


def test_unknown_direction_is_an_invalid_query(graph: GraphService) -> None:
    graph.store.upsert(GraphBatch(entities=[region("甲")]))
    with pytest.raises(InvalidQueryError):
        graph.neighbors(region("甲").id, direction="sideways")  # type: ignore[arg-type]


@pytest.mark.parametrize("bounds", [{"depth": -1}, {"max_nodes": 0}], ids=repr)
def test_subgraph_needs_a_depth_and_room_for_the_anchor(
    graph: GraphService, bounds: dict[str, int]
) -> None:
    graph.store.upsert(GraphBatch(entities=[region("甲")]))
    with pytest.raises(InvalidQueryError):
        graph.subgraph(region("甲").id, **bounds)


# -- orderings -----------------------------------------------------------------------


def plan(name: str, year: PropertyValue) -> Entity:
    return Entity.create(Label.PLAN, name, properties={} if year is None else {"year": year})


def test_plans_sort_by_year_then_name_with_unknown_years_last(graph: GraphService) -> None:
    plans = [plan("乙", 2014), plan("甲", None), plan("丙", "2013"), plan("丁", 2014)]
    graph.store.upsert(GraphBatch(entities=plans))
    assert [(p.name, p.properties.get("year")) for p in graph.plans()] == [
        ("丙", "2013"),
        ("丁", 2014),
        ("乙", 2014),
        ("甲", None),
    ]


def star(graph: GraphService) -> tuple[Entity, list[Entity]]:
    """An anchor with three neighbours; the one named 丙 has two more behind it."""
    anchor, a, b, c, far1, far2 = (region(n) for n in ("中", "甲", "乙", "丙", "远一", "远二"))
    relations = [part_of(x, anchor) for x in (a, b, c)] + [part_of(f, c) for f in (far1, far2)]
    graph.store.upsert(GraphBatch(entities=[anchor, a, b, c, far1, far2], relations=relations))
    return anchor, [a, b, c, far1, far2]


def test_under_the_cap_a_subgraph_lists_nearest_first_then_by_id(graph: GraphService) -> None:
    anchor, others = star(graph)
    sub = graph.subgraph(anchor.id, depth=2)
    distance = {anchor.id: 0, **{e.id: 1 for e in others[:3]}, **{e.id: 2 for e in others[3:]}}
    assert [n.id for n in sub.nodes] == sorted(distance, key=lambda i: (distance[i], i))
    assert sub.omitted == 0


def test_over_the_cap_the_anchor_then_the_best_connected_stay(graph: GraphService) -> None:
    anchor, (_, _, busy, *_) = star(graph)
    sub = graph.subgraph(anchor.id, depth=2, max_nodes=2)
    assert [n.id for n in sub.nodes] == [anchor.id, busy.id]
    assert sub.omitted == 4


def test_glossary_terms_are_ranked_as_one_query(graph: GraphService) -> None:
    names = ["锰产业技术创新战略联盟", "锰产业", "锰"]
    graph.store.upsert(GraphBatch(entities=[Entity.create(Label.INDUSTRY, n) for n in names]))
    found = graph.search("manganese")
    assert [e.name for e in found.items] == ["锰", "锰产业", "锰产业技术创新战略联盟"]
    assert found.total == 3


def test_exact_matches_ignore_mere_substrings(graph: GraphService) -> None:
    graph.store.upsert(
        GraphBatch(entities=[Entity.create(Label.INDUSTRY, n) for n in ("锰产业", "锰")])
    )
    assert [e.name for e in graph.exact_matches(" 锰 ")] == ["锰"]


# -- answers -------------------------------------------------------------------------


def test_a_neighbour_shows_at_most_the_capped_aliases_and_evidence(graph: GraphService) -> None:
    anchor = region("中")
    other = Entity.create(Label.REGION, "外", aliases=[f"别名{i}" for i in range(MAX_ALIASES + 5)])
    relation = Relation.create(
        RelType.PART_OF,
        other.id,
        anchor.id,
        evidence=[said(i) for i in range(MAX_EVIDENCE_ITEMS + 5)],
    )
    graph.store.upsert(GraphBatch(entities=[anchor, other], relations=[relation]))
    (item,) = graph.neighbors(anchor.id, direction=Direction.IN).items
    assert len(item.entity.aliases) == MAX_ALIASES
    assert len(item.relation.evidence) == MAX_EVIDENCE_ITEMS


def test_iter_neighbors_reads_past_one_page(graph: GraphService) -> None:
    anchor = region("中")
    others = [region(f"邻{i:04d}") for i in range(1200)]
    graph.store.upsert(
        GraphBatch(entities=[anchor, *others], relations=[part_of(o, anchor) for o in others])
    )
    seen = [n.entity.id for n in graph.iter_neighbors(anchor.id, types=None, direction="in")]
    assert sorted(seen) == sorted(o.id for o in others)


def test_a_memoised_value_is_rebuilt_after_a_write(graph: GraphService) -> None:
    builds: list[int] = []

    def count(service: GraphService) -> int:
        builds.append(1)
        return service.stats().entities

    assert graph.memoised("test.count", count) == 0
    assert GraphService(graph.store).memoised("test.count", count) == 0
    graph.store.upsert(GraphBatch(entities=[region("甲")]))
    assert graph.memoised("test.count", count) == 1
    assert len(builds) == 2
