"""The ``plangraph`` command: one sub-command per module in ``plangraph/commands``."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import typer

import plangraph.commands
from graph.errors import PlangraphError, disk_full

app = typer.Typer(
    name="plangraph",
    help="A knowledge graph over Chinese science-and-technology planning documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug detail."),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _register_commands() -> None:
    """Each module of ``plangraph.commands`` that has ``register(app)`` adds its command."""
    for info in sorted(pkgutil.iter_modules(plangraph.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"plangraph.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main() -> None:
    """Run the CLI; plangraph's own errors end in one clear line and exit status 1."""
    try:
        app()
    except PlangraphError as exc:
        logging.getLogger("plangraph").debug("command failed", exc_info=True)
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        if not disk_full(exc):
            raise
        typer.echo(f"error: the disk is full: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
