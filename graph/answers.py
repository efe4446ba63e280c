"""The shapes read answers take from ``graph.service`` all the way to JSON.

An entity in a list answer, a piece of evidence and a neighbour are each one pydantic
model: the service builds them (with ``model_construct``, from values the store
validated when they came in) and the API serialises them as they are, so there is no
second shape to convert to. They show what clients see: an entity without properties
or mentions (its plans instead), at most ``MAX_ALIASES`` aliases and
``MAX_EVIDENCE_ITEMS`` plans or sentences.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.bounds import MAX_ALIASES, MAX_EVIDENCE_ITEMS
from graph.schema import Entity as GraphEntity
from graph.schema import Label, Provenance, RelType

# -- examples (ids are what graph.schema.entity_id computes for these names) --------------

MN_INDUSTRY: dict[str, Any] = {
    "id": "industry-8f0c2a9f4d1e7b36",
    "name": "锰产业",
    "label": "Industry",
    "aliases": ["锰深加工产业"],
    "plans": ["plan-1b7e0d3c5a9f2e41"],
}
EVIDENCE: dict[str, Any] = {
    "document": "doc-5e2f8a1c",
    "plan": "plan-1b7e0d3c5a9f2e41",
    "sentence": "以湘西国家锰深加工高新技术产业化基地为载体,重点推进锰产业技术创新战略联盟建设",
    "start": 1532,
    "end": 1597,
}


def example(value: dict[str, Any]) -> ConfigDict:
    """A model config whose OpenAPI schema shows ``value`` as its example."""
    return ConfigDict(json_schema_extra={"examples": [value]})


class Entity(BaseModel):
    """An entity as a list answer shows it."""

    model_config = example(MN_INDUSTRY)

    id: str
    name: str
    label: Label
    aliases: list[str] = Field(description=f"At most {MAX_ALIASES} other names")
    plans: list[str] = Field(
        description=f"Ids of the plans that mention the entity (the first {MAX_EVIDENCE_ITEMS})"
    )

    @classmethod
    def of(cls, entity: GraphEntity) -> Entity:
        # ``model_construct``: the store's models are validated already, and these
        # conversions are most of a list answer's cost.
        return cls.model_construct(
            id=entity.id,
            name=entity.name,
            label=entity.label,
            aliases=entity.aliases[:MAX_ALIASES],
            plans=entity.plans[:MAX_EVIDENCE_ITEMS],
        )


class Evidence(BaseModel):
    """Where a fact was read: the document, plan, sentence and the sentence's offsets."""

    model_config = example(EVIDENCE)

    document: str
    plan: str | None
    sentence: str
    start: int
    end: int

    @classmethod
    def of(cls, provenance: Provenance | Evidence) -> Evidence:
        return cls.model_construct(
            document=provenance.document,
            plan=provenance.plan,
            sentence=provenance.sentence,
            start=provenance.start,
            end=provenance.end,
        )


class NeighborRelation(BaseModel):
    type: RelType
    direction: Literal["out", "in"] = Field(
        description="'out' when the anchor is the relation's source"
    )
    evidence: list[Evidence] = Field(description=f"The first {MAX_EVIDENCE_ITEMS} sentences")


class Neighbor(BaseModel):
    """An adjacent entity and the relation that joins it to the anchor."""

    entity: Entity
    relation: NeighborRelation
