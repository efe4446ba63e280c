"""Which nodes a capped neighbourhood view keeps: one rule for every store.

A store gathers the neighbourhood (nodes within ``depth`` hops and the relations
among them); ``select_subgraph`` then applies the cap the same way everywhere, so two
backends draw the same picture of the same graph.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

from graph.schema import Entity, Relation, Subgraph


def hop_distances(anchor: str, relations: Iterable[Relation]) -> dict[str, int]:
    """Undirected breadth-first distance of every node reachable from ``anchor``."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        adjacent[relation.source].add(relation.target)
        adjacent[relation.target].add(relation.source)
    distance = {anchor: 0}
    queue = deque([anchor])
    while queue:
        node = queue.popleft()
        for other in sorted(adjacent[node]):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


def select_subgraph(
    anchor: str,
    entities: Sequence[Entity],
    relations: Sequence[Relation],
    *,
    max_nodes: int,
) -> Subgraph:
    """Keep the anchor, then the nearest nodes, the most connected first among equals.

    ``entities`` and ``relations`` are the whole neighbourhood; distance and degree are
    measured within it. Ties are broken by id so the choice is deterministic.
    """
    distance = hop_distances(anchor, relations)
    degree: dict[str, int] = defaultdict(int)
    for relation in relations:
        degree[relation.source] += 1
        degree[relation.target] += 1
    by_id = {e.id: e for e in entities if e.id in distance}
    ranked = sorted(
        by_id,
        key=lambda i: (i != anchor, distance[i], -degree[i], i),
    )
    kept_ids = ranked[: max(max_nodes, 1)]
    kept = set(kept_ids)
    return Subgraph(
        nodes=[by_id[i] for i in kept_ids],
        relations=[r for r in relations if r.source in kept and r.target in kept],
        omitted=len(ranked) - len(kept_ids),
    )
