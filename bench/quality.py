"""Extraction quality: the sample against its gold, and the real dev split against its gold.

Both run the real pipeline's batch (``split_plans`` → the extractors → ``build_batch``)
scored by ``ingest.evaluation``. On the sample, the seed questions that the extractor's
relations must answer (``related`` and ``path``) are checked too. The real dev split
(``tests/data/real/dev``) is never trained on; the sample is (it is part of
``plangraph train``'s default gold), so its figures show fit, not generalisation.

Run ``python bench/quality.py [-v] [--rules]``; the last line is one JSON object.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.schema import GraphBatch, RelType  # noqa: E402
from ingest.evaluation import (  # noqa: E402
    EvaluationReport,
    GoldSet,
    combine_reports,
    evaluate,
    score_key,
)
from ingest.extractor import Extractor  # noqa: E402
from ingest.models import PlanSection, SourceDocument  # noqa: E402
from ingest.pipeline import build_batch, default_extractors, rule_extractors  # noqa: E402
from ingest.splitter import split_plans  # noqa: E402

CORPUS = ROOT / "data" / "sample" / "seed-plans.txt"
GOLD = ROOT / "tests" / "data" / "eval" / "seed-gold.json"
QUESTIONS = ROOT / "tests" / "data" / "eval" / "seed-questions.json"
REAL_DEV = ROOT / "tests" / "data" / "real" / "dev"
#: Questions on these relations are answered by the pipeline and the target reader.
NOT_THE_EXTRACTORS = {"ISSUED_BY", "COVERS", "SETS_TARGET"}


def document_of(text: str, name: str = "seed-plans") -> SourceDocument:
    return SourceDocument(
        id=name, source=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def sample_batch(extractors: Sequence[Extractor]) -> tuple[GraphBatch, list[PlanSection]]:
    document = document_of(CORPUS.read_text(encoding="utf-8"))
    plans = split_plans(document)
    return build_batch(document, plans, extractors), plans


def answer_questions(batch: GraphBatch, plans: list[PlanSection], verbose: bool = False) -> dict:
    """How many related/path questions the batch answers in full."""
    names = {e.id: {score_key(n) for n in [e.name, *e.aliases]} for e in batch.entities}
    labels = {e.id: str(e.label) for e in batch.entities}
    for plan in plans:
        names[plan.plan_id] = {f"p{plan.ordinal}"}
        labels[plan.plan_id] = "Plan"
    graph = nx.MultiGraph()
    graph.add_edges_from(
        (r.source, r.target) for r in batch.relations if r.type != RelType.MENTIONS
    )
    answered = {"related": [0, 0], "path": [0, 0]}
    for question in json.loads(QUESTIONS.read_text(encoding="utf-8")):
        kind = question["kind"]
        if kind == "related" and question["relation"] not in NOT_THE_EXTRACTORS:
            ok = _related(question, batch, names, labels)
        elif kind == "path":
            ok = _path(question, graph, names)
        else:
            continue
        answered[kind][0] += ok
        answered[kind][1] += 1
        if verbose and not ok:
            print("UNANSWERED", question["id"], question["question"])
    return {kind: f"{n}/{total}" for kind, (n, total) in answered.items()}


def _ids(names: dict[str, set[str]], name: str) -> list[str]:
    return [i for i, keys in names.items() if score_key(name) in keys]


def _related(question: dict, batch: GraphBatch, names: dict, labels: dict) -> bool:
    anchors = {i for i in _ids(names, question["anchor"]) if labels[i] == question["anchor_label"]}
    found: set[str] = set()
    for relation in batch.relations:
        if str(relation.type) != question["relation"]:
            continue
        ends = []
        if question["direction"] in ("out", "both"):
            ends.append((relation.source, relation.target))
        if question["direction"] in ("in", "both"):
            ends.append((relation.target, relation.source))
        for anchor, other in ends:
            if anchor in anchors and labels.get(other) == question["answer_label"]:
                found |= names[other]
    return all(score_key(a) in found for a in question["answers"])


def _path(question: dict, graph: nx.MultiGraph, names: dict) -> bool:
    wanted = [score_key(m) for m in question["must_include"]]
    for source in _ids(names, question["source"]):
        for target in _ids(names, question["target"]):
            if source not in graph or target not in graph:
                continue
            for path in nx.all_simple_paths(graph, source, target, cutoff=question["max_hops"]):
                on_path = set().union(*(names[n] for n in path))
                if all(w in on_path for w in wanted):
                    return True
    return False


def _figures(report: EvaluationReport) -> dict:
    return {
        "entities": report.entities.model_dump(),
        "entities_typed": report.entities_typed.model_dump(),
        "relations": report.relations.model_dump(),
        "relations_by_type": {t: s.model_dump() for t, s in report.relations_by_type.items()},
        "targets": report.targets.model_dump(),
    }


def _show_errors(report: EvaluationReport) -> None:
    for group, errors in report.errors.items():
        print(group, json.dumps(errors.model_dump(), ensure_ascii=False))


def quality(extractors: Sequence[Extractor], verbose: bool = False) -> dict:
    """The sample's figures and its answered questions."""
    batch, plans = sample_batch(extractors)
    report = evaluate(GoldSet.load(GOLD), batch.entities, batch.relations)
    if verbose:
        _show_errors(report)
    return {**_figures(report), "questions": answer_questions(batch, plans, verbose)}


def real_quality(
    extractors: Sequence[Extractor], folder: Path = REAL_DEV, verbose: bool = False
) -> dict:
    """Figures summed over the gold documents of ``folder``, each extracted alone."""
    reports = {}
    for gold_path in sorted(folder.glob("*.json")):
        gold = GoldSet.load(gold_path)
        text = (gold_path.parent / str(gold.source)).read_text(encoding="utf-8")
        document = document_of(text, gold_path.stem)
        batch = build_batch(document, split_plans(document), extractors)
        reports[gold_path.stem] = evaluate(gold, batch.entities, batch.relations)
    report = combine_reports(reports)
    if verbose:
        _show_errors(report)
    return _figures(report)


def _short(score: dict) -> dict:
    return {k: round(score[k], 3) for k in ("precision", "recall", "f1")}


def _summary(figures: dict) -> dict:
    return {
        key: (
            {t: _short(s) for t, s in value.items()}
            if key == "relations_by_type"
            else _short(value)
            if isinstance(value, dict) and "f1" in value
            else value
        )
        for key, value in figures.items()
    }


if __name__ == "__main__":
    chosen = rule_extractors() if "--rules" in sys.argv else default_extractors()
    verbose = "-v" in sys.argv
    print(
        json.dumps(
            {
                "extractor": "rules" if "--rules" in sys.argv else "learned",
                "sample": _summary(quality(chosen, verbose)),
                "real_dev": _summary(real_quality(chosen, verbose=verbose)),
            },
            ensure_ascii=False,
        )
    )
