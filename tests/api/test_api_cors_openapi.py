import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeClient

ORIGIN = "https://maps.example.org"


def test_cors_headers_are_absent_by_default(client: TestClient) -> None:
    response = client.get("/health", headers={"Origin": ORIGIN})

    assert "access-control-allow-origin" not in response.headers


def test_cors_preflight_is_refused_by_default(client: TestClient) -> None:
    response = client.options(
        "/api/v1/entities",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )

    assert "access-control-allow-origin" not in response.headers


def test_cors_headers_are_present_for_configured_origins(make_client: MakeClient) -> None:
    client = make_client(cors_origins=[ORIGIN])

    allowed = client.get("/health", headers={"Origin": ORIGIN})
    other = client.get("/health", headers={"Origin": "https://elsewhere.example"})

    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in other.headers


def _operations(client: TestClient) -> list[tuple[str, str, dict]]:
    spec = client.get("/openapi.json").json()
    return [
        (method, path, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]


def _has_example(content: dict) -> bool:
    for media in content.values():
        schema = media.get("schema", {})
        if "example" in media or "examples" in media or "examples" in schema:
            return True
    return False


def test_openapi_covers_every_route(client: TestClient) -> None:
    paths = {path for _, path, _ in _operations(client)}

    assert {
        "/health",
        "/api/v1/entities",
        "/api/v1/entities/{entity_id}",
        "/api/v1/entities/{entity_id}/neighbors",
        "/api/v1/paths",
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/targets",
        "/api/v1/analytics/brokers",
        "/api/v1/analytics/communities",
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
    } <= paths


def test_openapi_has_a_success_example_for_every_json_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    missing = []
    for method, path, operation in _operations(client):
        status = next(s for s in operation["responses"] if s.startswith("2"))
        content = operation["responses"][status]["content"]
        if "application/json" not in content:
            continue  # the HTML views
        ref = next(iter(content.values()))["schema"].get("$ref", "")
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
        if not (_has_example(content) or "examples" in schema):
            missing.append(f"{method.upper()} {path}")

    assert missing == []


def test_openapi_describes_errors_as_problem_documents(client: TestClient) -> None:
    for method, path, operation in _operations(client):
        for status, response in operation["responses"].items():
            html_page = response.get("content", {}).keys() == {"text/html"}
            if status.startswith(("4", "5")) and not html_page:
                assert list(response["content"]) == ["application/problem+json"], (
                    method,
                    path,
                    status,
                )
                assert "example" in response["content"]["application/problem+json"]


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_docs_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "names"),
    [
        ("get", "/api/v1/entities", {"q", "label", "limit", "offset"}),
        (
            "get",
            "/api/v1/entities/{entity_id}/neighbors",
            {"entity_id", "relation", "label", "direction", "limit", "offset"},
        ),
        (
            "get",
            "/api/v1/paths",
            {"source", "target", "max_hops", "include_mentions", "limit"},
        ),
        (
            "get",
            "/api/v1/plans",
            {"limit", "offset", "year_from", "year_to", "region", "genre", "issuer", "sort"},
        ),
        ("get", "/api/v1/plans/{plan_id}/targets", {"plan_id", "limit", "offset"}),
        ("get", "/api/v1/analytics/brokers", {"label", "limit"}),
        ("get", "/api/v1/analytics/communities", {"limit"}),
        ("get", "/api/v1/documents", {"limit", "offset"}),
    ],
)
def test_openapi_lists_every_query_parameter(
    client: TestClient, method: str, path: str, names: set[str]
) -> None:
    spec = client.get("/openapi.json").json()
    parameters = spec["paths"][path][method]["parameters"]

    assert {p["name"] for p in parameters} == names


def test_openapi_parameter_schemas_resolve(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    refs = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"].rsplit("/", 1)[-1])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(spec)

    assert refs <= set(spec["components"]["schemas"])
    assert {"Label", "RelType", "Direction"} <= refs
