"""A small graph shaped like the sample corpus, and clients over the API built on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from graph.schema import (
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from graph.store import GraphStore
from plangraph.settings import Settings

DOC = "doc-sample"
API_KEY = "test-key-0123456789"


def _plan(title: str, year: int, region: str, issuer: str) -> Entity:
    return Entity.create(
        Label.PLAN,
        title,
        properties={"title": title, "year": year, "region": region, "issuer": issuer},
    )


PLAN = _plan("2011年全州科技工作要点", 2011, "湘西土家族苗族自治州", "湘西自治州科学技术局")
PLAN_2 = _plan("2012年全州科技工作要点", 2012, "湘西土家族苗族自治州", "湘西自治州科学技术局")


def _at(plan: Entity, sentence: str, start: int) -> Provenance:
    return Provenance(
        document=DOC, plan=plan.id, sentence=sentence, start=start, end=start + len(sentence)
    )


S_ALLIANCE = "重点推进锰产业技术创新战略联盟建设"
S_CENTER = "支持丰达合金与北京科技大学联合组建锰产业工程技术研究中心"
S_TARGET = "认定民营科技企业10家、高新技术企业5家"


def _entity(
    label: Label,
    name: str,
    *,
    plan: Entity = PLAN,
    sentence: str = S_CENTER,
    aliases: tuple[str, ...] = (),
    **properties: object,
) -> Entity:
    return Entity.create(
        label,
        name,
        aliases=aliases,
        properties=dict(properties),  # type: ignore[arg-type]
        mentions=[_at(plan, sentence, 100)],
    )


MN = _entity(Label.INDUSTRY, "锰产业", sentence=S_ALLIANCE, aliases=("锰深加工产业",))
MN_ALLIANCE = _entity(Label.ALLIANCE, "锰产业技术创新战略联盟", sentence=S_ALLIANCE)
USTB = _entity(Label.UNIVERSITY, "北京科技大学", aliases=("北科大",))
CSU = _entity(Label.UNIVERSITY, "中南大学")
FENGDA = _entity(Label.ENTERPRISE, "丰达合金")
MN_CENTER = _entity(Label.RESEARCH_CENTER, "锰产业工程技术研究中心")
NEW_MATERIALS = _entity(Label.INDUSTRY, "新材料产业")
JISHOU = _entity(Label.UNIVERSITY, "吉首大学", plan=PLAN_2)
BUREAU = _entity(Label.GOVERNMENT, "湘西自治州科学技术局")
TARGET_HT = _entity(
    Label.TARGET, "认定高新技术企业", sentence=S_TARGET, value=5, unit="家", comparator="="
)
TARGET_RANGE = _entity(
    Label.TARGET,
    "新增省级重点实验室",
    sentence=S_TARGET,
    value=3,
    value_max=4,
    unit="个",
    comparator="=",
)
ENTITIES = [
    PLAN,
    PLAN_2,
    MN,
    MN_ALLIANCE,
    USTB,
    CSU,
    FENGDA,
    MN_CENTER,
    NEW_MATERIALS,
    JISHOU,
    BUREAU,
    TARGET_HT,
    TARGET_RANGE,
]


def _rel(rel_type: RelType, source: Entity, target: Entity, sentence: str = S_CENTER) -> Relation:
    plan = PLAN_2 if PLAN_2 in (source, target) else PLAN
    return Relation.create(rel_type, source.id, target.id, evidence=[_at(plan, sentence, 100)])


RELATIONS = [
    _rel(RelType.SERVES, MN_ALLIANCE, MN, S_ALLIANCE),
    _rel(RelType.SERVES, MN_CENTER, MN),
    _rel(RelType.BUILDS, USTB, MN_CENTER),
    _rel(RelType.BUILDS, CSU, MN_CENTER),
    _rel(RelType.BUILDS, FENGDA, MN_CENTER),
    _rel(RelType.COLLABORATES_WITH, FENGDA, USTB),
    _rel(RelType.PART_OF, MN, NEW_MATERIALS),
    _rel(RelType.ISSUED_BY, PLAN, BUREAU),
    _rel(RelType.PRIORITIZES, PLAN, MN),
    _rel(RelType.SETS_TARGET, PLAN, TARGET_HT, S_TARGET),
    _rel(RelType.SETS_TARGET, PLAN, TARGET_RANGE, S_TARGET),
    *(_rel(RelType.MENTIONS, PLAN, e) for e in ENTITIES if e not in (PLAN, PLAN_2, JISHOU)),
    _rel(RelType.MENTIONS, PLAN_2, JISHOU),
    _rel(RelType.MENTIONS, PLAN_2, MN),
]

# The ids tests refer to, by role.
ids = SimpleNamespace(
    plan=PLAN.id,
    plan_2=PLAN_2.id,
    mn=MN.id,
    alliance=MN_ALLIANCE.id,
    ustb=USTB.id,
    csu=CSU.id,
    fengda=FENGDA.id,
    center=MN_CENTER.id,
    new_materials=NEW_MATERIALS.id,
    jishou=JISHOU.id,
    bureau=BUREAU.id,
    target=TARGET_HT.id,
    target_range=TARGET_RANGE.id,
)


@pytest.fixture
def graph(memory_store: GraphStore) -> GraphStore:
    memory_store.replace_document(
        DocumentRecord(id=DOC, source="seed-plans.txt", sha256="0" * 64, plans=[PLAN.id]),
        GraphBatch(entities=ENTITIES, relations=RELATIONS),
    )
    return memory_store


MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(graph: GraphStore) -> Iterator[MakeClient]:
    """A client over the sample graph with settings changed by keyword (``api_keys=[...]``)."""
    clients: list[TestClient] = []

    def make(**settings: object) -> TestClient:
        app: FastAPI = create_app(Settings(**settings), store=graph)  # type: ignore[arg-type]
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client(api_keys=[API_KEY])
