"""Dependencies the routes share (minimal stand-in: the API branch writes the full module).

The store lives on ``app.state`` (set by ``create_app``); tests swap it with
``app.dependency_overrides[get_store]``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import GraphStore


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


StoreDep = Annotated[GraphStore, Depends(get_store)]
