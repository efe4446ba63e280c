"""``plangraph viz``: write an entity's view as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.errors import NotFoundError
from plangraph.commands.common import DataDirOption, graph_for, resolve_entity
from viz.views import entity_page


def viz(
    entity: Annotated[str, typer.Argument(help="Entity id, or its exact name or alias.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    depth: Annotated[int, typer.Option(min=1, max=3, help="Hops around the entity.")] = 1,
    data_dir: DataDirOption = None,
) -> None:
    """Write the entity's neighbourhood view, usable without a server."""
    graph = graph_for(data_dir)
    try:
        try:
            anchor = resolve_entity(graph, entity)
        except NotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        page = entity_page(graph, anchor.id, depth=depth, served=False)
    finally:
        graph.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    typer.echo(f"{anchor.name} ({anchor.label}) → {out}")


def register(app: typer.Typer) -> None:
    app.command("viz")(viz)
