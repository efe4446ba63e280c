"""Whole-graph exports, put in a canonical form so two stores can be compared exactly.

``canonical`` sorts everything whose order is incidental (entities, relations, aliases,
evidence); ``lost_from`` lists what one export holds that a later one lacks.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from graph.export import write_json
from graph.memory_store import MemoryStore
from graph.schema import DocumentRecord
from graph.store import GraphStore

Export = dict[str, Any]


def export_store(store: GraphStore) -> Export:
    """What ``plangraph export --format json`` writes, parsed."""
    buffer = io.StringIO()
    write_json(store, buffer)
    return json.loads(buffer.getvalue())  # type: ignore[no-any-return]


def export_dir(data_dir: Path) -> tuple[Export, list[DocumentRecord]]:
    """The export and the documents of a closed embedded store."""
    store = MemoryStore(data_dir)
    try:
        return export_store(store), store.documents()
    finally:
        store.close()


def _evidence_key(p: dict[str, Any]) -> tuple[Any, ...]:
    return (p["document"], p["plan"] or "", p["start"], p["end"], p["sentence"] or "")


def canonical(export: Export) -> Export:
    entities = [
        {**e, "aliases": sorted(e["aliases"]), "plans": sorted(e["plans"])}
        for e in export["entities"]
    ]
    relations = [
        {**r, "evidence": sorted(r["evidence"], key=_evidence_key)} for r in export["relations"]
    ]
    return {
        "entities": sorted(entities, key=lambda e: e["id"]),
        "relations": sorted(relations, key=lambda r: (r["type"], r["source"], r["target"])),
    }


def duplicates(export: Export) -> list[str]:
    """Entity ids, relation keys or evidence entries that occur more than once."""
    found: list[str] = []
    ids = Counter(e["id"] for e in export["entities"])
    found += [f"entity {i}" for i, n in ids.items() if n > 1]
    keys = Counter((r["type"], r["source"], r["target"]) for r in export["relations"])
    found += [f"relation {k}" for k, n in keys.items() if n > 1]
    for relation in export["relations"]:
        evidence = Counter(json.dumps(p, sort_keys=True) for p in relation["evidence"])
        found += [f"evidence {e}" for e, n in evidence.items() if n > 1]
    return found


def lost_from(before: Export, after: Export) -> list[str]:
    """What ``before`` holds that ``after`` lacks: entities, aliases, relations, evidence."""
    lost: list[str] = []
    now = {e["id"]: e for e in after["entities"]}
    for entity in before["entities"]:
        later = now.get(entity["id"])
        if later is None:
            lost.append(f"entity {entity['id']}")
        elif not set(entity["aliases"]) <= set(later["aliases"]):
            lost.append(f"aliases of {entity['id']}")
    relations = {(r["type"], r["source"], r["target"]): r for r in after["relations"]}
    for relation in before["relations"]:
        key = (relation["type"], relation["source"], relation["target"])
        later = relations.get(key)
        if later is None:
            lost.append(f"relation {key}")
            continue
        kept = {json.dumps(p, sort_keys=True) for p in later["evidence"]}
        if any(json.dumps(p, sort_keys=True) not in kept for p in relation["evidence"]):
            lost.append(f"evidence of {key}")
    return lost
