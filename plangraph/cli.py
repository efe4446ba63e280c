"""The ``plangraph`` command: one sub-command per module in ``plangraph/commands``."""

from __future__ import annotations

import logging

import typer

from plangraph.commands import export, ingest, serve, stats

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


for module in (ingest, serve, export, stats):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
