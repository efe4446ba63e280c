"""Whole-graph algorithms (brokers, communities) over any backend, through ``GraphService``.

They read the graph once through ``iter_entities``/``iter_relations`` into networkx and
keep the results until the graph changes (``GraphService.memoised``, whose signature is
made of the stats and the ingested documents' digests and times, which every write
that goes through ingest alters).

Plans and Targets are left out: every entity of a plan is one hop from it, so through
them everything would look like a broker, and a Target is a plan's number, not an actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graph.ranking import Scored, best_first
from graph.schema import (
    INSTITUTION_LABELS,
    PLATFORM_LABELS,
    SEMANTIC_TYPES,
    Entity,
    Label,
    RelType,
)
from graph.service import GraphService

BROKER_TYPES: frozenset[RelType] = SEMANTIC_TYPES - {RelType.SETS_TARGET}
EXCLUDED_LABELS: frozenset[Label] = frozenset({Label.PLAN, Label.TARGET})
COMMUNITY_LABELS: frozenset[Label] = INSTITUTION_LABELS | PLATFORM_LABELS | {Label.INDUSTRY}
COMMUNITY_SEED = 42
#: Above this many nodes betweenness is estimated from this many sampled sources (seeded,
#: so the answer is stable); exact betweenness is O(V·E).
EXACT_BETWEENNESS_MAX_NODES = 2000
BETWEENNESS_SAMPLES = 500


@dataclass(frozen=True)
class Community:
    id: int
    members: list[Entity]


@dataclass
class _Snapshot:
    entities: dict[str, Entity]
    graph: nx.Graph


def _build(service: GraphService) -> _Snapshot:
    entities = {
        e.id: e
        for e in sorted(service.iter_entities(), key=lambda e: e.id)
        if e.label not in EXCLUDED_LABELS
    }
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(entities)
    edges = sorted(
        (r.source, r.target)
        for r in service.iter_relations()
        if r.type in BROKER_TYPES
        and r.source in entities
        and r.target in entities
        and r.source != r.target
    )
    graph.add_edges_from(edges)
    return _Snapshot(entities=entities, graph=graph)


def _snapshot(service: GraphService) -> _Snapshot:
    return service.memoised("analytics.snapshot", _build)


def _betweenness(graph: nx.Graph) -> list[tuple[str, float]]:
    n = graph.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_MAX_NODES else BETWEENNESS_SAMPLES
    scores: dict[str, float] = nx.betweenness_centrality(graph, k=k, normalized=True, seed=0)
    ranked = [(node, score) for node, score in scores.items() if score > 0]
    return ranked


def brokers(
    graph: GraphService, *, labels: Sequence[Label] | None = None, limit: int = 20
) -> tuple[list[Scored], int]:
    """Entities that most often lie on shortest paths between others, best first.

    Returns the top ``limit`` (of ``labels``, if given) and how many ranked in all.
    """
    snap = _snapshot(graph)
    ranked = graph.memoised("analytics.brokers", lambda g: _betweenness(_snapshot(g).graph))
    wanted = set(labels) if labels else None
    chosen = best_first(
        Scored(entity=snap.entities[node], score=score)
        for node, score in ranked
        if wanted is None or snap.entities[node].label in wanted
    )
    return chosen[:limit], len(chosen)


def _communities(snap: _Snapshot) -> list[list[str]]:
    nodes = [n for n, e in snap.entities.items() if e.label in COMMUNITY_LABELS]
    sub = snap.graph.subgraph(nodes)
    found = nx.community.louvain_communities(sub, seed=COMMUNITY_SEED)
    groups = []
    for group in found:
        if len(group) < 2:
            continue
        members = sorted(group, key=lambda n: (-sub.degree(n), snap.entities[n].name, n))
        groups.append(members)
    groups.sort(key=lambda g: (-len(g), snap.entities[g[0]].name, g[0]))
    return groups


def communities(graph: GraphService, *, limit: int = 20) -> tuple[list[Community], int]:
    """Groups of institutions, platforms and industries that work together, largest first.

    Louvain modularity with a fixed seed, so the same graph gives the same groups;
    members are ordered by how connected they are within the group. Singletons are left
    out. Returns the first ``limit`` communities and how many there are.
    """
    snap = _snapshot(graph)
    groups = graph.memoised("analytics.communities", lambda g: _communities(_snapshot(g)))
    return [
        Community(id=i, members=[snap.entities[n] for n in group])
        for i, group in enumerate(groups[:limit])
    ], len(groups)
