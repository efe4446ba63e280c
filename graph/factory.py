"""Open the store a ``StoreConfig`` names; the only place that picks a backend.

The configuration is passed in, not read here: ``graph`` is the bottom layer and knows
nothing of the environment or of ``plangraph.settings`` above it. The callers (the API,
the CLI) build a ``StoreConfig`` from their settings with ``Settings.store_config()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.errors import StoreUnavailableError
from graph.store import GraphStore


class StoreConfig(BaseModel):
    """Which store to open, and where."""

    model_config = ConfigDict(frozen=True)

    backend: Literal["memory", "neo4j"] = "memory"
    data_dir: Path = Field(default=Path(".plangraph"), description="Embedded store folder")
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    # Kept out of repr so that a logged or printed config does not show it.
    neo4j_password: str = Field(default="neo4j", repr=False)
    neo4j_database: str = "neo4j"


def open_store(config: StoreConfig) -> GraphStore:
    if config.backend == "neo4j":
        if not config.neo4j_uri:
            raise StoreUnavailableError("PLANGRAPH_BACKEND=neo4j needs NEO4J_URI")
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            config.neo4j_uri,
            user=config.neo4j_user,
            password=config.neo4j_password,
            database=config.neo4j_database,
        )
    from graph.memory_store import MemoryStore

    return MemoryStore(config.data_dir)
