"""A hand-made query-string reader, for the one route where FastAPI's own costs too much.

Every route but one declares its query model natively (``Annotated[Model, Query()]``).
The neighbours route is the API's hottest, and there FastAPI's native reading was
measured (2026-11-30, ``bench/api.py``'s sample graph and neighbours requests, five
alternating rounds, server CPU time per request so that the other jobs on the shared
machine do not count) at 238 µs a request against 207 µs for this reader: 30 µs, 13-15%
of the route's rate, beyond the 10% the API accepts for the native form. (FastAPI walks
each field's aliases, sequence test and extras per request; this reads the fields it
knows in one dict and validates once.) ``/health`` measured the same in both runs.

So that route keeps this reader: a dependency that validates the query string in one
``model_validate``, raising FastAPI's ``RequestValidationError`` located at
``("query", field)`` so that errors read as the native ones do, and the route's OpenAPI
parameters written from the same model (``openapi_extra``), shaped as FastAPI writes
them for the native routes.
"""

from __future__ import annotations

import types
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, Union, get_args, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

COMPONENT_REF = "#/components/schemas/{model}"
#: The models read by hand: FastAPI does not see them, so ``components`` lists the
#: schemas (enums) their parameters refer to.
_HAND_READ: list[type[BaseModel]] = []


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return get_origin(annotation) is list


def read_by_hand(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency reading ``model`` from the query string: a list field from every
    value of its parameter, any other field from its last value, unknown ones ignored."""
    names = tuple(model.model_fields)
    lists = frozenset(n for n, f in model.model_fields.items() if _is_list(f.annotation))
    if model not in _HAND_READ:
        _HAND_READ.append(model)

    async def read(request: Request) -> M:
        params = request.query_params
        data = {
            name: params.getlist(name) if name in lists else params[name]
            for name in names
            if name in params
        }
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
            ) from None

    return read


def hand_openapi(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route reading ``model`` by hand: one query parameter per
    field, as FastAPI writes a native one."""
    schema = model.model_json_schema(ref_template=COMPONENT_REF)
    required = set(schema.get("required", ()))
    parameters = []
    for name, prop in schema["properties"].items():
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": prop,
        }
        if "description" in prop:
            parameter["description"] = prop["description"]
        parameters.append(parameter)
    return {"parameters": parameters}


def components() -> dict[str, Any]:
    """The schemas the hand-read parameters refer to, for ``components.schemas``."""
    found: dict[str, Any] = {}
    for model in _HAND_READ:
        found.update(model.model_json_schema(ref_template=COMPONENT_REF).get("$defs", {}))
    return found
