"""Whole-graph algorithms (brokers, communities) over any ``GraphStore``.

They read the graph once through ``iter_entities``/``iter_relations`` into networkx and
keep the results until the store changes. "Changes" is judged by a signature made of
``store.stats()`` and the ingested documents' digests and times, which every write that
goes through ingest alters; it costs two cheap reads per request instead of a protocol
method.

Plans and Targets are left out: every entity of a plan is one hop from it, so through
them everything would look like a broker, and a Target is a plan's number, not an actor.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from graph.schema import (
    INSTITUTION_LABELS,
    PLATFORM_LABELS,
    SEMANTIC_TYPES,
    Entity,
    Label,
    RelType,
)
from graph.store import GraphStore

BROKER_TYPES: frozenset[RelType] = SEMANTIC_TYPES - {RelType.SETS_TARGET}
EXCLUDED_LABELS: frozenset[Label] = frozenset({Label.PLAN, Label.TARGET})
COMMUNITY_LABELS: frozenset[Label] = INSTITUTION_LABELS | PLATFORM_LABELS | {Label.INDUSTRY}
COMMUNITY_SEED = 42
#: Above this many nodes betweenness is estimated from this many sampled sources (seeded,
#: so the answer is stable); exact betweenness is O(V·E).
EXACT_BETWEENNESS_MAX_NODES = 2000
BETWEENNESS_SAMPLES = 500


@dataclass(frozen=True)
class Broker:
    entity: Entity
    score: float


@dataclass(frozen=True)
class Community:
    id: int
    members: list[Entity]


@dataclass
class _Snapshot:
    signature: str
    entities: dict[str, Entity]
    graph: nx.Graph
    brokers: list[tuple[str, float]] | None = None
    communities: list[list[str]] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


_snapshots: weakref.WeakKeyDictionary[GraphStore, _Snapshot] = weakref.WeakKeyDictionary()
_snapshots_lock = threading.Lock()


def graph_signature(store: GraphStore) -> str:
    """Changes whenever a write that the store records alters the graph."""
    docs = sorted((d.id, d.sha256, d.ingested_at) for d in store.documents())
    return f"{store.stats().model_dump_json()}|{docs!r}"


def _build(store: GraphStore, signature: str) -> _Snapshot:
    entities = {
        e.id: e
        for e in sorted(store.iter_entities(), key=lambda e: e.id)
        if e.label not in EXCLUDED_LABELS
    }
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(entities)
    edges = sorted(
        (r.source, r.target)
        for r in store.iter_relations()
        if r.type in BROKER_TYPES
        and r.source in entities
        and r.target in entities
        and r.source != r.target
    )
    graph.add_edges_from(edges)
    return _Snapshot(signature=signature, entities=entities, graph=graph)


def _snapshot(store: GraphStore) -> _Snapshot:
    signature = graph_signature(store)
    with _snapshots_lock:
        try:
            current = _snapshots.get(store)
        except TypeError:  # a store that cannot be weakly referenced: no caching
            return _build(store, signature)
        if current is None or current.signature != signature:
            current = _build(store, signature)
            _snapshots[store] = current
        return current


def _betweenness(graph: nx.Graph) -> list[tuple[str, float]]:
    n = graph.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_MAX_NODES else BETWEENNESS_SAMPLES
    scores: dict[str, float] = nx.betweenness_centrality(graph, k=k, normalized=True, seed=0)
    ranked = [(node, score) for node, score in scores.items() if score > 0]
    return ranked


def brokers(
    store: GraphStore, *, labels: Sequence[Label] | None = None, limit: int = 20
) -> tuple[list[Broker], int]:
    """Entities that most often lie on shortest paths between others, best first.

    Returns the top ``limit`` (of ``labels``, if given) and how many ranked in all.
    """
    snap = _snapshot(store)
    with snap.lock:
        if snap.brokers is None:
            snap.brokers = _betweenness(snap.graph)
        ranked = snap.brokers
    wanted = set(labels) if labels else None
    chosen = [
        Broker(entity=snap.entities[node], score=score)
        for node, score in ranked
        if wanted is None or snap.entities[node].label in wanted
    ]
    chosen.sort(key=lambda b: (-b.score, b.entity.name, b.entity.id))
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


def communities(store: GraphStore, *, limit: int = 20) -> tuple[list[Community], int]:
    """Groups of institutions, platforms and industries that work together, largest first.

    Louvain modularity with a fixed seed, so the same graph gives the same groups;
    members are ordered by how connected they are within the group. Singletons are left
    out. Returns the first ``limit`` communities and how many there are.
    """
    snap = _snapshot(store)
    with snap.lock:
        if snap.communities is None:
            snap.communities = _communities(snap)
        groups = snap.communities
    return [
        Community(id=i, members=[snap.entities[n] for n in group])
        for i, group in enumerate(groups[:limit])
    ], len(groups)
