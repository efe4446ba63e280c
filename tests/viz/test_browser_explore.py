"""Exploring a real-size corpus in a real browser: the overview home page with its search
suggestions, a comparison of two provincial reports and an industry's timeline, with no
console error and no request off 127.0.0.1. Screenshots land in ``artifacts/``.

The corpus is all of ``shared/corpus/real`` (314 documents) where it is checked out
beside the project, else the bundled real-size sample ``data/real`` (68 documents).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from plangraph.devserver import served
from tests.conftest import ROOT
from tests.viz.browser_support import ARTIFACTS, BROWSER_MARKS, Watched, wait_settled, wait_true

pytestmark = BROWSER_MARKS

SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"
REAL_CORPUS = SHARED_REAL if SHARED_REAL.is_dir() else ROOT / "data" / "real"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from graph.memory_store import MemoryStore
    from ingest.pipeline import ingest_paths

    data_dir = tmp_path_factory.mktemp("browser-real") / "store"
    store = MemoryStore(data_dir)
    ingest_paths(store, sorted(p for p in REAL_CORPUS.iterdir() if p.is_dir()))
    store.close()
    with served(data_dir) as url:
        yield url


def _clean(watched: Watched, base_url: str, shot: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    watched.page.screenshot(path=str(ARTIFACTS / shot))
    assert watched.errors == []
    assert watched.foreign_requests(base_url) == []


def _json(page: Any, url: str) -> Any:
    return page.request.get(url).json()


def test_home_page_gives_the_overview_and_suggests_as_you_type(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    page.goto(f"{base_url}/")
    assert page.locator("#plans-by-year rect").count() >= 2
    assert page.locator("#plans-by-province rect").count() >= 2
    assert page.locator("#top-industries li").count() >= 5
    assert page.locator("#top-connected li").count() >= 5
    page.locator("input[name=q]").press_sequentially("人工", delay=50)
    page.locator("#pg-suggest li a").first.wait_for(timeout=10_000)
    assert "/viz/entities/" in (page.locator("#pg-suggest li a").first.get_attribute("href") or "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explore-home.png"), full_page=True)
    _clean(watched, base_url, "explore-home-top.png")


def test_comparison_of_two_provincial_reports_draws_both_colours(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    reports = _json(page, f"{base_url}/api/v1/plans?genre=政府工作报告&region=浙江省&limit=5")
    other = _json(page, f"{base_url}/api/v1/plans?genre=政府工作报告&region=江苏省&limit=5")
    plans = f"{reports['items'][0]['id']},{other['items'][0]['id']}"
    page.goto(f"{base_url}/viz/compare?plans={plans}")
    wait_settled(page)
    colours = page.evaluate(
        "Array.from(new Set(network.body.data.nodes.get().map((n) => n.color)))"
    )
    assert len(colours) >= 3  # each plan's own colour and the shared one
    assert page.locator("#pg-plans div").count() == 3
    _clean(watched, base_url, "explore-compare.png")


def test_an_industry_view_shows_its_timeline_without_whole_plans(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    page.goto(f"{base_url}/")
    page.locator("#top-industries li a").first.click()
    page.wait_for_url("**/viz/entities/*")
    wait_settled(page)
    assert page.locator("#pg-timeline li").count() >= 2
    labels = page.evaluate("network.body.data.nodes.get().map((n) => n.entityLabel)")
    assert "Plan" not in labels
    wait_true(page, "document.querySelectorAll('#pg-timeline li a').length > 0")
    _clean(watched, base_url, "explore-timeline.png")
