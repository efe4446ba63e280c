from fastapi.testclient import TestClient

from tests.api.conftest import PLAN, ids


def names(response_json: dict) -> list[str]:
    return [item["name"] for item in response_json["items"]]


def test_search_puts_the_exact_name_first(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"q": "锰产业"}).json()

    assert names(body)[0] == "锰产业"
    assert set(names(body)) == {"锰产业", "锰产业技术创新战略联盟", "锰产业工程技术研究中心"}
    assert body["total"] == 3


def test_search_matches_aliases(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"q": "北科大"}).json()

    assert names(body) == ["北京科技大学"]


def test_entity_items_carry_id_name_label_aliases_and_plans(client: TestClient) -> None:
    item = client.get("/api/v1/entities", params={"q": "锰产业"}).json()["items"][0]

    assert item == {
        "id": ids.mn,
        "name": "锰产业",
        "label": "Industry",
        "aliases": ["锰深加工产业"],
        "plans": [PLAN.id],
    }


def test_english_query_finds_chinese_names_through_the_glossary(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"q": "manganese"}).json()

    assert "锰产业" in names(body)


def test_english_phrase_is_translated_as_a_whole(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"q": "manganese industry"}).json()

    assert names(body)[0] == "锰产业"


def test_label_filter_keeps_only_that_label(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"q": "大学", "label": "University"}).json()

    assert set(names(body)) == {"北京科技大学", "中南大学", "吉首大学"}


def test_labels_may_be_repeated_or_comma_separated(client: TestClient) -> None:
    repeated = client.get("/api/v1/entities?label=University&label=Enterprise&limit=100").json()
    commas = client.get("/api/v1/entities?label=University,Enterprise&limit=100").json()

    assert repeated == commas
    assert {item["label"] for item in commas["items"]} == {"University", "Enterprise"}


def test_empty_query_pages_through_everything_with_a_total(client: TestClient) -> None:
    first = client.get("/api/v1/entities", params={"limit": 5}).json()
    rest = client.get("/api/v1/entities", params={"limit": 100, "offset": 5}).json()

    assert first["total"] == rest["total"] == 13
    assert len(first["items"]) == 5
    assert len(rest["items"]) == 8
    assert not set(names(first)) & set(names(rest))


def test_entity_detail_has_properties_and_mentions(client: TestClient) -> None:
    body = client.get(f"/api/v1/entities/{ids.target_range}").json()

    assert body["properties"] == {"value": 3, "value_max": 4, "unit": "个", "comparator": "="}
    assert body["mentions"] == [
        {
            "plan": PLAN.id,
            "document": "doc-sample",
            "sentence": "认定民营科技企业10家、高新技术企业5家",
            "start": 100,
            "end": 120,
        }
    ]


def test_unknown_entity_is_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/entities/industry-0000000000000000")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no entity with id 'industry-0000000000000000'"
