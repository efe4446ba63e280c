"""What the browser tests share: headless Chromium, a page that records every request
and console error, and waiting on the views' own state (see ``test_browser.py``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser views test skipped: /usr/bin/chromium is absent "
        "(install it with `apt-get install -y chromium`)",
    ),
]


@dataclass
class Watched:
    """A page with every request URL and every console error it produced."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def foreign_requests(self, base_url: str) -> list[str]:
        return [u for u in self.requests if not u.startswith((base_url + "/", "data:", "about:"))]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    record = Watched(page)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", record.on_console)
    page.on("pageerror", lambda exc: record.errors.append(str(exc)))
    yield record
    context.close()


def wait_settled(page: Any) -> None:
    wait_true(page, "!!window.network && window.network.body.data.nodes.length > 0")
    wait_true(page, "document.getElementById('pg-busy').style.display === 'none'")


def wait_true(page_or_frame: Any, expression: str, timeout: float = 30) -> None:
    """Poll ``expression`` from outside: Playwright's own waiting evaluates strings in the
    page, which the views' Content-Security-Policy (rightly) forbids."""
    deadline = time.monotonic() + timeout
    while not page_or_frame.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        time.sleep(0.1)
