"""The ``GraphStore`` contract: every backend behaves like this.

Runs on every backend the ``store`` fixture provides (memory always, Neo4j when
NEO4J_URI is set). Writes go to the store's protocol (``graph/store.py``); reads go
through ``GraphService`` over it, so the backends' primitives are held to the answers
every caller gets.
"""

from __future__ import annotations

import itertools
import time

import pytest

from graph.errors import InvalidQueryError, NotFoundError
from graph.limits import MAX_HOPS, MIN_HOPS
from graph.schema import (
    Direction,
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from graph.service import GraphService
from graph.store import GraphStore

# -- small data ---------------------------------------------------------------------------


def prov(
    document: str, sentence: str = "句子。", start: int = 0, plan: str | None = None
) -> Provenance:
    return Provenance(
        document=document, plan=plan, sentence=sentence, start=start, end=start + len(sentence)
    )


def entity(label: Label, name: str, *docs: str, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity.create(label, name, aliases=aliases, mentions=[prov(d, name) for d in docs])


def relation(type_: RelType, source: Entity, target: Entity, *docs: str) -> Relation:
    return Relation.create(
        type_, source.id, target.id, evidence=[prov(d, f"{source.name}{target.name}") for d in docs]
    )


def document(document_id: str) -> DocumentRecord:
    return DocumentRecord(id=document_id, source=f"{document_id}.txt", sha256="0" * 64)


class Alliance:
    """A plan, an alliance built by a university and an enterprise, and its industry."""

    def __init__(self, doc: str = "d1") -> None:
        self.plan = Entity.create(
            Label.PLAN,
            "2011年全州科技工作要点",
            properties={"year": 2011, "region": "湘西"},
            mentions=[prov(doc)],
        )
        self.alliance = entity(Label.ALLIANCE, "锰产业技术创新战略联盟", doc, aliases=("锰联盟",))
        self.university = entity(Label.UNIVERSITY, "吉首大学", doc)
        self.enterprise = entity(Label.ENTERPRISE, "丰达合金", doc)
        self.industry = entity(Label.INDUSTRY, "锰产业", doc)
        self.relations = [
            relation(RelType.MENTIONS, self.plan, self.alliance, doc),
            relation(RelType.MENTIONS, self.plan, self.university, doc),
            relation(RelType.BUILDS, self.university, self.alliance, doc),
            relation(RelType.BUILDS, self.enterprise, self.alliance, doc),
            relation(RelType.SERVES, self.alliance, self.industry, doc),
            relation(RelType.COLLABORATES_WITH, self.university, self.enterprise, doc),
        ]

    @property
    def entities(self) -> list[Entity]:
        return [self.plan, self.alliance, self.university, self.enterprise, self.industry]

    def batch(self) -> GraphBatch:
        return GraphBatch(entities=self.entities, relations=self.relations)


def chain(length: int, type_: RelType = RelType.PART_OF) -> tuple[list[Entity], GraphBatch]:
    """n0 -> n1 -> ... -> n<length>, each hop one relation of ``type_``."""
    nodes = [entity(Label.REGION, f"区域{i}", "chain") for i in range(length + 1)]
    relations = [relation(type_, a, b, "chain") for a, b in itertools.pairwise(nodes)]
    return nodes, GraphBatch(entities=nodes, relations=relations)


def hub(spokes: int) -> tuple[Entity, list[Entity], GraphBatch]:
    """One park with ``spokes`` enterprises located in it."""
    park = entity(Label.PARK, "高新区", "hub")
    enterprises = [entity(Label.ENTERPRISE, f"企业{i:03d}", "hub") for i in range(spokes)]
    relations = [relation(RelType.LOCATED_IN, e, park, "hub") for e in enterprises]
    return park, enterprises, GraphBatch(entities=[park, *enterprises], relations=relations)


def names(entities: list[Entity]) -> list[str]:
    return [e.name for e in entities]


def graph_of(store: GraphStore) -> GraphService:
    """The service over ``store``: reads are checked through it, as every caller reads."""
    return GraphService(store)


# -- upsert ---------------------------------------------------------------------------


def test_upsert_stores_entities_and_relations(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    stats = store.stats()
    assert (stats.entities, stats.relations) == (5, 6)
    assert stats.by_label["Alliance"] == 1
    assert stats.by_type == {"MENTIONS": 2, "BUILDS": 2, "SERVES": 1, "COLLABORATES_WITH": 1}


def test_reupserting_the_same_batch_changes_nothing(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    before = (store.stats(), graph_of(store).get_entity(data.alliance.id))
    store.upsert(data.batch())
    assert (store.stats(), graph_of(store).get_entity(data.alliance.id)) == before


def test_get_entity_round_trips_every_field(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    got = graph_of(store).get_entity(data.plan.id)
    assert got is not None
    assert got.model_dump() == data.plan.model_dump()


def test_get_entity_of_unknown_id_is_none(store: GraphStore) -> None:
    assert graph_of(store).get_entity("lab-0000000000000000") is None


def test_get_entities_keeps_the_given_order_and_skips_unknown(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    ids = [data.industry.id, "nope", data.plan.id]
    assert [e.id for e in store.get_entities(ids)] == [data.industry.id, data.plan.id]


def test_upsert_merges_aliases_properties_and_mentions(store: GraphStore) -> None:
    first = Entity.create(
        Label.ALLIANCE,
        "锰产业技术创新战略联盟",
        aliases=["锰联盟"],
        properties={"founded": 2010, "field": "锰"},
        mentions=[prov("d1")],
    )
    second = Entity.create(
        Label.ALLIANCE,
        "锰产业技术创新战略联盟",
        aliases=["锰业联盟"],
        properties={"founded": 2011},
        mentions=[prov("d1"), prov("d2")],
    )
    store.upsert(GraphBatch(entities=[first]))
    store.upsert(GraphBatch(entities=[second]))
    got = graph_of(store).get_entity(first.id)
    assert got is not None
    assert sorted(got.aliases) == ["锰业联盟", "锰联盟"]
    assert got.properties == {"founded": 2011, "field": "锰"}
    assert sorted(m.document for m in got.mentions) == ["d1", "d2"]


def test_none_valued_properties_are_kept_and_later_values_win(store: GraphStore) -> None:
    def plan(**properties: object) -> Entity:
        return Entity.create(Label.PLAN, "2011年全州科技工作要点", properties=properties)  # type: ignore[arg-type]

    store.upsert(GraphBatch(entities=[plan(year=2011, issuer=None)]))
    got = graph_of(store).get_entity(plan().id)
    assert got is not None and got.properties == {"year": 2011, "issuer": None}
    store.upsert(GraphBatch(entities=[plan(issuer="湘西自治州科学技术局", year=None)]))
    got = graph_of(store).get_entity(plan().id)
    assert got is not None and got.properties == {"year": None, "issuer": "湘西自治州科学技术局"}


def test_upsert_merges_relation_evidence_without_duplicates(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    again = relation(RelType.SERVES, data.alliance, data.industry, "d1", "d2")
    store.upsert(GraphBatch(relations=[again]))
    page = graph_of(store).neighbors(data.industry.id, types=[RelType.SERVES])
    assert page.total == 1
    assert sorted(p.document for p in page.items[0].relation.evidence) == ["d1", "d2"]
    assert store.stats().relations == 6


def test_relation_to_a_missing_entity_rejects_the_whole_batch(store: GraphStore) -> None:
    data = Alliance()
    ghost = entity(Label.LAB, "不存在的实验室")
    batch = GraphBatch(
        entities=data.entities,
        relations=[*data.relations, relation(RelType.BUILDS, data.university, ghost, "d1")],
    )
    with pytest.raises(InvalidQueryError):
        store.upsert(batch)
    assert store.stats().entities == 0
    assert store.stats().relations == 0


def test_relation_may_refer_to_entities_already_stored(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(GraphBatch(entities=data.entities))
    store.upsert(GraphBatch(relations=data.relations))
    assert store.stats().relations == 6


def test_symmetric_relation_is_stored_once_whichever_way_it_is_written(store: GraphStore) -> None:
    a = entity(Label.UNIVERSITY, "吉首大学", "d1")
    b = entity(Label.ENTERPRISE, "丰达合金", "d1")
    store.upsert(
        GraphBatch(entities=[a, b], relations=[relation(RelType.COLLABORATES_WITH, a, b, "d1")])
    )
    store.upsert(GraphBatch(relations=[relation(RelType.COLLABORATES_WITH, b, a, "d2")]))
    assert store.stats().by_type == {"COLLABORATES_WITH": 1}


def test_clear_removes_everything(store: GraphStore) -> None:
    store.replace_document(document("d1"), Alliance().batch())
    store.clear()
    stats = store.stats()
    assert (stats.entities, stats.relations, stats.documents) == (0, 0, 0)
    assert graph_of(store).search("").total == 0


# -- primitives -----------------------------------------------------------------------


def test_search_candidates_carry_every_spelling_that_equals_or_starts_with_the_query(
    store: GraphStore,
) -> None:
    data = Alliance()
    store.upsert(data.batch())
    found = {c[0]: c for c in store.search_candidates("锰", None)}
    assert set(found) == {data.alliance.id, data.industry.id}
    assert {"锰产业技术创新战略联盟", "锰联盟"} <= set(found[data.alliance.id][2])
    assert "锰产业" in found[data.industry.id][2]


def test_neighbor_rows_of_an_unknown_entity_are_none(store: GraphStore) -> None:
    assert store.neighbor_rows("park-0000000000000000", None, Direction.BOTH, None) is None


def test_snapshots_nest(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    with store.snapshot(), store.snapshot():
        assert store.has_entity(data.alliance.id)
    assert store.get_entities([data.alliance.id])


# -- search ---------------------------------------------------------------------------


def test_search_finds_a_chinese_substring(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    found = graph_of(store).search("锰")
    assert data.alliance.id in [e.id for e in found.items]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("锰", ["锰产业", "锰产业技术创新战略联盟"]), ("5", ["5G联盟"]), ("g", ["5G联盟"])],
)
def test_one_character_queries_find_every_name_or_alias_holding_it(
    store: GraphStore, query: str, expected: list[str]
) -> None:
    # A bigram full-text index cannot answer these; the search must still find them.
    data = Alliance()
    store.upsert(data.batch())
    store.upsert(GraphBatch(entities=[entity(Label.ALLIANCE, "5G联盟", "d1", aliases=("G联",))]))
    assert names(graph_of(store).search(query).items) == expected


def test_search_finds_an_entity_by_its_alias(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    assert [e.id for e in graph_of(store).search("锰联盟").items][:1] == [data.alliance.id]


@pytest.mark.parametrize("query", ["ＡＢＣ科技", "abc科技", " a b c 科 技 ", "Abc"])
def test_search_ignores_width_case_and_spacing(store: GraphStore, query: str) -> None:
    company = entity(Label.ENTERPRISE, "ABC科技有限公司", "d1")
    store.upsert(GraphBatch(entities=[company]))
    assert [e.id for e in graph_of(store).search(query).items] == [company.id]


def test_search_ranks_exact_then_prefix_then_shorter_names(store: GraphStore) -> None:
    exact = entity(Label.INDUSTRY, "锰产业", "d1")
    prefix_long = entity(Label.INDUSTRY, "锰产业链延伸工程", "d1")
    prefix_short = entity(Label.INDUSTRY, "锰产业链", "d1")
    inner = entity(Label.ALLIANCE, "湘西锰产业联盟", "d1")
    store.upsert(GraphBatch(entities=[inner, prefix_long, exact, prefix_short]))
    assert names(graph_of(store).search("锰产业").items) == [
        "锰产业",
        "锰产业链",
        "锰产业链延伸工程",
        "湘西锰产业联盟",
    ]


def test_search_filters_by_label_and_pages_with_a_total(store: GraphStore) -> None:
    _, _, batch = hub(5)
    store.upsert(batch)
    page = graph_of(store).search("企业", labels=[Label.ENTERPRISE], limit=2, offset=2)
    assert page.total == 5
    assert names(page.items) == ["企业002", "企业003"]
    assert graph_of(store).search("企业", labels=[Label.PARK]).total == 0


def test_empty_search_lists_every_entity_by_name(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    listed = graph_of(store).search("", limit=100)
    assert listed.total == 5
    assert names(listed.items) == sorted(names(data.entities))


# -- neighbours -----------------------------------------------------------------------


def test_neighbors_lists_both_directions_ordered_by_type_then_name(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    page = graph_of(store).neighbors(data.alliance.id)
    assert page.total == 4
    assert [(n.relation.type, n.entity.name) for n in page.items] == [
        (RelType.BUILDS, "丰达合金"),
        (RelType.BUILDS, "吉首大学"),
        (RelType.MENTIONS, "2011年全州科技工作要点"),
        (RelType.SERVES, "锰产业"),
    ]


def test_neighbors_direction_says_which_end_the_anchor_is(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    outgoing = graph_of(store).neighbors(data.alliance.id, direction=Direction.OUT)
    incoming = graph_of(store).neighbors(data.alliance.id, direction=Direction.IN)
    assert [(n.entity.name, n.relation.direction) for n in outgoing.items] == [("锰产业", "out")]
    assert {n.entity.name for n in incoming.items} == {
        "丰达合金",
        "吉首大学",
        "2011年全州科技工作要点",
    }
    assert {n.relation.direction for n in incoming.items} == {"in"}


def test_neighbors_filter_by_type_and_label(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    built_by = graph_of(store).neighbors(data.alliance.id, types=[RelType.BUILDS])
    assert names([n.entity for n in built_by.items]) == ["丰达合金", "吉首大学"]
    universities = graph_of(store).neighbors(data.alliance.id, labels=[Label.UNIVERSITY])
    assert names([n.entity for n in universities.items]) == ["吉首大学"]


def test_symmetric_relation_is_read_from_both_ends(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    for anchor, other in [(data.university, data.enterprise), (data.enterprise, data.university)]:
        for direction in Direction:
            page = graph_of(store).neighbors(
                anchor.id, types=[RelType.COLLABORATES_WITH], direction=direction
            )
            assert [n.entity.id for n in page.items] == [other.id], (anchor.name, direction)


def test_neighbors_pages_keep_the_total(store: GraphStore) -> None:
    park, _, batch = hub(7)
    store.upsert(batch)
    first = graph_of(store).neighbors(park.id, limit=3)
    last = graph_of(store).neighbors(park.id, limit=3, offset=6)
    assert (first.total, last.total) == (7, 7)
    assert names([n.entity for n in first.items]) == ["企业000", "企业001", "企业002"]
    assert names([n.entity for n in last.items]) == ["企业006"]


def test_neighbors_of_unknown_entity_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFoundError):
        graph_of(store).neighbors("park-0000000000000000")


def alliance_in_two_plans() -> GraphBatch:
    """The Alliance, whose industry two plans mention and whose SERVES has two sentences."""
    data = Alliance()
    plan_b = Entity.create(Label.PLAN, "2012年全州科技工作要点", mentions=[prov("d2")])
    industry = Entity.create(
        Label.INDUSTRY,
        data.industry.name,
        aliases=("锰深加工产业",),
        mentions=[prov("d1", "锰", plan=data.plan.id), prov("d2", "锰", plan=plan_b.id)],
    )
    serves = Relation.create(
        RelType.SERVES,
        data.alliance.id,
        industry.id,
        evidence=[prov("d1", "服务锰产业", 10, data.plan.id), prov("d2", "又服务", 20, plan_b.id)],
    )
    return GraphBatch(entities=[plan_b, industry], relations=[serves])


def test_neighbors_show_plans_aliases_and_evidence_not_mentions(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    store.upsert(alliance_in_two_plans())
    (item,) = graph_of(store).neighbors(data.alliance.id, types=[RelType.SERVES]).items
    assert item.entity.plans == [
        data.plan.id,
        Entity.create(Label.PLAN, "2012年全州科技工作要点").id,
    ]
    assert item.entity.aliases == ["锰深加工产业"]
    assert {p.sentence for p in item.relation.evidence} == {
        "锰产业技术创新战略联盟锰产业",
        "服务锰产业",
        "又服务",
    }


def test_neighbors_are_the_callers_own(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    store.upsert(alliance_in_two_plans())
    graph = graph_of(store)
    (item,) = graph.neighbors(data.alliance.id, types=[RelType.SERVES]).items
    sentence = item.relation.evidence[0].sentence
    item.entity.aliases.append("别名")
    item.entity.plans.clear()
    item.relation.evidence.clear()
    (again,) = graph.neighbors(data.alliance.id, types=[RelType.SERVES]).items
    assert again.entity.aliases == ["锰深加工产业"]
    assert len(again.entity.plans) == 2
    assert again.relation.evidence[0].sentence == sentence


# -- paths ----------------------------------------------------------------------------


def test_paths_respect_max_hops(store: GraphStore) -> None:
    nodes, batch = chain(3)
    store.upsert(batch)
    assert graph_of(store).paths(nodes[0].id, nodes[3].id, max_hops=2) == []
    (path,) = graph_of(store).paths(nodes[0].id, nodes[3].id, max_hops=3)
    assert [n.id for n in path.nodes] == [n.id for n in nodes]
    assert len(path.relations) == 3


def test_paths_ignore_direction_but_keep_it_in_the_relations(store: GraphStore) -> None:
    nodes, batch = chain(2)
    store.upsert(batch)
    (path,) = graph_of(store).paths(nodes[2].id, nodes[0].id, max_hops=2)
    assert [n.id for n in path.nodes] == [nodes[2].id, nodes[1].id, nodes[0].id]
    assert [(r.source, r.target) for r in path.relations] == [
        (nodes[1].id, nodes[2].id),
        (nodes[0].id, nodes[1].id),
    ]


def test_paths_come_shortest_first(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    found = graph_of(store).paths(data.university.id, data.industry.id, max_hops=4)
    lengths = [len(p.relations) for p in found]
    assert lengths == sorted(lengths)
    assert lengths[0] == 2
    assert all(p.nodes[0].id == data.university.id for p in found)
    assert all(p.nodes[-1].id == data.industry.id for p in found)


def test_paths_skip_mentions_unless_asked(store: GraphStore) -> None:
    plan = entity(Label.PLAN, "规划", "d1")
    a = entity(Label.LAB, "甲实验室", "d1")
    b = entity(Label.LAB, "乙实验室", "d1")
    store.upsert(
        GraphBatch(
            entities=[plan, a, b],
            relations=[
                relation(RelType.MENTIONS, plan, a, "d1"),
                relation(RelType.MENTIONS, plan, b, "d1"),
            ],
        )
    )
    assert graph_of(store).paths(a.id, b.id) == []
    (path,) = graph_of(store).paths(a.id, b.id, types=[RelType.MENTIONS])
    assert [n.id for n in path.nodes] == [a.id, plan.id, b.id]


def test_paths_stop_at_the_limit(store: GraphStore) -> None:
    park, enterprises, batch = hub(6)
    region = entity(Label.REGION, "湘西州", "hub")
    links = [relation(RelType.LOCATED_IN, e, region, "hub") for e in enterprises]
    store.upsert(
        GraphBatch(entities=[*batch.entities, region], relations=[*batch.relations, *links])
    )
    assert len(graph_of(store).paths(park.id, region.id, max_hops=2, limit=4)) == 4
    assert len(graph_of(store).paths(park.id, region.id, max_hops=2, limit=10)) == 6


def test_paths_on_a_dense_graph_stop_at_the_limit_without_enumerating(store: GraphStore) -> None:
    # A clique of 25 labs, one of which (c0) leads to the target in two more hops: there
    # are about 250 thousand simple walks of four hops inside the clique, which a search
    # that lists every path before it sorts them would all walk.
    clique = [entity(Label.LAB, f"实验室{i:02d}", "dense") for i in range(25)]
    bridge = [entity(Label.INDUSTRY, f"产业{i}", "dense") for i in range(2)]
    relations = [
        relation(RelType.COLLABORATES_WITH, a, b, "dense")
        for a, b in itertools.combinations(clique, 2)
    ]
    relations += [
        relation(RelType.SERVES, a, b, "dense") for a, b in itertools.pairwise([clique[0], *bridge])
    ]
    store.upsert(GraphBatch(entities=[*clique, *bridge], relations=relations))
    started = time.perf_counter()
    found = graph_of(store).paths(clique[1].id, bridge[-1].id, max_hops=MAX_HOPS, limit=10)
    assert time.perf_counter() - started < 10
    assert [len(p.relations) for p in found] == [3] + [4] * 9
    assert [n.id for n in found[0].nodes] == [clique[1].id, clique[0].id] + [b.id for b in bridge]
    assert all(len({n.id for n in p.nodes}) == len(p.nodes) for p in found)


@pytest.mark.parametrize("hops", [MIN_HOPS - 1, MAX_HOPS + 1])
def test_paths_reject_hop_counts_outside_the_hop_limits(store: GraphStore, hops: int) -> None:
    nodes, batch = chain(1)
    store.upsert(batch)
    with pytest.raises(InvalidQueryError):
        graph_of(store).paths(nodes[0].id, nodes[1].id, max_hops=hops)


def test_paths_of_unknown_entity_are_not_found(store: GraphStore) -> None:
    nodes, batch = chain(1)
    store.upsert(batch)
    with pytest.raises(NotFoundError):
        graph_of(store).paths(nodes[0].id, "region-0000000000000000")


# -- subgraph -------------------------------------------------------------------------


def test_subgraph_reaches_depth_and_keeps_relations_among_its_nodes(store: GraphStore) -> None:
    nodes, batch = chain(4)
    store.upsert(batch)
    sub = graph_of(store).subgraph(nodes[2].id, depth=1)
    assert {n.id for n in sub.nodes} == {nodes[1].id, nodes[2].id, nodes[3].id}
    assert len(sub.relations) == 2
    assert sub.omitted == 0
    assert len(graph_of(store).subgraph(nodes[0].id, depth=2).nodes) == 3


def test_subgraph_cap_keeps_the_anchor_and_counts_the_omitted(store: GraphStore) -> None:
    park, _, batch = hub(10)
    store.upsert(batch)
    sub = graph_of(store).subgraph(park.id, depth=1, max_nodes=4)
    assert len(sub.nodes) == 4
    assert park.id in {n.id for n in sub.nodes}
    assert sub.omitted == 7
    kept = {n.id for n in sub.nodes}
    assert all(r.source in kept and r.target in kept for r in sub.relations)


def test_subgraph_cap_prefers_nearer_then_better_connected_nodes(store: GraphStore) -> None:
    nodes, batch = chain(3)
    store.upsert(batch)
    near = entity(Label.REGION, "近邻", "chain")
    busy = entity(Label.REGION, "繁忙", "chain")
    extra = [entity(Label.REGION, f"远{i}", "chain") for i in range(3)]
    store.upsert(
        GraphBatch(
            entities=[near, busy, *extra],
            relations=[
                relation(RelType.PART_OF, near, nodes[0], "chain"),
                relation(RelType.PART_OF, busy, nodes[0], "chain"),
                *[relation(RelType.PART_OF, e, busy, "chain") for e in extra],
            ],
        )
    )
    sub = graph_of(store).subgraph(nodes[0].id, depth=2, max_nodes=3)
    assert sub.nodes[0].id == nodes[0].id
    assert {n.id for n in sub.nodes} == {nodes[0].id, busy.id, nodes[1].id}


def test_subgraph_follows_only_the_given_types(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    sub = graph_of(store).subgraph(data.alliance.id, depth=1, types=[RelType.SERVES])
    assert {n.id for n in sub.nodes} == {data.alliance.id, data.industry.id}
    assert [r.type for r in sub.relations] == [RelType.SERVES]


def test_subgraph_of_unknown_entity_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFoundError):
        graph_of(store).subgraph("lab-0000000000000000")


# -- documents ------------------------------------------------------------------------


def test_replace_document_records_the_document(store: GraphStore) -> None:
    store.replace_document(document("d1"), Alliance().batch())
    got = store.get_document("d1")
    assert got == document("d1")
    assert [d.id for d in store.documents()] == ["d1"]
    assert store.stats().documents == 1
    assert store.get_document("d2") is None


def test_replace_document_swaps_the_documents_facts(store: GraphStore) -> None:
    old = Alliance()
    store.replace_document(document("d1"), old.batch())
    lab = entity(Label.LAB, "锰资源重点实验室", "d1")
    new_batch = GraphBatch(
        entities=[old.university, lab],
        relations=[relation(RelType.BUILDS, old.university, lab, "d1")],
    )
    store.replace_document(document("d1"), new_batch)
    stats = store.stats()
    assert (stats.entities, stats.relations) == (2, 1)
    assert graph_of(store).get_entity(old.alliance.id) is None
    assert [n.entity.id for n in graph_of(store).neighbors(old.university.id).items] == [lab.id]


def test_replace_document_rejects_relations_to_entities_it_removes(store: GraphStore) -> None:
    old = Alliance()
    store.replace_document(document("d1"), old.batch())
    dangling = GraphBatch(
        entities=[old.university],
        relations=[relation(RelType.BUILDS, old.university, old.alliance, "d1")],
    )
    with pytest.raises(InvalidQueryError):
        store.replace_document(document("d1"), dangling)
    assert store.stats().relations == 6


def test_delete_document_removes_what_only_it_said(store: GraphStore) -> None:
    data = Alliance()
    store.replace_document(document("d1"), data.batch())
    result = store.delete_document("d1")
    assert (result.entities_removed, result.relations_removed) == (5, 6)
    stats = store.stats()
    assert (stats.entities, stats.relations, stats.documents) == (0, 0, 0)
    assert store.get_document("d1") is None


def test_delete_document_keeps_what_another_document_also_said(store: GraphStore) -> None:
    a = Alliance("A")
    store.replace_document(document("A"), a.batch())
    b_alliance = entity(Label.ALLIANCE, "锰产业技术创新战略联盟", "B")
    b_university = entity(Label.UNIVERSITY, "吉首大学", "B")
    store.replace_document(
        document("B"),
        GraphBatch(
            entities=[b_alliance, b_university],
            relations=[relation(RelType.BUILDS, b_university, b_alliance, "B")],
        ),
    )
    result = store.delete_document("A")
    assert result.entities_updated == 2
    assert result.relations_updated == 1
    kept = graph_of(store).get_entity(a.alliance.id)
    assert kept is not None
    assert {m.document for m in kept.mentions} == {"B"}
    (built,) = graph_of(store).neighbors(a.alliance.id).items
    assert built.entity.id == a.university.id
    assert {p.document for p in built.relation.evidence} == {"B"}
    assert graph_of(store).get_entity(a.enterprise.id) is None
    assert store.stats().entities == 2


def test_delete_document_keeps_entities_stored_without_mentions(store: GraphStore) -> None:
    region = Entity.create(Label.REGION, "湘西土家族苗族自治州")
    lab = entity(Label.LAB, "锰资源重点实验室", "d1")
    store.upsert(GraphBatch(entities=[region]))
    store.replace_document(
        document("d1"),
        GraphBatch(entities=[lab], relations=[relation(RelType.LOCATED_IN, lab, region, "d1")]),
    )
    store.delete_document("d1")
    assert graph_of(store).get_entity(region.id) is not None
    assert graph_of(store).get_entity(lab.id) is None
    assert store.stats().relations == 0


def test_delete_unknown_document_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFoundError):
        store.delete_document("never-seen")


# -- listings -------------------------------------------------------------------------


def test_plans_are_ordered_by_year_then_name(store: GraphStore) -> None:
    plans = [
        Entity.create(Label.PLAN, name, properties={"year": year})
        for name, year in [("乙规划", 2012), ("甲规划", 2011), ("丙规划", 2011)]
    ]
    store.upsert(GraphBatch(entities=[*plans, entity(Label.LAB, "实验室")]))
    assert [(p.properties["year"], p.name) for p in graph_of(store).plans()] == [
        (2011, "丙规划"),
        (2011, "甲规划"),
        (2012, "乙规划"),
    ]


def test_iterators_return_everything(store: GraphStore) -> None:
    data = Alliance()
    store.upsert(data.batch())
    assert {e.id for e in store.iter_entities()} == {e.id for e in data.entities}
    assert {r.key() for r in store.iter_relations()} == {r.key() for r in data.relations}


def test_stats_count_documents(store: GraphStore) -> None:
    store.replace_document(document("d1"), Alliance("d1").batch())
    store.replace_document(document("d2"), GraphBatch(entities=[entity(Label.LAB, "实验室", "d2")]))
    stats = store.stats()
    assert (stats.entities, stats.documents) == (6, 2)
