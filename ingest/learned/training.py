"""Train the tagger and the relation readers from gold files: deterministic, offline.

The same gold always gives the same model files: examples are read in sorted order,
CRFsuite's L-BFGS has no randomness, and the parameters are fixed in ``models``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.learned.examples import NONE, SentenceExample, document_examples
from ingest.learned.extractor import MAX_GAP
from ingest.learned.features import char_features, pair_features, plan_features
from ingest.learned.models import train_classifier, train_tagger
from ingest.learned.spans import to_bio

#: A predicted relation needs at least this probability.
THRESHOLD = 0.5
#: A tagged span is kept when its least sure character's marginal reaches this: chosen
#: by 3-fold cross-validation on the train split (0.6 gave the best entity and relation
#: F1 of 0, 0.5 … 0.9), never on dev.
SPAN_THRESHOLD = 0.6


@dataclass
class TrainingReport:
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    pairs: dict[str, int] = field(default_factory=dict)
    plan_links: dict[str, int] = field(default_factory=dict)


def train_models(
    gold: Sequence[tuple[Path, Path]],
    out: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> TrainingReport:
    """Train on (gold file, its text) pairs and write the model files into ``out``."""
    report = TrainingReport()
    examples: list[SentenceExample] = []
    for gold_path, source in gold:
        if progress:
            progress(gold_path.name)
        examples.extend(document_examples(gold_path, source))
        report.documents += 1
    report.sentences = len(examples)
    report.mentions = sum(len(e.spans) for e in examples)
    out.mkdir(parents=True, exist_ok=True)
    train_tagger(
        [(char_features(e.view), to_bio(len(e.view.text), e.spans)) for e in examples],
        out / "tagger.crfsuite",
    )
    related = {
        (e.spans[i].label, e.spans[j].label)
        for e in examples
        for (i, j), label in e.pair_labels.items()
        if label != NONE
    }
    pairs: list[tuple[list[str], str]] = []
    for e in examples:
        for (i, j), label in sorted(e.pair_labels.items()):
            first, second = e.spans[i], e.spans[j]
            if (first.label, second.label) not in related or second.start - first.end > MAX_GAP:
                continue
            pairs.append((pair_features(e.view, first, second, j - i - 1), label))
            report.pairs[label] = report.pairs.get(label, 0) + 1
    train_classifier(pairs, out / "relations.crfsuite")
    links: list[tuple[list[str], str]] = []
    for e in examples:
        for i, label in sorted(e.plan_labels.items()):
            links.append((plan_features(e.view, e.spans[i], e.title), label))
            report.plan_links[label] = report.plan_links.get(label, 0) + 1
    train_classifier(links, out / "plan_relations.crfsuite")
    meta = {
        "pair_labels": sorted(related),
        "threshold": THRESHOLD,
        "span_threshold": SPAN_THRESHOLD,
        "trained_on": [str(p.name) for p, _ in gold],
        "sentences": report.sentences,
        "mentions": report.mentions,
    }
    (out / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return report
