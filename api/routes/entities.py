"""Entities: search by name (Chinese or glossary English), one entity, its neighbours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import ServiceDep, read_route
from api.explore import timeline_answer
from api.models import Entity, EntityDetail, EntityPage, NeighborPage, Timeline
from api.params import (
    MAX_TEXT,
    NEIGHBOR_QUERY_OPENAPI,
    EntityQueryDep,
    NeighborQueryDep,
    PageQueryDep,
)
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


@read_route(router, "", EntityPage, 422)
def list_entities(graph: ServiceDep, query: EntityQueryDep) -> EntityPage:
    """Search entities by name and alias."""
    found = graph.search(query.q, labels=query.label, limit=query.limit, offset=query.offset)
    return EntityPage(items=[Entity.of(e) for e in found.items], total=found.total)


@read_route(router, "/{entity_id}", EntityDetail, 404, 422)
def get_entity(graph: ServiceDep, entity_id: EntityIdPath) -> EntityDetail:
    """One entity with its properties and every sentence that mentions it."""
    return EntityDetail.of(graph.require_entity(entity_id))


@read_route(
    router, "/{entity_id}/neighbors", NeighborPage, 404, 422, openapi_extra=NEIGHBOR_QUERY_OPENAPI
)
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


@read_route(router, "/{entity_id}/timeline", Timeline, 404, 422)
def get_timeline(graph: ServiceDep, entity_id: EntityIdPath, query: PageQueryDep) -> Timeline:
    """Every plan naming the entity, oldest first (date of issue, else year; undated last),
    with the sentences naming it there and the relations that plan reads."""
    entity, entries = timeline(graph, entity_id)
    return timeline_answer(graph, entity, entries, query)
