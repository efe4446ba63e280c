import sys
import types
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import API_KEY, MakeClient

PROBLEM = "application/problem+json"


class FakeReport:
    """Stands in for ingest.pipeline.IngestReport: what the route turns into its answer."""

    def __init__(self, filename: str, size: int) -> None:
        self.filename = filename
        self.size = size

    def model_dump(self) -> dict[str, Any]:
        return {
            "documents": 1,
            "plans": 1,
            "entities_by_label": {"Industry": self.size},
            "relations_by_type": {},
            "skipped": [],
            "document_ids": [self.filename],
        }


@pytest.fixture
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """Replace ``ingest.pipeline.ingest_upload`` (installing a module for it if need be)."""
    try:
        import ingest.pipeline as pipeline
    except ModuleNotFoundError:
        pipeline = types.ModuleType("ingest.pipeline")
        monkeypatch.setitem(sys.modules, "ingest.pipeline", pipeline)

    calls: list[tuple[str, bytes]] = []

    def ingest_upload(store: object, filename: str, data: bytes, **_: object) -> FakeReport:
        calls.append((filename, data))
        return FakeReport(filename, len(data))

    monkeypatch.setattr(pipeline, "ingest_upload", ingest_upload, raising=False)
    return calls


def test_documents_are_listed_with_a_total(client: TestClient) -> None:
    body = client.get("/api/v1/documents").json()

    assert body["total"] == 1
    assert body["items"][0]["id"] == "doc-sample"
    assert body["items"][0]["source"] == "seed-plans.txt"


def test_upload_without_key_is_401(client: TestClient, fake_ingest: list) -> None:
    response = client.post("/api/v1/documents", files={"file": ("a.txt", b"text")})

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert fake_ingest == []


def test_upload_with_wrong_key_is_401(client: TestClient, fake_ingest: list) -> None:
    response = client.post(
        "/api/v1/documents",
        files={"file": ("a.txt", b"text")},
        headers={"X-API-Key": API_KEY + "x"},
    )

    assert response.status_code == 401
    assert fake_ingest == []


def test_writes_are_refused_when_no_keys_are_configured(
    make_client: MakeClient, fake_ingest: list
) -> None:
    client = make_client(api_keys=[])

    response = client.post(
        "/api/v1/documents", files={"file": ("a.txt", b"text")}, headers={"X-API-Key": ""}
    )

    assert response.status_code == 401
    assert "PLANGRAPH_API_KEYS" in response.json()["detail"]


def test_upload_with_key_ingests_bytes_under_the_bare_file_name(
    client: TestClient, fake_ingest: list
) -> None:
    response = client.post(
        "/api/v1/documents",
        files={"file": ("../../etc/plan.txt", "科技工作要点".encode())},
        headers={"X-API-Key": API_KEY},
    )

    assert response.status_code == 201
    assert fake_ingest == [("plan.txt", "科技工作要点".encode())]
    assert response.json()["documents"] == 1


def test_upload_without_file_field_is_422(client: TestClient, fake_ingest: list) -> None:
    response = client.post("/api/v1/documents", data={"other": "x"}, headers={"X-API-Key": API_KEY})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_upload_declared_beyond_the_limit_is_413(
    make_client: MakeClient, fake_ingest: list
) -> None:
    client = make_client(api_keys=[API_KEY], max_upload_mb=1)

    response = client.post(
        "/api/v1/documents",
        files={"file": ("big.txt", b"x" * (2 * 1024 * 1024))},
        headers={"X-API-Key": API_KEY},
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert fake_ingest == []


def test_streamed_upload_beyond_the_limit_is_413(
    make_client: MakeClient, fake_ingest: list
) -> None:
    client = make_client(api_keys=[API_KEY], max_upload_mb=1)
    boundary = "plangraphboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()

    def body():  # type: ignore[no-untyped-def]
        yield head
        for _ in range(40):  # 40 × 64 KiB = 2.5 MiB, with no Content-Length
            yield b"x" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post(
        "/api/v1/documents",
        content=body(),
        headers={
            "X-API-Key": API_KEY,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )

    assert response.status_code == 413
    assert fake_ingest == []


def test_delete_without_key_is_401(client: TestClient) -> None:
    response = client.delete("/api/v1/documents/doc-sample")

    assert response.status_code == 401
    assert client.get("/api/v1/documents").json()["total"] == 1


def test_delete_with_key_removes_the_document(client: TestClient) -> None:
    response = client.delete("/api/v1/documents/doc-sample", headers={"X-API-Key": API_KEY})

    assert response.status_code == 200
    assert response.json()["document"] == "doc-sample"
    assert client.get("/api/v1/documents").json()["total"] == 0


def test_delete_unknown_document_is_404(client: TestClient) -> None:
    response = client.delete("/api/v1/documents/doc-none", headers={"X-API-Key": API_KEY})

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_reads_need_a_key_when_configured(make_client: MakeClient) -> None:
    client = make_client(api_keys=[API_KEY], require_key_for_reads=True)

    assert client.get("/api/v1/entities").status_code == 401
    assert client.get("/api/v1/entities", headers={"X-API-Key": API_KEY}).status_code == 200


def test_reads_are_open_by_default(client: TestClient) -> None:
    assert client.get("/api/v1/entities").status_code == 200


def test_upload_runs_the_ingest_pipeline(client: TestClient) -> None:
    text = (
        "2011年全州科技工作要点\n湘西自治州科学技术局\n"
        "支持丰达合金与北京科技大学联合组建锰产业工程技术研究中心。\n"
    )

    response = client.post(
        "/api/v1/documents",
        files={"file": ("plan.txt", text.encode())},
        headers={"X-API-Key": API_KEY},
    )

    assert response.status_code == 201
    summary = response.json()
    assert summary["documents"] == 1
    assert summary["plans"] >= 1
    listed = client.get("/api/v1/documents").json()
    assert {d["source"] for d in listed["items"]} == {"seed-plans.txt", "plan.txt"}
