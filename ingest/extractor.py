"""The ``Extractor`` interface: plan text in, graph facts with evidence out.

The default is rule-based and offline (``ingest.rules``); a model-based extractor can
stand beside it later by implementing the same method.
"""

from __future__ import annotations

from typing import Protocol

from graph.schema import GraphBatch
from ingest.models import PlanSection, SourceDocument


class Extractor(Protocol):
    name: str

    def extract(self, document: SourceDocument, plan: PlanSection) -> GraphBatch:
        """Entities and relations one plan names, each with its provenance.

        The ``Plan`` entity itself is made by the pipeline from ``plan``; the batch
        refers to it by ``plan.plan_id`` (PRIORITIZES, SETS_TARGET, MENTIONS, …).
        """
        ...
