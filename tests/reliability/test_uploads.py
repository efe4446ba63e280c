"""Uploads: named by their bytes or by the client, never silently replacing each other.

Two offices' 通知.txt once overwrote each other because the id came from the file name.
"""

from __future__ import annotations

import asyncio
import errno
import logging
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message

from graph.errors import StoreError
from graph.memory_store import MemoryStore
from tests.reliability.conftest import API_KEY

MakeClient = Callable[..., TestClient]
KEY = {"X-API-Key": API_KEY}
NOTICE_A = "2012年科技工作要点\n甲市科学技术局\n支持北京科技大学建设锰产业工程技术研究中心。\n"
NOTICE_B = "2013年科技工作要点\n乙县科学技术局\n推进湘西自治州锰产业技术创新战略联盟建设。\n"


def _upload(
    client: TestClient, text: str | bytes, *, name: str = "通知.txt", **params: str
) -> tuple[int, dict]:
    data = text.encode() if isinstance(text, str) else text
    response = client.post(
        "/api/v1/documents", headers=KEY, params=params, files={"file": (name, data)}
    )
    return response.status_code, response.json()


def _document(client: TestClient, document_id: str) -> dict | None:
    items = client.get("/api/v1/documents?limit=100").json()["items"]
    return next((d for d in items if d["id"] == document_id), None)


def test_two_uploads_of_one_name_with_other_content_both_survive(
    sample_app_client: MakeClient,
) -> None:
    client = sample_app_client()

    status_a, first = _upload(client, NOTICE_A)
    status_b, second = _upload(client, NOTICE_B)

    assert (status_a, status_b) == (201, 201)
    assert first["document_ids"] != second["document_ids"]
    assert all(_document(client, i) for i in first["document_ids"] + second["document_ids"])


def test_the_same_bytes_again_change_nothing_and_name_the_same_document(
    sample_app_client: MakeClient,
) -> None:
    client = sample_app_client()
    _, first = _upload(client, NOTICE_A)
    total = client.get("/api/v1/documents").json()["total"]

    status, again = _upload(client, NOTICE_A, name="copy.txt")

    assert status == 200
    assert (again["documents"], again["unchanged"]) == (0, 1)
    assert again["document_ids"] == first["document_ids"]
    assert client.get("/api/v1/documents").json()["total"] == total


def test_a_client_chosen_id_names_the_document(sample_app_client: MakeClient) -> None:
    client = sample_app_client()

    status, body = _upload(client, NOTICE_A, id="office-a-notice")

    assert status == 201
    assert body["document_ids"] == ["office-a-notice"]
    assert _document(client, "office-a-notice") is not None


def test_other_bytes_under_a_taken_id_are_a_conflict_that_keeps_the_first(
    sample_app_client: MakeClient,
) -> None:
    client = sample_app_client()
    _upload(client, NOTICE_A, id="notice")
    before = _document(client, "notice")

    status, body = _upload(client, NOTICE_B, id="notice")

    assert status == 409
    assert "PUT" in body["detail"]
    assert _document(client, "notice") == before


def test_put_replaces_a_document_explicitly(sample_app_client: MakeClient) -> None:
    client = sample_app_client()
    _upload(client, NOTICE_A, id="notice")
    before = _document(client, "notice")

    response = client.put(
        "/api/v1/documents/notice", headers=KEY, files={"file": ("通知.txt", NOTICE_B.encode())}
    )

    assert response.status_code == 200
    after = _document(client, "notice")
    assert before is not None and after is not None
    assert after["sha256"] != before["sha256"]


def test_an_unreadable_upload_is_422_with_its_reason(sample_app_client: MakeClient) -> None:
    client = sample_app_client()

    status, body = _upload(client, bytes(range(256)) * 64, name="plan.txt")

    assert status == 422
    assert body["detail"] == "unreadable upload: binary file"


def test_an_upload_on_a_full_disk_is_507_and_one_log_line(
    sample_app_client: MakeClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def full(*_: object) -> None:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise StoreError(f"cannot commit: {exc}") from exc

    monkeypatch.setattr(MemoryStore, "replace_document", full)
    client = sample_app_client()

    with caplog.at_level(logging.ERROR):
        status, body = _upload(client, NOTICE_A)

    assert status == 507
    assert "disk is full" in body["detail"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is None


async def _disconnecting_upload(app: object) -> list[Message]:
    """POST half a multipart body straight to the ASGI app, then hang up."""
    boundary = "plangraphboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    arrivals: list[Message] = [
        {"type": "http.request", "body": head + NOTICE_A.encode()[:20], "more_body": True},
        {"type": "http.disconnect"},
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/documents",
        "raw_path": b"/api/v1/documents",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
            (b"x-api-key", API_KEY.encode()),
            (b"host", b"testserver"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return arrivals.pop(0) if arrivals else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)  # type: ignore[operator]
    return sent


def test_a_client_that_hangs_up_mid_upload_costs_one_log_line(
    sample_app_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    client = sample_app_client()
    total = client.get("/api/v1/documents").json()["total"]

    with caplog.at_level(logging.INFO):
        asyncio.run(_disconnecting_upload(client.app))

    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        "upload from 127.0.0.1 ended early: the client disconnected"
    ]
    assert all(r.exc_info is None for r in caplog.records)
    assert client.get("/api/v1/documents").json()["total"] == total
