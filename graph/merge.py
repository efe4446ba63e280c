"""Merge entities and relations that share an id or key: one rule for every writer.

Extractors, the pipeline and the stores all meet the same fact more than once (an
issuer named in the header and in the text, a relation read from two sentences); the
merge keeps the first name, unions aliases and provenance, and lets later properties win.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.schema import Entity, GraphBatch, Relation, merge_unique


def merge_entity(old: Entity, new: Entity) -> Entity:
    aliases = merge_unique(old.aliases, [new.name, *new.aliases])
    return old.model_copy(
        update={
            "aliases": [a for a in aliases if a != old.name],
            "properties": {**old.properties, **new.properties},
            "mentions": merge_unique(old.mentions, new.mentions),
        }
    )


def merge_relation(old: Relation, new: Relation) -> Relation:
    return old.model_copy(
        update={
            "properties": {**old.properties, **new.properties},
            "evidence": merge_unique(old.evidence, new.evidence),
        }
    )


def merge_batches(batches: Iterable[GraphBatch]) -> GraphBatch:
    """One batch with each entity id and relation key once."""
    entities: dict[str, Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    for batch in batches:
        for entity in batch.entities:
            known = entities.get(entity.id)
            entities[entity.id] = entity if known is None else merge_entity(known, entity)
        for relation in batch.relations:
            key = relation.key()
            known_rel = relations.get(key)
            relations[key] = relation if known_rel is None else merge_relation(known_rel, relation)
    return GraphBatch(entities=list(entities.values()), relations=list(relations.values()))
