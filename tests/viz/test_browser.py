"""The views in a real browser: headless Chromium over the served, ingested sample corpus.

Checks what only a browser can: the inline vis-network runs without console errors,
draws the graph, settles, navigates on click, works inside an ``<iframe>``, and no
request ever leaves 127.0.0.1. Screenshots land in ``artifacts/`` for a human look.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from plangraph.devserver import served
from tests.conftest import SAMPLE_CORPUS
from tests.viz.browser_support import (
    ARTIFACTS,
    BROWSER_MARKS,
    Watched,
    wait_settled,
    wait_true,
)

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``plangraph serve`` over a data dir holding the ingested sample corpus."""
    from graph.memory_store import MemoryStore
    from ingest.pipeline import ingest_paths

    data_dir = tmp_path_factory.mktemp("browser") / "store"
    store = MemoryStore(data_dir)
    ingest_paths(store, [SAMPLE_CORPUS])
    store.close()

    with served(data_dir) as url:
        yield url


def _open_entity_view(watched: Watched, base_url: str, name: str) -> None:
    """Search the home page for ``name`` and follow the exact match, as a reader would."""
    page = watched.page
    page.goto(f"{base_url}/")
    page.fill("input[name=q]", name)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    page.locator("#results a", has_text=name).first.click()
    page.wait_for_url("**/viz/entities/*")
    wait_settled(page)


def test_home_page_loads_cleanly_and_locally(watched: Watched, base_url: str) -> None:
    watched.page.goto(f"{base_url}/")
    assert watched.page.locator("#plans li").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    watched.page.screenshot(path=str(ARTIFACTS / "views-home.png"), full_page=True)
    assert watched.errors == []
    assert watched.foreign_requests(base_url) == []


def test_entity_view_draws_and_settles_without_errors(watched: Watched, base_url: str) -> None:
    _open_entity_view(watched, base_url, "锰产业")
    page = watched.page
    assert page.evaluate("window.network.body.data.nodes.length") > 1
    assert page.evaluate("window.network.physics.options.enabled") is False
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "views-manganese.png"))
    assert watched.errors == []
    assert watched.foreign_requests(base_url) == []


def test_click_on_a_node_opens_that_node_view(watched: Watched, base_url: str) -> None:
    _open_entity_view(watched, base_url, "锰产业")
    page = watched.page
    anchor = page.url.rsplit("/", 1)[1]
    target = page.evaluate(
        """(anchor) => {
            const id = network.body.data.nodes.getIds().find((i) => i !== anchor);
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('graph').getBoundingClientRect();
            return {id: id, x: box.left + dom.x, y: box.top + dom.y};
        }""",
        anchor,
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"**/viz/entities/{target['id']}")
    wait_settled(page)
    assert watched.errors == []


@pytest.fixture
def embedding_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another origin (127.0.0.1, another port) serving a page that frames a view."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def test_embedded_view_works_inside_an_iframe_of_another_origin(
    watched: Watched, base_url: str, embedding_site: tuple[str, Path]
) -> None:
    page = watched.page
    page.goto(f"{base_url}/?q=锰产业")
    href = page.locator("#results a", has_text="锰产业").first.get_attribute("href")
    site_url, site_dir = embedding_site
    (site_dir / "host.html").write_text(
        f'<!DOCTYPE html><link rel="icon" href="data:,">'
        f'<iframe id="view" src="{base_url}{href}?embed=1" width="900" height="600"></iframe>',
        encoding="utf-8",
    )
    page.goto(f"{site_url}/host.html")
    frame = page.frame_locator("#view")
    frame.locator("#graph canvas").wait_for()
    assert frame.locator("header").count() == 0
    view = next(f for f in page.frames if f.url.startswith(f"{base_url}/viz/"))
    wait_true(view, "!!window.network && window.network.body.data.nodes.length > 1")
    assert watched.errors == []
    assert all(u.startswith(("http://127.0.0.1:", "data:")) for u in watched.requests)
