"""Dependencies the routes share: the graph service, the store, the settings, API keys.

The service, store and settings live on ``app.state`` (set by ``create_app``); tests swap
them with ``app.dependency_overrides[get_service]`` (or ``get_store``) or by passing
``store=`` to ``create_app``. Routes read through the service; only ingest writes to the
store itself.

The dependencies are ``async def`` although none awaits: FastAPI runs a plain ``def``
dependency in the thread pool, one hand-off per dependency per request, which costs more
than all of them do. (Query parameters are read by FastAPI itself, from the models in
``api.params``.)
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, ParamSpec, TypeVar, cast

from fastapi import APIRouter, Depends, Request, Security
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from api.problems import ProblemError, problem_responses
from graph.service import GraphService
from graph.store import GraphStore
from plangraph.settings import Settings


async def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def get_service(request: Request) -> GraphService:
    service: GraphService = request.app.state.service
    return service


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
ServiceDep = Annotated[GraphService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

P = ParamSpec("P")
R = TypeVar("R")


def store_route(fn: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """Make a synchronous route that takes ``graph`` (a service) or ``store`` run inline
    or in a thread, as suits the backend.

    Routes whose work is heavy whatever the backend (whole-graph analytics) stay plain
    ``def`` and always get a thread.
    """

    @functools.wraps(fn)
    async def endpoint(*args: P.args, **kwargs: P.kwargs) -> R:
        backend = cast(GraphService | GraphStore, kwargs.get("graph") or kwargs["store"])
        # An in-process store answers in microseconds: a worker thread would cost more
        # than the call and, under the GIL, buy no parallelism. Network stores get one.
        if backend.in_process:
            return fn(*args, **kwargs)
        return await run_in_threadpool(fn, *args, **kwargs)

    return endpoint


def read_route(
    router: APIRouter, path: str, model: Any, *statuses: int, **options: Any
) -> Callable[[Callable[P, R]], Callable[P, Coroutine[Any, Any, R]]]:
    """Declare a ``GET`` answering ``model`` (or a problem of ``statuses``), run where it
    suits the backend (``store_route``): what every read route of the API is."""

    def declare(fn: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
        endpoint = store_route(fn)
        router.get(path, response_model=model, responses=problem_responses(*statuses), **options)(
            endpoint
        )
        return endpoint

    return declare


API_KEY_HEADER = "X-API-Key"
_api_key_scheme = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="One of the keys in PLANGRAPH_API_KEYS",
)


def key_is_valid(given: str | None, keys: list[str]) -> bool:
    """Compare against every key in constant time, so timing tells nothing about any key."""
    if not given or not keys:
        return False
    given_bytes = given.encode()
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given_bytes, key.encode())
    return matched


def _check_key(given: str | None, settings: Settings) -> None:
    if not settings.api_keys:
        raise ProblemError(401, "writes are disabled: the server has no PLANGRAPH_API_KEYS")
    if not key_is_valid(given, settings.api_keys):
        what = "missing" if not given else "unknown"
        raise ProblemError(401, f"{what} API key in {API_KEY_HEADER}")


async def require_write_key(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(_api_key_scheme)] = None,
) -> None:
    _check_key(api_key, settings)


async def require_read_key(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(_api_key_scheme)] = None,
) -> None:
    if settings.require_key_for_reads:
        _check_key(api_key, settings)
