"""Plans: the list (filtered by year, region, genre and issuer, sorted by date), one plan
with its metadata, the evidence of each field and what it mentions, and its targets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.deps import StoreDep, store_route
from api.models import PlanDetail, PlanPage, PlanSummary, TargetItem, TargetPage, evidence_list
from api.params import MAX_TEXT, PageQuery, PageQueryDep
from api.plan_query import PlanQuery
from api.problems import ProblemError, problem_responses
from graph.schema import Direction, Entity, Label, Neighbor, PropertyValue, RelType
from graph.store import GraphStore

router = APIRouter(prefix="/plans", tags=["plans"])

PlanIdPath = Annotated[
    str, Path(max_length=MAX_TEXT, description="Plan entity id", examples=["plan-1b7e0d3c5a9f2e41"])
]
_CHUNK = 500
PlanQueryDep = Annotated[PlanQuery, Depends(PlanQuery.from_request)]
#: Plan properties copied as they are into a summary (strings), and the one flag.
_TEXT_FIELDS = ("genre", "doc_number", "issued", "notice_title", "effective_from", "valid_until")
_EVIDENCE_SUFFIX = "_evidence"


def iter_neighbors(
    store: GraphStore,
    entity_id: str,
    *,
    types: Sequence[RelType],
    direction: Direction = Direction.OUT,
    labels: Sequence[Label] | None = None,
) -> Iterator[Neighbor]:
    """Every neighbour, fetched page by page so no single answer is unbounded."""
    offset = 0
    while True:
        page = store.neighbors(
            entity_id, types=types, direction=direction, labels=labels, limit=_CHUNK, offset=offset
        )
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def _text(value: PropertyValue) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: PropertyValue) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def _linked_name(store: GraphStore, plan_id: str, rel_type: RelType) -> str | None:
    page = store.neighbors(plan_id, types=[rel_type], direction=Direction.OUT, limit=1)
    return page.items[0].entity.name if page.items else None


def plan_summary(store: GraphStore, plan: Entity) -> PlanSummary:
    """The plan's metadata from its properties; region and issuer else from its edges."""
    props = plan.properties
    year = _number(props.get("year"))
    region = _text(props.get("region")) or _linked_name(store, plan.id, RelType.COVERS)
    issuers = [v for v in _list(props.get("issuers")) if v]
    issuer = (
        _text(props.get("issuer"))
        or (issuers[0] if issuers else None)
        or _linked_name(store, plan.id, RelType.ISSUED_BY)
    )
    return PlanSummary(
        id=plan.id,
        title=_text(props.get("title")) or plan.name,
        year=int(year) if year is not None else None,
        region=region,
        issuer=issuer,
        issuers=issuers or ([issuer] if issuer else []),
        region_level=_text(props.get("region_level")),
        trial=props.get("trial") is True,
        **{field: _text(props.get(field)) for field in _TEXT_FIELDS},
    )


def plan_evidence(plan: Entity) -> dict[str, str]:
    """Per metadata field, the text it was read from or the note of how it was inferred."""
    evidence = {
        key.removesuffix(_EVIDENCE_SUFFIX): value
        for key, value in sorted(plan.properties.items())
        if key.endswith(_EVIDENCE_SUFFIX) and isinstance(value, str)
    }
    note = _text(plan.properties.get("region_note"))
    if note:
        evidence["region"] = note
    return evidence


def _list(value: PropertyValue) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def get_plan_entity(store: GraphStore, plan_id: str) -> Entity:
    entity = store.get_entity(plan_id)
    if entity is None or entity.label != Label.PLAN:
        raise ProblemError(404, f"no plan with id {plan_id!r}")
    return entity


@router.get(
    "",
    response_model=PlanPage,
    responses=problem_responses(422),
    openapi_extra=PlanQuery.openapi(),
)
@store_route
def list_plans(store: StoreDep, query: PlanQueryDep) -> PlanPage:
    """The plans issued between year_from and year_to, in a region (a province takes in
    its cities and counties), of a genre, by an issuer; oldest first unless sorted else."""
    plans = query.select(store.plans())
    return PlanPage(
        items=[plan_summary(store, p) for p in query.window(plans)],
        total=len(plans),
    )


@router.get("/{plan_id}", response_model=PlanDetail, responses=problem_responses(404, 422))
@store_route
def get_plan(store: StoreDep, plan_id: PlanIdPath) -> PlanDetail:
    """One plan, its metadata with the evidence of each field, and how many entities of
    each label it mentions."""
    plan = get_plan_entity(store, plan_id)
    counts = Counter(
        str(n.entity.label) for n in iter_neighbors(store, plan_id, types=[RelType.MENTIONS])
    )
    return PlanDetail(
        **plan_summary(store, plan).model_dump(),
        counts=dict(sorted(counts.items())),
        evidence=plan_evidence(plan),
    )


@router.get(
    "/{plan_id}/targets",
    response_model=TargetPage,
    responses=problem_responses(404, 422),
    openapi_extra=PageQuery.openapi(),
)
@store_route
def get_plan_targets(store: StoreDep, plan_id: PlanIdPath, query: PageQueryDep) -> TargetPage:
    """The plan's quantified goals (SETS_TARGET) with value, unit and comparator."""
    get_plan_entity(store, plan_id)
    found = store.neighbors(
        plan_id,
        types=[RelType.SETS_TARGET],
        direction=Direction.OUT,
        labels=[Label.TARGET],
        limit=query.limit,
        offset=query.offset,
    )
    return TargetPage(
        items=[
            TargetItem(
                id=n.entity.id,
                name=n.entity.name,
                value=_number(n.entity.properties.get("value")),
                unit=_text(n.entity.properties.get("unit")),
                comparator=_text(n.entity.properties.get("comparator")),
                value_max=_number(n.entity.properties.get("value_max")),
                evidence=evidence_list(n.relation.evidence),
            )
            for n in found.items
        ],
        total=found.total,
    )
