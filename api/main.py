"""The FastAPI application: ``create_app`` wires settings, store, routes and error handling.

``uvicorn --factory api.main:create_app`` (what ``plangraph serve`` runs) builds it from
the environment; tests pass their own ``store=``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.deps import require_read_key
from api.models import Problem, ProblemFieldError
from api.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers
from api.query_fast_path import components as hand_read_components
from api.routes import analytics, documents, entities, health, paths, plans, views
from api.security_headers import SecurityHeadersMiddleware
from graph.explore import overview
from graph.factory import open_store
from graph.service import GraphService
from graph.store import GraphStore
from plangraph.settings import Settings, get_settings

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DESCRIPTION = """\
A knowledge graph over Chinese science-and-technology planning documents: plans,
institutions, platforms, industries and targets, with the sentence each fact was read from.

Errors are RFC 9457 problem documents (`application/problem+json`). Writes need an
`X-API-Key` from `PLANGRAPH_API_KEYS`; reads are open unless
`PLANGRAPH_REQUIRE_KEY_FOR_READS=true`.
"""


RESOURCE_ROUTERS = (
    entities.router,
    paths.router,
    plans.router,
    analytics.router,
    documents.router,
)


def include_api(app: FastAPI, settings: Settings) -> None:
    """Mount each resource under /api/v1 directly: every level of router nesting costs
    route matching time on every request."""
    # The key check is left out altogether when reads are open, for the same reason.
    guard = [Depends(require_read_key)] if settings.require_key_for_reads else []
    for router in RESOURCE_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=guard)
    app.include_router(views.router, dependencies=guard)


def _serve(app: FastAPI, store: GraphStore) -> GraphService:
    """Put the store, and the one service the routes read it through, on ``app.state``."""
    app.state.store = store
    app.state.service = GraphService(store)
    return app.state.service  # type: ignore[no-any-return]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The app; with no ``store`` it opens the one ``settings`` name for its lifetime."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            _serve(app, store)
            yield
            return
        opened = open_store(settings.store_config())
        logger.info("serving the %s store", opened.backend)
        service = _serve(app, opened)
        # The home page's overview reads the whole graph once: do it before anyone asks.
        threading.Thread(target=overview, args=(service,), name="overview", daemon=True).start()
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(
        title="plangraph",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        _serve(app, store)
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: CORS answers get them too
    app.include_router(health.router)
    include_api(app, settings)
    _document_problems(app)
    return app


def _document_problems(app: FastAPI) -> None:
    """Put the Problem schema in OpenAPI and describe every 422 as a problem document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = FastAPI.openapi(app)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(hand_read_components())
        for model in (Problem, ProblemFieldError):
            model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            model_schema.pop("$defs", None)
            components[model.__name__] = model_schema
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", ()):
                    _example_on_parameter(parameter)
                response = operation.get("responses", {}).get("422")
                if response is None:
                    continue
                response["content"] = {
                    PROBLEM_MEDIA_TYPE: {
                        "schema": {"$ref": "#/components/schemas/Problem"},
                        "example": Problem.model_config["json_schema_extra"]["examples"][0],  # type: ignore[index]
                    }
                }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _example_on_parameter(parameter: dict[str, Any]) -> None:
    """Move a parameter's first example from its schema (where pydantic writes a field's
    ``examples``) to the parameter, where Swagger UI fills it in and OpenAPI tools look."""
    schema = dict(parameter.get("schema", {}))  # a copy: the dict may be shared
    examples = schema.pop("examples", None)
    if examples and "example" not in parameter and "examples" not in parameter:
        parameter["schema"] = schema
        parameter["example"] = examples[0]
