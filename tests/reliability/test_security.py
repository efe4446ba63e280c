"""Security: keys, upload names, Cypher built from input, and the headers every answer has.

Body-size limits (413) and CORS (closed by default, configurable) are specified in
``tests/api/test_api_documents.py`` and ``tests/api/test_api_cors_openapi.py``.
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import deps
from api.routes.documents import upload_name
from ingest.readers import content_id
from tests.conftest import ROOT, SAMPLE_CORPUS
from tests.reliability.conftest import API_KEY, OTHER_KEY

MakeClient = Callable[..., TestClient]
PROBLEM = "application/problem+json"


# --- API keys ----------------------------------------------------------------------------


@pytest.fixture
def keyed(sample_app_client: MakeClient) -> TestClient:
    """Reads need a key too, so a plain GET tells a right key from a wrong one."""
    return sample_app_client(require_key_for_reads=True)


@pytest.mark.parametrize("key", [API_KEY, OTHER_KEY])
def test_each_configured_key_is_let_in(keyed: TestClient, key: str) -> None:
    assert keyed.get("/api/v1/documents", headers={"X-API-Key": key}).status_code == 200


@pytest.mark.parametrize(
    "key",
    [
        "wrong",
        API_KEY[:-1],  # a prefix of a key
        API_KEY + "0",  # a key with more after it
        API_KEY[:8],
        API_KEY.upper(),
        API_KEY + "," + OTHER_KEY,
        " " + API_KEY,
    ],
)
def test_anything_but_a_whole_key_is_401(keyed: TestClient, key: str) -> None:
    response = keyed.get("/api/v1/documents", headers={"X-API-Key": key})
    assert (response.status_code, response.headers["content-type"]) == (401, PROBLEM)


def test_a_key_prefix_cannot_write(sample_app_client: MakeClient) -> None:
    client = sample_app_client()
    response = client.post(
        "/api/v1/documents",
        headers={"X-API-Key": API_KEY[:-1]},
        files={"file": ("plan.txt", SAMPLE_CORPUS.read_bytes())},
    )
    assert response.status_code == 401
    assert client.get("/api/v1/documents").json()["total"] == 1


def test_keys_are_compared_with_compare_digest_against_every_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(deps.hmac, "compare_digest", recording)
    keys = ["first-key", "second-key", "third-key"]
    # A match on the first key still compares against the others: no early exit to time.
    assert deps.key_is_valid("first-key", keys)
    assert compared == [(b"first-key", k.encode()) for k in keys]
    compared.clear()
    assert not deps.key_is_valid("first-ke", keys)
    assert len(compared) == len(keys)


def test_key_check_has_no_plain_equality_on_keys() -> None:
    tree = ast.parse(Path(deps.__file__).read_text(encoding="utf-8"))
    (function,) = [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "key_is_valid"
    ]
    comparisons = [n for n in ast.walk(function) if isinstance(n, ast.Compare)]
    assert not any(isinstance(op, ast.Eq | ast.NotEq | ast.In) for c in comparisons for op in c.ops)


# --- upload names ------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..\\x.txt",
    "..\\..\\windows\\plan.txt",
    "/tmp/absolute-plan.txt",
    "....//....//escape.txt",
    "C:\\plans\\..\\..\\plan.md",
    "..",
]


def _files_under(folder: Path) -> set[Path]:
    return {Path(root) / name for root, _, names in os.walk(folder) for name in names}


@pytest.mark.parametrize("raw_name", HOSTILE_NAMES)
def test_upload_name_is_metadata_never_a_path(
    sample_app_client: MakeClient, sample_store_copy: Path, tmp_path: Path, raw_name: str
) -> None:
    watched = [tmp_path.parent, ROOT / "data", ROOT / "tests"]
    before = {folder: _files_under(folder) for folder in watched}
    passwd = Path("/etc/passwd").stat().st_mtime_ns if Path("/etc/passwd").exists() else None
    client = sample_app_client()

    response = client.post(
        "/api/v1/documents",
        headers={"X-API-Key": API_KEY},
        files={"file": (raw_name, SAMPLE_CORPUS.read_bytes(), "text/plain")},
    )

    assert response.status_code == 201, response.text
    (document_id,) = response.json()["document_ids"]
    assert document_id == content_id(hashlib.sha256(SAMPLE_CORPUS.read_bytes()).hexdigest())
    (record,) = [
        d for d in client.get("/api/v1/documents").json()["items"] if d["id"] == document_id
    ]
    assert "/" not in record["source"] and "\\" not in record["source"]
    after = {folder: _files_under(folder) for folder in watched}
    # Only the store's own files may change, and only inside its folder.
    new_files = set().union(*(after[f] - before[f] for f in watched))
    assert {p.parent for p in new_files} <= {sample_store_copy}
    if passwd is not None:
        assert Path("/etc/passwd").stat().st_mtime_ns == passwd


def test_upload_name_keeps_only_the_last_component() -> None:
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("..\\x.txt") == "x.txt"
    assert upload_name("../..") == "upload"


# --- no Cypher from input ----------------------------------------------------------------

INJECTIONS = [
    "Alliance) DETACH DELETE n //",
    "Alliance`",
    "Plan:Alliance",
    "entity",
    "BUILDS]->(b) DETACH DELETE a //",
    "builds",
    "KNOWS",
    "' OR 1=1 //",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/entities", "label"),
        ("/api/v1/entities/{anchor}/neighbors", "label"),
        ("/api/v1/entities/{anchor}/neighbors", "relation"),
        ("/api/v1/analytics/brokers", "label"),
    ],
)
def test_label_and_relation_outside_the_ontology_are_422(
    sample_app_client: MakeClient, url: str, param: str, value: str
) -> None:
    client = sample_app_client()
    anchor = client.get("/api/v1/entities", params={"q": "北京科技大学"}).json()["items"][0]["id"]
    response = client.get(url.format(anchor=anchor), params={param: value})
    assert (response.status_code, response.headers["content-type"]) == (422, PROBLEM)
    assert param in response.json()["detail"]


CYPHER_MODULE = ROOT / "graph" / "cypher.py"
#: What an f-string in ``graph/cypher.py`` may interpolate into a statement.
CHECKED_CALLS = {"checked_label", "checked_rel_type", "checked_hops"}
BUILDERS = {"_label_expr", "_type_alternatives"}  # each made only of checked_* values
STATEMENT_SHAPE = re.compile(
    r"\b(?:MATCH|MERGE|CREATE)\s*\(|\bDETACH\s+DELETE\b|\bUNWIND\s+\$|\bRETURN\s+\w+\s*\("
)


def _source_files() -> Iterator[Path]:
    for package in ("graph", "ingest", "api", "viz", "plangraph"):
        yield from sorted((ROOT / package).rglob("*.py"))


def _non_docstring_strings(tree: ast.AST) -> Iterator[ast.Constant | ast.JoinedStr]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
        if is_text and id(node) not in docstrings:
            yield node  # type: ignore[misc]


def test_cypher_statements_are_written_only_in_graph_cypher() -> None:
    outside = []
    for path in _source_files():
        if path == CYPHER_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _non_docstring_strings(tree):
            text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
            if STATEMENT_SHAPE.search(text):
                outside.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert outside == []


def _interpolations_allowed(function: ast.AST, module_constants: set[str]) -> Iterator[str]:
    """Interpolated expressions of the statements built in ``function`` that are not vetted."""
    checked_names = set(module_constants)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            callee = node.value.func
            if isinstance(callee, ast.Name) and callee.id in CHECKED_CALLS | BUILDERS:
                checked_names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    messages = {id(n) for r in ast.walk(function) if isinstance(r, ast.Raise) for n in ast.walk(r)}
    for node in ast.walk(function):
        if not isinstance(node, ast.FormattedValue) or id(node) in messages:
            continue
        value = node.value
        if isinstance(value, ast.Name) and value.id in checked_names:
            continue
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            name = value.func.id
            if name in CHECKED_CALLS | BUILDERS:
                continue
            if name == "_rel_map" and all(isinstance(a, ast.Constant) for a in value.args):
                continue
        yield ast.unparse(value)


def test_every_interpolation_into_cypher_goes_through_a_whitelist_check() -> None:
    tree = ast.parse(CYPHER_MODULE.read_text(encoding="utf-8"))
    constants = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    }
    unvetted = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_rel_map":
            continue  # interpolates its variable name; every call passes a literal (checked)
        unvetted += list(_interpolations_allowed(node, constants))
    assert unvetted == []
    # Nor any other way of building text: % formatting or str.format.
    formatting = [
        ast.unparse(n)
        for n in ast.walk(tree)
        if (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod))
        or (
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "format"
        )
    ]
    assert formatting == []


# --- headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/health",
        "/api/v1/entities?q=锰",
        "/api/v1/entities/no-such-id",
        "/api/v1/entities?limit=0",
        "/openapi.json",
        "/",
        "/viz/entities/no-such-id",
    ],
)
def test_every_answer_says_nosniff(sample_app_client: MakeClient, url: str) -> None:
    response = sample_app_client().get(url)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_writes_answer_nosniff_too(sample_app_client: MakeClient) -> None:
    response = sample_app_client().delete("/api/v1/documents/doc-none")
    assert response.status_code == 401
    assert response.headers["x-content-type-options"] == "nosniff"


def test_cors_preflight_answers_carry_nosniff(sample_app_client: MakeClient) -> None:
    client = sample_app_client(cors_origins=["https://plans.example"])
    response = client.options(
        "/api/v1/entities",
        headers={"Origin": "https://plans.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.headers["access-control-allow-origin"] == "https://plans.example"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_wrong_method_is_405_naming_every_method_the_path_has(
    sample_app_client: MakeClient,
) -> None:
    response = sample_app_client().put("/api/v1/documents")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
