"""``/health``: a probe for load balancers and the CLI; always open, even when reads need a key."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep, read_route
from api.models import Health

router = APIRouter(tags=["health"])


@read_route(router, "/health", Health, 503)
def health(graph: ServiceDep) -> Health:
    """Whether the API and its store answer, and how big the graph is."""
    stats = graph.stats()
    return Health(backend=graph.backend, entities=stats.entities, relations=stats.relations)
