"""``docs/ontology.md`` is the vocabulary: it names every label, relationship type and Plan
property the code defines, the README links it, and ingest writes no Plan property
outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.schema import (
    PLAN_EVIDENCE_SUFFIX,
    PLAN_PROPERTIES,
    Entity,
    GraphBatch,
    Label,
    RelType,
)
from ingest.extractor import PlanText
from ingest.header_extractor import HeaderExtractor
from ingest.pipeline import plan_facts
from ingest.readers import read_bytes
from ingest.splitter import split_plans
from tests.ingest import header_snippets as real

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "docs" / "ontology.md"


def _documented() -> set[str]:
    """Every name the ontology writes as code (`Plan`, `SERVES`, `doc_number`)."""
    return set(re.findall(r"`([^`\s]+)`", ONTOLOGY.read_text(encoding="utf-8")))


@pytest.mark.parametrize("label", list(Label), ids=str)
def test_every_label_is_in_the_ontology(label: Label) -> None:
    assert str(label) in _documented()


@pytest.mark.parametrize("rel_type", list(RelType), ids=str)
def test_every_relationship_type_is_in_the_ontology(rel_type: RelType) -> None:
    assert str(rel_type) in _documented()


@pytest.mark.parametrize("name", PLAN_PROPERTIES)
def test_every_plan_property_is_in_the_ontology(name: str) -> None:
    assert name in _documented()


def test_the_readme_links_the_ontology() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "](docs/ontology.md)" in readme


def _plan_of(batch: GraphBatch) -> Entity:
    (plan,) = [e for e in batch.entities if e.label == Label.PLAN]
    return plan


def test_ingest_writes_only_the_plan_properties_the_ontology_names() -> None:
    """A real header with a 文号, date, issuers and region; both extractors that write
    Plan properties (the plan's own facts and the header reader's)."""
    document = read_bytes("430.txt", real.RUIAN.encode("utf-8"), max_bytes=1 << 20)
    (section,) = split_plans(document)
    text = PlanText.of(document, section)
    written = {
        *_plan_of(plan_facts(text)).properties,
        *_plan_of(HeaderExtractor().extract(text)).properties,
    }
    fields = {name.removesuffix(PLAN_EVIDENCE_SUFFIX) for name in written}

    assert "doc_number_evidence" in written  # the snippet exercises the evidence properties
    assert fields - set(PLAN_PROPERTIES) == set()
