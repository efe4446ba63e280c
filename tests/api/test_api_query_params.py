"""Query parameters read the same on every route, whether FastAPI reads them natively
(every route but one) or ``api.query_fast_path`` reads them by hand (the neighbours
route): repeats and commas, errors located at ("query", field) naming the allowed
values, unknown parameters ignored, and OpenAPI documenting both alike."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ids

NATIVE = "/api/v1/entities"
HAND_READ = f"/api/v1/entities/{ids.mn}/neighbors"
BOTH = pytest.mark.parametrize("path", [NATIVE, HAND_READ], ids=["native", "hand-read"])


@BOTH
def test_a_label_outside_the_ontology_is_located_at_the_query_field(
    client: TestClient, path: str
) -> None:
    body = client.get(f"{path}?label=Company").json()

    assert [error["loc"] for error in body["errors"]] == [["query", "label"]]


@BOTH
def test_a_label_outside_the_ontology_is_answered_with_the_allowed_values(
    client: TestClient, path: str
) -> None:
    (error,) = client.get(f"{path}?label=Company").json()["errors"]

    assert "'Company' is not one of: Alliance, Enterprise, Government" in error["msg"]


@BOTH
def test_repeated_and_comma_separated_labels_read_the_same(client: TestClient, path: str) -> None:
    repeated = client.get(f"{path}?label=University&label=Enterprise&label=Alliance")
    commas = client.get(f"{path}?label=University,Enterprise,Alliance")

    assert repeated.status_code == 200
    assert repeated.json() == commas.json()
    assert repeated.json()["items"]  # the filter was not simply empty both times


@BOTH
def test_an_unknown_query_parameter_is_ignored(client: TestClient, path: str) -> None:
    plain = client.get(f"{path}?limit=5")
    extra = client.get(f"{path}?limit=5&_=1700000000&utm_source=mail")

    assert extra.status_code == 200
    assert extra.json() == plain.json()


@BOTH
def test_an_empty_label_means_any_label(client: TestClient, path: str) -> None:
    assert client.get(f"{path}?label=").json() == client.get(path).json()


def _parameters(client: TestClient, path: str) -> dict[str, dict[str, Any]]:
    spec = client.get("/openapi.json").json()
    return {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}


def test_a_hand_read_parameter_is_documented_as_a_native_one(client: TestClient) -> None:
    native = _parameters(client, "/api/v1/entities")
    hand_read = _parameters(client, "/api/v1/entities/{entity_id}/neighbors")

    for name in ("label", "limit", "offset"):
        assert hand_read[name] == native[name], name


def test_every_api_query_parameter_has_a_description(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    undescribed = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in spec["paths"].items()
        if path.startswith("/api/")
        for method, operation in operations.items()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "query" and not parameter.get("description")
    ]

    assert undescribed == []


@pytest.mark.parametrize(
    ("path", "name", "example"),
    [
        ("/api/v1/entities", "q", "锰产业"),
        ("/api/v1/entities", "label", ["University", "Enterprise"]),
        ("/api/v1/entities/{entity_id}/neighbors", "relation", ["BUILDS", "SERVES"]),
        ("/api/v1/paths", "source", "北京科技大学"),
        ("/api/v1/plans", "region", "浙江省"),
    ],
)
def test_a_parameter_carries_its_example(
    client: TestClient, path: str, name: str, example: object
) -> None:
    assert _parameters(client, path)[name]["example"] == example


@pytest.mark.parametrize(
    ("path", "name", "limits"),
    [
        ("/api/v1/entities", "limit", (1, 100)),
        ("/api/v1/entities/{entity_id}/neighbors", "limit", (1, 100)),
        ("/api/v1/paths", "max_hops", (1, 4)),
        ("/api/v1/plans", "year_from", (1900, 2100)),
        ("/api/v1/analytics/communities", "limit", (1, 100)),
    ],
)
def test_a_parameter_documents_its_limits(
    client: TestClient, path: str, name: str, limits: tuple[int, int]
) -> None:
    schema = _parameters(client, path)[name]["schema"]
    if "anyOf" in schema:  # optional: the limits are on the non-null branch
        (schema,) = [branch for branch in schema["anyOf"] if branch.get("type") != "null"]

    assert (schema["minimum"], schema["maximum"]) == limits
