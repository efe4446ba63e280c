import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PLAN, S_TARGET, ids


def test_plans_list_title_year_region_issuer_by_year(client: TestClient) -> None:
    body = client.get("/api/v1/plans").json()

    assert body["total"] == 2
    first = body["items"][0]
    assert {k: first[k] for k in ("id", "title", "year", "region", "issuer", "issuers")} == {
        "id": PLAN.id,
        "title": "2011年全州科技工作要点",
        "year": 2011,
        "region": "湘西土家族苗族自治州",
        "issuer": "湘西自治州科学技术局",
        "issuers": ["湘西自治州科学技术局"],
    }
    assert body["items"][1]["year"] == 2012


def test_plans_page(client: TestClient) -> None:
    body = client.get("/api/v1/plans?limit=1&offset=1").json()

    assert body["total"] == 2
    assert [p["year"] for p in body["items"]] == [2012]


def test_plan_detail_counts_mentioned_entities_per_label(client: TestClient) -> None:
    body = client.get(f"/api/v1/plans/{ids.plan}").json()

    assert body["counts"] == {
        "Alliance": 1,
        "Enterprise": 1,
        "Government": 1,
        "Industry": 2,
        "ResearchCenter": 1,
        "Target": 2,
        "University": 2,
    }


def test_plan_targets_carry_value_unit_comparator_and_range(client: TestClient) -> None:
    body = client.get(f"/api/v1/plans/{ids.plan}/targets").json()

    assert body["total"] == 2
    by_name = {t["name"]: t for t in body["items"]}
    assert by_name["认定高新技术企业"] | {"evidence": None} == {
        "id": ids.target,
        "name": "认定高新技术企业",
        "value": 5,
        "unit": "家",
        "comparator": "=",
        "value_max": None,
        "evidence": None,
    }
    labs = by_name["新增省级重点实验室"]
    assert (labs["value"], labs["value_max"]) == (3, 4)
    assert by_name["认定高新技术企业"]["evidence"][0]["sentence"] == S_TARGET


@pytest.mark.parametrize("path", ["{mn}", "{mn}/targets", "no-such-plan"])
def test_an_id_that_is_not_a_plan_is_404(client: TestClient, path: str) -> None:
    response = client.get("/api/v1/plans/" + path.format(mn=ids.mn))

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
