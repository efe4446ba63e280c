"""The embedded store's in-memory graph: plain rows in, plain ids and keys out.

Storage is a networkx ``DiGraph``. The attribute dict of the edge ``u -> v`` maps each
relationship type between them to ``(evidence, properties)``, so one relation exists per
(source, type, target) and a pair of nodes costs one dict however many types join
them. Evidence is a tuple of provenance tuples; properties are ``None`` when empty.
Everything stored is plain Python (strings, tuples, small dicts): pydantic models are
built by the store for results only. This keeps 500k relations in a few hundred MB and
makes a write a handful of dict operations per relation.

Hot paths use networkx's own dict-of-dicts (``_node``, ``_succ``, ``_pred``) rather
than its views, which cost an object per access; writes keep the layout networkx
expects (the same attribute dict under ``_succ[u][v]`` and ``_pred[v][u]``). Nothing
here locks or persists: the store does both and calls in here under its lock.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.pathfinding import PathRow, RelKey, simple_paths
from graph.schema import SYMMETRIC_TYPES, Direction, RelType, normalize_name
from graph.store import Candidate, NeighborRow, ProvRow

#: (id, name, label, aliases, properties, mentions)
EntityRow = tuple[str, str, str, list[str], dict[str, Any], tuple[ProvRow, ...]]
#: (source, type, target, properties or None, evidence)
RelationRow = tuple[str, str, str, dict[str, Any] | None, tuple[ProvRow, ...]]
#: What one relation stores: (evidence, properties or None).
EdgeRecord = tuple[tuple[ProvRow, ...], dict[str, Any] | None]
#: The attribute dict of one node pair: relationship type -> record.
EdgeAttrs = dict[str, EdgeRecord]

_intern = sys.intern
_SYMMETRIC = frozenset(str(t) for t in SYMMETRIC_TYPES)
#: Relationship type names, each one string object, by name or enum member.
REL_TYPE_NAMES: dict[str, str] = {t: _intern(str(t)) for t in RelType}
_SNAPSHOT_VERSION = 5


@dataclass
class Removal:
    """What dropping one document's provenance removes and what it only trims."""

    entities_removed: set[str] = field(default_factory=set)
    entities_updated: set[str] = field(default_factory=set)
    relations_removed: set[RelKey] = field(default_factory=set)
    relations_updated: set[RelKey] = field(default_factory=set)


def _merged(old: tuple[Any, ...], new: Iterable[Any]) -> tuple[Any, ...]:
    """``old`` followed by the items of ``new`` it lacks.

    Provenance is kept in tuples rather than lists: smaller, and once the collector has
    seen a tuple of strings and ints it stops tracking it.
    """
    seen = set(old)
    extra = [item for item in dict.fromkeys(new) if item not in seen]
    return old + tuple(extra) if extra else old


def _unique(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return items if len(items) < 2 else tuple(dict.fromkeys(items))


def canonical_relation_rows(rows: Iterable[RelationRow]) -> list[RelationRow]:
    """Rows whose ids are interned and types are the shared names ``apply_upsert`` wants.

    Ids and type names then share one string object with the graph's keys, instead of a
    copy per relation.
    """
    return [
        (_intern(source), REL_TYPE_NAMES[rel_type], _intern(target), properties, evidence)
        for source, rel_type, target, properties, evidence in rows
    ]


class _Haystack:
    """Every name key in one string, so a substring scan runs in C, not a Python loop.

    Rebuilt lazily after writes; ``containing`` maps each hit back to its key.
    """

    _SEPARATOR = "\x00"

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.starts: list[int] = []
        position = 0
        for key in keys:
            self.starts.append(position)
            position += len(key) + 1
        self.text = self._SEPARATOR.join(keys)

    def containing(self, needle: str) -> Iterator[str]:
        if self._SEPARATOR in needle:
            return  # no key holds the separator; a hit would span two keys
        text, starts, keys = self.text, self.starts, self.keys
        position = text.find(needle)
        while position != -1:
            index = bisect_right(starts, position) - 1
            yield keys[index]
            if index + 1 >= len(starts):
                return
            position = text.find(needle, starts[index + 1])


class MemoryGraph:
    """Entities, relations, documents and the indexes that answer the store's reads."""

    def __init__(self) -> None:
        self.graph: nx.DiGraph[str] = nx.DiGraph()
        # networkx's own storage, see the module docstring.
        self._node: dict[str, dict[str, Any]] = self.graph._node  # type: ignore[attr-defined]
        self._succ: dict[str, dict[str, EdgeAttrs]] = self.graph._succ  # type: ignore[attr-defined]
        self._pred: dict[str, dict[str, EdgeAttrs]] = self.graph._pred  # type: ignore[attr-defined]
        self.documents: dict[str, dict[str, Any]] = {}
        self._names: defaultdict[str, set[str]] = defaultdict(set)
        self._haystack: _Haystack | None = None
        self._by_label: defaultdict[str, set[str]] = defaultdict(set)
        self._type_counts: defaultdict[str, int] = defaultdict(int)
        self._relation_count = 0
        # Which entities each document mentions, and the sources of the relations its
        # evidence supports (a superset: a relation removed for another reason may leave
        # its source here; ``removal`` checks the evidence itself).
        self._doc_entities: defaultdict[str, set[str]] = defaultdict(set)
        self._doc_sources: defaultdict[str, set[str]] = defaultdict(set)

    # -- plain access --------------------------------------------------------------------
    def node(self, entity_id: str) -> dict[str, Any] | None:
        return self._node.get(entity_id)

    def has_node(self, entity_id: str) -> bool:
        return entity_id in self._node

    def edge(self, key: RelKey) -> EdgeRecord:
        source, rel_type, target = key
        return self._succ[source][target][rel_type]

    def has_edge(self, key: RelKey) -> bool:
        source, rel_type, target = key
        return rel_type in self._succ.get(source, {}).get(target, {})

    def node_ids(self) -> list[str]:
        return list(self._node)

    def relation_keys(self) -> list[RelKey]:
        return [
            (source, rel_type, target)
            for source, nbrs in self._succ.items()
            for target, attrs in nbrs.items()
            for rel_type in attrs
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
            or bool(self._doc_sources.get(document_id))
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
        ends = {row[0] for row in relations}
        ends.update(row[2] for row in relations)
        return sorted(end for end in ends - in_batch if end not in nodes or end in removed)

    def apply_upsert(self, entities: list[EntityRow], relations: list[RelationRow]) -> None:
        """Merge rows that ``missing_ends`` accepted; the same rows twice change nothing.

        Relation rows come from ``canonical_relation_rows`` (or are built the same way).
        """
        nodes = self._node
        names = self._names
        doc_entities = self._doc_entities
        for entity_id, name, label, aliases, properties, mentions in entities:
            entity_id = _intern(entity_id)
            data = nodes.get(entity_id)
            if data is None:
                self._add_node(
                    entity_id,
                    {
                        "name": name,
                        "label": label,
                        "aliases": [a for a in dict.fromkeys(aliases) if a != name],
                        "properties": dict(properties),
                        "mentions": _unique(mentions),
                    },
                )
            else:
                # The first spelling stays the name; a different one becomes an alias.
                known = data["aliases"]
                for alias in (name, *aliases):
                    if alias != data["name"] and alias not in known:
                        known.append(alias)
                        names[normalize_name(alias)].add(entity_id)
                if properties:
                    data["properties"].update(properties)
                if mentions:
                    data["mentions"] = _merged(data["mentions"], mentions)
            for mention in mentions:
                doc_entities[mention[0]].add(entity_id)

        succ = self._succ
        pred = self._pred
        doc_sources = self._doc_sources
        new_types: list[str] = []
        last_source = last_document = None
        for source, rel_type, target, rel_properties, evidence in relations:
            out = succ[source]
            attrs = out.get(target)
            if attrs is None:
                out[target] = pred[target][source] = {rel_type: (_unique(evidence), rel_properties)}
                new_types.append(rel_type)
            else:
                record = attrs.get(rel_type)
                if record is None:
                    attrs[rel_type] = (_unique(evidence), rel_properties)
                    new_types.append(rel_type)
                elif evidence or rel_properties:
                    old_evidence, old_properties = record
                    if rel_properties:
                        rel_properties = {**(old_properties or {}), **rel_properties}
                    else:
                        rel_properties = old_properties
                    attrs[rel_type] = (_merged(old_evidence, evidence), rel_properties)
            for prov in evidence:
                if prov[0] is not last_document or source is not last_source:
                    last_document, last_source = prov[0], source
                    doc_sources[last_document].add(source)
        for rel_type in new_types:
            self._type_counts[rel_type] += 1
        self._relation_count += len(new_types)
        self._touched()

    def _add_node(self, entity_id: str, data: dict[str, Any]) -> None:
        """Add a node the way networkx does, and index its label and spellings."""
        self._node[entity_id] = data
        self._succ[entity_id] = {}
        self._pred[entity_id] = {}
        self._by_label[data["label"]].add(entity_id)
        self._names[normalize_name(data["name"])].add(entity_id)
        for alias in data["aliases"]:
            self._names[normalize_name(alias)].add(entity_id)

    def _touched(self) -> None:
        """Drop networkx's cached views after writing behind its back, and the haystack."""
        self._haystack = None
        cache = self.graph.__dict__.get("__networkx_cache__")
        if cache:
            cache.clear()

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
        for source in self._doc_sources.get(document_id, ()):
            for target, attrs in self._succ.get(source, {}).items():
                for rel_type, (evidence, _) in attrs.items():
                    documents = {p[0] for p in evidence}
                    if document_id not in documents:
                        continue
                    key = (source, rel_type, target)
                    if source in gone or target in gone or len(documents) == 1:
                        result.relations_removed.add(key)
                    else:
                        result.relations_updated.add(key)
        for entity_id in gone:
            result.relations_removed.update(self._incident(entity_id))
        return result

    def _incident(self, entity_id: str) -> Iterator[RelKey]:
        for target, attrs in self._succ[entity_id].items():
            for rel_type in attrs:
                yield (entity_id, rel_type, target)
        for source, attrs in self._pred[entity_id].items():
            for rel_type in attrs:
                yield (source, rel_type, entity_id)

    def apply_removal(self, document_id: str, removal: Removal) -> None:
        for key in removal.relations_removed:
            self._remove_relation(key)
        for source, rel_type, target in removal.relations_updated:
            attrs = self._succ[source][target]
            evidence, properties = attrs[rel_type]
            kept = tuple(p for p in evidence if p[0] != document_id)
            attrs[rel_type] = (kept, properties)
        for entity_id in removal.entities_removed:
            self._remove_entity(entity_id)
        for entity_id in removal.entities_updated:
            data = self._node[entity_id]
            data["mentions"] = tuple(m for m in data["mentions"] if m[0] != document_id)
        self._doc_entities.pop(document_id, None)
        self._doc_sources.pop(document_id, None)
        self.documents.pop(document_id, None)

    def _remove_relation(self, key: RelKey) -> None:
        source, rel_type, target = key
        attrs = self._succ[source][target]
        del attrs[rel_type]
        if not attrs:
            self.graph.remove_edge(source, target)
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
        self._haystack = None
        for spelling in (data["name"], *data["aliases"]):
            spelling_key = normalize_name(spelling)
            ids = self._names.get(spelling_key)
            if ids is not None:
                ids.discard(entity_id)
                if not ids:
                    del self._names[spelling_key]
        self._by_label[data["label"]].discard(entity_id)
        for key in list(self._incident(entity_id)):
            self._remove_relation(key)
        self.graph.remove_node(entity_id)

    # -- persistence ---------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Everything, for a snapshot; ``load_state`` reads it back.

        The node and successor dicts go as they are: unpickling rebuilds them in C,
        several times faster than inserting relation by relation. Predecessors share
        the successors' attribute dicts, so they are rebuilt from them, not stored.
        """
        return {
            "version": _SNAPSHOT_VERSION,
            "nodes": self._node,
            "succ": self._succ,
            "relation_count": self._relation_count,
            "type_counts": self._type_counts,
            "documents": self.documents,
            "indexes": {
                "names": self._names,
                "by_label": self._by_label,
                "doc_entities": self._doc_entities,
                "doc_sources": self._doc_sources,
            },
        }

    def load_state(self, state: dict[str, Any]) -> None:
        """Fill an empty graph from ``to_state`` values."""
        if state.get("version") != _SNAPSHOT_VERSION:
            raise ValueError(f"unknown snapshot version {state.get('version')!r}")
        if self._node:
            raise ValueError("load_state needs an empty graph")
        nodes: dict[str, dict[str, Any]] = state["nodes"]
        succ: dict[str, dict[str, EdgeAttrs]] = state["succ"]
        if succ.keys() != nodes.keys():
            raise ValueError("snapshot nodes and adjacency disagree")
        pred: dict[str, dict[str, EdgeAttrs]] = {n: {} for n in nodes}
        for source, nbrs in succ.items():
            for target, attrs in nbrs.items():
                pred[target][source] = attrs
        self._node.update(nodes)
        self._succ.update(succ)
        self._pred.update(pred)
        self._relation_count = state["relation_count"]
        self._type_counts.update(state["type_counts"])
        self.documents.update(state["documents"])
        indexes = state["indexes"]
        self._names.update(indexes["names"])
        self._by_label.update(indexes["by_label"])
        self._doc_entities.update(indexes["doc_entities"])
        self._doc_sources.update(indexes["doc_sources"])
        self._touched()

    # -- reads ---------------------------------------------------------------------------
    def search_candidates(self, needle: str, labels: Collection[str] | None) -> list[Candidate]:
        """(id, name, matching spellings) of every entity with a spelling holding
        ``needle`` (already normalised); every entity when it is empty."""
        nodes = self._node
        allowed: set[str] | None = None
        if labels:
            allowed = set()
            for label in labels:
                allowed |= self._by_label.get(label, set())
        if not needle:
            ids = allowed if allowed is not None else nodes
            return [(i, nodes[i]["name"], ()) for i in ids]
        if self._haystack is None:
            self._haystack = _Haystack(list(self._names))
        spellings: dict[str, tuple[str, ...]] = {}
        for key in self._haystack.containing(needle):
            for entity_id in self._names[key]:
                if allowed is None or entity_id in allowed:
                    spellings[entity_id] = (*spellings.get(entity_id, ()), key)
        return [(i, nodes[i]["name"], keys) for i, keys in spellings.items()]

    def neighbor_rows(
        self,
        entity_id: str,
        types: Collection[str] | None,
        direction: Direction,
        labels: Collection[str] | None,
    ) -> list[NeighborRow]:
        """(type, neighbour name, neighbour id, 'out'|'in', relation key), unordered."""
        nodes = self._node
        if not labels and not types and direction is Direction.BOTH:
            # The common unfiltered page of a hub: one comprehension per side.
            return [
                (rel_type, nodes[target]["name"], target, "out", (entity_id, rel_type, target))
                for target, attrs in self._succ[entity_id].items()
                for rel_type in attrs
            ] + [
                (rel_type, nodes[source]["name"], source, "in", (source, rel_type, entity_id))
                for source, attrs in self._pred[entity_id].items()
                if source != entity_id
                for rel_type in attrs
            ]
        rows: list[NeighborRow] = []
        for target, attrs in self._succ[entity_id].items():
            data = nodes[target]
            if labels and data["label"] not in labels:
                continue
            for rel_type in attrs:
                if types and rel_type not in types:
                    continue
                if direction is Direction.IN and rel_type not in _SYMMETRIC:
                    continue
                key = (entity_id, rel_type, target)
                rows.append((rel_type, data["name"], target, "out", key))
        for source, attrs in self._pred[entity_id].items():
            data = nodes[source]
            if labels and data["label"] not in labels:
                continue
            for rel_type in attrs:
                if types and rel_type not in types:
                    continue
                wanted_out = direction is not Direction.IN or rel_type in _SYMMETRIC
                if source == entity_id and wanted_out:
                    continue  # a self-loop, already listed as outgoing
                if direction is Direction.OUT and rel_type not in _SYMMETRIC:
                    continue
                key = (source, rel_type, entity_id)
                rows.append((rel_type, data["name"], source, "in", key))
        return rows

    def _undirected(
        self, entity_id: str, types: Collection[str] | None
    ) -> Iterator[tuple[str, RelKey]]:
        """(other end, relation key) for every relation of ``types`` at ``entity_id``."""
        for target, attrs in self._succ[entity_id].items():
            if target == entity_id:
                continue
            for rel_type in attrs:
                if types is None or rel_type in types:
                    yield target, (entity_id, rel_type, target)
        for source, attrs in self._pred[entity_id].items():
            if source == entity_id:
                continue
            for rel_type in attrs:
                if types is None or rel_type in types:
                    yield source, (source, rel_type, entity_id)

    def distances(
        self, start: str, depth: int, types: Collection[str] | None, labels: Collection[str] | None
    ) -> dict[str, int]:
        """Hop counts from ``start`` (ignoring direction) up to ``depth``, stepping only
        onto entities of ``labels``."""
        nodes = self._node
        dist = {start: 0}
        frontier = [start]
        for hop in range(1, depth + 1):
            nxt: list[str] = []
            for node in frontier:
                for other, _ in self._undirected(node, types):
                    if other in dist or (labels and nodes[other]["label"] not in labels):
                        continue
                    dist[other] = hop
                    nxt.append(other)
            if not nxt:
                break
            frontier = nxt
        return dist

    def degree(self, entity_id: str, types: Collection[str] | None) -> int:
        return sum(1 for _ in self._undirected(entity_id, types))

    def relations_among(
        self, entity_ids: Collection[str], types: Collection[str] | None
    ) -> list[RelKey]:
        kept = set(entity_ids)
        keys: list[RelKey] = []
        for node in kept:
            for target, attrs in self._succ.get(node, {}).items():
                if target in kept:
                    for rel_type in attrs:
                        if types is None or rel_type in types:
                            keys.append((node, rel_type, target))
        return keys

    def path_rows(
        self,
        source: str,
        target: str,
        max_hops: int,
        types: Collection[str] | None,
        limit: int,
    ) -> list[PathRow]:
        """Simple paths, shortest first: ``graph.pathfinding.simple_paths`` in memory."""
        to_target = self.distances(target, max_hops - 1, types, None)
        return simple_paths(
            source,
            target,
            max_hops=max_hops,
            limit=limit,
            to_target=to_target,
            steps=lambda node: self._undirected(node, types),
        )
