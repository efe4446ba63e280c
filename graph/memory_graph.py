"""The embedded store's in-memory graph: plain rows in, plain ids and keys out.

Storage is a networkx ``MultiDiGraph`` whose edge key is the relationship type, so one
edge exists per (source, type, target). Node and edge attribute dicts hold plain
Python values only (strings, lists of provenance tuples, property dicts): pydantic
models are built by the store for results alone, which keeps 500k relations in a few
hundred megabytes and makes writes cheap.

Hot paths read networkx's own dict-of-dicts (``_succ``, ``_pred``, ``_node``) rather
than its views, which cost an object per access. Nothing here locks or persists; the
store does both and calls in here only while holding its lock.
"""

from __future__ import annotations

import sys
from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.schema import SYMMETRIC_TYPES, Direction, normalize_name

#: (document, plan, sentence, start, end): a Provenance as a hashable, compact tuple.
ProvRow = tuple[str, str | None, str, int, int]
#: (id, name, label, aliases, properties, mentions)
EntityRow = tuple[str, str, str, list[str], dict[str, Any], list[ProvRow]]
#: (source, type, target, properties or None, evidence)
RelationRow = tuple[str, str, str, dict[str, Any] | None, list[ProvRow]]
#: (source, type, target)
RelKey = tuple[str, str, str]

_SYMMETRIC = frozenset(str(t) for t in SYMMETRIC_TYPES)
_intern = sys.intern


@dataclass
class Removal:
    """What dropping one document's provenance removes and what it only trims."""

    entities_removed: set[str] = field(default_factory=set)
    entities_updated: set[str] = field(default_factory=set)
    relations_removed: set[RelKey] = field(default_factory=set)
    relations_updated: set[RelKey] = field(default_factory=set)


def _merge_into(old: list[Any], new: Iterable[Any]) -> None:
    """Append the items of ``new`` that ``old`` lacks (``old`` is usually tiny)."""
    if len(old) < 16:
        for item in new:
            if item not in old:
                old.append(item)
        return
    seen = set(old)
    for item in new:
        if item not in seen:
            seen.add(item)
            old.append(item)


class MemoryGraph:
    """Entities, relations, documents and the indexes that answer the store's reads."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        # networkx's own storage, see the module docstring.
        self._node: dict[str, dict[str, Any]] = self.graph._node  # type: ignore[attr-defined]
        self._succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = self.graph._succ  # type: ignore[attr-defined]
        self._pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = self.graph._pred  # type: ignore[attr-defined]
        self.documents: dict[str, dict[str, Any]] = {}
        self._names: defaultdict[str, set[str]] = defaultdict(set)
        self._by_label: defaultdict[str, set[str]] = defaultdict(set)
        self._type_counts: defaultdict[str, int] = defaultdict(int)
        self._relation_count = 0
        self._doc_entities: defaultdict[str, set[str]] = defaultdict(set)
        self._doc_relations: defaultdict[str, set[RelKey]] = defaultdict(set)

    # -- plain access --------------------------------------------------------------------
    def node(self, entity_id: str) -> dict[str, Any] | None:
        return self._node.get(entity_id)

    def has_node(self, entity_id: str) -> bool:
        return entity_id in self._node

    def edge(self, key: RelKey) -> dict[str, Any]:
        source, rel_type, target = key
        return self._succ[source][target][rel_type]

    def node_ids(self) -> list[str]:
        return list(self._node)

    def relation_keys(self) -> list[RelKey]:
        return [
            (source, rel_type, target)
            for source, nbrs in self._succ.items()
            for target, keydict in nbrs.items()
            for rel_type in keydict
        ]

    def ids_with_label(self, label: str) -> set[str]:
        return self._by_label.get(label, set())

    @property
    def entity_count(self) -> int:
        return len(self._node)

    @property
    def relation_count(self) -> int:
        return self._relation_count

    def label_counts(self) -> dict[str, int]:
        return {label: len(ids) for label, ids in sorted(self._by_label.items()) if ids}

    def type_counts(self) -> dict[str, int]:
        return {t: n for t, n in sorted(self._type_counts.items()) if n}

    def knows_document(self, document_id: str) -> bool:
        return (
            document_id in self.documents
            or bool(self._doc_entities.get(document_id))
            or bool(self._doc_relations.get(document_id))
        )

    # -- writes --------------------------------------------------------------------------
    def missing_ends(
        self,
        entities: list[EntityRow],
        relations: list[RelationRow],
        removed: Collection[str] = (),
    ) -> list[str]:
        """Relation ends that neither the batch nor the store (after ``removed``) holds."""
        in_batch = {row[0] for row in entities}
        nodes = self._node
        missing: dict[str, None] = {}
        for source, _, target, _, _ in relations:
            for end in (source, target):
                if end not in in_batch and (end not in nodes or end in removed):
                    missing[end] = None
        return list(missing)

    def apply_upsert(self, entities: list[EntityRow], relations: list[RelationRow]) -> None:
        """Merge rows that ``missing_ends`` accepted; the same rows twice change nothing."""
        nodes = self._node
        names = self._names
        doc_entities = self._doc_entities
        for entity_id, name, label, aliases, properties, mentions in entities:
            entity_id = _intern(entity_id)
            data = nodes.get(entity_id)
            if data is None:
                unique_aliases = [a for a in dict.fromkeys(aliases) if a != name]
                self.graph.add_node(
                    entity_id,
                    name=name,
                    label=label,
                    aliases=unique_aliases,
                    properties=dict(properties),
                    mentions=list(dict.fromkeys(mentions)),
                )
                self._by_label[label].add(entity_id)
                names[normalize_name(name)].add(entity_id)
                for alias in unique_aliases:
                    names[normalize_name(alias)].add(entity_id)
            else:
                # The first spelling stays the name; a different one becomes an alias.
                known = data["aliases"]
                for alias in (name, *aliases):
                    if alias != data["name"] and alias not in known:
                        known.append(alias)
                        names[normalize_name(alias)].add(entity_id)
                if properties:
                    data["properties"].update(properties)
                _merge_into(data["mentions"], mentions)
            for mention in mentions:
                doc_entities[mention[0]].add(entity_id)

        succ = self._succ
        add_edge = self.graph.add_edge
        doc_relations = self._doc_relations
        type_counts = self._type_counts
        for source, rel_type, target, properties, evidence in relations:
            source = _intern(source)
            target = _intern(target)
            rel_type = _intern(rel_type)
            keydict = succ[source].get(target)
            data = keydict.get(rel_type) if keydict is not None else None
            if data is None:
                if properties:
                    add_edge(
                        source,
                        target,
                        key=rel_type,
                        evidence=list(dict.fromkeys(evidence)),
                        properties=dict(properties),
                    )
                else:
                    add_edge(source, target, key=rel_type, evidence=list(dict.fromkeys(evidence)))
                type_counts[rel_type] += 1
                self._relation_count += 1
            else:
                if properties:
                    data.setdefault("properties", {}).update(properties)
                _merge_into(data["evidence"], evidence)
            if evidence:
                key = (source, rel_type, target)
                for prov in evidence:
                    doc_relations[prov[0]].add(key)

    def removal(self, document_id: str) -> Removal:
        """What ``apply_removal`` would do, computed without touching anything."""
        result = Removal()
        nodes = self._node
        for entity_id in self._doc_entities.get(document_id, ()):
            if any(m[0] != document_id for m in nodes[entity_id]["mentions"]):
                result.entities_updated.add(entity_id)
            else:
                result.entities_removed.add(entity_id)
        gone = result.entities_removed
        for key in self._doc_relations.get(document_id, ()):
            if key[0] in gone or key[2] in gone:
                result.relations_removed.add(key)
            elif any(p[0] != document_id for p in self.edge(key)["evidence"]):
                result.relations_updated.add(key)
            else:
                result.relations_removed.add(key)
        for entity_id in gone:
            for key in self._incident(entity_id):
                result.relations_removed.add(key)
        return result

    def _incident(self, entity_id: str) -> Iterator[RelKey]:
        for target, keydict in self._succ[entity_id].items():
            for rel_type in keydict:
                yield (entity_id, rel_type, target)
        for source, keydict in self._pred[entity_id].items():
            for rel_type in keydict:
                yield (source, rel_type, entity_id)

    def apply_removal(self, document_id: str, removal: Removal) -> None:
        for key in removal.relations_removed:
            self._remove_relation(key)
        for key in removal.relations_updated:
            data = self.edge(key)
            data["evidence"] = [p for p in data["evidence"] if p[0] != document_id]
        for entity_id in removal.entities_removed:
            self._remove_entity(entity_id)
        for entity_id in removal.entities_updated:
            data = self._node[entity_id]
            data["mentions"] = [m for m in data["mentions"] if m[0] != document_id]
        self._doc_entities.pop(document_id, None)
        self._doc_relations.pop(document_id, None)
        self.documents.pop(document_id, None)

    def _remove_relation(self, key: RelKey) -> None:
        source, rel_type, target = key
        data = self.edge(key)
        for document_id in {p[0] for p in data["evidence"]}:
            keys = self._doc_relations.get(document_id)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._doc_relations[document_id]
        self.graph.remove_edge(source, target, key=rel_type)
        self._type_counts[rel_type] -= 1
        self._relation_count -= 1

    def _remove_entity(self, entity_id: str) -> None:
        data = self._node[entity_id]
        for document_id in {m[0] for m in data["mentions"]}:
            ids = self._doc_entities.get(document_id)
            if ids is not None:
                ids.discard(entity_id)
                if not ids:
                    del self._doc_entities[document_id]
        for spelling in (data["name"], *data["aliases"]):
            key = normalize_name(spelling)
            ids = self._names.get(key)
            if ids is not None:
                ids.discard(entity_id)
                if not ids:
                    del self._names[key]
        self._by_label[data["label"]].discard(entity_id)
        for key in list(self._incident(entity_id)):
            self._remove_relation(key)
        self.graph.remove_node(entity_id)

    # -- persistence ---------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Everything as plain rows, for a snapshot; ``load_state`` reads it back."""
        entities = [
            (i, d["name"], d["label"], d["aliases"], d["properties"], d["mentions"])
            for i, d in self._node.items()
        ]
        relations = [
            (source, rel_type, target, data.get("properties"), data["evidence"])
            for source, nbrs in self._succ.items()
            for target, keydict in nbrs.items()
            for rel_type, data in keydict.items()
        ]
        return {
            "version": 1,
            "entities": entities,
            "relations": relations,
            "documents": list(self.documents.values()),
        }

    def load_state(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise ValueError(f"unknown snapshot version {state.get('version')!r}")
        self.apply_upsert(state["entities"], state["relations"])
        for document in state["documents"]:
            self.documents[document["id"]] = document

    # -- reads ---------------------------------------------------------------------------
    def search_ids(self, query: str, labels: Collection[str] | None) -> list[str]:
        """Ids matching ``query``: exact name/alias, then prefix, then by name length."""
        nodes = self._node
        needle = normalize_name(query)
        if labels:
            allowed: set[str] | None = set()
            for label in labels:
                allowed |= self._by_label.get(label, set())  # type: ignore[operator]
        else:
            allowed = None
        if not needle:
            ids = list(allowed) if allowed is not None else list(nodes)
            ids.sort(key=lambda i: (nodes[i]["name"], i))
            return ids
        best: dict[str, int] = {}
        for key, key_ids in self._names.items():
            if needle in key:
                rank = 0 if key == needle else 1 if key.startswith(needle) else 2
                for entity_id in key_ids:
                    if rank < best.get(entity_id, 3):
                        best[entity_id] = rank
        if allowed is not None:
            best = {i: r for i, r in best.items() if i in allowed}
        return sorted(best, key=lambda i: (best[i], len(nodes[i]["name"]), nodes[i]["name"], i))

    def neighbor_rows(
        self,
        entity_id: str,
        types: Collection[str] | None,
        direction: Direction,
        labels: Collection[str] | None,
    ) -> list[tuple[str, str, str, str, RelKey]]:
        """(type, neighbour name, neighbour id, 'out'|'in', relation key), sorted."""
        nodes = self._node
        rows: list[tuple[str, str, str, str, RelKey]] = []
        for target, keydict in self._succ[entity_id].items():
            label = nodes[target]["label"]
            if labels and label not in labels:
                continue
            for rel_type in keydict:
                if types and rel_type not in types:
                    continue
                if direction is Direction.IN and rel_type not in _SYMMETRIC:
                    continue
                key = (entity_id, rel_type, target)
                rows.append((rel_type, nodes[target]["name"], target, "out", key))
        for source, keydict in self._pred[entity_id].items():
            label = nodes[source]["label"]
            if labels and label not in labels:
                continue
            for rel_type in keydict:
                if types and rel_type not in types:
                    continue
                wanted_out = direction is not Direction.IN or rel_type in _SYMMETRIC
                if source == entity_id and wanted_out:
                    continue  # a self-loop, already listed as outgoing
                if direction is Direction.OUT and rel_type not in _SYMMETRIC:
                    continue
                key = (source, rel_type, entity_id)
                rows.append((rel_type, nodes[source]["name"], source, "in", key))
        rows.sort()
        return rows

    def _undirected(
        self, entity_id: str, types: Collection[str] | None
    ) -> Iterator[tuple[str, RelKey]]:
        """(other end, relation key) for every relation of ``types`` at ``entity_id``."""
        for target, keydict in self._succ[entity_id].items():
            if target == entity_id:
                continue
            for rel_type in keydict:
                if types is None or rel_type in types:
                    yield target, (entity_id, rel_type, target)
        for source, keydict in self._pred[entity_id].items():
            if source == entity_id:
                continue
            for rel_type in keydict:
                if types is None or rel_type in types:
                    yield source, (source, rel_type, entity_id)

    def _distances(
        self, start: str, depth: int, types: Collection[str] | None
    ) -> dict[str, int]:
        """Hop counts from ``start`` (ignoring direction) up to ``depth``."""
        dist = {start: 0}
        frontier = [start]
        for hop in range(1, depth + 1):
            nxt: list[str] = []
            for node in frontier:
                for other, _ in self._undirected(node, types):
                    if other not in dist:
                        dist[other] = hop
                        nxt.append(other)
            if not nxt:
                break
            frontier = nxt
        return dist

    def path_rows(
        self,
        source: str,
        target: str,
        max_hops: int,
        types: Collection[str] | None,
        limit: int,
    ) -> list[tuple[list[str], list[RelKey]]]:
        """Simple paths, shortest first, found by a depth-first walk pruned by distance.

        Distances to ``target`` are computed once (BFS to ``max_hops - 1``); the walk
        only steps onto a node from which ``target`` is still reachable within the hops
        left, so it explores little beyond the paths it returns, and stops at ``limit``.
        """
        if limit <= 0 or source == target:
            return []
        to_target = self._distances(target, max_hops - 1, types)
        shortest = to_target.get(source)
        if shortest is None:
            return []
        found: list[tuple[list[str], list[RelKey]]] = []
        nodes_on_path = [source]
        keys_on_path: list[RelKey] = []
        visited = {source}

        def walk(node: str, hops_left: int) -> bool:
            """Extend the current path by exactly ``hops_left`` hops; True when full."""
            steps = sorted(
                (other, key)
                for other, key in self._undirected(node, types)
                if other not in visited and to_target.get(other, max_hops) <= hops_left - 1
            )
            for other, key in steps:
                if other == target:
                    if hops_left != 1:
                        continue
                    found.append(([*nodes_on_path, target], [*keys_on_path, key]))
                    if len(found) >= limit:
                        return True
                    continue
                visited.add(other)
                nodes_on_path.append(other)
                keys_on_path.append(key)
                full = walk(other, hops_left - 1)
                visited.discard(other)
                nodes_on_path.pop()
                keys_on_path.pop()
                if full:
                    return True
            return False

        for length in range(max(shortest, 1), max_hops + 1):
            if walk(source, length):
                break
        return found

    def subgraph_rows(
        self,
        anchor: str,
        depth: int,
        types: Collection[str] | None,
        labels: Collection[str] | None,
        max_nodes: int,
    ) -> tuple[list[str], list[RelKey], int]:
        """(kept ids nearest first, relations among them, how many nodes were left out)."""
        nodes = self._node
        dist = {anchor: 0}
        queue = deque([anchor])
        while queue:
            node = queue.popleft()
            hop = dist[node] + 1
            if hop > depth:
                continue
            for other, _ in self._undirected(node, types):
                if other in dist:
                    continue
                if labels and nodes[other]["label"] not in labels:
                    continue
                dist[other] = hop
                queue.append(other)
        found = list(dist)
        omitted = 0
        if len(found) > max_nodes:

            def degree(entity_id: str) -> int:
                return sum(1 for _ in self._undirected(entity_id, types))

            found.sort(key=lambda i: (dist[i], -degree(i), i))
            omitted = len(found) - max_nodes
            found = found[:max_nodes]
        kept = set(found)
        keys: list[RelKey] = []
        for node in found:
            for target, keydict in self._succ[node].items():
                if target in kept:
                    for rel_type in keydict:
                        if types is None or rel_type in types:
                            keys.append((node, rel_type, target))
        return found, keys, omitted
