"""GET /plans/compare and GET /entities/{id}/timeline over two Jiangsu plans."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.store import GraphStore
from plangraph.settings import Settings
from tests import explore_graph as jiangsu
from tests.explore_graph import ids


@pytest.fixture
def client(memory_store: GraphStore) -> Iterator[TestClient]:
    app = create_app(Settings(), store=jiangsu.load(memory_store))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _compare(client: TestClient, **params: object) -> dict:  # type: ignore[type-arg]
    response = client.get(
        "/api/v1/plans/compare", params={"plans": f"{ids.js_2010},{ids.js_2013}", **params}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _label(answer: dict, label: str) -> dict:  # type: ignore[type-arg]
    return next(group for group in answer["entities"] if group["label"] == label)


def test_compare_answers_per_label_what_is_shared_and_what_one_plan_alone_names(
    client: TestClient,
) -> None:
    answer = _compare(client)
    assert [p["title"] for p in answer["plans"]] == [
        "2010年江苏省科技工作要点",
        "2013年江苏省科技工作要点",
    ]
    industries = _label(answer, "Industry")
    assert [i["entity"]["name"] for i in industries["shared"]["items"]] == ["物联网"]
    only = {o["plan"]: [i["entity"]["name"] for i in o["items"]] for o in industries["only"]}
    assert only == {ids.js_2010: ["新能源"], ids.js_2013: ["集成电路"]}
    evidence = industries["shared"]["items"][0]["evidence"]
    assert {e["plan"] for e in evidence} == {ids.js_2010, ids.js_2013}


def test_compare_puts_target_values_side_by_side(client: TestClient) -> None:
    pairs = _compare(client)["targets"]
    first = pairs["items"][0]
    assert first["metric"] == "新增高新技术企业"
    assert [(v["plan"], v["target"]["value"], v["target"]["unit"]) for v in first["values"]] == [
        (ids.js_2010, 35, "家"),
        (ids.js_2013, 100, "家"),
    ]
    patents = pairs["items"][1]
    assert [v["target"] is None for v in patents["values"]] == [True, False]


def test_compare_lists_relations_of_one_plan_only_with_the_plan_as_null_source(
    client: TestClient,
) -> None:
    relations = _compare(client)["relations"]
    only_2010 = next(o for o in relations["only"] if o["plan"] == ids.js_2010)
    assert [(r["type"], r["source"], r["target"]["name"]) for r in only_2010["items"]] == [
        ("PRIORITIZES", None, "新能源")
    ]
    assert relations["shared"]["total"] == 2


def test_compare_pages_every_list(client: TestClient) -> None:
    answer = _compare(client, limit=1, offset=1)
    universities = _label(answer, "University")["shared"]
    assert universities["total"] == 2 and len(universities["items"]) == 1
    assert answer["targets"]["total"] == 2 and len(answer["targets"]["items"]) == 1


@pytest.mark.parametrize(
    "plans",
    ["", "plan-a", "plan-a,plan-a", ",".join(f"plan-{i}" for i in range(7)), "x" * 201 + ",y"],
)
def test_compare_rejects_bad_plan_lists_as_problems(client: TestClient, plans: str) -> None:
    response = client.get("/api/v1/plans/compare", params={"plans": plans})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["loc"][:2] == ["query", "plans"]


def test_compare_of_an_unknown_plan_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/plans/compare", params={"plans": f"{ids.js_2010},{ids.iot}"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_timeline_lists_the_plans_naming_the_entity_oldest_first(client: TestClient) -> None:
    response = client.get(f"/api/v1/entities/{ids.iot}/timeline")
    assert response.status_code == 200
    answer = response.json()
    assert answer["entity"]["name"] == "物联网"
    assert answer["total"] == 2
    assert [(i["plan"]["year"], i["date"]) for i in answer["items"]] == [
        (2010, "2010-02-20"),
        (2013, "2013"),
    ]
    relations = answer["items"][1]["relations"]
    assert {(r["type"], r["direction"], r["entity"]["name"]) for r in relations} == {
        ("PRIORITIZES", "in", "2013年江苏省科技工作要点"),
        ("SERVES", "in", "物联网产业技术创新战略联盟"),
    }


def test_timeline_pages_and_rejects_unknown_ids(client: TestClient) -> None:
    page = client.get(f"/api/v1/entities/{ids.iot}/timeline?limit=1&offset=1").json()
    assert [i["plan"]["year"] for i in page["items"]] == [2013] and page["total"] == 2
    missing = client.get("/api/v1/entities/industry-0000000000000000/timeline")
    assert missing.status_code == 404
    assert client.get(f"/api/v1/entities/{ids.iot}/timeline?limit=0").status_code == 422


def test_new_routes_document_an_example_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    for path, model in (
        ("/api/v1/plans/compare", "PlanComparison"),
        ("/api/v1/entities/{entity_id}/timeline", "Timeline"),
    ):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"]["$ref"].endswith(model)
        assert components[model]["examples"], model
    compare_params = schema["paths"]["/api/v1/plans/compare"]["get"]["parameters"]
    assert any(p["name"] == "plans" and p.get("example") for p in compare_params)
