"""The HTML views over HTTP: home, entity, paths and plan views, their errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_service
from api.routes.views import router
from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType
from graph.service import GraphService
from graph.store import GraphStore
from tests.viz.graphs import (
    ALLIANCE,
    ENTERPRISE,
    INDUSTRY,
    LONELY,
    PLAN,
    REGION,
    UNIVERSITY,
    write_small_graph,
)
from tests.viz.pages import edge_types, node_ids


@pytest.fixture
def client(memory_store: GraphStore) -> Iterator[TestClient]:
    write_small_graph(memory_store)
    app = FastAPI()
    app.include_router(router)
    graph = GraphService(memory_store)
    app.dependency_overrides[get_service] = lambda: graph
    with TestClient(app) as test_client:
        yield test_client


def _ok_html(client: TestClient, url: str, **params: object) -> str:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


# -- home --------------------------------------------------------------------------


def test_home_lists_plans_linking_to_their_views(client: TestClient) -> None:
    page = _ok_html(client, "/")
    assert f'href="/viz/plans/{PLAN.id}"' in page
    assert PLAN.name in page


def test_home_lists_each_plans_year_and_region(client: TestClient) -> None:
    page = _ok_html(client, "/")
    year, region = PLAN.properties.get("year"), PLAN.properties.get("region")
    assert f"{year} · {region}" in page


def test_home_search_lists_matches_linking_to_entity_views(client: TestClient) -> None:
    page = _ok_html(client, "/", q="锰")
    results = page[page.index('id="results"') : page.index('id="overview"')]
    assert f'href="/viz/entities/{INDUSTRY.id}">锰产业</a>' in results
    assert f'href="/viz/entities/{ALLIANCE.id}"' in results
    assert f'href="/viz/entities/{UNIVERSITY.id}"' not in results


def test_home_search_understands_english_industry_names(client: TestClient) -> None:
    page = _ok_html(client, "/", q="manganese")
    assert f'href="/viz/entities/{INDUSTRY.id}">锰产业</a>' in page


def test_home_search_finds_aliases(client: TestClient) -> None:
    assert f'href="/viz/entities/{UNIVERSITY.id}"' in _ok_html(client, "/", q="吉大")


def test_home_search_says_when_nothing_matches(client: TestClient) -> None:
    assert "Nothing found" in _ok_html(client, "/", q="no such thing")


def test_home_has_search_box_and_legend(client: TestClient) -> None:
    page = _ok_html(client, "/")
    assert '<form class="pg-search" action="/"' in page
    assert "产业 Industry" in page


# -- entity view --------------------------------------------------------------------


def test_entity_view_shows_the_neighbourhood_but_not_the_plans(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/entities/{INDUSTRY.id}")
    assert node_ids(page) == {INDUSTRY.id, ALLIANCE.id}


def test_entity_view_through_plans_shows_them_when_asked(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/entities/{INDUSTRY.id}", via_plans=1)
    assert node_ids(page) == {INDUSTRY.id, ALLIANCE.id, PLAN.id}


def test_entity_view_depth_two_reaches_further(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/entities/{INDUSTRY.id}", depth=2)
    assert UNIVERSITY.id in node_ids(page)
    assert REGION.id not in node_ids(page)  # only the plan reaches it
    assert REGION.id in node_ids(
        _ok_html(client, f"/viz/entities/{INDUSTRY.id}", depth=2, via_plans=1)
    )


def test_entity_view_filters_by_relation_type(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/entities/{UNIVERSITY.id}", relation="BUILDS")
    assert node_ids(page) == {UNIVERSITY.id, ALLIANCE.id}
    assert edge_types(page) == {"BUILDS"}


def test_entity_view_filters_by_label(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/entities/{UNIVERSITY.id}", label="Enterprise")
    assert node_ids(page) == {UNIVERSITY.id, ENTERPRISE.id}


def test_unknown_entity_is_a_404_page(client: TestClient) -> None:
    response = client.get("/viz/entities/industry-0000000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "industry-0000000000000000" in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"depth": 0},
        {"depth": 4},
        {"depth": "x"},
        {"relation": "LIKES"},
        {"label": "Person"},
        {"embed": "maybe"},
    ],
)
def test_bad_entity_view_parameters_are_422(client: TestClient, params: dict[str, object]) -> None:
    assert client.get(f"/viz/entities/{INDUSTRY.id}", params=params).status_code == 422


def test_embedded_view_has_no_header_and_may_be_framed(client: TestClient) -> None:
    response = client.get(f"/viz/entities/{INDUSTRY.id}", params={"embed": 1})
    assert response.status_code == 200
    assert "<header" not in response.text
    assert "x-frame-options" not in response.headers
    assert "frame-ancestors" not in response.headers.get("content-security-policy", "")


def test_views_forbid_requests_to_other_hosts(client: TestClient) -> None:
    policy = client.get(f"/viz/entities/{INDUSTRY.id}").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "http" not in policy


def test_entity_view_caps_nodes_and_says_how_many_were_left_out(
    client: TestClient, memory_store: GraphStore
) -> None:
    hub = Entity.create(Label.PROGRAM, "科技特派员")
    spokes = [Entity.create(Label.ENTERPRISE, f"企业{i:03d}") for i in range(320)]
    evidence = [Provenance(document="doc-2", sentence="合作。")]
    memory_store.upsert(
        GraphBatch(
            entities=[hub, *spokes],
            relations=[
                Relation.create(RelType.PART_OF, s.id, hub.id, evidence=evidence) for s in spokes
            ],
        )
    )
    page = _ok_html(client, f"/viz/entities/{hub.id}")
    assert len(node_ids(page)) == 300
    assert "21 nodes not shown" in page


# -- paths view ---------------------------------------------------------------------


def test_paths_view_shows_the_union_of_paths(client: TestClient) -> None:
    page = _ok_html(client, "/viz/paths", source=ENTERPRISE.id, target=INDUSTRY.id)
    assert node_ids(page) == {ENTERPRISE.id, UNIVERSITY.id, ALLIANCE.id, INDUSTRY.id}
    assert edge_types(page) == {"COLLABORATES_WITH", "BUILDS", "SERVES"}


def test_paths_view_without_a_path_shows_both_ends_and_says_so(client: TestClient) -> None:
    page = _ok_html(client, "/viz/paths", source=ENTERPRISE.id, target=INDUSTRY.id, max_hops=2)
    assert node_ids(page) == {ENTERPRISE.id, INDUSTRY.id}
    assert "No path of at most 2 relations" in page


def test_paths_view_with_an_unknown_end_is_404(client: TestClient) -> None:
    response = client.get("/viz/paths", params={"source": LONELY.id, "target": "nope"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"source": ENTERPRISE.id},
        {"target": INDUSTRY.id},
        {"source": ENTERPRISE.id, "target": INDUSTRY.id, "max_hops": 5},
        {"source": ENTERPRISE.id, "target": INDUSTRY.id, "max_hops": 0},
    ],
)
def test_bad_paths_parameters_are_422(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/viz/paths", params=params).status_code == 422


# -- plan view ----------------------------------------------------------------------


def test_plan_view_shows_what_the_plan_mentions(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/plans/{PLAN.id}")
    assert node_ids(page) == {
        PLAN.id,
        UNIVERSITY.id,
        ALLIANCE.id,
        INDUSTRY.id,
        ENTERPRISE.id,
        REGION.id,
        LONELY.id,
    }


def test_plan_view_includes_relations_among_the_mentioned(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/plans/{PLAN.id}")
    assert {"MENTIONS", "BUILDS", "SERVES", "COLLABORATES_WITH"} <= edge_types(page)


def test_plan_view_of_a_non_plan_is_404(client: TestClient) -> None:
    assert client.get(f"/viz/plans/{INDUSTRY.id}").status_code == 404


def test_plan_view_of_an_unknown_id_is_404(client: TestClient) -> None:
    assert client.get("/viz/plans/plan-0000000000000000").status_code == 404


def test_view_pages_are_titled_with_the_entity_name(client: TestClient) -> None:
    page = _ok_html(client, f"/viz/plans/{PLAN.id}")
    assert re.search(rf"<title>{PLAN.name} · plangraph</title>", page)
