"""Write a store's graph as JSON, GraphML (Gephi) or the CSV that ``neo4j-admin`` imports.

Everything is read through the ``GraphStore`` protocol, so any backend exports the same
way. JSON and CSV are written row by row; GraphML goes through a networkx graph, which
is what ``write_graphml`` takes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.schema import Entity, Label, PropertyValue, Provenance, Relation, super_label
from graph.store import GraphStore

NODES_CSV = "nodes.csv"
RELATIONSHIPS_CSV = "relationships.csv"
#: A plan's metadata as columns of its own, so that ``neo4j-admin`` imports them as typed
#: properties one can query (the ``properties`` column keeps every property as JSON).
PLAN_COLUMNS = (
    ("title", "title"),
    ("notice_title", "notice_title"),
    ("doc_number", "doc_number"),
    ("issued", "issued"),
    ("year", "year:int"),
    ("effective_from", "effective_from"),
    ("valid_until", "valid_until"),
    ("trial", "trial:boolean"),
    ("genre", "genre"),
    ("region", "region"),
    ("region_level", "region_level"),
    ("issuers", "issuers:string[]"),
)
NODE_HEADER = [
    "id:ID",
    "name",
    "label",
    "aliases:string[]",
    ":LABEL",
    "properties",
    *(header for _, header in PLAN_COLUMNS),
]
RELATIONSHIP_HEADER = [":START_ID", ":END_ID", ":TYPE", "evidence", "properties"]
#: neo4j-admin's default array delimiter; also joins lists in GraphML.
ARRAY_DELIMITER = ";"


class ExportFormat(StrEnum):
    JSON = "json"
    GRAPHML = "graphml"
    CSV = "csv"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _evidence(evidence: Iterable[Provenance]) -> list[dict[str, Any]]:
    return [
        p.model_dump(include={"document", "plan", "sentence", "start", "end"}) for p in evidence
    ]


def entity_record(entity: Entity) -> dict[str, Any]:
    """One entity of the JSON export; ``plans`` are the ids of the plans mentioning it."""
    return {
        "id": entity.id,
        "name": entity.name,
        "label": str(entity.label),
        "aliases": entity.aliases,
        "plans": entity.plans,
        "properties": entity.properties,
    }


def relation_record(relation: Relation) -> dict[str, Any]:
    return {
        "type": str(relation.type),
        "source": relation.source,
        "target": relation.target,
        "evidence": _evidence(relation.evidence),
        "properties": relation.properties,
    }


def _json_array(out: IO[str], items: Iterator[dict[str, Any]]) -> None:
    out.write("[")
    for n, item in enumerate(items):
        out.write(",\n" if n else "\n")
        out.write(_json(item))
    out.write("\n]")


def write_json(store: GraphStore, out: IO[str]) -> None:
    """One object ``{"entities": [...], "relations": [...]}``, one item per line."""
    out.write('{"entities":')
    _json_array(out, (entity_record(e) for e in store.iter_entities()))
    out.write(',\n"relations":')
    _json_array(out, (relation_record(r) for r in store.iter_relations()))
    out.write("}\n")


def _scalar(value: PropertyValue) -> str | int | float | bool | None:
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(value)
    return value


_RESERVED_NODE_KEYS = frozenset({"label", "name", "kind", "aliases", "plans"})


def to_networkx(store: GraphStore) -> nx.MultiDiGraph[str]:
    """The graph with scalar attributes only, as GraphML (and Gephi) wants.

    Gephi shows a node's ``label`` attribute, so ``label`` is the name; the ontology
    label is ``kind``. Lists are joined with ``;``; evidence is a JSON string. A
    property whose values differ in type between nodes is written as text throughout.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for entity in store.iter_entities():
        attrs: dict[str, Any] = {
            "label": entity.name,
            "name": entity.name,
            "kind": str(entity.label),
            "aliases": ARRAY_DELIMITER.join(entity.aliases),
            "plans": ARRAY_DELIMITER.join(entity.plans),
        }
        for key, value in entity.properties.items():
            scalar = _scalar(value)
            if scalar is not None:
                attrs[f"property_{key}" if key in _RESERVED_NODE_KEYS else key] = scalar
        graph.add_node(entity.id, **attrs)
    for relation in store.iter_relations():
        edge: dict[str, Any] = {
            "type": str(relation.type),
            "evidence": _json(_evidence(relation.evidence)),
            "documents": ARRAY_DELIMITER.join(dict.fromkeys(p.document for p in relation.evidence)),
        }
        for key, value in relation.properties.items():
            scalar = _scalar(value)
            if scalar is not None and key not in edge:
                edge[key] = scalar
        graph.add_edge(relation.source, relation.target, key=str(relation.type), **edge)
    _unify_types(graph.nodes(data=True))
    _unify_types(graph.edges(data=True))
    return graph


def _unify_types(items: Iterable[Any]) -> None:
    """Make every attribute one type across items (GraphML declares one per key)."""
    rows = [item[-1] for item in items]
    types: dict[str, set[type]] = {}
    for attrs in rows:
        for key, value in attrs.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {key for key, kinds in types.items() if len(kinds) > 1}
    for attrs in rows:
        for key in mixed & attrs.keys():
            attrs[key] = str(attrs[key])


def write_graphml(store: GraphStore, out: IO[bytes]) -> None:
    nx.write_graphml(to_networkx(store), out, encoding="utf-8")


def node_row(entity: Entity) -> list[str]:
    labels = ["Entity", super_label(entity.label), str(entity.label)]
    return [
        entity.id,
        entity.name,
        str(entity.label),
        ARRAY_DELIMITER.join(entity.aliases),
        ARRAY_DELIMITER.join(label for label in labels if label),
        _json(entity.properties),
        *(_plan_cell(entity, key, header) for key, header in PLAN_COLUMNS),
    ]


def _plan_cell(entity: Entity, key: str, header: str) -> str:
    """A metadata cell of a plan's row, empty (no property) for anything else or a value
    that does not have the column's type."""
    value = entity.properties.get(key) if entity.label == Label.PLAN else None
    if header.endswith(":int"):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
    if header.endswith(":boolean"):
        return "true" if value is True else ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(value)
    return value if isinstance(value, str) else ""


def relationship_row(relation: Relation) -> list[str]:
    return [
        relation.source,
        relation.target,
        str(relation.type),
        _json(_evidence(relation.evidence)),
        _json(relation.properties),
    ]


def write_csv(store: GraphStore, directory: Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path = directory / NODES_CSV
    relationships_path = directory / RELATIONSHIPS_CSV
    with open(nodes_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(NODE_HEADER)
        writer.writerows(node_row(e) for e in store.iter_entities())
    with open(relationships_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(RELATIONSHIP_HEADER)
        writer.writerows(relationship_row(r) for r in store.iter_relations())
    return nodes_path, relationships_path
