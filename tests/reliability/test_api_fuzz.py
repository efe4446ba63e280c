"""The API, fuzzed from its own OpenAPI schema: no input makes it fail or break its contract.

Schemathesis generates requests for every operation (valid and invalid parameters,
bodies, headers) against the app over the ingested sample corpus; every answer must be
below 500 and match the status codes, media types and schemas the schema declares,
problem documents included. Writes run with a valid key so they are exercised too.

The schema is read at import time from an app with no store behind it (producing the
schema touches none); the requests go to an app over a real store made by a fixture.
(``schemathesis.pytest.from_fixture`` would be the natural way, but it does not work
with pytest 9.)
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.main import create_app
from graph.memory_store import MemoryStore
from graph.store import GraphStore
from plangraph.settings import Settings

API_KEY = "fuzz-key-0123456789abcdef"
MAX_EXAMPLES = 25
HEADERS = {"X-API-Key": API_KEY}
#: A file's bytes are "binary" to the schema, so a schema-valid upload may be a PNG:
#: its 422 ("unreadable upload: unsupported file type .png") is the contract, not a bug.
UPLOAD_PATH = "/api/v1/documents"

schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(api_keys=[API_KEY]), store=cast(GraphStore, object()))
)


@pytest.fixture(scope="module")
def sample_app(
    sample_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FastAPI]:
    data_dir = tmp_path_factory.mktemp("fuzz") / "store"
    shutil.copytree(sample_store_dir, data_dir)
    store = MemoryStore(data_dir)
    try:
        yield create_app(Settings(api_keys=[API_KEY], data_dir=data_dir), store=store)
    finally:
        store.close()


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_generated_request_is_answered_within_the_schema(
    case: schemathesis.Case, sample_app: FastAPI
) -> None:
    upload = case.method in ("POST", "PUT") and case.path.startswith(UPLOAD_PATH)
    excluded = [positive_data_acceptance] if upload else []
    case.call_and_validate(app=sample_app, headers=HEADERS, excluded_checks=excluded)
