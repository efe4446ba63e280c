"""``/health``: a probe for load balancers and the CLI; always open, even when reads need a key."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep, store_route
from api.models import Health
from api.problems import problem_responses

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=problem_responses(503))
@store_route
def health(graph: ServiceDep) -> Health:
    """Whether the API and its store answer, and how big the graph is."""
    stats = graph.stats()
    return Health(backend=graph.backend, entities=stats.entities, relations=stats.relations)
