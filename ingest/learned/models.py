"""The two trained models, as thin wrappers around CRFsuite.

Why CRFsuite for both: a linear-chain CRF tags mention spans, and the same library on
sequences of length one is a maximum-entropy (multinomial logistic) classifier, which
is what the relation reader needs; one small, well-kept C++ dependency, deterministic
L-BFGS training, and model files of a few MB that load offline.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from ingest.errors import ModelMissing

#: L-BFGS with elastic-net regularisation; fixed so that training is deterministic.
TAGGER_PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 200, "feature.minfreq": 1}
CLASSIFIER_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 300}


def train_tagger(sequences: Sequence[tuple[list[list[str]], list[str]]], path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, tags in sequences:
        trainer.append(features, tags)
    trainer.set_params(TAGGER_PARAMS)
    trainer.train(str(path))


def train_classifier(items: Sequence[tuple[list[str], str]], path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, label in items:
        trainer.append([features], [label])
    trainer.set_params(CLASSIFIER_PARAMS)
    trainer.train(str(path))


def _open(path: Path) -> pycrfsuite.Tagger:
    if not path.exists():
        raise ModelMissing(f"no model at {path}: run `plangraph train` to write it")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


class SequenceTagger:
    """Tags a sentence's characters with BIO labels.

    A CRFsuite tagger holds the last sequence it tagged, so one lock serialises its use:
    the server extracts uploads on worker threads.
    """

    def __init__(self, path: Path) -> None:
        self._tagger = _open(path)
        self._lock = threading.Lock()

    def tag(self, features: list[list[str]]) -> list[str]:
        if not features:
            return []
        with self._lock:
            return list(self._tagger.tag(features))

    def tag_with_confidence(self, features: list[list[str]]) -> tuple[list[str], list[float]]:
        """The best tags, and each position's marginal probability of its tag."""
        if not features:
            return [], []
        with self._lock:
            tags = list(self._tagger.tag(features))
            return tags, [self._tagger.marginal(tag, i) for i, tag in enumerate(tags)]


class Classifier:
    """Picks one class for a feature list, with the class's probability."""

    def __init__(self, path: Path) -> None:
        self._tagger = _open(path)
        self._lock = threading.Lock()
        self.labels: list[str] = list(self._tagger.labels())

    def classify(self, features: list[str]) -> tuple[str, float]:
        with self._lock:
            self._tagger.set([features])
            best = max(self.labels, key=lambda label: self._tagger.marginal(label, 0))
            return best, self._tagger.marginal(best, 0)
