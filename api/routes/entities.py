"""Entities: search by name (Chinese or glossary English), one entity, its neighbours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import ServiceDep, store_route
from api.explore import timeline_answer
from api.models import Entity, EntityDetail, EntityPage, NeighborPage, Timeline
from api.params import (
    MAX_TEXT,
    NEIGHBOR_QUERY_OPENAPI,
    EntityQueryDep,
    NeighborQueryDep,
    PageQueryDep,
)
from api.problems import problem_responses
from api.responses import model_answer
from graph.explore import timeline

router = APIRouter(prefix="/entities", tags=["entities"])

EntityIdPath = Annotated[
    str,
    Path(
        max_length=MAX_TEXT,
        description="Entity id (a plan's id works too)",
        examples=["industry-8f0c2a9f4d1e7b36"],
    ),
]


@router.get(
    "",
    response_model=EntityPage,
    responses=problem_responses(422),
)
@store_route
def list_entities(graph: ServiceDep, query: EntityQueryDep) -> EntityPage:
    """Search entities by name and alias."""
    found = graph.search(query.q, labels=query.label, limit=query.limit, offset=query.offset)
    return EntityPage(items=[Entity.of(e) for e in found.items], total=found.total)


@router.get("/{entity_id}", response_model=EntityDetail, responses=problem_responses(404, 422))
@store_route
def get_entity(graph: ServiceDep, entity_id: EntityIdPath) -> EntityDetail:
    """One entity with its properties and every sentence that mentions it."""
    return EntityDetail.of(graph.require_entity(entity_id))


@router.get(
    "/{entity_id}/neighbors",
    response_model=NeighborPage,
    responses=problem_responses(404, 422),
    openapi_extra=NEIGHBOR_QUERY_OPENAPI,
)
@store_route
def get_neighbors(graph: ServiceDep, entity_id: EntityIdPath, query: NeighborQueryDep) -> Response:
    """Adjacent entities with the connecting relation and its evidence, by (type, name)."""
    return model_answer(
        graph.neighbors(
            entity_id,
            types=query.relation,
            direction=query.direction,
            labels=query.label,
            limit=query.limit,
            offset=query.offset,
        )
    )


@router.get(
    "/{entity_id}/timeline",
    response_model=Timeline,
    responses=problem_responses(404, 422),
)
@store_route
def get_timeline(graph: ServiceDep, entity_id: EntityIdPath, query: PageQueryDep) -> Timeline:
    """Every plan naming the entity, oldest first (date of issue, else year; undated last),
    with the sentences naming it there and the relations that plan reads."""
    entity, entries = timeline(graph, entity_id)
    return timeline_answer(graph, entity, entries, query)
