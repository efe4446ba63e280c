"""``plangraph train``: train the learned extractor's models from the real gold.

Defaults: the real train split (``tests/data/real/train``) and the sample's gold, into
``ingest/learned/models``, the files the extractor loads offline. The dev split is
never read here.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from ingest.evaluation import GoldSet
from ingest.learned.examples import gold_files
from ingest.learned.extractor import MODELS
from ingest.learned.training import train_models
from plangraph.commands.eval import ROOT, resolve_corpus

DEFAULT_GOLD = [
    ROOT / "tests" / "data" / "real" / "train",
    ROOT / "tests" / "data" / "eval" / "seed-gold.json",
]
GoldOption = typer.Option(
    None,
    "--gold",
    exists=True,
    help="Gold file or folder (repeatable); default: tests/data/real/train and the "
    "sample's gold, tests/data/eval/seed-gold.json.",
)
OutOption = typer.Option(MODELS, "--out", help="Folder to write the model files into.")


def train_command(gold: list[Path] | None = GoldOption, out: Path = OutOption) -> None:
    """Train the mention tagger and the relation readers (deterministic, < 10 min)."""
    pairs: list[tuple[Path, Path]] = []
    for path in gold_files(gold or DEFAULT_GOLD):
        source = GoldSet.load(path).source
        corpus = resolve_corpus(path, source) if source else None
        if corpus is None:
            raise typer.BadParameter(f"{path}: no text {source!r}", param_hint="--gold")
        pairs.append((path, corpus))
    if not pairs:
        raise typer.BadParameter("no gold files found", param_hint="--gold")
    started = time.perf_counter()
    report = train_models(pairs, out, progress=lambda name: typer.echo(f"reading {name}"))
    typer.echo(
        f"trained on {report.documents} documents, {report.sentences} sentences, "
        f"{report.mentions} mentions; pairs {report.pairs}; plan links {report.plan_links}; "
        f"{time.perf_counter() - started:.1f} s → {out}"
    )


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
