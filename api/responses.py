"""JSON answers written straight from models already in the declared shape, past
FastAPI's response handling.

For a route that returns a model, FastAPI validates it against ``response_model`` and
dumps it again; for a model the service built in that very shape (a neighbours page)
that costs more than the route's own work. Such a route returns ``model_answer(model)``
and still declares ``response_model=``, so OpenAPI documents the shape; tests check that
the answers validate against it.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def model_answer(content: BaseModel) -> Response:
    return Response(content.model_dump_json(), media_type="application/json")
