"""Fixtures every test area shares: the backends, the sample corpus, the gold set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "data" / "sample" / "seed-plans.txt"
GOLD_DIR = ROOT / "tests" / "data" / "eval"

NEO4J_SKIP_REASON = (
    "Neo4j contract run skipped: NEO4J_URI is not set "
    "(start one with `docker compose up neo4j` and export NEO4J_URI=bolt://localhost:7687)"
)


def _memory_store(tmp_path: Path) -> GraphStore:
    from graph.memory_store import MemoryStore

    return MemoryStore(tmp_path / "store")


def _neo4j_store(tmp_path: Path) -> GraphStore:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(NEO4J_SKIP_REASON)
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(
        uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", "neo4j"),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
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
