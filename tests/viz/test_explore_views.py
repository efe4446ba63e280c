"""Focused entity views, their timeline panel and tooltips, and the comparison view."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_service
from api.problems import install_problem_handlers
from api.routes.views import router
from graph.service import GraphService
from graph.store import GraphStore
from tests import explore_graph as jiangsu
from tests.explore_graph import ids
from tests.viz.pages import embedded_array, node_ids
from viz.views import PLAN_COLORS, SHARED_COLOR


@pytest.fixture
def client(memory_store: GraphStore) -> Iterator[TestClient]:
    jiangsu.load(memory_store)
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(router)
    graph = GraphService(memory_store)
    app.dependency_overrides[get_service] = lambda: graph
    with TestClient(app) as test_client:
        yield test_client


def _page(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    return response.text


def test_an_entity_view_does_not_expand_through_plans_by_default(client: TestClient) -> None:
    page = _page(client, f"/viz/entities/{ids.iot}?depth=2")
    # 物联网 → 联盟 → 南京大学, but not 物联网 → plan → 新能源
    assert node_ids(page) == {ids.iot, ids.alliance, ids.nju}


def test_via_plans_expands_through_plan_nodes(client: TestClient) -> None:
    page = _page(client, f"/viz/entities/{ids.iot}?depth=2&via_plans=1")
    assert {ids.js_2010, ids.js_2013, ids.new_energy, ids.chips} <= node_ids(page)


def test_each_node_tooltip_counts_its_evidence_and_plans(client: TestClient) -> None:
    page = _page(client, f"/viz/entities/{ids.iot}")
    tooltip = next(n["title"] for n in embedded_array(page, "nodes") if n["id"] == ids.iot)
    assert "证据 evidence: 2 · 规划 plans: 2" in tooltip
    assert "2010年江苏省科技工作要点" in tooltip


def test_the_entity_view_shows_its_timeline_oldest_first(client: TestClient) -> None:
    page = _page(client, f"/viz/entities/{ids.iot}")
    panel = page[page.index('id="pg-timeline"') :]
    first = panel.index(f'href="/viz/plans/{ids.js_2010}"')
    second = panel.index(f'href="/viz/plans/{ids.js_2013}"')
    assert first < second
    assert "2010-02-20" in panel and "2 plans name it" in panel


def test_the_comparison_view_draws_the_union_coloured_by_plan(client: TestClient) -> None:
    page = _page(client, f"/viz/compare?plans={ids.js_2010},{ids.js_2013}")
    colors = {n["id"]: n["color"] for n in embedded_array(page, "nodes")}
    assert colors[ids.new_energy] == colors[ids.js_2010] == PLAN_COLORS[0]
    assert colors[ids.chips] == colors[ids.js_2013] == PLAN_COLORS[1]
    assert colors[ids.iot] == SHARED_COLOR
    assert 'id="pg-plans"' in page and "2013年江苏省科技工作要点" in page


def test_the_comparison_view_rejects_one_plan_and_unknown_plans(client: TestClient) -> None:
    assert client.get(f"/viz/compare?plans={ids.js_2010}").status_code == 422
    missing = client.get(f"/viz/compare?plans={ids.js_2010},plan-0000000000000000")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")


def test_home_page_counts_labels_and_relationship_types(client: TestClient) -> None:
    page = _page(client, "/")
    labels = page[page.index('id="label-counts"') : page.index('id="type-counts"')]
    assert 'href="/api/v1/entities?label=Industry"' in labels
    assert re.search(r"Industry</a></td><td class=\"pg-n\">3<", labels)
    types = page[page.index('id="type-counts"') :]
    assert re.search(r"<td>PRIORITIZES</td><td class=\"pg-n\">4<", types)


def test_home_page_charts_plans_by_year_and_province_as_inline_svg(client: TestClient) -> None:
    page = _page(client, "/")
    years = page[page.index('<svg id="plans-by-year"') : page.index("</svg>")]
    assert years.count("<rect") == 2
    assert 'href="/api/v1/plans?limit=100&amp;year_from=2010&amp;year_to=2010"' in years
    provinces = page[page.index('<svg id="plans-by-province"') :]
    assert "江苏省: 2" in provinces[: provinces.index("</svg>")]
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_home_page_ranks_industries_by_plans_and_links_the_most_connected(
    client: TestClient,
) -> None:
    page = _page(client, "/")
    industries = page[page.index('id="top-industries"') : page.index('id="top-connected"')]
    assert industries.index(f'href="/viz/entities/{ids.iot}"') < industries.index(ids.chips)
    assert '物联网</a> <span class="pg-kind">2 plans</span>' in industries
    connected = page[page.index('id="top-connected"') : page.index('id="plans"')]
    assert f'href="/viz/entities/{ids.nju}"' in connected
    assert ids.iot not in connected  # an industry is neither platform nor institution


def test_home_page_suggests_from_this_server_and_compares_ticked_plans(
    client: TestClient,
) -> None:
    page = _page(client, "/")
    assert 'fetch("/api/v1/entities?limit=8&q="' in page
    assert '<form action="/viz/compare" method="get">' in page
    assert f'name="plans" value="{ids.js_2010}"' in page
    both = client.get(f"/viz/compare?plans={ids.js_2010}&plans={ids.js_2013}")
    assert both.status_code == 200
