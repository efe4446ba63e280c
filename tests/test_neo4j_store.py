"""What ``Neo4jStore`` does before any query reaches a server.

Its behaviour against a live server is the shared contract suite
(``tests/test_store_contract.py``), run when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import socket

import pytest

from graph.errors import InvalidQueryError, StoreUnavailableError
from graph.neo4j_store import Neo4jStore


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_server_is_store_unavailable() -> None:
    with pytest.raises(StoreUnavailableError) as caught:
        Neo4jStore(f"bolt://127.0.0.1:{closed_port()}", user="neo4j", password="x")
    assert caught.value.__cause__ is not None


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(InvalidQueryError):
        Neo4jStore("bolt://127.0.0.1:7687", user="neo4j", password="x", batch_size=0)


def test_backend_name_is_neo4j() -> None:
    assert Neo4jStore.backend == "neo4j"
