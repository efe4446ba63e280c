"""``MemoryStore``: the embedded default ``GraphStore``, in memory and on local disk.

The graph lives in a ``MemoryGraph`` (networkx underneath) that answers every read;
the durable record is an SQLite database (``graph.sqlite_record``). Every commit is
first one SQLite transaction (a change row, fsynced) and only then applied in memory,
so a crash at any moment leaves the last committed state on disk. One re-entrant lock
serialises commits and reads: a reader sees the graph before or after a batch, never
part of it.

Several processes may open one data folder (``plangraph serve`` and ``plangraph
ingest``): SQLite serialises their commits, each commit first applies what the others
committed, and a watcher thread (``graph.change_watcher``) applies their commits to an
idle store within half a second. All of them converge on the same graph.

Models are built only for results, with ``model_construct`` from values that were
validated when they came in.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from graph.change_watcher import ChangeWatcher
from graph.errors import InvalidQueryError, NotFoundError, StoreError, disk_full
from graph.gc_control import paused_gc
from graph.memory_graph import (
    REL_TYPE_NAMES,
    EntityRow,
    MemoryGraph,
    RelationRow,
    Removal,
    canonical_relation_rows,
)
from graph.pathfinding import PathRow as GraphPathRow
from graph.pathfinding import RelKey
from graph.schema import (
    SYMMETRIC_TYPES,
    DeleteResult,
    Direction,
    DocumentRecord,
    Entity,
    GraphBatch,
    Provenance,
    Relation,
    Stats,
    first_seen_plans,
)
from graph.sqlite_record import SqliteRecord, wants_compaction
from graph.store import Candidate, Card, Names, NeighborRow, ProvRow

log = logging.getLogger(__name__)

T = TypeVar("T")

_SYMMETRIC = frozenset(str(t) for t in SYMMETRIC_TYPES)
_ITER_CHUNK = 1024
_PROV_FIELDS = ("document", "plan", "sentence", "start", "end")


# Field values are read from the models' ``__dict__`` (where pydantic keeps them) by
# ``itemgetter``: one C call per model, about twice as fast as attribute access.
_prov_fields = itemgetter("document", "plan", "sentence", "start", "end")
_entity_fields = itemgetter("id", "name", "label", "aliases", "properties", "mentions")
_relation_fields = itemgetter("source", "type", "target", "properties", "evidence")


def _own_properties(properties: dict[str, Any]) -> dict[str, Any]:
    """A copy the caller cannot change afterwards (property lists included)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in properties.items()}


def _provenance_rows(
    provenances: Iterable[Provenance], shared: dict[Any, Any]
) -> tuple[ProvRow, ...]:
    """Provenance as a tuple of rows, one tuple object per distinct value within a batch.

    Relations of one sentence cite the same evidence, which is often an entity's
    mention too: sharing the tuples (they are immutable) saves memory, marshal writes
    each once, and the cyclic collector has fewer new containers to walk after a batch
    (measured: its passes over a 500k-relation write halve). Sharing whole tuples
    rather than each row too costs one dict lookup per relation.
    """
    rows = tuple(map(_prov_fields, map(vars, provenances)))
    return shared.setdefault(rows, rows)  # type: ignore[no-any-return]


def _entity_rows(batch: GraphBatch, shared: dict[Any, Any]) -> list[EntityRow]:
    rows: list[EntityRow] = []
    for entity_id, name, label, aliases, properties, mentions in map(
        _entity_fields, map(vars, batch.entities)
    ):
        rows.append(
            (
                sys.intern(entity_id),
                name,
                str(label),
                list(aliases),
                _own_properties(properties),
                _provenance_rows(mentions, shared),
            )
        )
    return rows


def _relation_rows(batch: GraphBatch, shared: dict[Any, Any]) -> list[RelationRow]:
    """Rows as ``canonical_relation_rows`` makes them (marshal then writes an id once)."""
    rows: list[RelationRow] = []
    append = rows.append
    intern = sys.intern
    type_names = REL_TYPE_NAMES
    for source, rel_type, target, properties, evidence in map(
        _relation_fields, map(vars, batch.relations)
    ):
        rel_type = type_names[rel_type]
        if rel_type in _SYMMETRIC and target < source:
            source, target = target, source
        append(
            (
                intern(source),
                rel_type,
                intern(target),
                _own_properties(properties) if properties else None,
                _provenance_rows(evidence, shared),
            )
        )
    return rows


class MemoryStore:
    """The embedded store: a networkx graph in memory, an SQLite record on disk."""

    backend = "memory"
    in_process = True

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._lock = threading.RLock()
        self._graph = MemoryGraph()
        self._record: SqliteRecord | None = None
        #: The last change applied in memory, and the bytes of changes since the snapshot.
        self._seq = 0
        self._snapshot_bytes = 0
        self._change_bytes = 0
        #: Whether this store committed anything (only a writer folds changes on close).
        self._wrote = False
        record = SqliteRecord(self.data_dir)
        try:
            self._graph = self._load(record)
        except BaseException:
            record.close()
            raise
        self._record = record
        self._watcher = ChangeWatcher(self, self.data_dir)

    # -- loading and catching up -------------------------------------------------------
    def _load(self, record: SqliteRecord) -> MemoryGraph:
        """A graph rebuilt from the snapshot and the changes after it (sets ``_seq``)."""
        graph = MemoryGraph()
        try:
            with paused_gc():
                loaded = record.load()
                if loaded.state is not None:
                    graph.load_state(loaded.state)
                    loaded.state = None  # the graph holds its parts now
                self._seq = loaded.snapshot_seq
                self._snapshot_bytes = loaded.snapshot_bytes
                self._change_bytes = 0
                graph = self._replay(graph, loaded.changes, loaded.change_bytes)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise StoreError(f"corrupt store in {self.data_dir}: {exc!r}") from exc
        if loaded.changes:
            log.info("replayed %d changes from %s", len(loaded.changes), self.data_dir)
        return graph

    def _replay(self, graph: MemoryGraph, changes: list[tuple[int, Any]], size: int) -> MemoryGraph:
        """Apply ``changes`` read back from the record, in order; the graph after them."""
        for seq, change in changes:
            graph = self._apply(graph, change, replayed=True)
            self._seq = seq
        self._change_bytes += size
        return graph

    def _catch_up(self) -> None:
        """Apply what other stores (processes) committed since ``_seq``; caller holds the lock.

        Changes are commands (upsert these rows, replace or delete that document), so
        every store that applies the same changes in seq order holds the same graph.
        Once a compaction elsewhere pruned changes this store has not seen, it reloads.
        """
        record = self._open_record()
        new = record.changes_since(self._seq)
        if new is None:
            log.info("%s was compacted past this store's state: reloading", self.data_dir)
            self._graph = self._load(record)
        elif new[0]:
            with paused_gc():
                self._graph = self._replay(self._graph, *new)

    def refresh(self) -> None:
        """See commits made by other processes now (the watcher does it every half second)."""
        with self._lock:
            if self._record is not None:
                self._catch_up()

    @property
    def applied_seq(self) -> int:
        """The seq of the last change this store holds in memory (the watcher compares)."""
        return self._seq

    # -- commits -------------------------------------------------------------------------
    @staticmethod
    def _apply(graph: MemoryGraph, change: tuple[Any, ...], *, replayed: bool) -> MemoryGraph:
        """Apply one change to ``graph``; live commits and replay share this one path.

        Live rows are canonical already; rows read back from the record are made so.
        Returns the graph to keep (``clear`` starts a new one).
        """
        kind = change[0]
        if kind == "upsert":
            relations = canonical_relation_rows(change[2]) if replayed else change[2]
            graph.apply_upsert(change[1], relations)
        elif kind == "replace":
            document, entities, relations = change[1], change[2], change[3]
            if replayed:
                relations = canonical_relation_rows(relations)
            graph.apply_removal(document["id"], graph.removal(document["id"]))
            graph.apply_upsert(entities, relations)
            graph.documents[document["id"]] = document
        elif kind == "delete":
            graph.apply_removal(change[1], graph.removal(change[1]))
        elif kind == "clear":
            return MemoryGraph()
        else:
            raise ValueError(f"unknown change {kind!r}")
        return graph

    def _commit(self, make_change: Callable[[], tuple[Any, ...]]) -> None:
        """Make the change durable, then apply it; caller holds the lock.

        ``make_change`` runs inside the write transaction, after catching up with other
        processes, so it validates against the graph every store will have at that seq.
        """
        record = self._open_record()
        with paused_gc():
            with record.writing():
                self._catch_up()
                change = make_change()
                seq, size = record.append(change)
            self._graph = self._apply(self._graph, change, replayed=False)
            self._seq = seq
            self._change_bytes += size
            self._wrote = True
        if wants_compaction(self._change_bytes, self._snapshot_bytes):
            self._compact(record)

    def _compact(self, record: SqliteRecord) -> None:
        """Write the graph as the new snapshot; a failure only postpones it."""
        try:
            with paused_gc(), record.writing():
                self._catch_up()
                self._snapshot_bytes = record.write_snapshot(self._graph.to_state(), self._seq)
                self._change_bytes = 0
        except StoreError as exc:
            # The commits are already durable as changes; a later compaction retries.
            if disk_full(exc):
                log.error("compaction of %s postponed: %s", self.data_dir, exc)
            else:
                log.exception("compaction of %s failed", self.data_dir)

    def _open_record(self) -> SqliteRecord:
        if self._record is None:
            raise StoreError(f"store {self.data_dir} is closed")
        return self._record

    def _check_ends(
        self, entities: list[EntityRow], relations: list[RelationRow], removed: Collection[str]
    ) -> None:
        missing = self._graph.missing_ends(entities, relations, removed)
        if missing:
            shown = ", ".join(missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise InvalidQueryError(f"relations refer to unknown entities: {shown}{more}")

    def upsert(self, batch: GraphBatch) -> None:
        self._write(batch, None)

    def replace_document(self, document: DocumentRecord, batch: GraphBatch) -> None:
        self._write(batch, document)

    def _write(self, batch: GraphBatch, document: DocumentRecord | None) -> None:
        """Upsert ``batch``, first dropping ``document``'s contribution if one is given."""
        with paused_gc():
            # Rows are built before taking the lock: readers wait only for the commit.
            shared: dict[Any, Any] = {}
            entities, relations = _entity_rows(batch, shared), _relation_rows(batch, shared)
            del shared
            dumped = document.model_dump(mode="json") if document is not None else None

        def change() -> tuple[Any, ...]:
            if dumped is None:
                self._check_ends(entities, relations, ())
                return ("upsert", entities, relations)
            removal = self._graph.removal(dumped["id"])
            self._check_ends(entities, relations, removal.entities_removed)
            return ("replace", dumped, entities, relations)

        with self._lock:
            self._commit(change)

    def delete_document(self, document_id: str) -> DeleteResult:
        removals: list[Removal] = []

        def change() -> tuple[Any, ...]:
            if not self._graph.knows_document(document_id):
                raise NotFoundError(f"no document {document_id!r}")
            removals.append(self._graph.removal(document_id))
            return ("delete", document_id)

        with self._lock:
            self._commit(change)
        removal = removals[-1]
        return DeleteResult(
            document=document_id,
            entities_removed=len(removal.entities_removed),
            relations_removed=len(removal.relations_removed),
            entities_updated=len(removal.entities_updated),
            relations_updated=len(removal.relations_updated),
        )

    def clear(self) -> None:
        with self._lock:
            record = self._open_record()
            with record.writing():
                seq, size = record.clear()
            self._graph = MemoryGraph()
            self._seq, self._snapshot_bytes, self._change_bytes = seq, 0, size
            self._wrote = True

    # -- documents -----------------------------------------------------------------------
    def get_document(self, document_id: str) -> DocumentRecord | None:
        with self._lock:
            data = self._graph.documents.get(document_id)
            return DocumentRecord.model_validate(data) if data is not None else None

    def documents(self) -> list[DocumentRecord]:
        with self._lock:
            rows = sorted(self._graph.documents.values(), key=lambda d: d["id"])
            return [DocumentRecord.model_validate(d) for d in rows]

    # -- model building (caller holds the lock) ------------------------------------------
    # Results are validated from plain dicts: pydantic-core builds the nested models in
    # one native call, faster than ``model_construct`` model by model, and it copies the
    # lists and dicts, so no caller can reach the store's own.
    def _entity_dict(self, entity_id: str) -> dict[str, Any]:
        data = self._graph.node(entity_id)
        assert data is not None
        return {
            "id": entity_id,
            "name": data["name"],
            "label": data["label"],
            "aliases": data["aliases"],
            "properties": data["properties"],
            "mentions": [dict(zip(_PROV_FIELDS, m, strict=True)) for m in data["mentions"]],
        }

    def _relation_dict(self, key: RelKey) -> dict[str, Any]:
        evidence, properties = self._graph.edge(key)
        return {
            "type": key[1],
            "source": key[0],
            "target": key[2],
            "properties": properties or {},
            "evidence": [dict(zip(_PROV_FIELDS, p, strict=True)) for p in evidence],
        }

    def _entity(self, entity_id: str) -> Entity:
        return Entity.model_validate(self._entity_dict(entity_id))

    def _relation(self, key: RelKey) -> Relation:
        return Relation.model_validate(self._relation_dict(key))

    # -- read primitives (``graph.service`` validates, orders and pages) -----------------
    def snapshot(self) -> AbstractContextManager[object]:
        return self._lock  # re-entrant; commits take it too

    def has_entity(self, entity_id: str) -> bool:
        with self._lock:
            return self._graph.has_node(entity_id)

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        with self._lock:
            return [self._entity(i) for i in entity_ids if self._graph.has_node(i)]

    def entities_with_label(self, label: str) -> list[Entity]:
        with self._lock:
            return [self._entity(i) for i in self._graph.ids_with_label(label)]

    def relations(self, keys: Sequence[RelKey]) -> list[Relation]:
        with self._lock:
            return [self._relation(k) for k in keys if self._graph.has_edge(k)]

    def search_candidates(self, needle: str, labels: Names) -> list[Candidate]:
        with self._lock:
            return self._graph.search_candidates(needle, labels)

    def neighbor_rows(
        self, entity_id: str, types: Names, direction: Direction, labels: Names
    ) -> list[NeighborRow] | None:
        with self._lock:
            if not self._graph.has_node(entity_id):
                return None
            return self._graph.neighbor_rows(entity_id, types, direction, labels)

    def cards(
        self, entity_ids: Collection[str], keys: Collection[RelKey]
    ) -> tuple[dict[str, Card], dict[RelKey, list[ProvRow]]]:
        with self._lock:
            graph = self._graph
            cards: dict[str, Card] = {}
            for entity_id in entity_ids:
                data = graph.node(entity_id)
                if data is not None:
                    cards[entity_id] = (
                        data["name"],
                        data["label"],
                        list(data["aliases"]),
                        first_seen_plans(m[1] for m in data["mentions"]),
                    )
            evidence = {k: list(graph.edge(k)[0]) for k in keys if graph.has_edge(k)}
            return cards, evidence

    def distances(self, anchor: str, depth: int, types: Names, labels: Names) -> dict[str, int]:
        with self._lock:
            return self._graph.distances(anchor, depth, types, labels)

    def degrees(self, entity_ids: Collection[str], types: Names) -> dict[str, int]:
        with self._lock:
            return {i: self._graph.degree(i, types) for i in entity_ids if self._graph.has_node(i)}

    def relations_among(self, entity_ids: Collection[str], types: Names) -> list[Relation]:
        with self._lock:
            return [self._relation(k) for k in self._graph.relations_among(entity_ids, types)]

    def path_rows(
        self, source: str, target: str, max_hops: int, types: Names, limit: int
    ) -> list[GraphPathRow]:
        with self._lock:
            return self._graph.path_rows(source, target, max_hops, types, limit)

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity; each chunk is read under the lock (membership fixed at the start)."""
        with self._lock:
            ids = self._graph.node_ids()
        return self._iter_chunks(ids, self._graph.has_node, self._entity)

    def iter_relations(self) -> Iterator[Relation]:
        with self._lock:
            keys = self._graph.relation_keys()
        return self._iter_chunks(keys, self._graph.has_edge, self._relation)

    def _iter_chunks(
        self, keys: list[Any], exists: Callable[[Any], bool], build: Callable[[Any], T]
    ) -> Iterator[T]:
        for start in range(0, len(keys), _ITER_CHUNK):
            with self._lock:
                chunk = [build(k) for k in keys[start : start + _ITER_CHUNK] if exists(k)]
            yield from chunk

    def stats(self) -> Stats:
        with self._lock:
            graph = self._graph
            return Stats(
                entities=graph.entity_count,
                relations=graph.relation_count,
                documents=len(graph.documents),
                by_label=graph.label_counts(),
                by_type=graph.type_counts(),
            )

    def disk_bytes(self) -> int:
        """Bytes of the SQLite database and its WAL (benchmarks, ``plangraph stats``)."""
        with self._lock:
            return self._open_record().disk_bytes()

    def close(self) -> None:
        """Stop watching and let go; a store that wrote folds the changes into a snapshot.

        The snapshot makes the next open one read. Only writers do it, so that a
        read-only ``plangraph export`` beside a server does not rewrite the record.
        """
        self._watcher.stop()
        with self._lock:
            record = self._record
            if record is None:
                return
            try:
                if self._wrote and self._change_bytes:
                    self._compact(record)
            finally:
                self._record = None
                record.close()
