"""``/paths``: how two entities are connected, shortest first."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep, read_route
from api.models import Entity, PathItem, PathRelation, PathsAnswer
from api.params import PathQueryDep
from api.problems import ProblemError
from graph.schema import RelType
from graph.service import GraphService

router = APIRouter(tags=["paths"])


def resolve_entity(graph: GraphService, ref: str, param: str) -> str:
    """An id as is; otherwise the one entity whose name or alias is exactly ``ref``."""
    if graph.get_entity(ref) is not None:
        return ref
    matches = graph.exact_matches(ref)
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise ProblemError(
            404,
            f"{param}: no entity has the id or exact name {ref!r}; "
            "find its id with /api/v1/entities?q=...",
        )
    shown = ", ".join(f"{e.id} ({e.label}: {e.name})" for e in matches[:10])
    raise ProblemError(404, f"{param}: {ref!r} names {len(matches)} entities; pass one id: {shown}")


@read_route(router, "/paths", PathsAnswer, 404, 422)
def get_paths(graph: ServiceDep, query: PathQueryDep) -> PathsAnswer:
    """Simple undirected paths between two entities, shortest first."""
    source_id = resolve_entity(graph, query.source, "source")
    target_id = resolve_entity(graph, query.target, "target")
    types = list(RelType) if query.include_mentions else None
    found = graph.paths(
        source_id, target_id, max_hops=query.max_hops, types=types, limit=query.limit
    )
    return PathsAnswer(
        paths=[
            PathItem(
                nodes=[Entity.of(n) for n in p.nodes],
                relations=[
                    PathRelation(type=r.type, source=r.source, target=r.target) for r in p.relations
                ],
            )
            for p in found
        ],
        total=len(found),
    )
