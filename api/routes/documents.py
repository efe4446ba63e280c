"""Documents: list what was ingested, upload a new one, delete one with all it contributed.

An upload is identified by the digest of its bytes, or by an id the client chooses
(``?id=``); the answer names it. The same bytes again change nothing (200); other bytes
under a taken id are a 409, and replacing a document is explicit: ``PUT /{id}``. A file
name is a label only, so two offices' 通知.txt both survive.

Writes need an API key. An upload is bounded twice: by its declared Content-Length before
anything is read, and by counting the bytes as they arrive (a client may lie or stream
chunked), so an oversized body is refused without being held in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect
from starlette.types import Message

from api.deps import ServiceDep, SettingsDep, StoreDep, read_route, require_write_key, store_route
from api.models import DeleteSummary, DocumentItem, DocumentPage, IngestSummary
from api.params import MAX_TEXT, PageQueryDep
from api.problems import ProblemError, bad_parameter, problem_responses
from graph.errors import NotFoundError
from ingest.errors import DocumentConflict
from ingest.filenames import printable

log = logging.getLogger(__name__)
router = APIRouter(prefix="/documents", tags=["documents"])

#: Room for the multipart envelope (boundaries, part headers) around the file itself.
MULTIPART_OVERHEAD = 64 * 1024
MAX_FILENAME = 255
#: A client-chosen document id: letters, digits and ``._:-``, as a URL path segment.
DOCUMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"

_UPLOAD_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A plan document (.txt, .html, .docx, .doc, "
                            ".wps, .xlsx, .pdf); "
                            "its name is kept as metadata only",
                        }
                    },
                },
                "example": {"file": "seed-plans.txt"},
            }
        },
    }
}


class _TooLarge(Exception):
    pass


def too_large(max_mb: int) -> ProblemError:
    return ProblemError(413, f"upload larger than {max_mb} MB (PLANGRAPH_MAX_UPLOAD_MB)")


def _counting_receive(
    receive: Callable[[], Awaitable[Message]], max_body: int
) -> Callable[[], Awaitable[Message]]:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > max_body:
                raise _TooLarge
        return message

    return counted


def upload_name(raw: str | None) -> str:
    """The last component of the client's file name, as a label: never used as a path."""
    name = PurePosixPath((raw or "").replace("\\", "/")).name.strip()
    if name in (".", ".."):
        name = ""
    return printable(name[:MAX_FILENAME]) or "upload"


async def read_upload(request: Request, max_mb: int) -> tuple[str, bytes]:
    max_bytes = max_mb * 1024 * 1024
    max_body = max_bytes + MULTIPART_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise bad_parameter("header", "content-length", "not a number")
        if int(declared) > max_body:
            raise too_large(max_mb)
    limited = Request(request.scope, _counting_receive(request.receive, max_body))
    try:
        form = await limited.form(max_files=1, max_fields=10)
    except _TooLarge as exc:
        raise too_large(max_mb) from exc
    except ClientDisconnect as exc:
        # An everyday event (a closed laptop, a killed curl): one line, no traceback.
        peer = request.client.host if request.client else "unknown client"
        log.warning("upload from %s ended early: the client disconnected", peer)
        raise ProblemError(400, "the upload ended before its body did") from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise bad_parameter("body", "file", "a multipart file field named 'file' is required")
        data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(max_mb)
        return upload_name(upload.filename), data
    finally:
        await form.close()


@read_route(router, "", DocumentPage, 422)
def list_documents(graph: ServiceDep, query: PageQueryDep) -> DocumentPage:
    """Every ingested document, by source name."""
    records = sorted(graph.documents(), key=lambda d: (d.source, d.id))
    return DocumentPage(
        items=[DocumentItem.model_validate(d.model_dump()) for d in query.window(records)],
        total=len(records),
    )


ClientDocumentId = Annotated[
    str | None,
    Query(
        alias="id",
        pattern=DOCUMENT_ID_PATTERN,
        description="An id of your choosing for the document; default: its bytes' digest",
    ),
]


@router.post(
    "",
    response_model=IngestSummary,
    status_code=201,
    dependencies=[Depends(require_write_key)],
    responses={
        200: {"description": "The store already holds these bytes: nothing changed"},
        **problem_responses(400, 401, 409, 413, 422, 507),
    },
    openapi_extra=_UPLOAD_SCHEMA,
)
async def upload_document(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    document_id: ClientDocumentId = None,
) -> IngestSummary:
    """Ingest one uploaded file (multipart field ``file``); needs ``X-API-Key``.

    ``document_ids`` names the document. Other bytes under a taken ``id`` are a 409.
    """
    return await _ingest(request, response, store, settings, document_id, replace=False)


@router.put(
    "/{document_id}",
    response_model=IngestSummary,
    dependencies=[Depends(require_write_key)],
    responses=problem_responses(400, 401, 413, 422, 507),
    openapi_extra=_UPLOAD_SCHEMA,
)
async def replace_document(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    document_id: Annotated[str, Path(pattern=DOCUMENT_ID_PATTERN, examples=["doc-5e2f8a1c"])],
) -> IngestSummary:
    """Create or replace the document ``document_id`` with the uploaded file; needs a key."""
    return await _ingest(request, response, store, settings, document_id, replace=True)


async def _ingest(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    document_id: str | None,
    *,
    replace: bool,
) -> IngestSummary:
    filename, data = await read_upload(request, settings.max_upload_mb)
    from ingest.pipeline import ingest_upload

    try:
        report = await run_in_threadpool(
            ingest_upload, store, filename, data, document_id=document_id, replace=replace
        )
    except DocumentConflict as exc:
        raise ProblemError(409, str(exc)) from exc
    summary = IngestSummary.model_validate(report.model_dump())
    if summary.skipped and not summary.document_ids:
        raise ProblemError(422, f"unreadable upload: {summary.skipped[0].reason}")
    if summary.documents == 0 or replace:
        response.status_code = 200
    return summary


@router.delete(
    "/{document_id}",
    response_model=DeleteSummary,
    dependencies=[Depends(require_write_key)],
    responses=problem_responses(401, 404, 422),
)
@store_route
def delete_document(
    graph: ServiceDep,
    document_id: Annotated[str, Path(max_length=MAX_TEXT, examples=["doc-5e2f8a1c"])],
) -> DeleteSummary:
    """Remove everything this document contributed and only that; needs ``X-API-Key``."""
    try:
        result = graph.delete_document(document_id)
    except NotFoundError as exc:
        raise ProblemError(404, f"no document with id {document_id!r}") from exc
    return DeleteSummary.model_validate(result.model_dump())
