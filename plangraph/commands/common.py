"""Options and helpers every sub-command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.errors import NotFoundError
from graph.factory import open_store
from graph.schema import Entity, normalize_name
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


def resolve_entity(store: GraphStore, name_or_id: str) -> Entity:
    """An id, else the entity whose name or alias matches exactly (first by search order)."""
    entity = store.get_entity(name_or_id)
    if entity is not None:
        return entity
    key = normalize_name(name_or_id)
    for candidate in store.search(name_or_id, limit=20).items:
        if key in {normalize_name(n) for n in (candidate.name, *candidate.aliases)}:
            return candidate
    raise NotFoundError(f"no entity named or with id {name_or_id!r}")
