"""Fixtures every test area shares: the backends, the sample corpus, the gold set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from tests.neo4j_live import open_neo4j_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "data" / "sample" / "seed-plans.txt"
GOLD_DIR = ROOT / "tests" / "data" / "eval"


def _memory_store(tmp_path: Path) -> GraphStore:
    from graph.memory_store import MemoryStore

    return MemoryStore(tmp_path / "store")


def _neo4j_store(tmp_path: Path) -> GraphStore:
    store = open_neo4j_store()
    store.clear()
    return store


BACKENDS = {"memory": _memory_store, "neo4j": _neo4j_store}


@pytest.fixture(params=sorted(BACKENDS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of every available backend; the contract suite runs on each."""
    instance = BACKENDS[request.param](tmp_path)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def memory_store(tmp_path: Path) -> Iterator[GraphStore]:
    instance = _memory_store(tmp_path)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return SAMPLE_CORPUS
