"""Query parameters as pydantic models, one per route family, read in one pass.

A route takes ``query: XQueryDep`` and declares ``openapi_extra=XQuery.openapi()``: the
model validates the query string in one ``model_validate`` and OpenAPI lists every field
as a parameter with its limits, both from the same model. FastAPI's own handling of
declared parameters costs about 20 µs per parameter per request (about 60 µs for a query
model), as much as the neighbours route spends on its whole answer. Errors are FastAPI's
``RequestValidationError`` located at ``("query", field)``, so they read the same.

``label`` and ``relation`` may be repeated (``?label=A&label=B``) or comma-separated
(``?label=A,B``); anything outside the ontology is a 422 naming the allowed values.
"""

from __future__ import annotations

import types
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self, TypeVar, Union, get_args, get_origin

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

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


Labels = Annotated[
    list[Label] | None,
    _choices(Label),
    Field(
        description="Ontology label(s); repeat or comma-separate; an empty value means any label",
        examples=[["University", "Enterprise"]],
    ),
]
Relations = Annotated[
    list[RelType] | None,
    _choices(RelType),
    Field(
        description="Relationship type(s); repeat or comma-separate; an empty value means any type",
        examples=[["BUILDS", "SERVES"]],
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


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return get_origin(annotation) is list


class QueryModel(BaseModel):
    """Base of the query models: parsing from a request and the OpenAPI parameters."""

    model_config = ConfigDict(extra="ignore")

    _list_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._list_fields = frozenset(
            name for name, field in cls.model_fields.items() if _is_list(field.annotation)
        )

    @classmethod
    async def from_request(cls, request: Request) -> Self:
        params = request.query_params
        data: dict[str, Any] = {}
        for name in cls.model_fields:
            if name in params:
                data[name] = params.getlist(name) if name in cls._list_fields else params[name]
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
            ) from None

    @classmethod
    def openapi(cls) -> dict[str, Any]:
        """``openapi_extra`` for a route: one query parameter per field."""
        schema = cls.model_json_schema(ref_template=COMPONENT_REF)
        required = set(schema.get("required", ()))
        parameters = []
        for name, prop in schema["properties"].items():
            prop = dict(prop)
            parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
            if "description" in prop:
                parameter["description"] = prop.pop("description")
            examples = prop.pop("examples", None)
            if examples:
                parameter["example"] = examples[0]
            prop.pop("title", None)
            parameter["schema"] = prop
            if name in cls._list_fields:
                # An optional list's empty value means "no filter"; a required one's is
                # an error like any other.
                if name not in required:
                    parameter["schema"] = _empty_item_allowed(prop)
                parameter["style"] = "form"
                parameter["explode"] = True
            parameters.append(parameter)
        return {"parameters": parameters}

    @classmethod
    def components(cls) -> dict[str, Any]:
        """The schemas the parameters refer to (enums), for ``components.schemas``."""
        found: dict[str, Any] = {}
        for model in (cls, *_all_subclasses(cls)):
            found.update(model.model_json_schema(ref_template=COMPONENT_REF).get("$defs", {}))
        return found


COMPONENT_REF = "#/components/schemas/{model}"


def _empty_item_allowed(schema: dict[str, Any]) -> dict[str, Any]:
    """A list parameter's schema that also says what ``parse`` accepts: an empty value
    (``?label=``), which means no filter. Without it, a fuzzer sending ``label=`` expects
    the 422 that the documented behaviour does not give."""
    empty = {"type": "string", "maxLength": 0}
    branches = [
        {**branch, "items": {"anyOf": [branch["items"], empty]}}
        if branch.get("type") == "array" and "items" in branch
        else branch
        for branch in schema.get("anyOf", [schema])
    ]
    return {**schema, "anyOf": branches} if "anyOf" in schema else branches[0]


def _all_subclasses(cls: type[QueryModel]) -> list[type[QueryModel]]:
    out: list[type[QueryModel]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_all_subclasses(sub))
    return out


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


PlansQueryDep = Annotated[PlansQuery, Depends(PlansQuery.from_request)]
CompareQueryDep = Annotated[CompareQuery, Depends(CompareQuery.from_request)]
PageQueryDep = Annotated[PageQuery, Depends(PageQuery.from_request)]
EntityQueryDep = Annotated[EntityQuery, Depends(EntityQuery.from_request)]
NeighborQueryDep = Annotated[NeighborQuery, Depends(NeighborQuery.from_request)]
PathQueryDep = Annotated[PathQuery, Depends(PathQuery.from_request)]
TopQueryDep = Annotated[TopQuery, Depends(TopQuery.from_request)]
BrokerQueryDep = Annotated[BrokerQuery, Depends(BrokerQuery.from_request)]
