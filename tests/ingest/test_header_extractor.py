"""The header reader's facts in the graph: Plan properties, evidence, one ISSUED_BY a body."""

from __future__ import annotations

from graph.schema import GraphBatch, Label, RelType
from ingest.extractor import PlanText
from ingest.header_extractor import HeaderExtractor
from ingest.models import SourceDocument
from ingest.readers import read_bytes
from ingest.splitter import split_plans
from tests.ingest import header_snippets as real


def _facts(name: str, text: str) -> tuple[SourceDocument, GraphBatch]:
    document = read_bytes(name, text.encode("utf-8"), max_bytes=1 << 20)
    (plan,) = split_plans(document)
    return document, HeaderExtractor().extract(PlanText.of(document, plan))


def test_each_joint_issuer_is_issued_by_with_the_signature_as_evidence() -> None:
    document, batch = _facts("411.txt", real.KEQIAO)
    bodies = {e.id: e.name for e in batch.entities if e.label == Label.GOVERNMENT}
    issued_by = [r for r in batch.relations if r.type == RelType.ISSUED_BY]

    assert sorted(bodies[r.target] for r in issued_by) == [
        "中共柯桥区委办公室",
        "柯桥区人民政府办公室",
    ]
    for relation in issued_by:
        (evidence,) = relation.evidence
        assert document.text[evidence.start : evidence.end] == evidence.sentence


def test_the_plan_carries_each_field_and_its_evidence() -> None:
    _, batch = _facts("430.txt", real.RUIAN)
    (plan,) = [e for e in batch.entities if e.label == Label.PLAN]

    assert plan.properties["doc_number"] == "瑞政发〔2018〕46号"
    assert plan.properties["doc_number_evidence"] == "瑞政发〔2018〕46号"
    assert plan.properties["issued_evidence"] == "2018年4月24日"
    assert plan.properties["year_evidence"] == "inferred: the year of the date of issue"
    assert plan.properties["region_parents"] == ["温州市", "浙江省"]
    assert "trial" not in plan.properties


def test_a_body_without_header_says_its_title_is_the_files_name() -> None:
    _, batch = _facts("规划正文.txt", "一、总体要求\n加强科技创新，推动高质量发展。\n")
    (plan,) = [e for e in batch.entities if e.label == Label.PLAN]

    assert plan.name == "规划正文"
    assert plan.properties["title_evidence"] == (
        "inferred: no line reads as a title; the plan is named after its file"
    )
    assert not [r for r in batch.relations if r.type == RelType.ISSUED_BY]
