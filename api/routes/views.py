"""HTML views: the home page and interactive graph views (issue #5).

Every page is self-contained (inline scripts and styles), so the policy below can
forbid any request that leaves the host. Views may be framed (``?embed=1`` for an
``<iframe>``), so no ``X-Frame-Options`` is sent. Unknown ids answer a 404 page;
FastAPI answers bad parameters with 422.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import ServiceDep
from api.params import PlansQueryDep
from graph.errors import InvalidQueryError, NotFoundError
from graph.limits import MAX_HOPS, MIN_HOPS
from graph.schema import Label, RelType
from viz import views

router = APIRouter(tags=["views"], default_response_class=HTMLResponse)

#: Inline scripts and styles only; nothing is fetched, posted or framed from elsewhere.
#: Scripts may ask this server alone (the home page's search suggestions).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'"
)

#: The HTML page an unknown id or an unreachable pair answers with.
NOT_FOUND_PAGE: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such entity or plan", "content": {"text/html": {}}}
}

Embed = Annotated[bool, Query(description="1 for a page without header, for an <iframe>")]


def _html(content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        content, status_code=status, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    )


def _view(build: Callable[[], str]) -> HTMLResponse:
    """Run a page builder, answering the store's not-found and bad-query as HTML."""
    try:
        return _html(build())
    except NotFoundError as exc:
        return _html(views.error_page(str(exc)), status=404)
    except InvalidQueryError as exc:
        return _html(views.error_page(str(exc), status=422, title="Bad parameter"), status=422)


@router.get("/", summary="Home: search, overview, plans, legend")
def home(
    graph: ServiceDep,
    q: Annotated[str | None, Query(max_length=200, description="Name to search")] = None,
) -> HTMLResponse:
    return _html(views.home_page(graph, q))


@router.get(
    "/viz/entities/{entity_id}", summary="Neighbourhood of an entity", responses=NOT_FOUND_PAGE
)
def entity_view(
    graph: ServiceDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    relation: Annotated[list[RelType] | None, Query(description="Only these types")] = None,
    label: Annotated[list[Label] | None, Query(description="Only these labels")] = None,
    via_plans: Annotated[
        bool, Query(description="1 to expand through Plan nodes too (whole plans)")
    ] = False,
    embed: Embed = False,
) -> HTMLResponse:
    return _view(
        lambda: views.entity_page(
            graph,
            entity_id,
            depth=depth,
            types=relation,
            labels=label,
            via_plans=via_plans,
            embed=embed,
        )
    )


@router.get(
    "/viz/compare",
    summary="Plans compared: their union coloured by plan",
    responses=NOT_FOUND_PAGE,
)
def compare_view(graph: ServiceDep, query: PlansQueryDep, embed: Embed = False) -> HTMLResponse:
    return _view(lambda: views.compare_page(graph, query.plans, embed=embed))


@router.get("/viz/paths", summary="Paths between two entities", responses=NOT_FOUND_PAGE)
def paths_view(
    graph: ServiceDep,
    source: Annotated[str, Query(min_length=1)],
    target: Annotated[str, Query(min_length=1)],
    max_hops: Annotated[int, Query(ge=MIN_HOPS, le=MAX_HOPS)] = 3,
    embed: Embed = False,
) -> HTMLResponse:
    return _view(lambda: views.paths_page(graph, source, target, max_hops=max_hops, embed=embed))


@router.get("/viz/plans/{plan_id}", summary="A plan and what it mentions", responses=NOT_FOUND_PAGE)
def plan_view(graph: ServiceDep, plan_id: str, embed: Embed = False) -> HTMLResponse:
    return _view(lambda: views.plan_page(graph, plan_id, embed=embed))
