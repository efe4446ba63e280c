"""Open the store that the settings name; the only place that picks a backend."""

from __future__ import annotations

from pathlib import Path

from graph.errors import StoreUnavailableError
from graph.store import GraphStore
from plangraph.settings import Settings


def open_store(settings: Settings, *, data_dir: Path | None = None) -> GraphStore:
    if settings.resolved_backend == "neo4j":
        if not settings.neo4j_uri:
            raise StoreUnavailableError("PLANGRAPH_BACKEND=neo4j needs NEO4J_URI")
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
        )
    from graph.memory_store import MemoryStore

    return MemoryStore(data_dir or settings.data_dir)
