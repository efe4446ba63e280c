"""The sample corpus end to end on Neo4j: ingested with the CLI, served, asked, exported.

Neo4j must answer every seed question exactly as the embedded store does (every HTTP
answer the questions draw on is compared, not only the scores), and ``plangraph export``
must write the same graph from both. Runs when NEO4J_URI is set.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT, SAMPLE_CORPUS
from tests.neo4j_live import neo4j_env, open_neo4j_store
from tests.seed_questions import (
    MIN_MEAN_F1,
    RecordingClient,
    sample_api_on_memory,
    score_questions,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def on_neo4j() -> dict[str, str]:
    return {**os.environ, **neo4j_env(), "PLANGRAPH_BACKEND": "neo4j"}


def on_memory(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "PLANGRAPH_BACKEND": "memory", "PLANGRAPH_DATA_DIR": str(data_dir)}
    env.pop("NEO4J_URI", None)
    return env


def plangraph(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "plangraph.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def neo4j_ingested() -> None:
    """The live database holding exactly the sample corpus, ingested by the CLI."""
    with closing(open_neo4j_store()) as store:
        store.clear()
    plangraph("ingest", str(SAMPLE_CORPUS), env=on_neo4j())


@pytest.fixture(scope="module")
def neo4j_api(neo4j_ingested: None) -> Iterator[httpx.Client]:
    """``plangraph serve`` on the live database, and a client of it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "plangraph.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=on_neo4j(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None, "plangraph serve exited"
                assert time.monotonic() < deadline, "plangraph serve did not answer in 60 s"
                time.sleep(0.2)
            yield client
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def memory_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with sample_api_on_memory(tmp_path_factory.mktemp("memory")) as client:
        yield client


def test_neo4j_answers_every_seed_question_as_the_embedded_store(
    neo4j_api: httpx.Client, memory_api: TestClient
) -> None:
    neo4j, memory = RecordingClient(neo4j_api), RecordingClient(memory_api)
    scores = score_questions(neo4j)
    assert scores == score_questions(memory)
    assert sum(scores.values()) / len(scores) >= MIN_MEAN_F1
    assert neo4j.answers.keys() == memory.answers.keys()
    differing = [r for r in neo4j.answers if neo4j.answers[r] != memory.answers[r]]
    assert differing == []


def exported(env: dict[str, str]) -> dict[str, Any]:
    """``plangraph export`` as JSON, its lists in id order (each store lists in its own)."""
    document = json.loads(plangraph("export", "--format", "json", env=env).stdout)
    return {
        "entities": sorted(document["entities"], key=lambda e: e["id"]),
        "relations": sorted(
            document["relations"], key=lambda r: (r["source"], r["type"], r["target"])
        ),
    }


def test_export_from_neo4j_equals_the_export_from_the_embedded_store(
    neo4j_ingested: None, tmp_path: Path
) -> None:
    memory_env = on_memory(tmp_path / "store")
    plangraph("ingest", str(SAMPLE_CORPUS), env=memory_env)
    from_memory, from_neo4j = exported(memory_env), exported(on_neo4j())
    assert len(from_neo4j["entities"]) > 100
    assert from_neo4j == from_memory
