"""``MemoryStore``: the embedded default ``GraphStore``, in memory and on local disk.

The graph lives in a ``MemoryGraph`` (networkx underneath); every commit is first made
durable by a ``DiskLog`` (journal record, fsync) and only then applied in memory, so a
crash at any moment leaves the last committed state on disk. One re-entrant lock
serialises commits and reads: a reader sees the graph before or after a batch, never
part of it.

Models are built only for results, with ``model_construct`` from values that were
validated when they came in.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from graph.errors import InvalidQueryError, NotFoundError, StoreError, disk_full
from graph.gc_control import FREEZE_MIN_ROWS, paused_gc, request_freeze
from graph.memory_graph import (
    REL_TYPE_NAMES,
    EntityRow,
    MemoryGraph,
    RelationRow,
    canonical_relation_rows,
)
from graph.memory_log import DiskLog
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


def _prov_row(provenance: Provenance) -> ProvRow:
    return _prov_fields(provenance.__dict__)  # type: ignore[no-any-return]


def _own_properties(properties: dict[str, Any]) -> dict[str, Any]:
    """A copy the caller cannot change afterwards (property lists included)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in properties.items()}


def _entity_rows(batch: GraphBatch) -> list[EntityRow]:
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
                tuple(map(_prov_row, mentions)),
            )
        )
    return rows


def _relation_rows(batch: GraphBatch) -> list[RelationRow]:
    """Rows as ``canonical_relation_rows`` makes them (the journal then pickles an id once)."""
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
                tuple([_prov_fields(p.__dict__) for p in evidence]),
            )
        )
    return rows


class MemoryStore:
    """The embedded store: a networkx graph in memory, a snapshot and journal on disk."""

    backend = "memory"
    in_process = True

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._lock = threading.RLock()
        self._graph = MemoryGraph()
        self._log: DiskLog | None = None
        disk = DiskLog(self.data_dir)
        try:
            with paused_gc():
                snapshot, records = disk.load()
                if snapshot is not None:
                    self._graph.load_state(snapshot)
                    del snapshot
                for record in records:
                    self._apply(record, replayed=True)
                if self._graph.entity_count + self._graph.relation_count >= FREEZE_MIN_ROWS:
                    request_freeze()
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            disk.close()
            raise StoreError(f"corrupt store in {self.data_dir}: {exc!r}") from exc
        self._log = disk
        if records:
            log.info("replayed %d journal records from %s", len(records), self.data_dir)

    # -- commits -------------------------------------------------------------------------
    def _apply(self, record: tuple[Any, ...], *, replayed: bool) -> None:
        """Apply one journal record; live commits and replay share this one path.

        Live rows are canonical already; rows read back from the journal are made so.
        """
        kind = record[0]
        if kind == "upsert":
            relations = canonical_relation_rows(record[2]) if replayed else record[2]
            self._graph.apply_upsert(record[1], relations)
        elif kind == "replace":
            document, entities, relations = record[1], record[2], record[3]
            if replayed:
                relations = canonical_relation_rows(relations)
            self._graph.apply_removal(document["id"], self._graph.removal(document["id"]))
            self._graph.apply_upsert(entities, relations)
            self._graph.documents[document["id"]] = document
        elif kind == "delete":
            self._graph.apply_removal(record[1], self._graph.removal(record[1]))
        else:
            raise ValueError(f"unknown journal record {kind!r}")

    def _commit(self, record: tuple[Any, ...]) -> None:
        """Make ``record`` durable, then apply it (caller holds the lock)."""
        disk = self._open_log()
        with paused_gc():
            disk.append(record)
            self._apply(record, replayed=False)
        if disk.wants_compaction():
            self._compact(disk)

    def _compact(self, disk: DiskLog) -> None:
        try:
            with paused_gc():
                disk.write_snapshot(self._graph.to_state())
        except StoreError as exc:
            # The commit is already durable in the journal; a later compaction retries.
            if disk_full(exc):
                log.error("compaction of %s postponed: %s", self.data_dir, exc)
            else:
                log.exception("compaction of %s failed", self.data_dir)

    def _open_log(self) -> DiskLog:
        if self._log is None:
            raise StoreError(f"store {self.data_dir} is closed")
        return self._log

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
        size = len(batch.entities) + len(batch.relations)
        with paused_gc(freeze=size >= FREEZE_MIN_ROWS):
            # Rows are built before taking the lock: readers wait only for the commit.
            entities, relations = _entity_rows(batch), _relation_rows(batch)
            with self._lock:
                self._open_log()
                record: tuple[Any, ...]
                if document is None:
                    self._check_ends(entities, relations, ())
                    record = ("upsert", entities, relations)
                else:
                    removal = self._graph.removal(document.id)
                    self._check_ends(entities, relations, removal.entities_removed)
                    record = ("replace", document.model_dump(mode="json"), entities, relations)
                self._commit(record)

    def delete_document(self, document_id: str) -> DeleteResult:
        with self._lock:
            self._open_log()
            if not self._graph.knows_document(document_id):
                raise NotFoundError(f"no document {document_id!r}")
            removal = self._graph.removal(document_id)
            self._commit(("delete", document_id))
        return DeleteResult(
            document=document_id,
            entities_removed=len(removal.entities_removed),
            relations_removed=len(removal.relations_removed),
            entities_updated=len(removal.entities_updated),
            relations_updated=len(removal.relations_updated),
        )

    def clear(self) -> None:
        with self._lock:
            disk = self._open_log()
            empty = MemoryGraph()
            disk.write_snapshot(empty.to_state())
            self._graph = empty

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
        """Bytes of the snapshot and journal (benchmarks, ``plangraph stats``)."""
        with self._lock:
            return self._open_log().disk_bytes()

    def close(self) -> None:
        """Fold the journal into a snapshot (so the next open is one file read) and let go."""
        with self._lock:
            disk, self._log = self._log, None
            if disk is None:
                return
            try:
                if disk.journal_records:
                    self._compact(disk)
            finally:
                disk.close()
