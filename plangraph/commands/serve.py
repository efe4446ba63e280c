"""``plangraph serve``: the REST API under uvicorn.

Each worker process opens the store itself. The embedded store serves from one worker:
each worker would hold its own copy of the whole graph in memory and see the others'
writes only up to half a second later (a client could read its upload back from a
worker that has not applied it yet). Several workers need the Neo4j backend, where they
share the server. Other processes (``plangraph ingest``) may write into the folder of a
running server; it picks their commits up within half a second.
"""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer

from plangraph.commands.common import DataDirOption, settings_for

logger = logging.getLogger("plangraph.serve")


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    data_dir: DataDirOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes (Neo4j backend only).")
    ] = 1,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = False,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = settings_for(data_dir)
    if workers > 1 and settings.resolved_backend == "memory":
        raise typer.BadParameter(
            "the embedded store keeps the graph in each process's memory; use --workers 1, "
            "or PLANGRAPH_BACKEND=neo4j for several workers",
            param_hint="--workers",
        )
    if data_dir is not None:
        # Workers build the app from the environment (uvicorn --factory), so pass it on.
        os.environ["PLANGRAPH_DATA_DIR"] = str(data_dir)
    where = f"http://{host}:{port}"
    backend = settings.resolved_backend
    source = settings.neo4j_uri if backend == "neo4j" else str(settings.data_dir.resolve())
    logger.info(
        "plangraph API on %s: %s store at %s, %d worker(s); docs at %s/docs",
        where,
        backend,
        source,
        workers,
        where,
    )
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
