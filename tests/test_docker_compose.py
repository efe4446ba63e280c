"""`docker compose up` is the one command: Neo4j, then the API on it (no Docker here).

The compose file is checked as parsed YAML and the Dockerfile as a list of
instructions, for what compose and the container will read; the start script runs for
real against a stand-in ``plangraph``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices

from plangraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
START = ROOT / "scripts" / "docker-start.sh"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), in order.

    Comment and blank lines are dropped and ``\\``-continued lines joined: enough of
    Docker's parser for this file, so the checks read instructions, not text.
    """
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
        pending = ""
    return instructions


def arguments(instruction: str) -> list[str]:
    return [args for keyword, args in dockerfile() if keyword == instruction]


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR:-default}`` and ``$$`` rules, enough for this file."""
    value = re.sub(r"(?<!\$)\$\{(\w+):-([^}]*)\}", lambda m: env.get(m[1]) or m[2], value)
    return value.replace("$$", "$")


def neo4j_version() -> str:
    """The Neo4j version ``scripts/neo4j.sh`` runs the tests on.

    The script starts Neo4j's test harness at the version its Maven project pins
    (``scripts/neo4j/pom.xml``) and prints it from there; that file is the one place
    the version is written.
    """
    assert "pom.xml" in (ROOT / "scripts" / "neo4j.sh").read_text()
    pom = (ROOT / "scripts" / "neo4j" / "pom.xml").read_text()
    found = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom)
    assert found is not None
    return found[1]


def settings_env_names() -> set[str]:
    """Every environment variable ``plangraph.settings.Settings`` reads."""
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice) for choice in alias.choices)
        else:
            names.add(f"PLANGRAPH_{name.upper()}")
    return names


def test_compose_runs_neo4j_and_the_api() -> None:
    assert set(compose()["services"]) == {"neo4j", "api"}


def test_neo4j_is_the_community_edition_of_the_version_the_tests_run_on() -> None:
    image = compose()["services"]["neo4j"]["image"]
    assert image == f"neo4j:{neo4j_version()}-community"


def test_neo4j_keeps_its_data_in_a_named_volume_and_publishes_http_and_bolt() -> None:
    neo4j = compose()["services"]["neo4j"]
    volume, _, mount = neo4j["volumes"][0].partition(":")
    assert mount == "/data" and volume in compose()["volumes"]
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])


def test_neo4j_health_is_a_cypher_round_trip() -> None:
    test = compose()["services"]["neo4j"]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "cypher-shell" in test[1] and "RETURN 1" in test[1]


def test_api_starts_once_neo4j_is_healthy() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_api_publishes_the_port_the_image_exposes_and_checks_its_health_there() -> None:
    api = compose()["services"]["api"]
    assert arguments("EXPOSE") == ["8000"]
    assert api["ports"] == ["8000:8000"]
    assert "http://127.0.0.1:8000/" in " ".join(api["healthcheck"]["test"])


def test_api_environment_is_read_by_the_settings() -> None:
    environment = compose()["services"]["api"]["environment"]
    assert set(environment) <= settings_env_names()


def test_api_settings_point_at_the_neo4j_service(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in settings_env_names():
        monkeypatch.delenv(name, raising=False)
    for name, value in compose()["services"]["api"]["environment"].items():
        monkeypatch.setenv(name, interpolate(str(value), {}))
    settings = Settings()
    assert settings.resolved_backend == "neo4j"
    assert settings.neo4j_uri == "bolt://neo4j:7687"  # the service's name, its Bolt port


@pytest.mark.parametrize("env", [{}, {"NEO4J_PASSWORD": "s3cret"}])
def test_api_and_neo4j_agree_on_the_password(env: dict[str, str]) -> None:
    services = compose()["services"]
    auth = interpolate(services["neo4j"]["environment"]["NEO4J_AUTH"], env)
    password = interpolate(services["api"]["environment"]["NEO4J_PASSWORD"], env)
    assert auth == f"neo4j/{password}"
    assert password == env.get("NEO4J_PASSWORD", "plangraph-dev")


def test_image_is_python_3_11() -> None:
    assert [image.split("-")[0] for image in arguments("FROM")] == ["python:3.11"]


def test_image_installs_the_package_after_copying_all_its_code() -> None:
    steps = dockerfile()
    install = steps.index(("RUN", "pip install ."))
    copied = {
        source
        for keyword, args in steps[:install]
        if keyword == "COPY"
        for source in args.split()[:-1]
    }
    packages = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    needed = {"pyproject.toml", PYPROJECT["project"]["readme"]}
    assert needed | {package.rstrip("*") for package in packages} <= copied


def test_image_ships_the_sample_corpus_and_starts_with_the_start_script() -> None:
    copies = arguments("COPY")
    assert "data/sample ./data/sample" in copies
    assert "scripts/docker-start.sh ./scripts/docker-start.sh" in copies
    assert [json.loads(command) for command in arguments("CMD")] == [
        ["sh", "scripts/docker-start.sh"]
    ]


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
