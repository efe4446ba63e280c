"""Entities: search by name (Chinese or glossary English), one entity, its neighbours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import StoreDep, store_route
from api.explore import timeline_answer
from api.models import (
    Entity,
    EntityDetail,
    EntityPage,
    NeighborPage,
    Timeline,
    neighbor_page,
)
from api.params import (
    MAX_TEXT,
    NEIGHBOR_QUERY_OPENAPI,
    EntityQueryDep,
    NeighborQueryDep,
    PageQueryDep,
)
from api.problems import ProblemError, problem_responses
from api.responses import json_answer
from graph.errors import NotFoundError
from graph.explore import timeline
from graph.search import search_text

router = APIRouter(prefix="/entities", tags=["entities"])

EntityIdPath = Annotated[
    str,
    Path(
        max_length=MAX_TEXT,
        description="Entity id (a plan's id works too)",
        examples=["industry-8f0c2a9f4d1e7b36"],
    ),
]


def no_entity(entity_id: str) -> ProblemError:
    return ProblemError(404, f"no entity with id {entity_id!r}")


@router.get(
    "",
    response_model=EntityPage,
    responses=problem_responses(422),
)
@store_route
def list_entities(store: StoreDep, query: EntityQueryDep) -> EntityPage:
    """Search entities by name and alias."""
    found = search_text(store, query.q, labels=query.label, limit=query.limit, offset=query.offset)
    return EntityPage(items=[Entity.of(e) for e in found.items], total=found.total)


@router.get("/{entity_id}", response_model=EntityDetail, responses=problem_responses(404, 422))
@store_route
def get_entity(store: StoreDep, entity_id: EntityIdPath) -> EntityDetail:
    """One entity with its properties and every sentence that mentions it."""
    entity = store.get_entity(entity_id)
    if entity is None:
        raise no_entity(entity_id)
    return EntityDetail.of(entity)


@router.get(
    "/{entity_id}/neighbors",
    response_model=NeighborPage,
    responses=problem_responses(404, 422),
    openapi_extra=NEIGHBOR_QUERY_OPENAPI,
)
@store_route
def get_neighbors(store: StoreDep, entity_id: EntityIdPath, query: NeighborQueryDep) -> Response:
    """Adjacent entities with the connecting relation and its evidence, by (type, name)."""
    try:
        found = store.neighbor_summaries(
            entity_id,
            types=query.relation,
            direction=query.direction,
            labels=query.label,
            limit=query.limit,
            offset=query.offset,
        )
    except NotFoundError as exc:
        raise no_entity(entity_id) from exc
    return json_answer(neighbor_page(found))


@router.get(
    "/{entity_id}/timeline",
    response_model=Timeline,
    responses=problem_responses(404, 422),
)
@store_route
def get_timeline(store: StoreDep, entity_id: EntityIdPath, query: PageQueryDep) -> Timeline:
    """Every plan naming the entity, oldest first (date of issue, else year; undated last),
    with the sentences naming it there and the relations that plan reads."""
    try:
        entity, entries = timeline(store, entity_id)
    except NotFoundError as exc:
        raise no_entity(entity_id) from exc
    return timeline_answer(store, entity, entries, query)
