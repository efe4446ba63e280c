"""The analyst questions of the gold set, asked over HTTP, and how their answers score.

Each question is scored as the eval README says (related: neighbour names vs answers,
optional answers not counted against precision; path: a path within max_hops through
every ``must_include`` name; plan_targets: value equal and one name containing the other).
The client is anything with httpx's ``get`` (``Getter``): a ``TestClient`` on an app in
this process, or an ``httpx.Client`` on a served API. ``RecordingClient`` keeps every
answer it got, so that two stores can be shown to answer alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import httpx
from fastapi.testclient import TestClient

from api.main import create_app
from graph.memory_store import MemoryStore
from graph.schema import normalize_name
from ingest.evaluation import target_matches
from ingest.pipeline import ingest_paths
from tests.conftest import GOLD_DIR, SAMPLE_CORPUS


class Getter(Protocol):
    """What the questions need of a client: httpx's ``get``."""

    def get(self, url: str, *, params: dict[str, Any] | None = None) -> httpx.Response: ...


QUESTIONS = json.loads((GOLD_DIR / "seed-questions.json").read_text(encoding="utf-8"))
MIN_MEAN_F1 = 0.80


def _resolve(client: Getter, plan_ids: dict[str, str], name: str, label: str) -> str | None:
    if name in plan_ids:
        return plan_ids[name]
    found = client.get("/api/v1/entities", params={"q": name, "label": label}).json()["items"]
    exact = [e for e in found if normalize_name(e["name"]) == normalize_name(name)]
    aliased = [
        e for e in found if normalize_name(name) in {normalize_name(a) for a in e["aliases"]}
    ]
    chosen = exact or aliased
    return chosen[0]["id"] if chosen else None


def _f1(predicted: set[str], gold: set[str], optional: set[str]) -> float:
    counted = predicted - optional
    hits = len(predicted & gold)
    precision = hits / len(counted) if counted else 0.0
    recall = hits / len(gold) if gold else 1.0
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def _related(client: Getter, plan_ids: dict[str, str], q: dict[str, Any]) -> float:
    anchor = _resolve(client, plan_ids, q["anchor"], q["anchor_label"])
    if anchor is None:
        return 0.0
    reverse_plans = {v: k for k, v in plan_ids.items()}
    response = client.get(
        f"/api/v1/entities/{anchor}/neighbors",
        params={
            "relation": q["relation"],
            "direction": q["direction"],
            "label": q["answer_label"],
            "limit": 100,
        },
    )
    names = set()
    for item in response.json()["items"]:
        entity = item["entity"]
        names.add(reverse_plans.get(entity["id"], normalize_name(entity["name"])))
    gold = {a if a in plan_ids else normalize_name(a) for a in q["answers"]}
    optional = {normalize_name(a) for a in q.get("optional_answers", [])}
    return _f1(names, gold, optional)


def _path(client: Getter, plan_ids: dict[str, str], q: dict[str, Any]) -> float:
    source = _resolve(client, plan_ids, q["source"], "")
    target = _resolve(client, plan_ids, q["target"], "")
    if source is None or target is None:
        return 0.0
    response = client.get(
        "/api/v1/paths", params={"source": source, "target": target, "max_hops": q["max_hops"]}
    )
    must = {normalize_name(n) for n in q["must_include"]}
    for path in response.json()["paths"]:
        names = {normalize_name(n["name"]) for n in path["nodes"]}
        aliases = {normalize_name(a) for n in path["nodes"] for a in n["aliases"]}
        if must <= names | aliases:
            return 1.0
    return 0.0


def _targets_match(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    return target_matches([predicted["name"]], predicted.get("value"), gold["name"], gold["value"])


def _plan_targets(client: Getter, plan_ids: dict[str, str], q: dict[str, Any]) -> float:
    items = client.get(f"/api/v1/plans/{plan_ids[q['plan']]}/targets").json()["items"]
    gold = q["answers"]
    optional = q.get("optional_answers", [])
    hits = sum(1 for g in gold if any(_targets_match(p, g) for p in items))
    counted = [p for p in items if not any(_targets_match(p, o) for o in optional)]
    true_predicted = sum(1 for p in counted if any(_targets_match(p, g) for g in gold))
    precision = true_predicted / len(counted) if counted else 0.0
    recall = hits / len(gold)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


SCORERS = {"related": _related, "path": _path, "plan_targets": _plan_targets}


def plan_ids_of(client: Getter) -> dict[str, str]:
    """Gold plan ids (p1…) to the store's plan ids, by position in the sample file."""
    items = client.get("/api/v1/plans", params={"limit": 100}).json()["items"]
    by_ordinal = {}
    for item in items:
        detail = client.get(f"/api/v1/entities/{item['id']}").json()
        by_ordinal[detail["properties"]["ordinal"]] = item["id"]
    return {f"p{ordinal}": plan_id for ordinal, plan_id in by_ordinal.items()}


def score_questions(client: Getter) -> dict[str, float]:
    """Every question's score, by question id."""
    plan_ids = plan_ids_of(client)
    return {q["id"]: SCORERS[q["kind"]](client, plan_ids, q) for q in QUESTIONS}


class RecordingClient:
    """A client over another that keeps each answer (status, JSON) by its request."""

    def __init__(self, inner: Getter) -> None:
        self._inner = inner
        self.answers: dict[str, tuple[int, Any]] = {}

    def get(self, url: str, *, params: dict[str, Any] | None = None) -> httpx.Response:
        response = self._inner.get(url, params=params)
        request = f"{url}?{sorted((params or {}).items())}"
        self.answers[request] = (response.status_code, response.json())
        return response


@contextmanager
def sample_api_on_memory(folder: Path) -> Iterator[TestClient]:
    """The API in this process on an embedded store holding the ingested sample corpus."""
    store = MemoryStore(folder / "store")
    ingest_paths(store, [SAMPLE_CORPUS])
    try:
        with TestClient(create_app(store=store)) as client:
            yield client
    finally:
        store.close()
