"""Two of Jiangsu's plans, 2010 and 2013, built by hand so comparisons and timelines
have known answers: what both name, what each alone names, a target set by both with
different values, and relations read in one plan only."""

from __future__ import annotations

from types import SimpleNamespace

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

DOC = "doc-jiangsu"


def _plan(year: int, issued: str | None) -> Entity:
    title = f"{year}年江苏省科技工作要点"
    props: dict[str, object] = {
        "title": title,
        "year": year,
        "region": "江苏省",
        "region_level": "province",
        "genre": "工作要点",
    }
    if issued:
        props["issued"] = issued
    return Entity.create(Label.PLAN, title, properties=props)  # type: ignore[arg-type]


JS_2010 = _plan(2010, "2010-02-20")
JS_2013 = _plan(2013, None)  # undated but for its year


def said(plan: Entity, sentence: str) -> Provenance:
    return Provenance(document=DOC, plan=plan.id, sentence=sentence, start=0, end=len(sentence))


def _named(
    label: Label, name: str, *plans: Entity, key: str | None = None, **props: object
) -> Entity:
    return Entity.create(
        label,
        name,
        key=key,
        properties=dict(props),  # type: ignore[arg-type]
        mentions=[said(p, f"{p.name}说{name}") for p in plans],
    )


IOT = _named(Label.INDUSTRY, "物联网", JS_2010, JS_2013)
NEW_ENERGY = _named(Label.INDUSTRY, "新能源", JS_2010)
CHIPS = _named(Label.INDUSTRY, "集成电路", JS_2013)
NJU = _named(Label.UNIVERSITY, "南京大学", JS_2010, JS_2013)
SEU = _named(Label.UNIVERSITY, "东南大学", JS_2010, JS_2013)
IOT_ALLIANCE = _named(Label.ALLIANCE, "物联网产业技术创新战略联盟", JS_2013)
HT_2010 = _named(
    Label.TARGET, "新增高新技术企业", JS_2010, key="ht-2010", value=35, unit="家", comparator="="
)
HT_2013 = _named(
    Label.TARGET, "新增高新技术企业", JS_2013, key="ht-2013", value=100, unit="家", comparator="="
)
PATENTS = _named(
    Label.TARGET, "发明专利授权", JS_2013, key="pat-2013", value=2, unit="万件", comparator=">="
)
MENTIONED = [
    (JS_2010, [IOT, NEW_ENERGY, NJU, SEU]),
    (JS_2013, [IOT, CHIPS, NJU, SEU, IOT_ALLIANCE]),
]


def _rel(rel_type: RelType, source: Entity, target: Entity, *plans: Entity) -> Relation:
    return Relation.create(
        rel_type,
        source.id,
        target.id,
        evidence=[said(p, f"{p.name}:{source.name}{rel_type}{target.name}") for p in plans],
    )


RELATIONS = [
    *(_rel(RelType.MENTIONS, plan, e, plan) for plan, named in MENTIONED for e in named),
    _rel(RelType.PRIORITIZES, JS_2010, IOT, JS_2010),
    _rel(RelType.PRIORITIZES, JS_2013, IOT, JS_2013),
    _rel(RelType.PRIORITIZES, JS_2010, NEW_ENERGY, JS_2010),
    _rel(RelType.PRIORITIZES, JS_2013, CHIPS, JS_2013),
    _rel(RelType.SETS_TARGET, JS_2010, HT_2010, JS_2010),
    _rel(RelType.SETS_TARGET, JS_2013, HT_2013, JS_2013),
    _rel(RelType.SETS_TARGET, JS_2013, PATENTS, JS_2013),
    _rel(RelType.SERVES, IOT_ALLIANCE, IOT, JS_2013),
    _rel(RelType.COLLABORATES_WITH, NJU, SEU, JS_2010, JS_2013),
    _rel(RelType.BUILDS, NJU, IOT_ALLIANCE, JS_2013),
]
ENTITIES = [
    JS_2010,
    JS_2013,
    IOT,
    NEW_ENERGY,
    CHIPS,
    NJU,
    SEU,
    IOT_ALLIANCE,
    HT_2010,
    HT_2013,
    PATENTS,
]

ids = SimpleNamespace(
    js_2010=JS_2010.id,
    js_2013=JS_2013.id,
    iot=IOT.id,
    new_energy=NEW_ENERGY.id,
    chips=CHIPS.id,
    nju=NJU.id,
    seu=SEU.id,
    alliance=IOT_ALLIANCE.id,
)


def load(store: GraphStore) -> GraphStore:
    store.replace_document(
        DocumentRecord(
            id=DOC, source="jiangsu.txt", sha256="1" * 64, plans=[JS_2010.id, JS_2013.id]
        ),
        GraphBatch(entities=ENTITIES, relations=RELATIONS),
    )
    return store
