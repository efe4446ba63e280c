"""The header reader as an ``Extractor``: a plan's metadata and issuers as graph facts.

It runs once per plan. The splitter has already read the header (it needs the title,
year and issuers to name and place the plan), so this only turns ``plan.metadata`` into
Plan properties, one ``ISSUED_BY`` per issuing body, and evidence: every field keeps the
snippet it was read from (``<field>_evidence``, and a provenance with its offsets among
the Plan's mentions), or the note of how it was inferred.
"""

from __future__ import annotations

from pathlib import PurePath

from graph.schema import Entity, GraphBatch, Label, PropertyValue, Provenance, Relation, RelType
from ingest.extractor import PlanText
from ingest.header import read_header
from ingest.models import FieldEvidence, PlanHeader, PlanSection, SourceDocument
from ingest.splitter import canonical_issuer

#: Plan properties the header fills, in the order the API and views show them.
METADATA_FIELDS = (
    "notice_title",
    "doc_number",
    "issued",
    "effective_from",
    "valid_until",
    "trial",
    "genre",
)
INFERRED = "inferred: "


class HeaderExtractor:
    name = "header"

    def extract(self, text: PlanText) -> GraphBatch:
        return self.facts(text.document, text.plan)

    def facts(self, document: SourceDocument, plan: PlanSection) -> GraphBatch:
        """The Plan's metadata properties and its ISSUED_BY, each with its evidence."""
        metadata = plan.metadata or read_header(document.text[plan.start : plan.end], plan.start)
        provenance = {
            field: _provenance(document, plan, evidence)
            for field, evidence in metadata.evidence.items()
            if not evidence.inferred
        }
        plan_entity = Entity.create(
            Label.PLAN,
            plan.title,
            key=plan.plan_key,
            properties=plan_properties(plan, metadata, document.source),
            mentions=list(dict.fromkeys(provenance.values())),
        )
        entities = [plan_entity]
        relations: list[Relation] = []
        issuer_evidence = provenance.get("issuers")
        evidence = [issuer_evidence] if issuer_evidence else []
        for name in metadata.issuers:
            issuer = Entity.create(Label.GOVERNMENT, canonical_issuer(name), mentions=evidence)
            entities.append(issuer)
            for rel_type in (RelType.ISSUED_BY, RelType.MENTIONS):
                relations.append(
                    Relation.create(rel_type, plan_entity.id, issuer.id, evidence=evidence)
                )
        return GraphBatch(entities=entities, relations=relations)


def plan_properties(
    plan: PlanSection, metadata: PlanHeader, source: str = ""
) -> dict[str, PropertyValue]:
    """The metadata as Plan properties, with each field's evidence or inference note."""
    properties: dict[str, PropertyValue] = {
        field: getattr(metadata, field)
        for field in METADATA_FIELDS
        if getattr(metadata, field) not in (None, False)
    }
    if metadata.issuers:
        properties["issuers"] = [canonical_issuer(name) for name in metadata.issuers]
    if plan.region_parents:
        properties["region_parents"] = list(plan.region_parents)
    if metadata.title and metadata.title == plan.title:
        properties["title"] = metadata.title
    for field, evidence in metadata.evidence.items():
        properties[f"{field}_evidence"] = _evidence_text(evidence)
    if plan.year is not None:
        properties["year_evidence"] = INFERRED + _year_source(plan, metadata)
    if "title" not in metadata.evidence:
        properties["title_evidence"] = INFERRED + _title_source(plan, source)
    return properties


def _year_source(plan: PlanSection, metadata: PlanHeader) -> str:
    if metadata.year is not None:
        return "the year of the date of issue"
    if metadata.doc_number and str(plan.year) in metadata.doc_number:
        return "the year of the document number"
    return "the first year the title, header or text names"


def _title_source(plan: PlanSection, source: str) -> str:
    if plan.title == PurePath(source).stem:
        return "no line reads as a title; the plan is named after its file"
    if plan.header is not None:
        return "the plan's title line, or its 第N篇 header"
    return "the plan's opening line"


def _evidence_text(evidence: FieldEvidence) -> str:
    return INFERRED + evidence.text if evidence.inferred else evidence.text


def _provenance(document: SourceDocument, plan: PlanSection, evidence: FieldEvidence) -> Provenance:
    start = evidence.start if evidence.start is not None else plan.start
    end = evidence.end if evidence.end is not None else start
    return Provenance(
        document=document.id, plan=plan.plan_id, sentence=evidence.text, start=start, end=end
    )
