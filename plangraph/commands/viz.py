"""``plangraph viz``: write an entity's view as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.errors import NotFoundError
from graph.schema import Entity, normalize_name
from graph.store import GraphStore
from plangraph.commands.common import DataDirOption, store_for
from viz.views import entity_page


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


def viz(
    entity: Annotated[str, typer.Argument(help="Entity id, or its exact name or alias.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    depth: Annotated[int, typer.Option(min=1, max=3, help="Hops around the entity.")] = 1,
    data_dir: DataDirOption = None,
) -> None:
    """Write the entity's neighbourhood view, usable without a server."""
    store = store_for(data_dir)
    try:
        try:
            anchor = resolve_entity(store, entity)
        except NotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        page = entity_page(store, anchor.id, depth=depth, served=False)
    finally:
        store.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    typer.echo(f"{anchor.name} ({anchor.label}) → {out}")


def register(app: typer.Typer) -> None:
    app.command("viz")(viz)
