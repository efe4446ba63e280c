from fastapi.testclient import TestClient

from tests.api.conftest import ENTITIES, RELATIONS


def test_health_reports_backend_and_graph_size(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "backend": "memory",
        "entities": len(ENTITIES),
        "relations": len(RELATIONS),
    }
