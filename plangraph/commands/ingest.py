"""``plangraph ingest PATH...``: load plan documents into the store, with a progress bar.

Exit status: 0 when every file was ingested (or unchanged), 3 when the run finished but
skipped files, 1 on a fatal error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from ingest.filenames import display_name
from ingest.models import IngestReport
from plangraph.commands.common import DataDirOption, settings_for, store_for

EXIT_SKIPPED = 3


def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders (searched recursively): "
            ".txt .md .html .docx .doc .wps .xlsx .pdf"
        ),
    ],
    data_dir: DataDirOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes extracting at once (one per core speeds up a large "
            "corpus; each loads the models once, so it does not pay on a few files).",
        ),
    ] = 1,
) -> None:
    """Read plan documents, extract their facts with evidence, commit each one atomically.

    Plans, institutions, platforms, industries, programmes, targets and their
    relationships are extracted offline. Re-ingesting an unchanged file is a no-op; a
    changed file replaces that document's facts.
    """
    from ingest.models import SkippedFile
    from ingest.pipeline import file_size, ingest_files
    from ingest.readers import iter_paths

    settings = settings_for(data_dir)
    console = Console(stderr=True)
    skipped: list[SkippedFile] = []
    files = list(iter_paths(paths, skipped=skipped))
    total_bytes = sum(file_size(p) for p in files)
    store = store_for(data_dir)
    try:
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}"),
            console=console,
            disable=quiet,
        ) as progress:
            task = progress.add_task("ingest", total=total_bytes, current="", done=0)

            def advance(path: Path, size: int) -> None:
                done = progress.tasks[task].fields["done"] + 1
                name = escape(display_name(path.name))
                progress.update(
                    task, advance=size, done=done, current=f"{done}/{len(files)} {name}"
                )

            report = ingest_files(
                store,
                files,
                skipped=skipped,
                max_bytes=settings.max_file_mb * 1024 * 1024,
                progress=advance,
                jobs=jobs,
            )
        _print_summary(Console(), report)
    finally:
        store.close()
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _print_summary(console: Console, report: IngestReport) -> None:
    console.print(
        f"[bold]{report.documents}[/] documents ingested, {report.unchanged} unchanged, "
        f"{report.plans} plans, {len(report.skipped)} skipped"
    )
    if len(report.folders) > 1:
        table = Table("folder", "ingested", "unchanged", "skipped", title="Per folder")
        for folder, counts in sorted(report.folders.items()):
            table.add_row(
                escape(folder), str(counts.ingested), str(counts.unchanged), str(counts.skipped)
            )
        console.print(table)
    if report.entities_by_label:
        table = Table("label", "entities", title="Entities per label")
        for label, n in sorted(report.entities_by_label.items()):
            table.add_row(label, str(n))
        console.print(table)
    if report.relations_by_type:
        table = Table("type", "relationships", title="Relationships per type")
        for rel_type, n in sorted(report.relations_by_type.items()):
            table.add_row(rel_type, str(n))
        console.print(table)
    if report.damaged:
        table = Table("file", "bytes replaced", title="Read with damaged bytes replaced")
        for damaged in report.damaged:
            table.add_row(escape(damaged.source), str(damaged.replaced_bytes))
        console.print(table)
    if report.skipped:
        table = Table("file", "reason", title="Skipped files")
        for skipped in report.skipped:
            table.add_row(escape(skipped.source), escape(skipped.reason))
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
