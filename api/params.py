"""Query parameters as pydantic models, one per route family, in FastAPI's native form.

A route takes ``query: XQueryDep``, which is ``Annotated[XQuery, Query()]``: FastAPI
(≥ 0.115) reads the query string into the model, reports errors located at
``("query", field)``, and lists every field in OpenAPI as a parameter with its
description, limits and example (``api.main`` moves each field's first example up to the
parameter, where OpenAPI tools look). Unknown parameters are ignored (``extra="ignore"``).

The one exception is the neighbours route, the API's hottest, which keeps a hand-made
parser (``api.query_fast_path``): FastAPI's native reading costs it about 30 µs of
server CPU a request, 13-15% of its rate, more than the 10% we accept for it.

``label`` and ``relation`` may be repeated (``?label=A&label=B``) or comma-separated
(``?label=A,B``); anything outside the ontology is a 422 naming the allowed values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from api.query_fast_path import hand_openapi, read_by_hand
from graph.explore import MAX_COMPARED_PLANS
from graph.limits import MAX_HOPS, MAX_LIMIT, MAX_OFFSET
from graph.schema import Direction, Label, RelType

MAX_TEXT = 200

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def _choices(enum: type[E]) -> BeforeValidator:
    allowed = {str(member): member for member in enum}
    listing = ", ".join(sorted(allowed))

    def parse(value: Any) -> list[E] | None:
        if value is None:
            return None
        values = [value] if isinstance(value, str) else list(value)
        chosen: list[E] = []
        for item in values:
            for part in str(item).split(","):
                part = part.strip()
                if not part:
                    continue
                if part not in allowed:
                    raise ValueError(f"{part!r} is not one of: {listing}")
                if allowed[part] not in chosen:
                    chosen.append(allowed[part])
        return chosen or None

    return BeforeValidator(parse)


def _empty_item_allowed(schema: dict[str, Any]) -> None:
    """Say in a list parameter's schema what ``_choices`` accepts: an empty value
    (``?label=``), which means no filter. Without it, a fuzzer sending ``label=`` expects
    the 422 that the documented behaviour does not give."""
    empty = {"type": "string", "maxLength": 0}
    for branch in schema.get("anyOf", [schema]):
        if branch.get("type") == "array" and "items" in branch:
            branch["items"] = {"anyOf": [branch["items"], empty]}


Labels = Annotated[
    list[Label] | None,
    _choices(Label),
    Field(
        description="Ontology label(s); repeat or comma-separate; an empty value means any label",
        examples=[["University", "Enterprise"]],
        json_schema_extra=_empty_item_allowed,
    ),
]
Relations = Annotated[
    list[RelType] | None,
    _choices(RelType),
    Field(
        description="Relationship type(s); repeat or comma-separate; an empty value means any type",
        examples=[["BUILDS", "SERVES"]],
        json_schema_extra=_empty_item_allowed,
    ),
]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Page size, 1..100")]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Items to skip")]
EntityRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="Entity id, or an exact name or alias that names exactly one entity",
    ),
]


class QueryModel(BaseModel):
    """Base of the query models. Parameters the model does not name are ignored, as
    browsers and proxies add their own (``_=`` cache busters, tracking tags)."""

    model_config = ConfigDict(extra="ignore")


class PageQuery(QueryModel):
    limit: Limit = 20
    offset: Offset = 0

    def window(self, items: list[T]) -> list[T]:
        """This page of a list the store returned whole."""
        return items[self.offset : self.offset + self.limit]


class EntityQuery(PageQuery):
    q: str = Field(
        default="",
        max_length=MAX_TEXT,
        description="Name or alias, Chinese or English (manganese → 锰); exact matches "
        "first, then prefixes, then the rest. Empty lists everything.",
        examples=["锰产业", "manganese"],
    )
    label: Labels = None


class NeighborQuery(PageQuery):
    relation: Relations = None
    label: Labels = None
    direction: Direction = Field(
        default=Direction.BOTH, description="out: the entity is the source; in: the target"
    )


class PathQuery(QueryModel):
    source: EntityRef = Field(examples=["北京科技大学"])
    target: EntityRef = Field(examples=["锰产业"])
    max_hops: int = Field(default=3, ge=1, le=MAX_HOPS, description="Longest path, 1..4")
    include_mentions: bool = Field(
        default=False, description="Also walk MENTIONS (plan → entity) edges"
    )
    limit: Limit = 10


#: A plan id as a list item: no commas (they separate ids) and no spaces.
PLAN_ID_PATTERN = r"^[^,\s]+$"


def _plan_ids(value: Any) -> list[str]:
    values = [value] if isinstance(value, str) else list(value or [])
    ids = [part.strip() for item in values for part in str(item).split(",") if part.strip()]
    if len(ids) != len(set(ids)):
        raise ValueError("each plan may be named once")
    return ids


class PlansQuery(QueryModel):
    """Which plans to compare."""

    plans: Annotated[
        list[Annotated[str, Field(max_length=MAX_TEXT, pattern=PLAN_ID_PATTERN)]],
        BeforeValidator(_plan_ids),
        Field(
            min_length=2,
            max_length=MAX_COMPARED_PLANS,
            json_schema_extra={"uniqueItems": True},
            description=f"2 to {MAX_COMPARED_PLANS} plan ids; repeat or comma-separate",
            examples=[["plan-5a1c9e7d3b2f4a60", "plan-0f3e5d7c9b1a2c48"]],
        ),
    ]


class CompareQuery(PlansQuery, PageQuery):
    """Which plans to compare; ``limit`` and ``offset`` page every list of the answer."""


class TopQuery(QueryModel):
    limit: Limit = 20


class BrokerQuery(TopQuery):
    label: Labels = None


PlansQueryDep = Annotated[PlansQuery, Query()]
CompareQueryDep = Annotated[CompareQuery, Query()]
PageQueryDep = Annotated[PageQuery, Query()]
EntityQueryDep = Annotated[EntityQuery, Query()]
#: The fast path (see the module docstring). FastAPI does not see these parameters, so
#: the route declares them with ``openapi_extra=NEIGHBOR_QUERY_OPENAPI``.
NeighborQueryDep = Annotated[NeighborQuery, Depends(read_by_hand(NeighborQuery))]
NEIGHBOR_QUERY_OPENAPI = hand_openapi(NeighborQuery)
PathQueryDep = Annotated[PathQuery, Query()]
TopQueryDep = Annotated[TopQuery, Query()]
BrokerQueryDep = Annotated[BrokerQuery, Query()]
