"""Conversions between the pydantic models and the flat rows Neo4j stores.

Neo4j properties hold scalars and homogeneous lists only, so the models are
flattened here (layout described in ``graph.cypher``) and rebuilt on the way out.
Pure functions, so the round trip is tested without a server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graph.schema import (
    SYMMETRIC_TYPES,
    DocumentRecord,
    Entity,
    Label,
    PropertyValue,
    Provenance,
    Relation,
    RelType,
    normalize_name,
    super_label,
)

PROPERTY_PREFIX = "p_"
#: Neo4j stores no null: the keys whose value is ``None`` are listed in this property.
NULL_PROPERTIES = "null_props"


def provenance_to_json(provenance: Provenance) -> str:
    """Canonical JSON (sorted keys, no spaces), so equal provenance is an equal string."""
    return json.dumps(
        provenance.model_dump(mode="json"),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def provenance_from_json(text: str) -> Provenance:
    return Provenance.model_validate_json(text)


def properties_to_row(properties: Mapping[str, PropertyValue]) -> dict[str, PropertyValue]:
    """``{"year": 2021}`` -> ``{"p_year": 2021}``; Neo4j drops null-valued keys itself."""
    return {
        f"{PROPERTY_PREFIX}{key}": list(value) if isinstance(value, list) else value
        for key, value in properties.items()
    }


def properties_from_row(row: Mapping[str, Any]) -> dict[str, PropertyValue]:
    found: dict[str, PropertyValue] = {
        key[len(PROPERTY_PREFIX) :]: list(value) if isinstance(value, list | tuple) else value
        for key, value in row.items()
        if key.startswith(PROPERTY_PREFIX)
    }
    found.update((key, None) for key in row.get(NULL_PROPERTIES) or [])
    return dict(sorted(found.items()))


def property_keys(properties: Mapping[str, PropertyValue]) -> dict[str, list[str]]:
    """The row's ``keys`` (all it sets) and ``nulls`` (those set to ``None``), sorted.

    Merging sets ``e += row.props``, where a null value removes the key, and then keeps
    ``null_props`` as the old list less ``keys``, plus ``nulls``: a later value wins,
    ``None`` included, as in the embedded store.
    """
    return {
        "keys": sorted(properties),
        "nulls": sorted(key for key, value in properties.items() if value is None),
    }


def _provenance_lists(items: Iterable[Provenance]) -> tuple[list[str], list[str]]:
    """Unique provenance as JSON strings with the aligned list of their document ids."""
    unique = list(dict.fromkeys(items))
    return [provenance_to_json(p) for p in unique], [p.document for p in unique]


def entity_labels(label: Label) -> list[str]:
    """The node labels an entity carries beside ``:Entity``: umbrella kind, then its own."""
    umbrella = super_label(label)
    return [umbrella, str(label)] if umbrella else [str(label)]


def entity_to_row(entity: Entity) -> dict[str, Any]:
    """The merge row; ``spellings`` is the name then the aliases (see ``merge_entities``)."""
    spellings = list(dict.fromkeys([entity.name, *entity.aliases]))
    mentions, mention_docs = _provenance_lists(entity.mentions)
    return {
        "id": entity.id,
        "name": entity.name,
        "label": str(entity.label),
        "norm_name": normalize_name(entity.name),
        "spellings": spellings,
        "norm_spellings": [normalize_name(s) for s in spellings],
        "mentions": mentions,
        "mention_docs": mention_docs,
        "props": properties_to_row(entity.properties),
        **property_keys(entity.properties),
    }


def entity_from_row(row: Mapping[str, Any]) -> Entity:
    """Rebuild an entity from its node's properties (``properties(e)`` in Cypher)."""
    return Entity(
        id=row["id"],
        name=row["name"],
        label=Label(row["label"]),
        aliases=list(row.get("aliases") or []),
        properties=properties_from_row(row),
        mentions=[provenance_from_json(m) for m in row.get("mentions") or []],
    )


def relation_to_row(relation: Relation) -> dict[str, Any]:
    """The merge row; a symmetric relation is keyed with the smaller id as source."""
    source, target = relation.source, relation.target
    if relation.type in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    evidence, evidence_docs = _provenance_lists(relation.evidence)
    return {
        "source": source,
        "target": target,
        "evidence": evidence,
        "evidence_docs": evidence_docs,
        "props": properties_to_row(relation.properties),
        **property_keys(relation.properties),
    }


def relation_from_row(row: Mapping[str, Any]) -> Relation:
    """Rebuild a relation from ``{type, source, target, props}`` as ``graph.cypher`` returns."""
    props: Mapping[str, Any] = row.get("props") or {}
    return Relation(
        type=RelType(row["type"]),
        source=row["source"],
        target=row["target"],
        properties=properties_from_row(props),
        evidence=[provenance_from_json(e) for e in props.get("evidence") or []],
    )


def document_to_row(document: DocumentRecord) -> dict[str, Any]:
    return document.model_dump(mode="json")


def document_from_row(row: Mapping[str, Any]) -> DocumentRecord:
    return DocumentRecord.model_validate(dict(row))


def occurrence_rounds(
    rows: Iterable[dict[str, Any]], key: str | tuple[str, ...]
) -> Iterator[list[dict[str, Any]]]:
    """Split rows so that no key repeats within a round, keeping the order of repeats.

    One ``UNWIND ... MERGE`` statement reads a node's old lists once per row, so two
    rows for the same id in one statement could each miss the other's additions;
    sending the n-th occurrence of every key in the n-th round avoids that.
    """
    keys = (key,) if isinstance(key, str) else key
    rounds: list[list[dict[str, Any]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        k = tuple(row[name] for name in keys)
        n = seen.get(k, 0)
        seen[k] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(row)
    yield from rounds
