"""The live Neo4j server of a test run, for the tests that need one.

``scripts/test.sh`` starts a local Neo4j (``scripts/neo4j.sh``) and exports NEO4J_URI.
This module takes the URI out of the environment on import (``tests/conftest.py``
imports it first), so that every other test keeps the embedded store as its default
backend: ``Settings`` picks Neo4j whenever NEO4J_URI is set. The Neo4j tests get it
from here and hand it on explicitly.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jStore

NEO4J_SKIP_REASON = (
    "Neo4j tests skipped: NEO4J_URI is not set (`bash scripts/test.sh` starts a local Neo4j"
    " when java and mvn are present; or `bash scripts/neo4j.sh start` and export its NEO4J_URI)"
)

NEO4J_URI: str | None = os.environ.pop("NEO4J_URI", None)


def neo4j_uri() -> str:
    """The live server's URI, or skip the calling test with the visible reason."""
    if not NEO4J_URI:
        pytest.skip(NEO4J_SKIP_REASON)
    return NEO4J_URI


def neo4j_env() -> dict[str, str]:
    """The environment variables that point ``plangraph`` (CLI, API) at the live server."""
    return {
        "NEO4J_URI": neo4j_uri(),
        "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "neo4j"),
        "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
    }


def open_neo4j_store() -> Neo4jStore:
    """A store on the live server (not cleared)."""
    from graph.neo4j_store import Neo4jStore

    env = neo4j_env()
    return Neo4jStore(
        env["NEO4J_URI"],
        user=env["NEO4J_USER"],
        password=env["NEO4J_PASSWORD"],
        database=env["NEO4J_DATABASE"],
    )
