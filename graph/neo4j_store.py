"""``GraphStore`` on a Neo4j server through the official driver.

Every call runs as a managed transaction (``execute_read`` / ``execute_write``), which
the driver retries on transient errors, so each unit of work below is idempotent.
A batch is written in one transaction as several ``UNWIND`` statements of at most
``batch_size`` rows. The Cypher itself lives in ``graph.cypher``; the row layout in
``graph.neo4j_rows``.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graph import cypher
from graph.errors import (
    InvalidQueryError,
    NotFoundError,
    StoreError,
    StoreUnavailableError,
)
from graph.locks import ReadWriteLock
from graph.neo4j_rows import (
    document_from_row,
    document_to_row,
    entity_from_row,
    entity_labels,
    entity_to_row,
    occurrence_rounds,
    relation_from_row,
    relation_to_row,
)
from graph.pathfinding import PathRow, RelKey, Steps, simple_paths
from graph.schema import (
    SYMMETRIC_TYPES,
    DeleteResult,
    Direction,
    DocumentRecord,
    Entity,
    GraphBatch,
    Relation,
    Stats,
)
from graph.store import Candidate, Card, Names, NeighborRow, ProvRow

log = logging.getLogger(__name__)

#: What a schema command answers when a store starting at the same time made it first.
SCHEMA_RACES = frozenset(
    f"Neo.ClientError.Schema.{name}"
    for name in (
        "EquivalentSchemaRuleAlreadyExists",
        "IndexAlreadyExists",
        "ConstraintAlreadyExists",
        "IndexWithNameAlreadyExists",
        "ConstraintWithNameAlreadyExists",
    )
)

T = TypeVar("T")
Tx = neo4j.ManagedTransaction


@contextmanager
def _mapped_errors() -> Iterator[None]:
    """Translate driver failures into the store's errors, keeping the cause."""
    try:
        yield
    except (ServiceUnavailable, AuthError) as exc:
        raise StoreUnavailableError(f"Neo4j unreachable: {exc}") from exc
    except (Neo4jError, DriverError) as exc:
        raise StoreError(f"Neo4j failed: {exc}") from exc


def _rows(tx: Tx, statement: str, /, **params: Any) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(statement, params)]


def _consume(tx: Tx, statement: str, /, **params: Any) -> None:
    tx.run(statement, params).consume()


def _single(tx: Tx, statement: str, /, **params: Any) -> dict[str, Any]:
    record = tx.run(statement, params).single(strict=True)
    return record.data()


def _work(run: Callable[..., T], statement: str, /, **params: Any) -> Callable[[Tx], T]:
    """A transaction function running one statement, bound now (not at call time)."""

    def work(tx: Tx) -> T:
        return run(tx, statement, **params)

    return work


def _chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _names(values: Names) -> list[str] | None:
    """Filter names as parameters; ``None`` or empty means no filter, as in every store."""
    return sorted(values) if values else None


_SYMMETRIC = sorted(str(t) for t in SYMMETRIC_TYPES)


class Neo4jStore:
    """The graph in a Neo4j 5 database; schema (constraints, indexes) made on start."""

    backend = "neo4j"
    in_process = False

    def __init__(
        self,
        uri: str,
        *,
        user: str,
        password: str,
        database: str = "neo4j",
        batch_size: int = 5000,
    ) -> None:
        if batch_size < 1:
            raise InvalidQueryError(f"batch_size must be positive, got {batch_size}")
        self._database = database
        self._batch_size = batch_size
        self._lock = ReadWriteLock()
        self._held = threading.local()
        with _mapped_errors():
            # Notifications such as "property key does not exist" (on a fresh database)
            # would be logged as warnings on every query.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            )
            try:
                self._driver.verify_connectivity()
                self._ensure_schema()
            except BaseException:
                self._driver.close()
                raise

    # -- plumbing ---------------------------------------------------------------------
    # Neo4j reads at "read committed": a read may see a write's commit half applied
    # (a relationship whose end node is already gone). So within this process, which
    # is the API's, writes exclude reads and readers share: every answer shows the graph
    # before or after a write. Writers in other processes are not covered.
    def _write(self, work: Callable[[Tx], T]) -> T:
        with (
            self._lock.writing(),
            _mapped_errors(),
            self._driver.session(database=self._database) as session,
        ):
            return session.execute_write(work)

    def _read(self, work: Callable[[Tx], T]) -> T:
        with (
            self.snapshot(),
            _mapped_errors(),
            self._driver.session(database=self._database) as session,
        ):
            return session.execute_read(work)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Hold the read lock across several reads (the lock itself is not re-entrant)."""
        if getattr(self._held, "reading", False):
            yield
            return
        with self._lock.reading():
            self._held.reading = True
            try:
                yield
            finally:
                self._held.reading = False

    def _ensure_schema(self) -> None:
        """Make the constraints and indexes; safe on every start and from many at once."""
        configs = self._read(_work(_rows, cypher.FULLTEXT_INDEX_CONFIGS))
        if any(
            row["name"] == cypher.FULLTEXT_INDEX
            and row["config"].get("fulltext.analyzer") != cypher.FULLTEXT_ANALYZER
            for row in configs
        ):
            log.warning(
                "rebuilding %s with the %s analyzer",
                cypher.FULLTEXT_INDEX,
                cypher.FULLTEXT_ANALYZER,
            )
            self._write(_work(_consume, cypher.DROP_FULLTEXT_INDEX))
        # Schema commands cannot share a transaction with each other or with data.
        for statement in cypher.SCHEMA_STATEMENTS:
            try:
                self._write(_work(_consume, statement))
            except StoreError as exc:
                # IF NOT EXISTS still fails when another store created it meanwhile.
                if getattr(exc.__cause__, "code", None) not in SCHEMA_RACES:
                    raise
        self._write(_work(_consume, cypher.AWAIT_INDEXES, seconds=60))

    def close(self) -> None:
        self._driver.close()

    # -- writes -----------------------------------------------------------------------
    def upsert(self, batch: GraphBatch) -> None:
        self._write(lambda tx: self._upsert_in(tx, batch))

    def replace_document(self, document: DocumentRecord, batch: GraphBatch) -> None:
        def work(tx: Tx) -> None:
            self._drop_document_in(tx, document.id)
            self._upsert_in(tx, batch)
            tx.run(cypher.MERGE_DOCUMENT, row=document_to_row(document)).consume()

        self._write(work)

    def delete_document(self, document_id: str) -> DeleteResult:
        def work(tx: Tx) -> DeleteResult:
            result = self._drop_document_in(tx, document_id)
            if result is None:
                raise NotFoundError(f"no document {document_id!r}")
            return result

        return self._write(work)

    def clear(self) -> None:
        def chunk(tx: Tx) -> int:
            return int(_single(tx, cypher.CLEAR_CHUNK, limit=self._batch_size)["removed"])

        while self._write(chunk):
            pass

    def _upsert_in(self, tx: Tx, batch: GraphBatch) -> None:
        batch_ids = {e.id for e in batch.entities}
        ends = {end for r in batch.relations for end in (r.source, r.target)} - batch_ids
        if ends:
            missing = _single(tx, cypher.MISSING_ENTITY_IDS, ids=sorted(ends))["missing"]
            if missing:
                # Raising inside the transaction function rolls everything back.
                raise InvalidQueryError(f"relation ends not in the store: {sorted(missing)}")

        by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for entity in batch.entities:
            by_labels[tuple(entity_labels(entity.label))].append(entity_to_row(entity))
        for labels, rows in by_labels.items():
            self._unwind(tx, cypher.merge_entities(labels), occurrence_rounds(rows, "id"))

        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for relation in batch.relations:
            by_type[str(relation.type)].append(relation_to_row(relation))
        for rel_type, rows in by_type.items():
            self._unwind(
                tx, cypher.merge_relations(rel_type), occurrence_rounds(rows, ("source", "target"))
            )

    def _unwind(self, tx: Tx, query: str, rounds: Iterator[list[dict[str, Any]]]) -> None:
        for rows in rounds:
            for chunk in _chunks(rows, self._batch_size):
                tx.run(query, rows=list(chunk)).consume()

    def _drop_document_in(self, tx: Tx, document_id: str) -> DeleteResult | None:
        """Drop a document's provenance and record; ``None`` when it left no trace."""
        ents = _single(tx, cypher.DROP_ENTITY_MENTIONS, document=document_id)
        orphaned: list[str] = ents["orphaned"]
        rels = _single(tx, cypher.DROP_RELATION_EVIDENCE, document=document_id, orphaned=orphaned)
        gone = _single(tx, cypher.DELETE_ENTITIES, ids=orphaned)
        record = _single(tx, cypher.DELETE_DOCUMENT_NODE, document=document_id)
        touched = rels["removed"] + rels["updated"] + len(orphaned) + ents["updated"]
        if not record["removed"] and not touched:
            return None
        return DeleteResult(
            document=document_id,
            entities_removed=gone["removed"],
            relations_removed=rels["removed"] + gone["relations_removed"],
            entities_updated=ents["updated"],
            relations_updated=rels["updated"],
        )

    # -- documents --------------------------------------------------------------------
    def get_document(self, document_id: str) -> DocumentRecord | None:
        rows = self._read(lambda tx: _rows(tx, cypher.GET_DOCUMENT, id=document_id))
        return document_from_row(rows[0]["document"]) if rows else None

    def documents(self) -> list[DocumentRecord]:
        rows = self._read(lambda tx: _rows(tx, cypher.LIST_DOCUMENTS))
        return [document_from_row(row["document"]) for row in rows]

    # -- read primitives (``graph.service`` validates, orders and pages) --------------
    def has_entity(self, entity_id: str) -> bool:
        return bool(self._read(_work(_single, cypher.ENTITY_EXISTS, id=entity_id))["found"])

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        ids = list(dict.fromkeys(entity_ids))
        rows = self._read(_work(_rows, cypher.GET_ENTITIES, ids=ids))
        by_id = {row["entity"]["id"]: entity_from_row(row["entity"]) for row in rows}
        return [by_id[i] for i in entity_ids if i in by_id]

    def entities_with_label(self, label: str) -> list[Entity]:
        rows = self._read(_work(_rows, cypher.ENTITIES_WITH_LABEL, label=label))
        return [entity_from_row(r["entity"]) for r in rows]

    def relations(self, keys: Sequence[RelKey]) -> list[Relation]:
        rows = self._read(_work(_rows, cypher.RELATIONS_BY_KEY, keys=[list(k) for k in keys]))
        by_key = {tuple(row["key"]): relation_from_row(row["relation"]) for row in rows}
        return [by_key[k] for k in keys if k in by_key]

    def search_candidates(self, needle: str, labels: Names) -> list[Candidate]:
        statement = cypher.SEARCH_CANDIDATES if needle else cypher.LIST_CANDIDATES
        rows = self._read(_work(_rows, statement, query=needle, labels=_names(labels)))
        return [(row["id"], row["name"], tuple(row["spellings"])) for row in rows]

    def neighbor_rows(
        self, entity_id: str, types: Names, direction: Direction, labels: Names
    ) -> list[NeighborRow] | None:
        params = {
            "id": entity_id,
            "types": _names(types),
            "labels": _names(labels),
            "direction": str(direction),
            "symmetric": _SYMMETRIC,
        }
        rows = self._read(_work(_rows, cypher.NEIGHBOR_ROWS, **params))
        if not rows:
            return None
        return [
            (rel_type, name, other, side, (source, rel_type, target))
            for rel_type, name, other, side, source, target in rows[0]["rows"]
        ]

    def cards(
        self, entity_ids: Collection[str], keys: Collection[RelKey]
    ) -> tuple[dict[str, Card], dict[RelKey, list[ProvRow]]]:
        def work(tx: Tx) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            entities = _rows(tx, cypher.GET_ENTITIES, ids=list(entity_ids))
            relations = _rows(tx, cypher.RELATIONS_BY_KEY, keys=[list(k) for k in keys])
            return entities, relations

        entity_rows, relation_rows = self._read(work)
        cards: dict[str, Card] = {}
        for row in entity_rows:
            entity = entity_from_row(row["entity"])
            cards[entity.id] = (entity.name, str(entity.label), entity.aliases, entity.plans)
        evidence: dict[RelKey, list[ProvRow]] = {}
        for row in relation_rows:
            relation = relation_from_row(row["relation"])
            evidence[relation.key()] = [
                (p.document, p.plan, p.sentence, p.start, p.end) for p in relation.evidence
            ]
        return cards, evidence

    def distances(self, anchor: str, depth: int, types: Names, labels: Names) -> dict[str, int]:
        return self._read(lambda tx: _distances(tx, anchor, depth, _names(types), _names(labels)))

    def degrees(self, entity_ids: Collection[str], types: Names) -> dict[str, int]:
        rows = self._read(_work(_rows, cypher.DEGREES, ids=list(entity_ids), types=_names(types)))
        return {row["id"]: row["degree"] for row in rows}

    def relations_among(self, entity_ids: Collection[str], types: Names) -> list[Relation]:
        rows = self._read(
            _work(_rows, cypher.RELATIONS_AMONG, ids=list(entity_ids), types=_names(types))
        )
        return [relation_from_row(row["relation"]) for row in rows]

    def path_rows(
        self, source: str, target: str, max_hops: int, types: Names, limit: int
    ) -> list[PathRow]:
        wanted = _names(types)

        def work(tx: Tx) -> list[PathRow]:
            return simple_paths(
                source,
                target,
                max_hops=max_hops,
                limit=limit,
                to_target=_distances(tx, target, max_hops - 1, wanted, None),
                steps=_steps_reader(tx, wanted),
            )

        return self._read(work)

    def iter_entities(self) -> Iterator[Entity]:
        after = ""
        while True:
            rows = self._read(_work(_rows, cypher.ENTITY_PAGE, after=after, limit=self._batch_size))
            for row in rows:
                yield entity_from_row(row["entity"])
            if len(rows) < self._batch_size:
                return
            after = rows[-1]["entity"]["id"]

    def iter_relations(self) -> Iterator[Relation]:
        after = ""
        while True:
            rows = self._read(
                _work(_rows, cypher.RELATION_PAGE, after=after, limit=self._batch_size)
            )
            for row in rows:
                if row["relation"] is not None:
                    yield relation_from_row(row["relation"])
            sources = {row["source_id"] for row in rows}
            if len(sources) < self._batch_size:
                return
            after = max(sources)

    def stats(self) -> Stats:
        def work(tx: Tx) -> Stats:
            by_label = {r["key"]: r["count"] for r in _rows(tx, cypher.COUNT_BY_LABEL)}
            by_type = {r["key"]: r["count"] for r in _rows(tx, cypher.COUNT_BY_TYPE)}
            documents = _single(tx, cypher.COUNT_DOCUMENTS)["count"]
            return Stats(
                entities=sum(by_label.values()),
                relations=sum(by_type.values()),
                documents=documents,
                by_label=dict(sorted(by_label.items())),
                by_type=dict(sorted(by_type.items())),
            )

        return self._read(work)


def _distances(
    tx: Tx, start: str, depth: int, types: list[str] | None, labels: list[str] | None
) -> dict[str, int]:
    """Hop counts from ``start`` up to ``depth`` over ``types``, stepping onto entities
    of ``labels``, one query per level."""
    distance = {start: 0}
    frontier = [start]
    for hop in range(1, depth + 1):
        rows = _rows(
            tx,
            cypher.EXPAND_FRONTIER,
            frontier=frontier,
            seen=list(distance),
            types=types,
            labels=labels,
        )
        frontier = sorted(row["id"] for row in rows)
        if not frontier:
            break
        distance.update((i, hop) for i in frontier)
    return distance


def _steps_reader(tx: Tx, types: list[str] | None) -> Steps:
    """A node's relations of ``types`` read from the server once, then remembered."""
    cache: dict[str, list[tuple[str, RelKey]]] = {}

    def steps(node: str) -> list[tuple[str, RelKey]]:
        if node not in cache:
            rows = _rows(tx, cypher.PATH_STEPS, id=node, types=types)
            cache[node] = [
                (row["other"], (row["key"][0], row["key"][1], row["key"][2])) for row in rows
            ]
        return cache[node]

    return steps
