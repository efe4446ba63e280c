"""The ``Extractor`` interface: one plan's text in, graph facts with evidence out.

The pipeline splits each plan into sentences once (``PlanText``) and runs a list of
extractors over it: the plan's own facts, mentions and relations (the learned
extractor, or the rules), and targets. Each returns a ``GraphBatch``; the pipeline
merges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from graph.schema import GraphBatch, Provenance
from ingest.models import PlanSection, SourceDocument
from ingest.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class PlanText:
    """One plan as every extractor reads it: its document, its section, its sentences."""

    document: SourceDocument
    plan: PlanSection
    sentences: tuple[Sentence, ...]

    @classmethod
    def of(cls, document: SourceDocument, plan: PlanSection) -> PlanText:
        text = document.text[plan.start : plan.end]
        return cls(document, plan, tuple(split_sentences(text, plan.start)))

    @property
    def text(self) -> str:
        return self.document.text[self.plan.start : self.plan.end]

    def evidence(self, sentence: Sentence) -> Provenance:
        """The provenance of a fact read from ``sentence``."""
        return Provenance(
            document=self.document.id,
            plan=self.plan.plan_id,
            sentence=sentence.text,
            start=sentence.start,
            end=sentence.end,
        )


class Extractor(Protocol):
    name: str

    def extract(self, plan: PlanText) -> GraphBatch:
        """Entities and relations one plan names, each with its provenance.

        The ``Plan`` entity is made by the plan-facts extractor; other batches refer to
        it by ``plan.plan.plan_id`` (PRIORITIZES, SETS_TARGET, MENTIONS, …).
        """
        ...
