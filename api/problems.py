"""Every error answer is an RFC 9457 problem document (``application/problem+json``).

Clients get one shape for every failure, whether FastAPI rejected a parameter, a route
found no such id, the store was down or something unforeseen broke; the last is logged
with its traceback and answered without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.models import Problem, ProblemFieldError
from graph.errors import (
    InvalidQueryError,
    NotFoundError,
    PlangraphError,
    StoreError,
    StoreUnavailableError,
    disk_full,
)

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemError(Exception):
    """Raised by routes and dependencies to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[ProblemFieldError] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers


def bad_parameter(
    location: str, name: str, message: str, *, kind: str = "value_error"
) -> ProblemError:
    """A 422 for one query parameter, shaped like FastAPI's own validation answers."""
    return ProblemError(
        422,
        f"{location}.{name}: {message}",
        errors=[ProblemFieldError(loc=[location, name], msg=message, type=kind)],
    )


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: list[ProblemFieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(
        type="about:blank",
        title=_title(status),
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _field_errors(exc: RequestValidationError) -> list[ProblemFieldError]:
    return [
        ProblemFieldError(
            loc=[str(part) for part in err.get("loc", ())],
            msg=str(err.get("msg", "invalid")),
            type=str(err.get("type", "value_error")),
        )
        for err in exc.errors()
    ]


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    detail = "; ".join(f"{'.'.join(e.loc)}: {e.msg}" for e in errors) or "invalid request"
    return problem_response(request, 422, detail, errors=errors)


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers)


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else _title(exc.status_code)
    headers = exc.headers
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
    return problem_response(request, exc.status_code, detail, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path.

    Starlette's 405 names only the first route that matched the path, but FastAPI
    registers ``GET /documents`` and ``POST /documents`` as two routes; each method is
    tried against every route instead.
    """
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _status_for(exc: PlangraphError) -> int:
    if disk_full(exc):
        return 507
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InvalidQueryError):
        return 422
    if isinstance(exc, StoreUnavailableError):
        return 503
    if isinstance(exc, StoreError):
        return 500
    return 400


async def _on_plangraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PlangraphError)
    status = _status_for(exc)
    if status == 507:
        return _disk_full_problem(request, exc)
    if status >= 500:
        logger.error("store failure on %s: %s", request.url.path, exc, exc_info=exc)
        detail = "the graph store failed; see the server log"
        if status == 503:
            detail = "the graph store is unavailable; try again later"
        return problem_response(request, status, detail)
    return problem_response(request, status, str(exc) or _title(status))


def _disk_full_problem(request: Request, exc: BaseException) -> JSONResponse:
    # One clear line: the chained traceback would say nothing more than "disk full".
    logger.error("disk full on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(request, 507, "the server's disk is full; nothing was written")


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    if disk_full(exc):  # a spooled upload or a temporary file, outside the store
        return _disk_full_problem(request, exc)
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, "an unexpected error occurred; see the server log")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
    app.add_exception_handler(PlangraphError, _on_plangraph_error)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting the problem answers a route may give."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        example = Problem(
            type="about:blank",
            title=_title(status),
            status=status,
            detail=_EXAMPLE_DETAILS.get(status, _title(status)),
            instance="/api/v1/entities/industry-0000000000000000",
        ).model_dump(exclude_none=True)
        out[status] = {
            "description": _title(status),
            "content": {
                PROBLEM_MEDIA_TYPE: {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": example,
                }
            },
        }
    return out


_EXAMPLE_DETAILS = {
    400: "malformed multipart body",
    401: "missing or unknown API key in X-API-Key",
    404: "no entity with id 'industry-0000000000000000'",
    409: "document 'memo-1' exists with other content; replace it with PUT",
    413: "upload larger than 50 MB",
    422: "query.limit: Input should be less than or equal to 100",
    503: "the graph store is unavailable; try again later",
    507: "the server's disk is full; nothing was written",
}
