"""``plangraph serve``: the REST API under uvicorn.

Each worker process opens the store itself; with the embedded backend every worker
loads the data directory read-mostly into its own memory, which is what lets reads scale
across cores (a write through one worker is not seen by the others until they restart,
so run one worker where uploads matter).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import typer

from plangraph.commands.common import DataDirOption, settings_for

logger = logging.getLogger("plangraph.serve")


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    data_dir: Path | None = DataDirOption,
    workers: int = typer.Option(
        1, "--workers", min=1, help="Worker processes (each holds its own store)."
    ),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log", help="Log requests."),
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = settings_for(data_dir)
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
