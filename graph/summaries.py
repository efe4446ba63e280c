"""Plain, JSON-ready summaries of entities and neighbours, for the hottest read answers.

Building pydantic models and dumping them again costs more than the graph walk behind
a neighbours page; a store that answers with these dicts lets the API serialise them
straight to JSON. An entity summary is what list answers show of an entity (no
properties, no mentions: its plans instead), so a store need not assemble provenance
that nobody reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TypedDict

from graph.schema import Entity, Neighbor, Provenance


class ProvenanceDict(TypedDict):
    document: str
    plan: str | None
    sentence: str
    start: int
    end: int


class EntitySummary(TypedDict):
    id: str
    name: str
    label: str
    aliases: list[str]
    plans: list[str]


class RelationSummary(TypedDict):
    """A relation without its properties."""

    type: str
    source: str
    target: str
    evidence: list[ProvenanceDict]


class NeighborSummary(TypedDict):
    entity: EntitySummary
    relation: RelationSummary
    direction: Literal["out", "in"]


class NeighborSummaryPage(TypedDict):
    items: list[NeighborSummary]
    total: int


def first_seen_plans(plan_ids: Iterable[str | None]) -> list[str]:
    """The distinct plan ids among mentions, in first-seen order (``Entity.plans``)."""
    return list(dict.fromkeys(p for p in plan_ids if p))


def provenance_dict(provenance: Provenance) -> ProvenanceDict:
    return {
        "document": provenance.document,
        "plan": provenance.plan,
        "sentence": provenance.sentence,
        "start": provenance.start,
        "end": provenance.end,
    }


def entity_summary(entity: Entity) -> EntitySummary:
    return {
        "id": entity.id,
        "name": entity.name,
        "label": str(entity.label),
        "aliases": list(entity.aliases),
        "plans": first_seen_plans(m.plan for m in entity.mentions),
    }


def neighbor_summary(neighbor: Neighbor) -> NeighborSummary:
    """The summary of a ``neighbors`` item: what ``neighbor_summaries`` must answer."""
    relation = neighbor.relation
    return {
        "entity": entity_summary(neighbor.entity),
        "relation": {
            "type": str(relation.type),
            "source": relation.source,
            "target": relation.target,
            "evidence": [provenance_dict(p) for p in relation.evidence],
        },
        "direction": neighbor.direction,
    }
