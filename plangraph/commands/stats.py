"""``plangraph stats``: counts per label and relationship type."""

from __future__ import annotations

import typer

from plangraph.commands.common import DataDirOption, graph_for


def stats(data_dir: DataDirOption = None) -> None:
    """Print how many entities, relations and documents the store holds."""
    graph = graph_for(data_dir)
    try:
        typer.echo(graph.stats().model_dump_json(indent=2))
    finally:
        graph.close()


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
