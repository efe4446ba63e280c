"""The ``GraphStore`` protocol: the primitives that differ between backends, and no more.

Two implementations stand behind it, the embedded ``MemoryStore`` and ``Neo4jStore``.
Everything both would otherwise do alike (validation, limits, paging, ordering, search
ranking, node caps and the shapes of answers) is ``graph.service.GraphService``'s, which
the API, the views, the CLI and analytics call. A primitive takes filter names already
checked against the ontology (``None``: no filter) and answers with plain rows or the
stored models; it does not validate, page or sort unless it says so.
``tests/test_store_contract.py`` holds both backends, through the service, to one
behaviour.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Literal, Protocol, runtime_checkable

from graph.pathfinding import PathRow, RelKey
from graph.schema import (
    DeleteResult,
    Direction,
    DocumentRecord,
    Entity,
    GraphBatch,
    Relation,
    Stats,
)

#: Names of labels or relationship types to keep; ``None`` keeps all.
Names = Collection[str] | None
#: A search hit before ranking: (id, name, the normalised spellings holding the query).
#: The spellings must include every one that equals or starts with the query.
Candidate = tuple[str, str, tuple[str, ...]]
#: One relation at an anchor: (type, neighbour's name, neighbour's id, which end the
#: anchor is, relation key). Sorting these rows gives the neighbours' order.
NeighborRow = tuple[str, str, str, Literal["out", "in"], RelKey]
#: What a neighbours page shows of an entity: (name, label, aliases, plan ids).
Card = tuple[str, str, list[str], list[str]]
#: (document, plan, sentence, start, end): a provenance as a plain tuple.
ProvRow = tuple[str, str | None, str, int, int]


@runtime_checkable
class GraphStore(Protocol):
    """Batch writes, provenance-aware deletes, and the read primitives of the service."""

    backend: str
    #: True when calls answer from this process's memory in microseconds (the embedded
    #: store): callers may run them inline rather than hand them to a worker thread.
    in_process: bool

    # -- writes ---------------------------------------------------------------------
    def upsert(self, batch: GraphBatch) -> None:
        """Merge entities and relations in one commit.

        An entity that exists gains the new aliases, properties (new values win) and
        mentions; a relation that exists gains the new evidence. Re-upserting the same
        batch changes nothing. A relation whose ends are missing raises
        ``InvalidQueryError`` and nothing of the batch is written.
        """
        ...

    def replace_document(self, document: DocumentRecord, batch: GraphBatch) -> None:
        """Atomically drop what ``document.id`` contributed, then upsert ``batch``.

        Readers see the graph before or after, never between.
        """
        ...

    def delete_document(self, document_id: str) -> DeleteResult:
        """Remove everything that came from this document and only that.

        Evidence and mentions of the document are dropped; a relation or entity left
        with no provenance at all is removed; an entity that another document also
        mentions stays, with that document's provenance. Unknown id: ``NotFoundError``.
        """
        ...

    def clear(self) -> None:
        """Remove everything (tests, benchmarks, ``plangraph reset``)."""
        ...

    # -- documents --------------------------------------------------------------------
    def get_document(self, document_id: str) -> DocumentRecord | None: ...

    def documents(self) -> list[DocumentRecord]:
        """Every document record, by id."""
        ...

    # -- reads ------------------------------------------------------------------------
    def snapshot(self) -> AbstractContextManager[object]:
        """A context in which this thread's reads all see one state of the graph: no write
        made through this store object lands between them. Re-entrant."""
        ...

    def has_entity(self, entity_id: str) -> bool: ...

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """The entities that exist among ``entity_ids``, in the given order."""
        ...

    def entities_with_label(self, label: str) -> list[Entity]:
        """Every entity of ``label``, in no particular order."""
        ...

    def relations(self, keys: Sequence[RelKey]) -> list[Relation]:
        """The relations that exist among ``keys``, in the given order."""
        ...

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity (export, analytics)."""
        ...

    def iter_relations(self) -> Iterator[Relation]:
        """Every relation (export, analytics)."""
        ...

    def stats(self) -> Stats: ...

    # -- search -----------------------------------------------------------------------
    def search_candidates(self, needle: str, labels: Names) -> list[Candidate]:
        """Entities (of ``labels``) with a name or alias whose normalised form
        (``graph.schema.normalize_name``) contains ``needle``; every entity when
        ``needle`` is empty. Unordered."""
        ...

    # -- neighbourhoods ----------------------------------------------------------------
    def neighbor_rows(
        self, entity_id: str, types: Names, direction: Direction, labels: Names
    ) -> list[NeighborRow] | None:
        """Every relation of ``types`` at ``entity_id`` whose other end is of ``labels``,
        unordered; ``None`` when there is no such entity.

        ``direction`` OUT keeps relations the anchor is the source of, IN those it is
        the target of; symmetric types (``COLLABORATES_WITH``) match any direction. A
        self-loop is one row.
        """
        ...

    def cards(
        self, entity_ids: Collection[str], keys: Collection[RelKey]
    ) -> tuple[dict[str, Card], dict[RelKey, list[ProvRow]]]:
        """What a neighbours page shows: the entities' cards and the relations' evidence,
        for those that exist."""
        ...

    def distances(self, anchor: str, depth: int, types: Names, labels: Names) -> dict[str, int]:
        """Hop counts (ignoring direction) of the entities within ``depth`` of ``anchor``
        over relations of ``types``, stepping only onto entities of ``labels``; the
        anchor at 0. Nearer first."""
        ...

    def degrees(self, entity_ids: Collection[str], types: Names) -> dict[str, int]:
        """How many relations of ``types`` each entity has, self-loops aside."""
        ...

    def relations_among(self, entity_ids: Collection[str], types: Names) -> list[Relation]:
        """The relations of ``types`` both of whose ends are among ``entity_ids``."""
        ...

    def path_rows(
        self, source: str, target: str, max_hops: int, types: Names, limit: int
    ) -> list[PathRow]:
        """``graph.pathfinding.simple_paths`` over relations of ``types`` (ignoring
        direction), run where the graph is; both ids exist."""
        ...

    def close(self) -> None: ...
