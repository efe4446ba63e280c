"""``plangraph eval --gold FILE``: score an ingest against the gold set.

By default the gold file's corpus is ingested into a throw-away embedded store, so the
figures are those of the current code; ``--data-dir`` scores an existing store as is.
``plangraph eval --metadata FILE DIR`` scores plan metadata (issuers, title, region,
year, document number) over the documents of DIR against an annotation of them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from graph.service import GraphService
from graph.store import GraphStore
from ingest.evaluation import (
    EvaluationReport,
    GoldSet,
    Score,
    combine_reports,
    evaluate_store,
    report_summary,
)
from ingest.metadata_eval import (
    MetadataGold,
    MetadataReport,
    predictions_from_store,
    score_metadata,
)
from plangraph.commands.common import store_for

ROOT = Path(__file__).resolve().parents[2]
R = TypeVar("R")


def sample_dirs() -> list[Path]:
    """Where a gold file's ``source`` is looked for after the gold file's own folder."""
    return [Path.cwd() / "data" / "sample", ROOT / "data" / "sample"]


def resolve_corpus(gold_path: Path, source: str) -> Path | None:
    """The gold's ``source`` relative to the gold file, else by path or name in data/sample."""
    candidates = [gold_path.parent / source, gold_path.parent / Path(source).name]
    for folder in sample_dirs():
        candidates += [folder / source, folder / Path(source).name]
    return next((c for c in candidates if c.exists()), None)


class ExtractorName(StrEnum):
    learned = "learned"
    rules = "rules"


def _ingested_report(
    gold: GoldSet, corpus: Path, extractor: ExtractorName = ExtractorName.learned
) -> EvaluationReport:
    return _on_ingested(corpus, lambda store: evaluate_store(gold, store), extractor)


def _on_ingested(
    corpus: Path,
    score: Callable[[GraphStore], R],
    extractor: ExtractorName = ExtractorName.learned,
) -> R:
    """Ingest ``corpus`` into a throw-away embedded store and score that store."""
    from graph.memory_store import MemoryStore
    from ingest.pipeline import EXTRACTOR_SETS, ingest_paths

    with tempfile.TemporaryDirectory(prefix="plangraph-eval-") as folder:
        store: GraphStore = MemoryStore(Path(folder) / "store")
        try:
            ingest_paths(store, [corpus], extractors=EXTRACTOR_SETS[extractor]())
            return score(store)
        finally:
            store.close()


def _on_stored(data_dir: Path, score: Callable[[GraphStore], R]) -> R:
    store = store_for(data_dir)
    try:
        return score(store)
    finally:
        store.close()


def _stored_report(gold: GoldSet, data_dir: Path) -> EvaluationReport:
    return _on_stored(data_dir, lambda store: evaluate_store(gold, store))


def folder_reports(
    folder: Path, extractor: ExtractorName = ExtractorName.learned
) -> dict[str, EvaluationReport]:
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


GoldOption = typer.Option(
    None,
    "--gold",
    exists=True,
    help="Gold JSON file, or a folder of NAME.json gold files each beside its NAME.txt "
    "(figures then summed over the documents, each extracted on its own).",
)
MetadataOption = typer.Option(
    None,
    "--metadata",
    exists=True,
    dir_okay=False,
    help="Score plan metadata against this annotation (zhejiang-metadata.json form).",
)
DirArgument = typer.Argument(
    None, help="With --metadata: the folder of the annotated documents (<uid>.txt)."
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
ExtractorOption = typer.Option(
    ExtractorName.learned,
    "--extractor",
    help="learned (the trained tagger and relation reader) or rules.",
)


def evaluate_command(
    gold: Path | None = GoldOption,
    corpus: Path | None = CorpusOption,
    data_dir: Path | None = StoreDirOption,
    show_errors: bool = ShowErrorsOption,
    as_json: bool = JsonOption,
    metadata: Path | None = MetadataOption,
    folder: Path | None = DirArgument,
    extractor: ExtractorName = ExtractorOption,
) -> None:
    """Print precision, recall and F1 of entities, relationships and targets; with
    --metadata, the accuracy of each plan metadata field."""
    if metadata is not None:
        _metadata_command(metadata, folder or corpus, data_dir, show_errors, as_json)
        return
    if gold is None:
        raise typer.BadParameter("pass --gold FILE (or --metadata FILE DIR)", param_hint="--gold")
    if gold.is_dir():
        _folder_command(gold, extractor, show_errors, as_json)
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


def _folder_command(
    folder: Path, extractor: ExtractorName, show_errors: bool, as_json: bool
) -> None:
    per_document = folder_reports(folder, extractor)
    report = combine_reports(per_document)
    if as_json:
        payload = {
            "gold": str(folder),
            "extractor": str(extractor),
            "documents": {name: report_summary(r) for name, r in per_document.items()},
            **report.model_dump(mode="json"),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    console = Console()
    print_documents(console, per_document)
    print_report(console, report, show_errors=show_errors)


def _metadata_command(
    annotation: Path, folder: Path | None, data_dir: Path | None, show_errors: bool, as_json: bool
) -> None:
    gold = MetadataGold.load(annotation)

    def score(store: GraphStore) -> MetadataReport:
        return score_metadata(gold, predictions_from_store(GraphService(store)))

    if data_dir is not None:
        report = _on_stored(data_dir, score)
    elif folder is not None and folder.exists():
        report = _on_ingested(folder, score)
    else:
        raise typer.BadParameter("pass the folder of the annotated documents", param_hint="DIR")
    if as_json:
        payload = {
            "metadata": str(annotation),
            "corpus": str(folder) if folder else None,
            **report.figures(),
            **report.model_dump(mode="json"),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    print_metadata_report(Console(), report, show_errors=show_errors)


def print_metadata_report(console: Console, report: MetadataReport, *, show_errors: bool) -> None:
    table = Table(
        Column("field", no_wrap=True, min_width=12),
        "scored",
        "correct",
        "accuracy",
        title=f"Plan metadata over {report.documents} annotated documents",
    )
    issuers = report.issuers
    table.add_row(
        "issuers",
        str(issuers.gold),
        str(issuers.correct),
        f"F1 {issuers.f1:.3f} (P {issuers.precision:.3f}, R {issuers.recall:.3f})",
    )
    for field, score in report.fields.items():
        table.add_row(field, str(score.scored), str(score.correct), f"{score.accuracy:.3f}")
    console.print(table)
    if report.missing:
        console.print(f"not in the store: {', '.join(report.missing)}")
    if show_errors:
        for line in report.errors:
            console.print(f"[yellow]miss[/] {escape(line)}", highlight=False)


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
