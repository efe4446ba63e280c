"""A small graph around 锰产业, written through the store protocol (routes, browser)."""

from __future__ import annotations

from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType
from graph.store import GraphStore

PLAN = Entity.create(
    Label.PLAN,
    "2011年全州科技工作要点",
    properties={"year": 2011, "region": "湘西土家族苗族自治州"},
)
SENTENCE = "依托吉首大学组建锰锌钒产业技术创新战略联盟，服务锰产业。"
EVIDENCE = Provenance(document="doc-1", plan=PLAN.id, sentence=SENTENCE, start=0, end=28)
UNIVERSITY = Entity.create(Label.UNIVERSITY, "吉首大学", aliases=["吉大"], mentions=[EVIDENCE])
ALLIANCE = Entity.create(Label.ALLIANCE, "锰锌钒产业技术创新战略联盟", mentions=[EVIDENCE])
INDUSTRY = Entity.create(Label.INDUSTRY, "锰产业", mentions=[EVIDENCE])
ENTERPRISE = Entity.create(Label.ENTERPRISE, "丰达合金", mentions=[EVIDENCE])
REGION = Entity.create(Label.REGION, "湘西自治州", mentions=[EVIDENCE])
LONELY = Entity.create(Label.INDUSTRY, "生物医药", mentions=[EVIDENCE])

ENTITIES = [PLAN, UNIVERSITY, ALLIANCE, INDUSTRY, ENTERPRISE, REGION, LONELY]
RELATIONS = [
    Relation.create(RelType.BUILDS, UNIVERSITY.id, ALLIANCE.id, evidence=[EVIDENCE]),
    Relation.create(RelType.SERVES, ALLIANCE.id, INDUSTRY.id, evidence=[EVIDENCE]),
    Relation.create(RelType.COLLABORATES_WITH, UNIVERSITY.id, ENTERPRISE.id, evidence=[EVIDENCE]),
    Relation.create(RelType.COVERS, PLAN.id, REGION.id, evidence=[EVIDENCE]),
    Relation.create(RelType.PRIORITIZES, PLAN.id, INDUSTRY.id, evidence=[EVIDENCE]),
    *(
        Relation.create(RelType.MENTIONS, PLAN.id, e.id, evidence=[EVIDENCE])
        for e in ENTITIES
        if e is not PLAN
    ),
]


def write_small_graph(store: GraphStore) -> None:
    store.upsert(GraphBatch(entities=ENTITIES, relations=RELATIONS))
