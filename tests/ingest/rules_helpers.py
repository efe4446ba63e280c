"""Run the rule extractor on a few made-up sentences, as one plan of one document."""

from __future__ import annotations

import hashlib

from graph.schema import Entity, GraphBatch, Label, RelType
from ingest.extractor import PlanText
from ingest.models import PlanSection, SourceDocument
from ingest.rules import RuleExtractor

_EXTRACTOR = RuleExtractor()


def extract(
    text: str,
    *,
    region: str | None = "杭州市",
    level: str | None = "prefecture",
    parents: tuple[str, ...] = ("浙江省",),
    title: str = "科技工作要点",
) -> GraphBatch:
    document = SourceDocument(
        id="made-up",
        source="made-up.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    plan = PlanSection(
        document_id=document.id,
        ordinal=1,
        title=title,
        start=0,
        end=len(text),
        region=region,
        region_level=level,
        region_parents=list(parents),
    )
    return _EXTRACTOR.extract(PlanText.of(document, plan))


def names(batch: GraphBatch, label: Label) -> set[str]:
    return {e.name for e in batch.entities if e.label == label}


def entity(batch: GraphBatch, label: Label, name: str) -> Entity:
    return next(e for e in batch.entities if e.label == label and e.name == name)


def edges(batch: GraphBatch, type: RelType) -> set[tuple[str, str]]:
    by_id = {e.id: e.name for e in batch.entities}
    plan_id = PlanSection(document_id="made-up", ordinal=1, title="", start=0, end=0).plan_id
    by_id[plan_id] = "PLAN"
    return {(by_id[r.source], by_id[r.target]) for r in batch.relations if r.type == type}
