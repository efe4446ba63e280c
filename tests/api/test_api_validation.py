"""Bad parameters are 422 problem documents that say which parameter and why."""

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ids

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/entities?label=Company", "label"),
        ("/api/v1/entities?limit=0", "limit"),
        ("/api/v1/entities?limit=101", "limit"),
        ("/api/v1/entities?limit=ten", "limit"),
        ("/api/v1/entities?offset=-1", "offset"),
        (f"/api/v1/entities/{ids.mn}/neighbors?relation=OWNS", "relation"),
        (f"/api/v1/entities/{ids.mn}/neighbors?direction=sideways", "direction"),
        (f"/api/v1/paths?source={ids.ustb}&target={ids.mn}&max_hops=0", "max_hops"),
        (f"/api/v1/paths?source={ids.ustb}&target={ids.mn}&max_hops=5", "max_hops"),
        (f"/api/v1/paths?target={ids.mn}", "source"),
        ("/api/v1/analytics/brokers?label=Nowhere", "label"),
    ],
)
def test_bad_parameter_is_422_problem_naming_it(client: TestClient, url: str, param: str) -> None:
    response = client.get(url)

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "about:blank"
    assert body["status"] == 422
    assert body["instance"] == url.split("?")[0]
    assert param in body["detail"]
    assert [e["loc"][-1] for e in body["errors"]] == [param]


def test_unknown_route_is_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_unexpected_failure_is_500_problem_without_internals(make_client) -> None:  # type: ignore[no-untyped-def]
    from api.deps import get_service
    from graph.service import GraphService

    class BrokenStore:
        backend = "memory"

        def stats(self) -> None:
            raise RuntimeError("secret internal detail")

    client = make_client()
    broken = GraphService(BrokenStore())  # type: ignore[arg-type]
    client.app.dependency_overrides[get_service] = lambda: broken  # type: ignore[attr-defined]

    response = client.get("/health")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert "secret" not in response.text
