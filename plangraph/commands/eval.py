"""``plangraph eval --gold FILE``: score an ingest against the gold set.

By default the gold file's corpus is ingested into a throw-away embedded store, so the
figures are those of the current code; ``--data-dir`` scores an existing store as is.
"""

from __future__ import annotations

import json
import tempfile
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from graph.store import GraphStore
from ingest.evaluation import (
    EvaluationReport,
    GoldSet,
    Score,
    combine_reports,
    evaluate_store,
    report_summary,
)
from plangraph.commands.common import store_for

ROOT = Path(__file__).resolve().parents[2]


def sample_dirs() -> list[Path]:
    """Where a gold file's ``source`` is looked for after the gold file's own folder."""
    return [Path.cwd() / "data" / "sample", ROOT / "data" / "sample"]


def resolve_corpus(gold_path: Path, source: str) -> Path | None:
    """The gold's ``source`` relative to the gold file, else by path or name in data/sample."""
    candidates = [gold_path.parent / source, gold_path.parent / Path(source).name]
    for folder in sample_dirs():
        candidates += [folder / source, folder / Path(source).name]
    return next((c for c in candidates if c.exists()), None)


def _ingested_report(gold: GoldSet, corpus: Path, extractor: str) -> EvaluationReport:
    from graph.memory_store import MemoryStore
    from ingest.pipeline import EXTRACTOR_SETS, ingest_paths

    with tempfile.TemporaryDirectory(prefix="plangraph-eval-") as folder:
        store: GraphStore = MemoryStore(Path(folder) / "store")
        try:
            ingest_paths(store, [corpus], extractors=EXTRACTOR_SETS[extractor]())
            return evaluate_store(gold, store)
        finally:
            store.close()


def folder_reports(folder: Path, extractor: str = "learned") -> dict[str, EvaluationReport]:
    """Each gold file of ``folder`` scored against its own text, extracted alone."""
    reports: dict[str, EvaluationReport] = {}
    for path in sorted(folder.glob("*.json")):
        gold_set = GoldSet.load(path)
        corpus = resolve_corpus(path, gold_set.source) if gold_set.source else None
        if corpus is None:
            raise typer.BadParameter(f"{path.name}: cannot find its source {gold_set.source!r}")
        reports[path.stem] = _ingested_report(gold_set, corpus, extractor)
    if not reports:
        raise typer.BadParameter(f"no gold files (*.json) in {folder}", param_hint="--gold")
    return reports


def print_documents(console: Console, reports: dict[str, EvaluationReport]) -> None:
    table = Table("document", "entity F1", "relation F1", "target F1", title="Per document")
    for name, report in reports.items():
        table.add_row(
            escape(name),
            f"{report.entities.f1:.3f}",
            f"{report.relations.f1:.3f}",
            f"{report.targets.f1:.3f}",
        )
    console.print(table)


def _stored_report(gold: GoldSet, data_dir: Path) -> EvaluationReport:
    store = store_for(data_dir)
    try:
        return evaluate_store(gold, store)
    finally:
        store.close()


GoldOption = typer.Option(
    ...,
    "--gold",
    exists=True,
    help="Gold JSON file, or a folder of NAME.json gold files each beside its NAME.txt "
    "(figures then summed over the documents, each extracted on its own).",
)
CorpusOption = typer.Option(
    None,
    "--corpus",
    help="File or folder to ingest (default: the gold file's source, looked up next to "
    "the gold file, then in data/sample/).",
)
StoreDirOption = typer.Option(
    None, "--data-dir", help="Score this existing store instead of ingesting the corpus."
)
ShowErrorsOption = typer.Option(
    False, "--show-errors", help="List false positives and false negatives."
)
JsonOption = typer.Option(False, "--json", help="Print one JSON object.")


class ExtractorName(StrEnum):
    learned = "learned"
    rules = "rules"


ExtractorOption = typer.Option(
    ExtractorName.learned,
    "--extractor",
    help="learned (the trained tagger and relation reader) or rules.",
)


def evaluate_command(
    gold: Path = GoldOption,
    corpus: Path | None = CorpusOption,
    data_dir: Path | None = StoreDirOption,
    show_errors: bool = ShowErrorsOption,
    as_json: bool = JsonOption,
    extractor: ExtractorName = ExtractorOption,
) -> None:
    """Print precision, recall and F1 of entities, relationships and targets."""
    if gold.is_dir():
        per_document = folder_reports(gold, extractor)
        report = combine_reports(per_document)
        if as_json:
            payload = {
                "gold": str(gold),
                "documents": {name: report_summary(r) for name, r in per_document.items()},
                **report.model_dump(mode="json"),
            }
            typer.echo(json.dumps(payload, ensure_ascii=False))
            return
        console = Console()
        print_documents(console, per_document)
        print_report(console, report, show_errors=show_errors)
        return
    gold_set = GoldSet.load(gold)
    if data_dir is not None:
        report = _stored_report(gold_set, data_dir)
    else:
        if corpus is None:
            found = resolve_corpus(gold, gold_set.source) if gold_set.source else None
            if found is None:
                raise typer.BadParameter(
                    f"cannot find the gold source {gold_set.source!r}; pass --corpus",
                    param_hint="--corpus",
                )
            corpus = found
        report = _ingested_report(gold_set, corpus, extractor)
    if as_json:
        payload = {
            "gold": str(gold),
            "corpus": str(corpus) if corpus else None,
            "data_dir": str(data_dir) if data_dir else None,
            **report.model_dump(mode="json"),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    print_report(Console(), report, show_errors=show_errors)


def _figures(score: Score) -> list[str]:
    return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]


def _counts(score: Score) -> list[str]:
    return [str(score.predicted), str(score.correct), str(score.gold), str(score.found)]


def print_report(console: Console, report: EvaluationReport, *, show_errors: bool) -> None:
    entities = Table(
        Column("label", no_wrap=True, min_width=17),
        "gold",
        "P",
        "R",
        "F1",
        "typed P",
        "typed R",
        "typed F1",
        title="Entities (P/R/F1 untyped, then typed)",
    )
    entities.add_row(
        "[bold]all[/]",
        str(report.entities.gold),
        *_figures(report.entities),
        *_figures(report.entities_typed),
    )
    for label in sorted(set(report.entities_by_label) | set(report.entities_typed_by_label)):
        untyped = report.entities_by_label.get(label, Score())
        typed = report.entities_typed_by_label.get(label, Score())
        entities.add_row(label, str(untyped.gold), *_figures(untyped), *_figures(typed))
    console.print(entities)

    scores = Table(
        Column("scope", no_wrap=True, min_width=19),
        "predicted",
        "correct",
        "gold",
        "found",
        "P",
        "R",
        "F1",
    )
    scores.title = "Relationships and targets"
    scores.add_row("[bold]relations[/]", *_counts(report.relations), *_figures(report.relations))
    for rel_type, score in report.relations_by_type.items():
        scores.add_row(f"  {rel_type}", *_counts(score), *_figures(score))
    scores.add_row("[bold]targets[/]", *_counts(report.targets), *_figures(report.targets))
    console.print(scores)

    unmapped = [gold_id for gold_id, plan in report.plan_mapping.items() if plan is None]
    console.print(
        f"plans mapped: {len(report.plan_mapping) - len(unmapped)}/{len(report.plan_mapping)}"
        + (f" (unmapped: {', '.join(unmapped)})" if unmapped else "")
        + f"; duplicate entities: {report.duplicates}"
    )
    if show_errors:
        for area, errors in report.errors.items():
            console.rule(area)
            for line in errors.false_positives:
                console.print(f"[red]FP[/] {escape(line)}", highlight=False)
            for line in errors.false_negatives:
                console.print(f"[yellow]FN[/] {escape(line)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate_command)
