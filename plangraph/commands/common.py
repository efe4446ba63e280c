"""Options and helpers every sub-command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.errors import NotFoundError
from graph.factory import open_store
from graph.schema import Entity
from graph.service import GraphService
from graph.store import GraphStore
from plangraph.settings import Settings

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder of the embedded store (default: $PLANGRAPH_DATA_DIR or ./.plangraph).",
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    settings = Settings()
    if data_dir is not None:
        settings = settings.model_copy(update={"data_dir": data_dir})
    return settings


def store_for(data_dir: Path | None) -> GraphStore:
    return open_store(settings_for(data_dir).store_config())


def graph_for(data_dir: Path | None) -> GraphService:
    """The service over the store ``data_dir`` names; closing it closes the store."""
    return GraphService(store_for(data_dir))


def resolve_entity(graph: GraphService, name_or_id: str) -> Entity:
    """An id, else the first entity whose name or alias is exactly ``name_or_id``."""
    entity = graph.get_entity(name_or_id)
    if entity is not None:
        return entity
    matches = graph.exact_matches(name_or_id)
    if matches:
        return matches[0]
    raise NotFoundError(f"no entity named or with id {name_or_id!r}")
