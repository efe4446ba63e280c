"""The ``GraphStore`` protocol: the one interface the API, views and ingest speak.

Two implementations stand behind it, the embedded ``MemoryStore`` and ``Neo4jStore``;
both pass ``tests/test_store_contract.py``. Nothing above this layer may know which one
it has.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

from graph.schema import (
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
)
from graph.summaries import NeighborSummaryPage


@runtime_checkable
class GraphStore(Protocol):
    """Batch writes, name search, neighbourhoods, paths, provenance-aware deletes."""

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

    def documents(self) -> list[DocumentRecord]: ...

    # -- reads ------------------------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity | None: ...

    def get_entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """The entities that exist among ``entity_ids``, in the given order."""
        ...

    def search(
        self,
        query: str,
        *,
        labels: Sequence[Label] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page[Entity]:
        """Substring search on names and aliases (case-, width-, space-insensitive).

        Exact name or alias matches come first, then prefix matches, then the rest by
        name length. An empty query lists every entity (of ``labels``) by name.
        """
        ...

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
        """Adjacent entities with the connecting relation, ordered by (type, name).

        Symmetric types (``COLLABORATES_WITH``) match any direction. Unknown id:
        ``NotFoundError``.
        """
        ...

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
        """``neighbors`` as plain JSON-ready dicts (``graph.summaries``), for hot answers.

        Same selection, order, paging, total and errors as ``neighbors``; each item is
        ``neighbor_summary`` of the corresponding ``Neighbor``. The dicts are the
        caller's own: nothing in them is shared with the store.
        """
        ...

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

        ``types`` defaults to the semantic types (everything but ``MENTIONS``).
        Unknown ids: ``NotFoundError``; ``max_hops`` outside 1..6: ``InvalidQueryError``.
        """
        ...

    def subgraph(
        self,
        entity_id: str,
        *,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        labels: Sequence[Label] | None = None,
        max_nodes: int = 300,
    ) -> Subgraph:
        """The neighbourhood within ``depth`` hops (for views), capped at ``max_nodes``.

        Above the cap it keeps the nearest nodes first and, among equals, the most
        connected; ``omitted`` counts the rest. The anchor is always kept.
        """
        ...

    def plans(self) -> list[Entity]:
        """Every ``Plan`` entity, ordered by year then name."""
        ...

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity (export, analytics)."""
        ...

    def iter_relations(self) -> Iterator[Relation]:
        """Every relation (export, analytics)."""
        ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...
