"""``GET /plans`` over plans ingested from real headers: metadata, filters and order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.store import GraphStore
from ingest.pipeline import ingest_upload
from plangraph.settings import Settings
from tests.ingest import header_snippets as real

DOCUMENTS = {
    "430.txt": real.RUIAN,  # 瑞安市 (under 温州市, 浙江省), 2018-04-24, 意见
    "411.txt": real.KEQIAO,  # 柯桥区 (under 绍兴市), 2018-06-15, 办法
    "495.txt": real.JIAXING_SPACED,  # 嘉兴市, 2017-08-22, 意见
    "05.txt": real.ABA,  # 阿坝州 (四川省), 2021-10-11, 办法
    "2019.txt": real.NATIONAL_REPORT,  # the country, 2019 (no date), 政府工作报告
}


@pytest.fixture
def client(memory_store: GraphStore) -> Iterator[TestClient]:
    for name, text in DOCUMENTS.items():
        ingest_upload(memory_store, name, text.encode("utf-8"))
    with TestClient(create_app(Settings(), store=memory_store)) as test_client:  # type: ignore[arg-type]
        yield test_client


def _titles(client: TestClient, query: str = "") -> list[str]:
    body = client.get(f"/api/v1/plans?{query}").json()
    assert body["total"] == len(body["items"])
    return [item["title"][:4] for item in body["items"]]


def test_plans_carry_their_header_metadata(client: TestClient) -> None:
    items = client.get("/api/v1/plans").json()["items"]
    ruian = next(p for p in items if p["doc_number"] == "瑞政发〔2018〕46号")

    assert ruian | {"id": None} == {
        "id": None,
        "title": "瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见",
        "year": 2018,
        "region": "瑞安市",
        "region_level": "county",
        "issuer": "瑞安市人民政府",
        "issuers": ["瑞安市人民政府"],
        "genre": "意见",
        "doc_number": "瑞政发〔2018〕46号",
        "issued": "2018-04-24",
        "notice_title": None,
        "effective_from": "2018-06-01",
        "valid_until": None,
        "trial": False,
    }


def test_a_plans_detail_gives_the_evidence_of_each_field(client: TestClient) -> None:
    items = client.get("/api/v1/plans?genre=办法&region=四川").json()["items"]
    detail = client.get(f"/api/v1/plans/{items[0]['id']}").json()

    assert (
        detail["notice_title"]
        == "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知"
    )
    assert detail["evidence"]["doc_number"] == "阿府办发〔2021〕21号"
    assert detail["evidence"]["issued"] == "2021年10月11日"
    assert detail["evidence"]["genre"].startswith("inferred: ")
    assert "阿坝州人民政府办公室" in detail["evidence"]["region"]


def test_plans_are_sorted_by_date_oldest_first_or_newest_first(client: TestClient) -> None:
    oldest_first = ["关于嘉兴", "瑞安市人", "2018", "2019", "阿坝州政"]

    assert _titles(client) == oldest_first
    assert _titles(client, "sort=-date") == oldest_first[::-1]


def test_years_filter_by_issue(client: TestClient) -> None:
    assert _titles(client, "year_from=2018&year_to=2018") == ["瑞安市人", "2018"]
    assert _titles(client, "year_from=2019") == ["2019", "阿坝州政"]
    assert _titles(client, "year_to=2017") == ["关于嘉兴"]


def test_a_province_includes_its_cities_and_counties(client: TestClient) -> None:
    assert _titles(client, "region=浙江省") == ["关于嘉兴", "瑞安市人", "2018"]
    assert _titles(client, "region=温州") == ["瑞安市人"]
    assert _titles(client, "region=绍兴市") == ["2018"]


def test_genre_and_issuer_filters(client: TestClient) -> None:
    assert _titles(client, "genre=政府工作报告") == ["2019"]
    assert _titles(client, "issuer=财政局") == ["关于嘉兴"]
    assert _titles(client, "issuer=人民政府办公室") == ["2018", "阿坝州政"]


def test_years_out_of_order_match_nothing(client: TestClient) -> None:
    assert _titles(client, "year_from=2020&year_to=2018") == []


def test_a_year_out_of_range_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/v1/plans?year_from=1800")

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


# --- the pages show the same metadata ---------------------------------------------------


def _plan_id(client: TestClient, doc_number: str) -> str:
    items = client.get("/api/v1/plans").json()["items"]
    return next(p["id"] for p in items if p["doc_number"] == doc_number)


def test_home_lists_each_plans_year_region_genre_number_and_issuers(client: TestClient) -> None:
    page = client.get("/").text

    assert (
        "2018 · 柯桥区 · 办法 · 区委办〔2018〕66号 · 中共柯桥区委办公室、柯桥区人民政府办公室"
        in page
    )


def test_plan_view_shows_the_metadata_with_its_evidence_as_tooltips(client: TestClient) -> None:
    page = client.get(f"/viz/plans/{_plan_id(client, '阿府办发〔2021〕21号')}").text

    assert '<div id="pg-meta"' in page
    assert '<dd title="2021年10月11日">2021-10-11</dd>' in page
    assert "2021-10-11 – 2023-10-10 · 试行 trial" in page
    assert "阿坝藏族羌族自治州 (地市级 prefecture)" in page
