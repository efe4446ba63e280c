"""``GraphService``: the one reader of the graph that the API, views, CLI and analytics use.

A backend (``graph.store.GraphStore``) only knows how to find rows where its graph
lives; the rules of an answer are here, written once for both: what a valid query is
(``graph.limits``), how pages, neighbours, search hits, plans and capped
neighbourhoods are ordered, and the shape each answer takes (``graph.answers``).

Each public method checks its arguments once and hands off to a private method that
trusts them (the networkx style). Answers assembled here from values the store validated
when they were written are built with ``model_construct``, except the neighbours page:
the API's hottest answer (well under a millisecond in process) is validated from plain
dicts in one native pydantic-core call, several times faster than constructing its
dozens of small models one by one.
"""

from __future__ import annotations

import heapq
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.answers import Neighbor
from graph.bounds import MAX_ALIASES, MAX_EVIDENCE_ITEMS
from graph.errors import InvalidQueryError, NotFoundError
from graph.glossary import expand_query
from graph.limits import MAX_HOPS, MAX_NODES, MIN_HOPS
from graph.ranking import cap_nodes, plan_sort_key, search_rank
from graph.schema import (
    SEMANTIC_TYPES,
    DeleteResult,
    Direction,
    DocumentRecord,
    Entity,
    Label,
    Page,
    Path,
    Relation,
    RelType,
    Stats,
    Subgraph,
    normalize_name,
)
from graph.store import Candidate, GraphStore, Names

T = TypeVar("T")

_SEMANTIC = frozenset(str(t) for t in SEMANTIC_TYPES)
_PROV_FIELDS = ("document", "plan", "sentence", "start", "end")
_NEIGHBOR_PAGE = Page[Neighbor]
#: Neighbours read per page when a caller wants all of them.
_NEIGHBOR_CHUNK = 500
#: Exact-name lookups read at most this many hits.
_EXACT_LIMIT = 50


def _names(values: Sequence[Label] | Sequence[RelType] | None) -> frozenset[str] | None:
    """Filter values as the store takes them; ``None`` or empty means no filter."""
    return frozenset(str(v) for v in values) if values else None


def _check_page(limit: int, offset: int = 0) -> None:
    if limit < 0 or offset < 0:
        raise InvalidQueryError(f"limit and offset must not be negative, got {limit}, {offset}")


def _direction(value: Direction | str) -> Direction:
    try:
        return Direction(value)
    except ValueError as exc:
        raise InvalidQueryError(f"unknown direction {value!r}") from exc


def _missing(entity_id: str) -> NotFoundError:
    return NotFoundError(f"no entity with id {entity_id!r}")


@dataclass
class _Memo:
    """A value computed from the graph, kept while the graph's signature stays."""

    signature: str
    value: Any
    lock: threading.Lock = field(default_factory=threading.Lock)


_memos: weakref.WeakKeyDictionary[GraphStore, dict[str, _Memo]] = weakref.WeakKeyDictionary()
_memos_lock = threading.Lock()


class GraphService:
    """Validated, ordered, paged and shaped reads over any ``GraphStore``."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @property
    def backend(self) -> str:
        return self.store.backend

    @property
    def in_process(self) -> bool:
        return self.store.in_process

    # -- entities ---------------------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity | None:
        found = self.store.get_entities([entity_id])
        return found[0] if found else None

    def require_entity(self, entity_id: str) -> Entity:
        """The entity; ``NotFoundError`` when there is none."""
        entity = self.get_entity(entity_id)
        if entity is None:
            raise _missing(entity_id)
        return entity

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """The entities that exist among ``entity_ids``, in the given order."""
        return self.store.get_entities(entity_ids)

    def plans(self) -> list[Entity]:
        """Every ``Plan`` entity, by year (undated last), then name, then id."""
        return sorted(self.store.entities_with_label(str(Label.PLAN)), key=plan_sort_key)

    def iter_entities(self) -> Iterator[Entity]:
        return self.store.iter_entities()

    def iter_relations(self) -> Iterator[Relation]:
        return self.store.iter_relations()

    def stats(self) -> Stats:
        return self.store.stats()

    # -- documents --------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        return self.store.documents()

    def get_document(self, document_id: str) -> DocumentRecord | None:
        return self.store.get_document(document_id)

    def delete_document(self, document_id: str) -> DeleteResult:
        return self.store.delete_document(document_id)

    # -- search -----------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        labels: Sequence[Label] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page[Entity]:
        """What an analyst typed, Chinese or English (the glossary's terms for it, as in
        manganese → 锰, searched together): a substring search on names and aliases,
        case-, width- and space-insensitive.

        Exact name or alias matches come first, then prefix matches, then the rest by
        name length. An empty query lists every entity (of ``labels``) by name.
        """
        _check_page(limit, offset)
        terms = expand_query(query) if query.strip() else [""]
        return self._search(terms, _names(labels), limit, offset)

    def exact_matches(self, name: str) -> list[Entity]:
        """Entities whose name or an alias equals ``name`` after normalisation."""
        key = normalize_name(name)
        if not key:
            return []
        hits = [c for c in self.store.search_candidates(key, None) if key in c[2]]
        hits.sort(key=lambda c: search_rank(c[1], c[2], [key], c[0]))
        return self.store.get_entities([c[0] for c in hits[:_EXACT_LIMIT]])

    def _search(self, terms: Sequence[str], labels: Names, limit: int, offset: int) -> Page[Entity]:
        with self.store.snapshot():
            return self._ranked_hits(terms, labels, limit, offset)

    def _ranked_hits(
        self, terms: Sequence[str], labels: Names, limit: int, offset: int
    ) -> Page[Entity]:
        keys = list(dict.fromkeys(k for k in map(normalize_name, terms) if k))
        order: Callable[[Candidate], tuple[Any, ...]]
        if keys:
            found: dict[str, Candidate] = {}
            for key in keys:
                for hit in self.store.search_candidates(key, labels):
                    known = found.get(hit[0])
                    found[hit[0]] = hit if known is None else (*hit[:2], known[2] + hit[2])
            hits = list(found.values())
            order = lambda c: search_rank(c[1], c[2], keys, c[0])  # noqa: E731
        else:
            hits = self.store.search_candidates("", labels)
            order = lambda c: (c[1], c[0])  # noqa: E731
        leading = heapq.nsmallest(offset + limit, hits, key=order)[offset:]
        items = self.store.get_entities([c[0] for c in leading]) if leading else []
        return Page[Entity].model_construct(items=items, total=len(hits))

    # -- neighbours -------------------------------------------------------------------
    def neighbors(
        self,
        entity_id: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        labels: Sequence[Label] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page[Neighbor]:
        """Adjacent entities with the connecting relation, ordered by (type, name, id).

        Symmetric types (``COLLABORATES_WITH``) match any direction. Unknown id:
        ``NotFoundError``.
        """
        _check_page(limit, offset)
        return self._neighbors(
            entity_id, _names(types), _direction(direction), _names(labels), limit, offset
        )

    def iter_neighbors(
        self,
        entity_id: str,
        *,
        types: Sequence[RelType] | None,
        direction: Direction = Direction.OUT,
        labels: Sequence[Label] | None = None,
    ) -> Iterator[Neighbor]:
        """Every neighbour, read page by page so that no single answer is unbounded."""
        type_names, label_names = _names(types), _names(labels)
        direction = _direction(direction)
        offset = 0
        while True:
            page = self._neighbors(
                entity_id, type_names, direction, label_names, _NEIGHBOR_CHUNK, offset
            )
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def _neighbors(
        self,
        entity_id: str,
        types: Names,
        direction: Direction,
        labels: Names,
        limit: int,
        offset: int,
    ) -> Page[Neighbor]:
        with self.store.snapshot():
            rows = self.store.neighbor_rows(entity_id, types, direction, labels)
            if rows is None:
                raise _missing(entity_id)
            end = offset + limit
            # A page of a hub's thousands of rows: a bounded heap beats a full sort.
            page = (heapq.nsmallest(end, rows) if end < len(rows) else sorted(rows))[offset:]
            cards, evidence = self.store.cards({row[2] for row in page}, [row[4] for row in page])
        items: list[dict[str, Any]] = []
        for rel_type, _, other, side, key in page:
            card = cards.get(other)
            found = evidence.get(key)
            if card is None or found is None:
                continue  # another process's write (Neo4j) between the two reads
            name, label, aliases, plans = card
            items.append(
                {
                    "entity": {
                        "id": other,
                        "name": name,
                        "label": label,
                        "aliases": aliases[:MAX_ALIASES],
                        "plans": plans[:MAX_EVIDENCE_ITEMS],
                    },
                    "relation": {
                        "type": rel_type,
                        "direction": side,
                        "evidence": [
                            dict(zip(_PROV_FIELDS, p, strict=True))
                            for p in found[:MAX_EVIDENCE_ITEMS]
                        ],
                    },
                }
            )
        # One native validation of the whole page is several times faster than
        # ``model_construct`` model by model.
        return _NEIGHBOR_PAGE.model_validate({"items": items, "total": len(rows)})

    # -- paths and neighbourhoods -----------------------------------------------------
    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 3,
        types: Sequence[RelType] | None = None,
        limit: int = 10,
    ) -> list[Path]:
        """Simple undirected paths of at most ``max_hops`` relations, shortest first.

        ``types`` defaults to the semantic types (everything but ``MENTIONS``). Unknown
        ids: ``NotFoundError``; ``max_hops`` outside ``MIN_HOPS..MAX_HOPS``:
        ``InvalidQueryError``.
        """
        if isinstance(max_hops, bool) or not MIN_HOPS <= max_hops <= MAX_HOPS:
            raise InvalidQueryError(f"max_hops must be within {MIN_HOPS}..{MAX_HOPS}")
        _check_page(limit)
        with self.store.snapshot():
            return self._paths(source_id, target_id, max_hops, _names(types) or _SEMANTIC, limit)

    def _paths(
        self, source_id: str, target_id: str, max_hops: int, types: Names, limit: int
    ) -> list[Path]:
        for entity_id in (source_id, target_id):
            if not self.store.has_entity(entity_id):
                raise _missing(entity_id)
        found = self.store.path_rows(source_id, target_id, max_hops, types, limit)
        ids = list(dict.fromkeys(i for nodes, _ in found for i in nodes))
        keys = list(dict.fromkeys(k for _, path_keys in found for k in path_keys))
        entities = {e.id: e for e in self.store.get_entities(ids)}
        relations = {r.key(): r for r in self.store.relations(keys)}
        return [
            Path.model_construct(
                nodes=[entities[i] for i in nodes], relations=[relations[k] for k in path_keys]
            )
            for nodes, path_keys in found
            if all(i in entities for i in nodes) and all(k in relations for k in path_keys)
        ]

    def subgraph(
        self,
        entity_id: str,
        *,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        labels: Sequence[Label] | None = None,
        max_nodes: int = MAX_NODES,
    ) -> Subgraph:
        """The neighbourhood within ``depth`` hops (for views), capped at ``max_nodes``.

        Above the cap it keeps the nearest nodes first and, among equals, the most
        connected; ``omitted`` counts the rest. The anchor is always kept.
        """
        if depth < 0:
            raise InvalidQueryError("depth must not be negative")
        if max_nodes < 1:
            raise InvalidQueryError("max_nodes must be at least 1")
        with self.store.snapshot():
            return self._subgraph(entity_id, depth, _names(types), _names(labels), max_nodes)

    def _subgraph(
        self, entity_id: str, depth: int, type_names: Names, labels: Names, max_nodes: int
    ) -> Subgraph:
        if not self.store.has_entity(entity_id):
            raise _missing(entity_id)
        distance = self.store.distances(entity_id, depth, type_names, labels)
        degree = self.store.degrees(distance, type_names) if len(distance) > max_nodes else {}
        kept, omitted = cap_nodes(distance, degree, max_nodes)
        relations = sorted(self.store.relations_among(kept, type_names), key=lambda r: r.key())
        return Subgraph.model_construct(
            nodes=self.store.get_entities(kept), relations=relations, omitted=omitted
        )

    # -- values kept per state of the graph -------------------------------------------
    def signature(self) -> str:
        """Changes whenever a write that the store records alters the graph."""
        docs = sorted((d.id, d.sha256, d.ingested_at) for d in self.store.documents())
        return f"{self.store.stats().model_dump_json()}|{docs!r}"

    def memoised(self, name: str, build: Callable[[GraphService], T]) -> T:
        """``build(self)``, computed once per state of the graph (per store, shared by
        every service over it) and kept until a write changes the signature."""
        signature = self.signature()
        with _memos_lock:
            try:
                memos = _memos.setdefault(self.store, {})
            except TypeError:  # a store that cannot be weakly referenced: no caching
                return build(self)
            memo = memos.get(name)
            if memo is None or memo.signature != signature:
                memo = memos[name] = _Memo(signature=signature, value=None)
        with memo.lock:
            if memo.value is None:
                memo.value = build(self)
            return memo.value  # type: ignore[no-any-return]

    def close(self) -> None:
        self.store.close()
