"""``GraphStore`` on a Neo4j server through the official driver.

Every call runs as a managed transaction (``execute_read`` / ``execute_write``), which
the driver retries on transient errors, so each unit of work below is idempotent.
A batch is written in one transaction as several ``UNWIND`` statements of at most
``batch_size`` rows. The Cypher itself lives in ``graph.cypher``; the row layout in
``graph.neo4j_rows``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
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
from graph.ranking import cap_nodes, plan_sort_key
from graph.schema import (
    SEMANTIC_TYPES,
    SYMMETRIC_TYPES,
    DeleteResult,
    Direction,
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Neighbor,
    Page,
    Path,
    Relation,
    RelType,
    Stats,
    Subgraph,
    normalize_name,
)
from graph.summaries import NeighborSummaryPage, neighbor_summary

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


def _names(values: Sequence[Label] | Sequence[RelType] | None) -> list[str] | None:
    """Filter values as parameters; ``None`` or empty means no filter, as in every store."""
    return sorted({str(v) for v in values}) if values else None


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
            self._lock.reading(),
            _mapped_errors(),
            self._driver.session(database=self._database) as session,
        ):
            return session.execute_read(work)

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

    # -- reads ------------------------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity | None:
        found = self.get_entities([entity_id])
        return found[0] if found else None

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        ids = list(dict.fromkeys(entity_ids))
        rows = self._read(lambda tx: _rows(tx, cypher.GET_ENTITIES, ids=ids))
        by_id = {row["entity"]["id"]: entity_from_row(row["entity"]) for row in rows}
        return [by_id[i] for i in entity_ids if i in by_id]

    def _require(self, tx: Tx, entity_id: str) -> None:
        if not _single(tx, cypher.ENTITY_EXISTS, id=entity_id)["found"]:
            raise NotFoundError(f"no entity {entity_id!r}")

    def search(
        self,
        query: str,
        *,
        labels: Sequence[Label] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page[Entity]:
        _check_paging(limit, offset)
        needle = normalize_name(query)
        statement = cypher.SEARCH_ENTITIES if needle else cypher.LIST_ENTITIES
        params = {"query": needle, "labels": _names(labels), "limit": limit, "offset": offset}
        row = self._read(lambda tx: _single(tx, statement, **params))
        return Page[Entity](
            items=[entity_from_row(item) for item in row["items"]], total=row["total"]
        )

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
        _check_paging(limit, offset)
        try:
            direction = Direction(direction)
        except ValueError as exc:
            raise InvalidQueryError(f"unknown direction {direction!r}") from exc
        params = {
            "id": entity_id,
            "types": _names(types),
            "labels": _names(labels),
            "direction": str(direction),
            "symmetric": sorted(str(t) for t in SYMMETRIC_TYPES),
            "limit": limit,
            "offset": offset,
        }

        rows = self._read(_work(_rows, cypher.NEIGHBORS, **params))
        if not rows:
            raise NotFoundError(f"no entity {entity_id!r}")
        row = rows[0]
        items = [
            Neighbor(
                entity=entity_from_row(item["entity"]),
                relation=relation_from_row(item["relation"]),
                direction=item["direction"],
            )
            for item in row["items"]
        ]
        return Page[Neighbor](items=items, total=row["total"])

    def neighbor_summaries(
        self,
        entity_id: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        labels: Sequence[Label] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> NeighborSummaryPage:
        # The round trip to the server dwarfs building the models first.
        page = self.neighbors(
            entity_id, types=types, direction=direction, labels=labels, limit=limit, offset=offset
        )
        return {"items": [neighbor_summary(n) for n in page.items], "total": page.total}

    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 3,
        types: Sequence[RelType] | None = None,
        limit: int = 10,
    ) -> list[Path]:
        try:
            cypher.checked_hops(max_hops)
        except ValueError as exc:
            raise InvalidQueryError(str(exc)) from exc
        if limit < 0:
            raise InvalidQueryError(f"limit must be >= 0, got {limit}")
        wanted = sorted(str(t) for t in (types or SEMANTIC_TYPES))

        def work(tx: Tx) -> tuple[list[PathRow], list[dict[str, Any]], list[dict[str, Any]]]:
            self._require(tx, source_id)
            self._require(tx, target_id)
            found = simple_paths(
                source_id,
                target_id,
                max_hops=max_hops,
                limit=limit,
                to_target=_distances(tx, target_id, max_hops - 1, wanted),
                steps=_steps_reader(tx, wanted),
            )
            ids = list(dict.fromkeys(i for nodes, _ in found for i in nodes))
            keys = list(dict.fromkeys(k for _, path_keys in found for k in path_keys))
            entities = _rows(tx, cypher.GET_ENTITIES, ids=ids)
            relations = _rows(tx, cypher.RELATIONS_BY_KEY, keys=[list(k) for k in keys])
            return found, entities, relations

        found, entity_rows, relation_rows = self._read(work)
        entities = {row["entity"]["id"]: entity_from_row(row["entity"]) for row in entity_rows}
        relations = {tuple(row["key"]): relation_from_row(row["relation"]) for row in relation_rows}
        return [
            Path(nodes=[entities[i] for i in nodes], relations=[relations[k] for k in keys])
            for nodes, keys in found
        ]

    def subgraph(
        self,
        entity_id: str,
        *,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        labels: Sequence[Label] | None = None,
        max_nodes: int = 300,
    ) -> Subgraph:
        if depth < 0 or max_nodes < 1:
            raise InvalidQueryError(f"need depth >= 0 and max_nodes >= 1, got {depth}, {max_nodes}")
        params = {"types": _names(types), "labels": _names(labels)}

        def work(tx: Tx) -> tuple[list[str], int, list[dict[str, Any]], list[dict[str, Any]]]:
            self._require(tx, entity_id)
            distance = {entity_id: 0}
            frontier = [entity_id]
            for hop in range(1, depth + 1):
                rows = _rows(
                    tx, cypher.EXPAND_FRONTIER, frontier=frontier, seen=list(distance), **params
                )
                frontier = sorted(row["id"] for row in rows)
                if not frontier:
                    break
                distance.update((i, hop) for i in frontier)
            degree: dict[str, int] = {}
            if len(distance) > max_nodes:
                rows = _rows(tx, cypher.DEGREES, ids=list(distance), types=params["types"])
                degree = {row["id"]: row["degree"] for row in rows}
            kept, omitted = cap_nodes(distance, degree, max_nodes)
            entities = _rows(tx, cypher.GET_ENTITIES, ids=kept)
            relations = _rows(tx, cypher.RELATIONS_AMONG, ids=kept, types=params["types"])
            return kept, omitted, entities, relations

        kept, omitted, entity_rows, relation_rows = self._read(work)
        by_id = {row["entity"]["id"]: entity_from_row(row["entity"]) for row in entity_rows}
        return Subgraph(
            nodes=[by_id[i] for i in kept if i in by_id],
            relations=[relation_from_row(row["relation"]) for row in relation_rows],
            omitted=omitted,
        )

    def plans(self) -> list[Entity]:
        rows = self._read(lambda tx: _rows(tx, cypher.LIST_PLANS))
        return sorted((entity_from_row(r["entity"]) for r in rows), key=plan_sort_key)

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


def _distances(tx: Tx, start: str, depth: int, types: list[str]) -> dict[str, int]:
    """Hop counts from ``start`` up to ``depth`` over ``types``, one query per level."""
    distance = {start: 0}
    frontier = [start]
    for hop in range(1, depth + 1):
        rows = _rows(
            tx,
            cypher.EXPAND_FRONTIER,
            frontier=frontier,
            seen=list(distance),
            types=types,
            labels=None,
        )
        frontier = [row["id"] for row in rows]
        if not frontier:
            break
        distance.update((i, hop) for i in frontier)
    return distance


def _steps_reader(tx: Tx, types: list[str]) -> Steps:
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


def _check_paging(limit: int, offset: int) -> None:
    if limit < 0 or offset < 0:
        raise InvalidQueryError(f"limit and offset must be >= 0, got {limit}, {offset}")
