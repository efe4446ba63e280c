"""A store holding the ingested sample corpus, built once and copied for each test that writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.memory_store import MemoryStore
from ingest.pipeline import ingest_paths
from plangraph.settings import Settings


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory: pytest.TempPathFactory, sample_corpus: Path) -> Path:
    """A closed embedded store with the sample corpus in it; copy it before writing."""
    data_dir = tmp_path_factory.mktemp("sample-store") / "store"
    store = MemoryStore(data_dir)
    try:
        ingest_paths(store, [sample_corpus])
    finally:
        store.close()
    return data_dir


@pytest.fixture
def sample_store_copy(sample_store_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store's folder (its SQLite record, closed)."""
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    return copy


API_KEY = "reliability-key-7f3a9c21d4e6"
OTHER_KEY = "second-key-0b8e5d2c94a1"


@pytest.fixture
def sample_app_client(sample_store_copy: Path) -> Iterator[Callable[..., TestClient]]:
    """Clients over an app on a private copy of the sample store, settings by keyword."""
    store = MemoryStore(sample_store_copy)
    clients: list[TestClient] = []

    def make(**settings: Any) -> TestClient:
        settings.setdefault("api_keys", [API_KEY, OTHER_KEY])
        app = create_app(Settings(data_dir=sample_store_copy, **settings), store=store)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    try:
        yield make
    finally:
        for client in clients:
            client.__exit__(None, None, None)
        store.close()
