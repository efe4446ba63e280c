"""The rule extractor on the sample: quality against the seed gold, and speed.

Quality: the real pipeline's batch (``split_plans`` → ``RuleExtractor`` and targets,
merged by ``build_batch``) scored by ``ingest.evaluation``, plus the seed questions
the extractor's relations must answer (``related`` and ``path``; those about
ISSUED_BY, COVERS and SETS_TARGET belong to the pipeline and the target reader).

Generalisation: plans the rules were not written on (``tests/data/unseen/*.txt``), each
scored against its small hand-made gold (the ``.json`` beside it) on entities other than
regions and on the relations the extractor reads (``UNSEEN_RELATION_TYPES``).

Speed: the sample repeated 40 times, extraction alone and split+extract+targets.
Run ``python bench/rules_extractor.py [-v]``; the last line is one JSON object.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.schema import GraphBatch, Label, RelType, normalize_name  # noqa: E402
from ingest.evaluation import GoldSet, Score, evaluate  # noqa: E402
from ingest.models import PlanSection, SourceDocument  # noqa: E402
from ingest.pipeline import build_batch  # noqa: E402
from ingest.rules import RuleExtractor  # noqa: E402
from ingest.splitter import split_plans  # noqa: E402

CORPUS = ROOT / "data" / "sample" / "seed-plans.txt"
GOLD = ROOT / "tests" / "data" / "eval" / "seed-gold.json"
QUESTIONS = ROOT / "tests" / "data" / "eval" / "seed-questions.json"
UNSEEN = ROOT / "tests" / "data" / "unseen"
#: Relations scored on the unseen plans; the rest belong to the pipeline or are too open.
UNSEEN_RELATION_TYPES = frozenset(
    {
        RelType.BUILDS,
        RelType.COLLABORATES_WITH,
        RelType.SERVES,
        RelType.BASED_ON,
        RelType.LOCATED_IN,
        RelType.PART_OF,
    }
)
#: Questions on these relations are answered by the pipeline and the target reader.
NOT_THE_EXTRACTORS = {"ISSUED_BY", "COVERS", "SETS_TARGET"}


def document_of(text: str, name: str = "seed-plans") -> SourceDocument:
    return SourceDocument(
        id=name, source=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def sample_batch() -> tuple[GraphBatch, list[PlanSection]]:
    document = document_of(CORPUS.read_text(encoding="utf-8"))
    plans = split_plans(document)
    return build_batch(document, plans, RuleExtractor()), plans


def answer_questions(batch: GraphBatch, plans: list[PlanSection], verbose: bool = False) -> dict:
    """How many related/path questions the batch answers in full."""
    names = {e.id: {normalize_name(n) for n in [e.name, *e.aliases]} for e in batch.entities}
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
    return [i for i, keys in names.items() if normalize_name(name) in keys]


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
    return all(normalize_name(a) in found for a in question["answers"])


def _path(question: dict, graph: nx.MultiGraph, names: dict) -> bool:
    wanted = [normalize_name(m) for m in question["must_include"]]
    for source in _ids(names, question["source"]):
        for target in _ids(names, question["target"]):
            if source not in graph or target not in graph:
                continue
            for path in nx.all_simple_paths(graph, source, target, cutoff=question["max_hops"]):
                on_path = set().union(*(names[n] for n in path))
                if all(w in on_path for w in wanted):
                    return True
    return False


def quality(verbose: bool = False) -> dict:
    batch, plans = sample_batch()
    report = evaluate(GoldSet.load(GOLD), batch.entities, batch.relations)
    if verbose:
        for group, errors in report.errors.items():
            print(group, json.dumps(errors.model_dump(), ensure_ascii=False))
    return {
        "entities": report.entities.model_dump(),
        "entities_typed": report.entities_typed.model_dump(),
        "relations": report.relations.model_dump(),
        "relations_by_type": {t: s.model_dump() for t, s in report.relations_by_type.items()},
        "questions": answer_questions(batch, plans, verbose),
    }


def unseen_quality(verbose: bool = False) -> dict:
    """Entity and relation precision/recall summed over the unseen plans, and per plan."""
    totals = {"entities": Score(), "relations": Score()}
    per_plan: dict[str, dict] = {}
    for gold_path in sorted(UNSEEN.glob("*.json")):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        document = document_of(text, gold_path.stem)
        batch = build_batch(document, split_plans(document), RuleExtractor())
        relations = [r for r in batch.relations if r.type in UNSEEN_RELATION_TYPES]
        report = evaluate(GoldSet.load(gold_path), batch.entities, relations)
        entities = _summed(
            s for label, s in report.entities_typed_by_label.items() if label != Label.REGION
        )
        plan = {"entities": entities, "relations": report.relations}
        for key, score in plan.items():
            totals[key] = _summed([totals[key], score])
        per_plan[gold_path.stem] = {k: _short(v.model_dump()) for k, v in plan.items()}
        if verbose:
            for group in ("entities_typed", "relations"):
                errors = report.errors[group]
                shown = [e for e in errors.false_positives if not e.startswith("Region")]
                print(gold_path.stem, group, "FP", json.dumps(shown, ensure_ascii=False))
                print(
                    gold_path.stem,
                    group,
                    "FN",
                    json.dumps(errors.false_negatives, ensure_ascii=False),
                )
    return {
        **{k: _short(v.model_dump()) for k, v in totals.items()},
        "plans": per_plan,
    }


def _summed(scores: Iterable[Score]) -> Score:
    total = Score()
    for score in scores:
        total = Score(
            predicted=total.predicted + score.predicted,
            correct=total.correct + score.correct,
            gold=total.gold + score.gold,
            found=total.found + score.found,
        )
    return total


def speed(copies: int = 40) -> dict:
    """Characters per second on one core over the sample repeated ``copies`` times.

    CPU time is reported beside wall time: on a shared machine the wall clock stretches.
    """
    document = document_of(CORPUS.read_text(encoding="utf-8") * copies, "sample-x40")
    plans = split_plans(document)
    extractor = RuleExtractor()
    began = time.perf_counter()
    cpu_began = time.process_time()
    for plan in plans:
        extractor.extract(document, plan)
    extract_only = time.perf_counter() - began
    extract_cpu = time.process_time() - cpu_began
    began = time.perf_counter()
    build_batch(document, split_plans(document), extractor)
    end_to_end = time.perf_counter() - began
    chars = len(document.text)
    return {
        "chars": chars,
        "extract_chars_per_s": round(chars / extract_only),
        "extract_chars_per_cpu_s": round(chars / extract_cpu),
        "end_to_end_chars_per_s": round(chars / end_to_end),
    }


def _short(score: dict) -> dict:
    return {k: round(score[k], 3) for k in ("precision", "recall", "f1")}


if __name__ == "__main__":
    figures = quality(verbose="-v" in sys.argv)
    summary = {
        "entities": _short(figures["entities"]),
        "entities_typed": _short(figures["entities_typed"]),
        "relations": _short(figures["relations"]),
        "relations_by_type": {t: _short(s) for t, s in figures["relations_by_type"].items()},
        "questions": figures["questions"],
        "unseen": {
            k: v for k, v in unseen_quality(verbose="-v" in sys.argv).items() if k != "plans"
        },
        **speed(),
    }
    print(json.dumps(summary, ensure_ascii=False))
