from fastapi.testclient import TestClient

from graph.schema import Entity, GraphBatch, Label, Relation, RelType
from graph.store import GraphStore
from tests.api.conftest import ids


def test_brokers_rank_entities_by_betweenness(client: TestClient) -> None:
    body = client.get("/api/v1/analytics/brokers").json()

    scores = [item["score"] for item in body["items"]]
    assert body["items"][0]["entity"]["id"] == ids.center
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert body["total"] == len(body["items"])


def test_brokers_leave_out_plans_and_targets(client: TestClient) -> None:
    body = client.get("/api/v1/analytics/brokers?limit=100").json()

    assert {item["entity"]["label"] for item in body["items"]}.isdisjoint({"Plan", "Target"})


def test_brokers_filter_by_label(client: TestClient) -> None:
    body = client.get("/api/v1/analytics/brokers?label=Industry").json()

    assert [item["entity"]["name"] for item in body["items"]] == ["锰产业"]


def test_communities_group_collaborating_bodies(client: TestClient) -> None:
    body = client.get("/api/v1/analytics/communities").json()

    assert body["total"] == len(body["items"]) >= 1
    first = body["items"][0]
    assert first["id"] == 0
    assert first["size"] == len(first["members"])
    member_names = {m["name"] for m in first["members"]}
    assert {"北京科技大学", "锰产业工程技术研究中心"} <= member_names


def test_communities_are_deterministic(client: TestClient) -> None:
    first = client.get("/api/v1/analytics/communities").json()
    again = client.get("/api/v1/analytics/communities").json()

    assert first == again


def test_analytics_follow_changes_to_the_graph(client: TestClient, graph: GraphStore) -> None:
    before = client.get("/api/v1/analytics/brokers?label=Enterprise").json()
    hub = Entity.create(Label.ENTERPRISE, "湘西锰业集团")
    others = [Entity.create(Label.ENTERPRISE, f"企业{i}") for i in range(3)]
    graph.upsert(
        GraphBatch(
            entities=[hub, *others],
            relations=[Relation.create(RelType.COLLABORATES_WITH, hub.id, o.id) for o in others],
        )
    )

    after = client.get("/api/v1/analytics/brokers?label=Enterprise").json()

    assert "湘西锰业集团" not in [i["entity"]["name"] for i in before["items"]]
    assert after["items"][0]["entity"]["name"] == "湘西锰业集团"
