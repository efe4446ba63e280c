from fastapi.testclient import TestClient

from tests.api.conftest import ids


def node_names(path: dict) -> list[str]:
    return [node["name"] for node in path["nodes"]]


def test_paths_come_shortest_first(client: TestClient) -> None:
    body = client.get(
        "/api/v1/paths", params={"source": ids.fengda, "target": ids.mn, "max_hops": 4}
    ).json()

    lengths = [len(p["relations"]) for p in body["paths"]]
    assert lengths == sorted(lengths)
    assert node_names(body["paths"][0]) == ["丰达合金", "锰产业工程技术研究中心", "锰产业"]
    assert body["total"] == len(body["paths"])


def test_path_relations_join_consecutive_nodes(client: TestClient) -> None:
    path = client.get("/api/v1/paths", params={"source": ids.ustb, "target": ids.mn}).json()[
        "paths"
    ][0]

    assert path["relations"] == [
        {"type": "BUILDS", "source": ids.ustb, "target": ids.center},
        {"type": "SERVES", "source": ids.center, "target": ids.mn},
    ]


def test_mentions_are_left_out_unless_asked_for(client: TestClient) -> None:
    params = {"source": ids.jishou, "target": ids.mn, "max_hops": 2}
    without = client.get("/api/v1/paths", params=params).json()
    with_mentions = client.get(
        "/api/v1/paths", params={**params, "include_mentions": "true"}
    ).json()

    assert without["paths"] == []
    assert node_names(with_mentions["paths"][0]) == ["吉首大学", "2012年全州科技工作要点", "锰产业"]


def test_source_and_target_may_be_exact_names_or_aliases(client: TestClient) -> None:
    by_id = client.get("/api/v1/paths", params={"source": ids.ustb, "target": ids.mn}).json()
    by_name = client.get("/api/v1/paths", params={"source": "北科大", "target": "锰产业"}).json()

    assert by_name == by_id


def test_a_name_that_is_only_a_substring_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/paths", params={"source": "北京科技", "target": "锰产业"})

    assert response.status_code == 404
    assert "source" in response.json()["detail"]
    assert "/api/v1/entities?q=" in response.json()["detail"]


def test_an_ambiguous_name_is_404_listing_the_candidates(client: TestClient, graph) -> None:  # type: ignore[no-untyped-def]
    from graph.schema import Entity, GraphBatch, Label

    graph.upsert(GraphBatch(entities=[Entity.create(Label.PROGRAM, "锰产业")]))

    response = client.get("/api/v1/paths", params={"source": "锰产业", "target": ids.ustb})

    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "2 entities" in detail
    assert ids.mn in detail
