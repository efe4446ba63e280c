"""Questions across plans, answered through ``GraphService``: how plans compare, when
an entity appears in which plan, and an overview of the whole graph.

Nothing here knows which store it has. Plan comparison and timelines read the plans'
MENTIONS and the entities' neighbours; the overview reads the graph once and keeps the
result until the graph changes (``GraphService.memoised``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from graph.answers import Entity as EntityCard
from graph.answers import Evidence
from graph.errors import InvalidQueryError, NotFoundError
from graph.ranking import Scored, best_first
from graph.schema import (
    INSTITUTION_LABELS,
    PLATFORM_LABELS,
    SEMANTIC_TYPES,
    Direction,
    Entity,
    Label,
    PropertyValue,
    Provenance,
    RelType,
)
from graph.service import GraphService

#: Plans one comparison may take.
MAX_COMPARED_PLANS = 6
#: Entities read of one compared plan (the largest real plans name about 600).
MAX_PLAN_NODES = 5000
#: Evidence sentences kept per plan and item in a comparison or timeline.
EVIDENCE_PER_PLAN = 3
#: The plan itself as a relation's end, so plans' own relations compare across plans.
THE_PLAN = "plan"
#: Relations a comparison or timeline reports: everything but provenance.
FACT_TYPES: frozenset[RelType] = SEMANTIC_TYPES
#: Labels compared as entities (targets are paired by metric, plans are the subject).
COMPARED_LABELS: tuple[Label, ...] = tuple(
    label for label in Label if label not in (Label.PLAN, Label.TARGET)
)
#: Labels the overview ranks by connections.
CONNECTED_LABELS: frozenset[Label] = INSTITUTION_LABELS | PLATFORM_LABELS


# -- plan dates ------------------------------------------------------------------------------


def plan_year(value: PropertyValue) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def plan_date(plan: Entity) -> str:
    """The ISO date of issue, else the year alone (which sorts before that year's dates)."""
    issued = plan.properties.get("issued")
    if isinstance(issued, str) and issued:
        return issued
    year = plan_year(plan.properties.get("year"))
    return f"{year:04d}" if year is not None else ""


def plan_title(plan: Entity) -> str:
    title = plan.properties.get("title")
    return title if isinstance(title, str) and title else plan.name


def require_plans(graph: GraphService, plan_ids: Sequence[str]) -> list[Entity]:
    """The plans, in the given order; an unknown id or a non-plan is ``NotFoundError``."""
    if not 2 <= len(plan_ids) <= MAX_COMPARED_PLANS:
        raise InvalidQueryError(f"compare 2 to {MAX_COMPARED_PLANS} plans, not {len(plan_ids)}")
    if len(set(plan_ids)) != len(plan_ids):
        raise InvalidQueryError("each plan may be named once")
    found = {e.id: e for e in graph.get_entities(plan_ids)}
    return [_plan(found.get(p), p) for p in plan_ids]


def require_plan(graph: GraphService, plan_id: str) -> Entity:
    """The plan; an unknown id or a non-plan is ``NotFoundError``."""
    return _plan(graph.get_entity(plan_id), plan_id)


def _plan(entity: Entity | None, plan_id: str) -> Entity:
    if entity is None or entity.label != Label.PLAN:
        raise NotFoundError(f"no plan with id {plan_id!r}")
    return entity


def _from_plan(evidence: Iterable[Provenance], plan_id: str) -> list[Provenance]:
    return [p for p in evidence if p.plan == plan_id][:EVIDENCE_PER_PLAN]


# -- comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compared:
    """One entity or relation and the evidence of each compared plan that names it."""

    key: tuple[str, ...]
    evidence: dict[str, list[Provenance]]

    @property
    def plans(self) -> list[str]:
        return list(self.evidence)


@dataclass(frozen=True)
class Split:
    """Items named by every plan, by some (3+ plans), and by one plan only."""

    shared: list[Compared]
    some: list[Compared]
    only: dict[str, list[Compared]]


@dataclass(frozen=True)
class TargetPair:
    """The targets of one metric, one per plan that sets it (the first, if several)."""

    metric: str
    targets: dict[str, Entity]
    evidence: dict[str, list[Provenance]]


@dataclass
class Comparison:
    """Plans side by side; ``names`` holds every entity the keys refer to, by id."""

    plans: list[Entity]
    entities: dict[Label, Split]
    targets: list[TargetPair]
    relations: Split
    names: dict[str, Entity] = field(default_factory=dict)


def _split(found: dict[str, dict[tuple[str, ...], list[Provenance]]], plan_ids: list[str]) -> Split:
    """Group keys by which plans name them, each group ordered by key."""
    by_key: dict[tuple[str, ...], dict[str, list[Provenance]]] = defaultdict(dict)
    for plan_id in plan_ids:
        for key, evidence in found.get(plan_id, {}).items():
            by_key[key][plan_id] = evidence
    shared: list[Compared] = []
    some: list[Compared] = []
    only: dict[str, list[Compared]] = {p: [] for p in plan_ids}
    for key in sorted(by_key):
        item = Compared(key=key, evidence=by_key[key])
        if len(item.evidence) == len(plan_ids):
            shared.append(item)
        elif len(item.evidence) == 1:
            only[item.plans[0]].append(item)
        else:
            some.append(item)
    return Split(shared=shared, some=some, only=only)


def _metric(target: Entity) -> str:
    metric = target.properties.get("metric")
    return metric if isinstance(metric, str) and metric else target.name


def compare_plans(graph: GraphService, plan_ids: Sequence[str]) -> Comparison:
    """What the plans share and what only one names: entities per label, targets paired
    by metric, relations (a plan's own relations with the plan as ``THE_PLAN``)."""
    plans = require_plans(graph, plan_ids)
    ids = [p.id for p in plans]
    names: dict[str, Entity] = {}
    entities: dict[Label, dict[str, dict[tuple[str, ...], list[Provenance]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    targets: dict[str, dict[str, tuple[Entity, list[Provenance]]]] = defaultdict(dict)
    relations: dict[str, dict[tuple[str, ...], list[Provenance]]] = defaultdict(dict)
    for plan in plans:
        # One read per plan: the plan, everything it names, and the relations among them
        # (a relation read in a plan joins two entities the plan names).
        part = graph.subgraph(plan.id, depth=1, max_nodes=MAX_PLAN_NODES)
        entity_of = {e.id: e for e in part.nodes}
        names.update(entity_of)
        for rel in part.relations:
            if rel.source == plan.id and rel.type in (RelType.MENTIONS, RelType.SETS_TARGET):
                entity = entity_of[rel.target]
                if rel.type == RelType.SETS_TARGET:
                    targets[_metric(entity)].setdefault(
                        plan.id, (entity, rel.evidence[:EVIDENCE_PER_PLAN])
                    )
                elif entity.label in COMPARED_LABELS:
                    entities[entity.label][plan.id][(entity.id,)] = (
                        _from_plan(entity.mentions, plan.id) or rel.evidence[:EVIDENCE_PER_PLAN]
                    )
                continue
            if rel.type not in FACT_TYPES:
                continue
            evidence = _from_plan(rel.evidence, plan.id)
            if evidence:
                source = THE_PLAN if rel.source == plan.id else rel.source
                target = THE_PLAN if rel.target == plan.id else rel.target
                relations[plan.id][(str(rel.type), source, target)] = evidence
    return Comparison(
        plans=plans,
        entities={
            label: _split(entities[label], ids) for label in COMPARED_LABELS if label in entities
        },
        targets=[
            TargetPair(
                metric=metric,
                targets={p: found[p][0] for p in ids if p in found},
                evidence={p: found[p][1] for p in ids if p in found},
            )
            for metric, found in sorted(targets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
        relations=_split(relations, ids),
        names=names,
    )


# -- timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineFact:
    type: RelType
    direction: Literal["out", "in"]  # "out": the entity is the source
    other: EntityCard
    evidence: list[Evidence]


@dataclass(frozen=True)
class TimelineEntry:
    plan: Entity
    date: str
    mentions: list[Provenance]
    relations: list[TimelineFact]


def timeline(graph: GraphService, entity_id: str) -> tuple[Entity, list[TimelineEntry]]:
    """Every plan that names the entity, oldest first (undated last), with the sentences
    that plan says of it and the relations it reads there."""
    entity = graph.get_entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    mentions: dict[str, list[Provenance]] = defaultdict(list)
    for p in entity.mentions:
        if p.plan:
            mentions[p.plan].append(p)
    facts: dict[str, list[TimelineFact]] = defaultdict(list)
    for n in graph.iter_neighbors(entity_id, types=_TIMELINE_TYPES, direction=Direction.BOTH):
        by_plan: dict[str, list[Evidence]] = defaultdict(list)
        for said in n.relation.evidence:
            if said.plan:
                by_plan[said.plan].append(said)
        for plan_id, evidence in by_plan.items():
            facts[plan_id].append(
                TimelineFact(
                    n.relation.type, n.relation.direction, n.entity, evidence[:EVIDENCE_PER_PLAN]
                )
            )
    plan_ids = sorted(set(mentions) | set(facts) - {entity_id})
    plans = [p for p in graph.get_entities(plan_ids) if p.label == Label.PLAN]
    entries = [
        TimelineEntry(
            plan=plan,
            date=plan_date(plan),
            mentions=mentions.get(plan.id, [])[:EVIDENCE_PER_PLAN],
            relations=facts.get(plan.id, []),
        )
        for plan in plans
    ]
    entries.sort(key=lambda e: (e.date == "", e.date, plan_title(e.plan), e.plan.id))
    return entity, entries


_TIMELINE_TYPES: list[RelType] = sorted(FACT_TYPES)


# -- overview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    by_label: dict[str, int]
    by_type: dict[str, int]
    plans_by_year: list[tuple[str, int]]
    plans_by_province: list[tuple[str, int]]
    top_industries: list[Scored]  # score: plans that prioritise the industry
    top_connected: list[Scored]  # score: relations other than MENTIONS


OVERVIEW_TOP = 15


def province_of(plan: Entity) -> str | None:
    """The province-level region a plan covers (its region, or the enclosing province)."""
    props = plan.properties
    region = props.get("region")
    level = props.get("region_level")
    if isinstance(region, str) and region and level == "province":
        return region
    parents = props.get("region_parents")
    if isinstance(parents, list):
        for name in parents:
            if isinstance(name, str) and name.endswith(_PROVINCE_ENDINGS):
                return name
    if level == "country":
        return "全国"
    return None


_PROVINCE_ENDINGS = ("省", "自治区", "北京市", "天津市", "上海市", "重庆市", "特别行政区")


def _id_may_be(entity_id: str, labels: frozenset[Label]) -> bool:
    """False only when the id's prefix (``graph.schema.entity_id``) names another label."""
    prefix = entity_id.partition("-")[0]
    known = _ID_PREFIXES.get(prefix)
    return known is None or known in labels


_ID_PREFIXES = {str(label).lower(): label for label in Label}


def _ranked(
    graph: GraphService, counts: Mapping[str, int], labels: frozenset[Label]
) -> list[Scored]:
    """The ``OVERVIEW_TOP`` entities of ``labels`` with the highest positive counts; only
    the best candidates are read from the graph."""
    candidates = sorted(
        (i for i, n in counts.items() if n > 0 and _id_may_be(i, labels)),
        key=lambda i: -counts[i],
    )[: OVERVIEW_TOP * 4]
    found = [Scored(e, counts[e.id]) for e in graph.get_entities(candidates) if e.label in labels]
    return best_first(found)[:OVERVIEW_TOP]


def _build_overview(graph: GraphService) -> Overview:
    stats = graph.stats()
    plans = graph.plans()
    years = Counter(str(y) for p in plans if (y := plan_year(p.properties.get("year"))))
    provinces = Counter(prov for p in plans if (prov := province_of(p)))
    prioritised: dict[str, set[str]] = defaultdict(set)
    degree: Counter[str] = Counter()
    for rel in graph.iter_relations():
        if rel.type == RelType.MENTIONS:
            continue
        degree[rel.source] += 1
        degree[rel.target] += 1
        if rel.type == RelType.PRIORITIZES:
            prioritised[rel.target].update(p.plan for p in rel.evidence if p.plan)
            prioritised[rel.target].add(rel.source)
    plan_ids = {p.id for p in plans}
    top_industries = _ranked(
        graph,
        {i: len(by & plan_ids) for i, by in prioritised.items()},
        frozenset({Label.INDUSTRY}),
    )
    top_connected = _ranked(graph, degree, CONNECTED_LABELS)
    return Overview(
        by_label=dict(sorted(stats.by_label.items(), key=lambda kv: -kv[1])),
        by_type=dict(sorted(stats.by_type.items(), key=lambda kv: -kv[1])),
        plans_by_year=sorted(years.items()),
        plans_by_province=provinces.most_common(),
        top_industries=top_industries,
        top_connected=top_connected,
    )


def overview(graph: GraphService) -> Overview:
    """The overview, computed once per state of the graph."""
    return graph.memoised("explore.overview", _build_overview)
