"""Options and helpers every sub-command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.factory import open_store
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
    return open_store(settings_for(data_dir))
