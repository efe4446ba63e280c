import pytest
from fastapi.testclient import TestClient

from api.models import NeighborPage
from tests.api.conftest import PLAN, ids


def neighbor_names(body: dict) -> list[str]:
    return [item["entity"]["name"] for item in body["items"]]


def test_neighbors_carry_relation_type_direction_and_evidence(client: TestClient) -> None:
    body = client.get(f"/api/v1/entities/{ids.alliance}/neighbors?relation=SERVES").json()

    assert body["total"] == 1
    item = body["items"][0]
    assert item["entity"]["name"] == "锰产业"
    assert item["relation"] == {
        "type": "SERVES",
        "direction": "out",
        "evidence": [
            {
                "document": "doc-sample",
                "plan": PLAN.id,
                "sentence": "重点推进锰产业技术创新战略联盟建设",
                "start": 100,
                "end": 117,
            }
        ],
    }


def test_relation_filter_accepts_repeats_and_commas(client: TestClient) -> None:
    url = f"/api/v1/entities/{ids.center}/neighbors"
    repeated = client.get(f"{url}?relation=BUILDS&relation=SERVES").json()
    commas = client.get(f"{url}?relation=BUILDS,SERVES").json()

    assert repeated == commas
    assert set(neighbor_names(commas)) == {"北京科技大学", "中南大学", "丰达合金", "锰产业"}


def test_direction_in_keeps_relations_that_end_at_the_entity(client: TestClient) -> None:
    body = client.get(
        f"/api/v1/entities/{ids.center}/neighbors?relation=BUILDS,SERVES&direction=in"
    ).json()

    assert set(neighbor_names(body)) == {"北京科技大学", "中南大学", "丰达合金"}
    assert {item["relation"]["direction"] for item in body["items"]} == {"in"}


def test_label_filter_keeps_neighbours_of_that_label(client: TestClient) -> None:
    body = client.get(f"/api/v1/entities/{ids.center}/neighbors?label=University").json()

    assert set(neighbor_names(body)) == {"北京科技大学", "中南大学"}


def test_neighbors_page_with_total_before_paging(client: TestClient) -> None:
    url = f"/api/v1/entities/{ids.center}/neighbors?relation=BUILDS"
    first = client.get(f"{url}&limit=2").json()
    second = client.get(f"{url}&limit=2&offset=2").json()

    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    assert set(neighbor_names(first)).isdisjoint(neighbor_names(second))


def test_a_plan_id_lists_what_the_plan_mentions(client: TestClient) -> None:
    body = client.get(
        f"/api/v1/entities/{ids.plan_2}/neighbors?relation=MENTIONS&direction=out"
    ).json()

    assert set(neighbor_names(body)) == {"吉首大学", "锰产业"}


def test_neighbors_of_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/entities/nope/neighbors")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "query", ["", "?relation=BUILDS,SERVES", "?direction=in", "?limit=1&offset=1"]
)
def test_neighbors_answer_is_exactly_the_declared_model(client: TestClient, query: str) -> None:
    body = client.get(f"/api/v1/entities/{ids.center}/neighbors{query}").json()

    assert body["items"]
    assert NeighborPage.model_validate(body).model_dump(mode="json") == body

