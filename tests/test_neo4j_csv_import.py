"""The CSV export is what ``neo4j-admin database import full`` takes, checked by running it.

``scripts/neo4j.sh import-check`` runs Neo4j's own importer (from the harness's
dependencies) into a fresh database and prints what that database then holds; every
node and relationship must be the exported entity or relation. Needs java and mvn.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from graph.export import write_csv
from graph.memory_store import MemoryStore
from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType, super_label
from ingest.pipeline import ingest_paths
from tests.conftest import ROOT, SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def awkward() -> GraphBatch:
    """Text that CSV must quote: commas, double quotes, a sentence with a line break."""
    said = Provenance(document="d", sentence='他说:"建设,\n联盟"', start=0, end=11)
    lab = Entity.create(
        Label.LAB, '"智慧"城市,实验室', aliases=["“智慧”城市", "a,b"], properties={"note": 'x,"y"'}
    )
    park = Entity.create(Label.PARK, "高新区")
    built = Relation.create(RelType.LOCATED_IN, lab.id, park.id, evidence=[said])
    return GraphBatch(entities=[lab, park], relations=[built])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemoryStore]:
    """The sample corpus and a few awkward names."""
    store = MemoryStore(tmp_path_factory.mktemp("csv") / "store")
    ingest_paths(store, [SAMPLE_CORPUS])
    store.upsert(awkward())
    yield store
    store.close()


@pytest.fixture(scope="module")
def imported(sample: MemoryStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What Neo4j's importer made of the sample corpus's CSV export."""
    if not (shutil.which("java") and shutil.which("mvn")):
        pytest.skip("neo4j-admin import check skipped: java or mvn not found")
    nodes, relationships = write_csv(sample, tmp_path_factory.mktemp("export"))
    done = subprocess.run(
        ["bash", str(ROOT / "scripts/neo4j.sh"), "import-check", str(nodes), str(relationships)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_importer_takes_every_entity_with_its_labels_and_fields(
    sample: MemoryStore, imported: dict[str, Any]
) -> None:
    nodes = {node["properties"]["id"]: node for node in imported["nodes"]}
    entities = {entity.id: entity for entity in sample.iter_entities()}
    assert nodes.keys() == entities.keys()
    for entity_id, entity in entities.items():
        node = nodes[entity_id]
        expected_labels = {"Entity", str(entity.label)} | {super_label(entity.label)} - {None}
        assert set(node["labels"]) == expected_labels, entity_id
        properties = node["properties"]
        assert (properties["name"], properties["label"]) == (entity.name, str(entity.label))
        assert properties.get("aliases", []) == entity.aliases, entity_id
        assert json.loads(properties["properties"]) == entity.properties, entity_id


def test_the_importer_takes_every_relation_with_its_evidence(
    sample: MemoryStore, imported: dict[str, Any]
) -> None:
    relationships = {(r["start"], r["type"], r["end"]): r for r in imported["relationships"]}
    relations = {(r.source, str(r.type), r.target): r for r in sample.iter_relations()}
    assert len(imported["relationships"]) == len(relations)
    assert relationships.keys() == relations.keys()
    for key, relation in relations.items():
        properties = relationships[key]["properties"]
        evidence = json.loads(properties["evidence"])
        assert evidence == [p.model_dump(mode="json") for p in relation.evidence], key
        assert json.loads(properties["properties"]) == relation.properties, key
