"""The exports carry every entity and relation with its evidence, in each format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.export import NODE_HEADER, RELATIONSHIP_HEADER, write_csv, write_graphml, write_json
from graph.memory_store import MemoryStore
from graph.schema import DocumentRecord, Entity, GraphBatch, Label, Provenance, Relation, RelType
from plangraph.cli import app

PLAN = Entity.create(
    Label.PLAN,
    "2011年全州科技工作要点",
    properties={"year": 2011, "region": "湘西", "issuer": "湘西自治州科学技术局"},
)
EVIDENCE = Provenance(
    document="seed", plan=PLAN.id, sentence="组建锰产业技术创新战略联盟。", start=120, end=134
)
ALLIANCE = Entity.create(
    Label.ALLIANCE, "锰产业技术创新战略联盟", aliases=["锰联盟", "锰业联盟"], mentions=[EVIDENCE]
)
UNIVERSITY = Entity.create(Label.UNIVERSITY, "吉首大学", mentions=[EVIDENCE])
RELATIONS = [
    Relation.create(RelType.MENTIONS, PLAN.id, ALLIANCE.id, evidence=[EVIDENCE]),
    Relation.create(RelType.BUILDS, UNIVERSITY.id, ALLIANCE.id, evidence=[EVIDENCE]),
]


MEMORY_BACKEND = {"PLANGRAPH_BACKEND": "memory"}


@pytest.fixture
def filled(memory_store: MemoryStore) -> MemoryStore:
    memory_store.upsert(GraphBatch(entities=[PLAN, ALLIANCE, UNIVERSITY], relations=RELATIONS))
    return memory_store


def exported_json(store: MemoryStore) -> dict[str, list[dict[str, object]]]:
    out = io.StringIO()
    write_json(store, out)
    data: dict[str, list[dict[str, object]]] = json.loads(out.getvalue())
    return data


def test_json_is_one_object_of_entities_and_relations(filled: MemoryStore) -> None:
    data = exported_json(filled)
    assert set(data) == {"entities", "relations"}
    assert len(data["entities"]) == 3
    assert len(data["relations"]) == 2
    for item in data["entities"]:
        assert {"id", "name", "label", "aliases", "plans", "properties"} <= item.keys()
    for item in data["relations"]:
        assert {"type", "source", "target", "evidence"} <= item.keys()


def test_json_entities_name_the_plans_that_mention_them(filled: MemoryStore) -> None:
    entities = {e["id"]: e for e in exported_json(filled)["entities"]}
    assert entities[ALLIANCE.id]["plans"] == [PLAN.id]
    assert entities[ALLIANCE.id]["aliases"] == ["锰联盟", "锰业联盟"]
    assert entities[PLAN.id]["properties"] == {
        "year": 2011,
        "region": "湘西",
        "issuer": "湘西自治州科学技术局",
    }


def test_json_relations_carry_their_evidence(filled: MemoryStore) -> None:
    relations = {r["type"]: r for r in exported_json(filled)["relations"]}
    builds = relations["BUILDS"]
    assert (builds["source"], builds["target"]) == (UNIVERSITY.id, ALLIANCE.id)
    assert builds["evidence"] == [
        {
            "document": "seed",
            "plan": PLAN.id,
            "sentence": "组建锰产业技术创新战略联盟。",
            "start": 120,
            "end": 134,
        }
    ]


def test_json_of_an_empty_store_is_valid(memory_store: MemoryStore) -> None:
    assert exported_json(memory_store) == {"entities": [], "relations": []}


def test_graphml_reads_back_with_networkx(filled: MemoryStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    with open(path, "wb") as f:
        write_graphml(filled, f)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == 3
    assert graph.number_of_edges() == 2
    alliance = graph.nodes[ALLIANCE.id]
    assert (alliance["label"], alliance["kind"]) == ("锰产业技术创新战略联盟", "Alliance")
    assert alliance["aliases"] == "锰联盟;锰业联盟"
    assert graph.nodes[PLAN.id]["year"] == 2011
    (edge,) = graph.get_edge_data(UNIVERSITY.id, ALLIANCE.id).values()
    assert edge["type"] == "BUILDS"
    assert json.loads(edge["evidence"])[0]["sentence"] == "组建锰产业技术创新战略联盟。"


def test_graphml_writes_mixed_property_types_as_text(
    memory_store: MemoryStore, tmp_path: Path
) -> None:
    plans = [
        Entity.create(Label.PLAN, "甲规划", properties={"year": 2011}),
        Entity.create(Label.PLAN, "乙规划", properties={"year": "2012年"}),
    ]
    memory_store.upsert(GraphBatch(entities=plans))
    path = tmp_path / "graph.graphml"
    with open(path, "wb") as f:
        write_graphml(memory_store, f)
    graph = nx.read_graphml(path)
    assert sorted(graph.nodes[p.id]["year"] for p in plans) == ["2011", "2012年"]


def test_csv_has_the_neo4j_admin_headers_and_rows(filled: MemoryStore, tmp_path: Path) -> None:
    nodes_path, relationships_path = write_csv(filled, tmp_path / "csv")
    with open(nodes_path, encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(relationships_path, encoding="utf-8", newline="") as f:
        relationships = list(csv.reader(f))
    assert nodes[0] == NODE_HEADER
    assert nodes[0][:5] == ["id:ID", "name", "label", "aliases:string[]", ":LABEL"]
    assert relationships[0][:4] == [":START_ID", ":END_ID", ":TYPE", "evidence"]
    assert relationships[0] == RELATIONSHIP_HEADER
    by_id = {row[0]: row for row in nodes[1:]}
    assert by_id[ALLIANCE.id][1:5] == [
        "锰产业技术创新战略联盟",
        "Alliance",
        "锰联盟;锰业联盟",
        "Entity;Platform;Alliance",
    ]
    assert by_id[UNIVERSITY.id][4] == "Entity;Institution;University"
    assert by_id[PLAN.id][4] == "Entity;Plan"
    rows = {row[2]: row for row in relationships[1:]}
    assert rows["BUILDS"][:2] == [UNIVERSITY.id, ALLIANCE.id]
    assert json.loads(rows["BUILDS"][3])[0]["start"] == 120
    assert len(relationships) == 3


def test_cli_exports_json_to_stdout(filled: MemoryStore) -> None:
    filled.close()
    result = CliRunner(env=MEMORY_BACKEND).invoke(
        app, ["export", "--data-dir", str(filled.data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["entities"]) == 3


def test_cli_exports_csv_into_a_folder(filled: MemoryStore, tmp_path: Path) -> None:
    filled.close()
    out = tmp_path / "import"
    args = ["export", "--format", "csv", "--out", str(out), "--data-dir", str(filled.data_dir)]
    result = CliRunner(env=MEMORY_BACKEND).invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["nodes.csv", "relationships.csv"]


def test_cli_csv_needs_an_out_folder(filled: MemoryStore) -> None:
    filled.close()
    args = ["export", "--format", "csv", "--data-dir", str(filled.data_dir)]
    result = CliRunner(env=MEMORY_BACKEND).invoke(app, args)
    assert result.exit_code != 0


def test_every_format_carries_a_plans_header_metadata(
    memory_store: MemoryStore, tmp_path: Path
) -> None:
    """A plan read from policies-zhejiang/495.txt's header, as the header reader stores it."""
    plan = Entity.create(
        Label.PLAN,
        "关于嘉兴市本级进一步推广应用创新券的实施意见",
        properties={
            "title": "关于嘉兴市本级进一步推广应用创新券的实施意见",
            "doc_number": "嘉科综〔2017〕44号",
            "issued": "2017-08-22",
            "year": 2017,
            "genre": "意见",
            "trial": False,
            "issuers": ["嘉兴市科学技术局", "嘉兴市财政局"],
            "doc_number_evidence": "嘉科综〔2017〕44号",
        },
    )
    memory_store.replace_document(
        DocumentRecord(id="doc-1", source="495.txt", sha256="0" * 64, plans=[plan.id]),
        GraphBatch(entities=[plan]),
    )
    buffer = io.StringIO()
    write_json(memory_store, buffer)
    assert json.loads(buffer.getvalue())["entities"][0]["properties"]["doc_number"] == (
        "嘉科综〔2017〕44号"
    )
    graphml = tmp_path / "g.graphml"
    with open(graphml, "wb") as f:
        write_graphml(memory_store, f)
    node = nx.read_graphml(graphml).nodes[plan.id]
    assert (node["issued"], node["issuers"]) == ("2017-08-22", "嘉兴市科学技术局;嘉兴市财政局")
    nodes_path, _ = write_csv(memory_store, tmp_path / "csv")
    with open(nodes_path, encoding="utf-8", newline="") as f:
        header, row = list(csv.reader(f))
    cells = dict(zip(header, row, strict=True))
    assert cells["doc_number"] == "嘉科综〔2017〕44号"
    assert cells["year:int"] == "2017"
    assert cells["trial:boolean"] == ""
    assert cells["issuers:string[]"] == "嘉兴市科学技术局;嘉兴市财政局"
