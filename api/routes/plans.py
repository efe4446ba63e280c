"""Plans: the list (filtered by year, region, genre and issuer, sorted by date), one plan
with its metadata, the evidence of each field and what it mentions, and its targets."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import ServiceDep, read_route
from api.explore import comparison_answer
from api.models import PlanComparison, PlanDetail, PlanPage, TargetPage
from api.params import MAX_TEXT, CompareQueryDep, PageQueryDep
from api.plan_query import PlanQuery
from api.summaries import plan_evidence, plan_summary, target_item
from graph import explore
from graph.explore import require_plan
from graph.schema import Direction, Label, RelType

router = APIRouter(prefix="/plans", tags=["plans"])

PlanIdPath = Annotated[
    str, Path(max_length=MAX_TEXT, description="Plan entity id", examples=["plan-1b7e0d3c5a9f2e41"])
]
PlanQueryDep = Annotated[PlanQuery, Query()]


@read_route(router, "", PlanPage, 422)
def list_plans(graph: ServiceDep, query: PlanQueryDep) -> PlanPage:
    """The plans issued between year_from and year_to, in a region (a province takes in
    its cities and counties), of a genre, by an issuer; oldest first unless sorted else."""
    plans = query.select(graph.plans())
    return PlanPage(
        items=[plan_summary(graph, p) for p in query.window(plans)],
        total=len(plans),
    )


@read_route(router, "/compare", PlanComparison, 404, 422)
def compare_plans(graph: ServiceDep, query: CompareQueryDep) -> PlanComparison:
    """What the plans share and what only one names: entities per label with evidence,
    targets paired by metric with the values side by side, and relations present in one
    plan and not another. Every list is paged by ``limit`` and ``offset``."""
    return comparison_answer(graph, explore.compare_plans(graph, query.plans), query)


@read_route(router, "/{plan_id}", PlanDetail, 404, 422)
def get_plan(graph: ServiceDep, plan_id: PlanIdPath) -> PlanDetail:
    """One plan, its metadata with the evidence of each field, and how many entities of
    each label it mentions."""
    plan = require_plan(graph, plan_id)
    counts = Counter(
        str(n.entity.label) for n in graph.iter_neighbors(plan_id, types=[RelType.MENTIONS])
    )
    return PlanDetail(
        **plan_summary(graph, plan).model_dump(),
        counts=dict(sorted(counts.items())),
        evidence=plan_evidence(plan),
    )


@read_route(router, "/{plan_id}/targets", TargetPage, 404, 422)
def get_plan_targets(graph: ServiceDep, plan_id: PlanIdPath, query: PageQueryDep) -> TargetPage:
    """The plan's quantified goals (SETS_TARGET) with value, unit and comparator."""
    require_plan(graph, plan_id)
    found = graph.neighbors(
        plan_id,
        types=[RelType.SETS_TARGET],
        direction=Direction.OUT,
        labels=[Label.TARGET],
        limit=query.limit,
        offset=query.offset,
    )
    targets = {t.id: t for t in graph.get_entities([n.entity.id for n in found.items])}
    return TargetPage(
        items=[
            target_item(targets[n.entity.id], n.relation.evidence)
            for n in found.items
            if n.entity.id in targets
        ],
        total=found.total,
    )
