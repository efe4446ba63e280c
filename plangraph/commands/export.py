"""``plangraph export``: the whole graph as JSON, GraphML or neo4j-admin CSV."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from graph.export import ExportFormat, write_csv, write_graphml, write_json
from plangraph.commands.common import DataDirOption, store_for

FormatOption = Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="File to write (a folder for csv); standard output when omitted (json, graphml).",
    ),
]


def export(
    format: FormatOption = ExportFormat.JSON,
    out: OutOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write every entity and relation, with their evidence."""
    if format is ExportFormat.CSV and out is None:
        raise typer.BadParameter(
            "csv writes two files: give a folder with --out", param_hint="--out"
        )
    store = store_for(data_dir)
    try:
        if format is ExportFormat.CSV:
            assert out is not None
            nodes, relationships = write_csv(store, out)
            typer.echo(f"wrote {nodes} and {relationships}", err=True)
        elif format is ExportFormat.GRAPHML:
            if out is None:
                write_graphml(store, sys.stdout.buffer)
            else:
                with open(out, "wb") as f:
                    write_graphml(store, f)
        elif out is None:
            stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
            try:
                write_json(store, stdout)
            finally:
                stdout.detach()  # leave sys.stdout open
        else:
            with open(out, "w", encoding="utf-8") as f:
                write_json(store, f)
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("export")(export)
