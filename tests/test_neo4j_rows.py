"""Entity, relation and document rows for Neo4j round-trip without a server."""

from __future__ import annotations

import json

from graph.neo4j_rows import (
    document_from_row,
    document_to_row,
    entity_from_row,
    entity_labels,
    entity_to_row,
    occurrence_rounds,
    properties_from_row,
    properties_to_row,
    provenance_to_json,
    relation_from_row,
    relation_to_row,
)
from graph.schema import DocumentRecord, Entity, Label, Provenance, Relation, RelType

DOC = Provenance(document="d1", plan="plan-1", sentence="组建联盟。", start=3, end=8)
OTHER = Provenance(document="d2", sentence="另一句。", start=0, end=4)


def stored_props(row: dict[str, object]) -> dict[str, object]:
    """What ``SET e += row.props, e.null_props = row.nulls`` leaves on a new node."""
    props = row.pop("props")
    assert isinstance(props, dict)
    row.pop("keys")
    return {
        **{key: value for key, value in props.items() if value is not None},
        "null_props": row.pop("nulls"),
    }


def stored_entity(entity: Entity) -> dict[str, object]:
    """The node's properties as ``properties(e)`` returns them after ``merge_entities``."""
    row = entity_to_row(entity)
    spellings = row.pop("spellings")
    norm_spellings = row.pop("norm_spellings")
    props = stored_props(row)
    return {
        **row,
        "aliases": spellings[1:],
        "norm_aliases": norm_spellings[1:],
        **props,
    }


def stored_relation(relation: Relation) -> dict[str, object]:
    row = relation_to_row(relation)
    props = stored_props(row)
    return {
        "type": str(relation.type),
        "source": row["source"],
        "target": row["target"],
        "props": {"evidence": row["evidence"], "evidence_docs": row["evidence_docs"], **props},
    }


def test_entity_survives_the_round_trip() -> None:
    entity = Entity.create(
        Label.ALLIANCE,
        "民族医药技术创新战略联盟",
        aliases=["民族医药联盟"],
        properties={"year": 2021, "score": 0.5, "active": True, "tags": ["医药", "联盟"]},
        mentions=[DOC, OTHER],
    )
    assert entity_from_row(stored_entity(entity)) == entity


def test_entity_row_carries_normalised_search_keys() -> None:
    entity = Entity.create(Label.ENTERPRISE, "ＡＢＣ 公司", aliases=["Abc Co"])
    row = entity_to_row(entity)
    assert row["norm_name"] == "abc公司"
    assert row["norm_spellings"] == ["abc公司", "abcco"]


def test_entity_row_spells_the_name_first_then_each_alias_once() -> None:
    entity = Entity(id="x", name="甲", label=Label.LAB, aliases=["乙", "甲", "乙"])
    assert entity_to_row(entity)["spellings"] == ["甲", "乙"]


def test_provenance_is_stored_once_with_its_document_alongside() -> None:
    entity = Entity.create(Label.LAB, "重点实验室", mentions=[DOC, OTHER, DOC])
    row = entity_to_row(entity)
    assert row["mentions"] == [provenance_to_json(DOC), provenance_to_json(OTHER)]
    assert row["mention_docs"] == ["d1", "d2"]


def test_provenance_json_is_canonical() -> None:
    text = provenance_to_json(DOC)
    assert text == provenance_to_json(Provenance(**DOC.model_dump()))
    assert json.loads(text)["sentence"] == "组建联盟。"
    assert " " not in text and "\\u" not in text


def test_relation_survives_the_round_trip() -> None:
    relation = Relation.create(
        RelType.COLLABORATES_WITH,
        "university-b",
        "enterprise-a",
        evidence=[DOC, OTHER],
        properties={"weight": 2, "note": "共建"},
    )
    assert relation_from_row(stored_relation(relation)) == relation


def test_symmetric_relation_row_puts_the_smaller_id_first() -> None:
    relation = Relation(type=RelType.COLLABORATES_WITH, source="z-id", target="a-id")
    row = relation_to_row(relation)
    assert (row["source"], row["target"]) == ("a-id", "z-id")


def test_directed_relation_row_keeps_its_direction() -> None:
    relation = Relation(type=RelType.BUILDS, source="z-id", target="a-id")
    assert relation_to_row(relation)["source"] == "z-id"


def test_own_properties_are_prefixed_so_they_cannot_clash_with_store_keys() -> None:
    row = properties_to_row({"id": "mine", "mentions": ["a"]})
    assert row == {"p_id": "mine", "p_mentions": ["a"]}
    assert properties_from_row({"id": "node-id", **row}) == {"id": "mine", "mentions": ["a"]}


def test_document_survives_the_round_trip() -> None:
    document = DocumentRecord(
        id="doc-1", source="a.txt", sha256="ab" * 32, chars=10, plans=["plan-1"]
    )
    row = {k: v for k, v in document_to_row(document).items() if v is not None}
    assert document_from_row(row) == document


def test_platform_carries_its_umbrella_label_first() -> None:
    assert entity_labels(Label.ALLIANCE) == ["Platform", "Alliance"]
    assert entity_labels(Label.UNIVERSITY) == ["Institution", "University"]
    assert entity_labels(Label.PLAN) == ["Plan"]


def test_repeated_keys_go_to_later_rounds_in_order() -> None:
    rows = [{"id": "a", "n": 1}, {"id": "b", "n": 2}, {"id": "a", "n": 3}, {"id": "a", "n": 4}]
    rounds = [[r["n"] for r in batch] for batch in occurrence_rounds(rows, "id")]
    assert rounds == [[1, 2], [3], [4]]


def test_rounds_key_on_several_fields() -> None:
    rows = [
        {"source": "a", "target": "b"},
        {"source": "a", "target": "c"},
        {"source": "a", "target": "b"},
    ]
    assert [len(batch) for batch in occurrence_rounds(rows, ("source", "target"))] == [2, 1]
