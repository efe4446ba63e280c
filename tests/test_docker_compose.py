"""`docker compose up` is the one command: Neo4j, then the API on it (no Docker here).

The files are checked for what compose and the container will read; the start script
runs for real against a stand-in ``plangraph``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
START = ROOT / "scripts" / "docker-start.sh"


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR:-default}`` and ``$$`` rules, enough for this file."""
    value = re.sub(r"(?<!\$)\$\{(\w+):-([^}]*)\}", lambda m: env.get(m[1]) or m[2], value)
    return value.replace("$$", "$")


def harness_version() -> str:
    """The Neo4j version of the test server (``scripts/neo4j/pom.xml``)."""
    pom = (ROOT / "scripts" / "neo4j" / "pom.xml").read_text()
    found = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom)
    assert found is not None
    return found[1]


def test_neo4j_is_the_community_5_the_tests_run_with_a_named_volume_and_both_ports() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert harness_version().startswith("5.")
    assert neo4j["image"] == f"neo4j:{harness_version()}-community"
    volume, _, mount = neo4j["volumes"][0].partition(":")
    assert mount == "/data" and volume in compose()["volumes"]
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])


def test_neo4j_health_is_a_cypher_round_trip() -> None:
    test = compose()["services"]["neo4j"]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "cypher-shell" in test[1] and "RETURN 1" in test[1]


def test_api_waits_for_a_healthy_neo4j_and_uses_it() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["PLANGRAPH_BACKEND"] == "neo4j"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "8000:8000" in api["ports"]


@pytest.mark.parametrize("env", [{}, {"NEO4J_PASSWORD": "s3cret"}])
def test_api_and_neo4j_agree_on_the_password(env: dict[str, str]) -> None:
    services = compose()["services"]
    auth = interpolate(services["neo4j"]["environment"]["NEO4J_AUTH"], env)
    password = interpolate(services["api"]["environment"]["NEO4J_PASSWORD"], env)
    assert auth == f"neo4j/{password}"
    assert password == env.get("NEO4J_PASSWORD", "plangraph-dev")


def test_image_installs_the_package_and_ships_the_sample_corpus() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "RUN pip install ." in dockerfile
    assert "COPY data/sample ./data/sample" in dockerfile
    assert 'CMD ["sh", "scripts/docker-start.sh"]' in dockerfile


def test_build_context_leaves_out_local_state() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".plangraph", "**/node_modules"} <= ignored


def run_start(tmp_path: Path, ingest_status: int) -> tuple[int, list[str]]:
    calls = tmp_path / "calls"
    fake = tmp_path / "plangraph"
    fake.write_text(
        f'#!/bin/sh\necho "$*" >> {calls}\nif [ "$1" = ingest ]; then exit {ingest_status}; fi\n'
    )
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    env.pop("PORT", None)
    done = subprocess.run(["sh", str(START)], env=env, capture_output=True, timeout=30)
    return done.returncode, calls.read_text().splitlines()


@pytest.mark.parametrize("ingest_status", [0, 3])
def test_container_ingests_the_sample_then_serves(tmp_path: Path, ingest_status: int) -> None:
    status, calls = run_start(tmp_path, ingest_status)
    assert status == 0
    assert calls == ["ingest data/sample", "serve --host 0.0.0.0 --port 8000"]


def test_container_stops_when_ingest_fails(tmp_path: Path) -> None:
    status, calls = run_start(tmp_path, 1)
    assert status == 1
    assert calls == ["ingest data/sample"]
