"""Query parameters as pydantic models, one per route family.

A model validates all of a request's query parameters in one pass; FastAPI spends about
as much on each separately declared parameter as the neighbours route spends on its whole
answer. OpenAPI still lists every field as its own parameter, with its limits.

``label`` and ``relation`` may be repeated (``?label=A&label=B``) or comma-separated
(``?label=A,B``); anything outside the ontology is a 422 naming the allowed values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from graph.schema import Direction, Label, RelType

MAX_LIMIT = 100
#: Far beyond any real graph; keeps a huge integer from reaching a driver as a 64-bit overflow.
MAX_OFFSET = 1_000_000_000
MAX_HOPS = 4
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
        description="Ontology label(s); repeat or comma-separate",
        examples=[["University", "Enterprise"]],
    ),
]
Relations = Annotated[
    list[RelType] | None,
    _choices(RelType),
    Field(
        description="Relationship type(s); repeat or comma-separate",
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


class _Query(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PageQuery(_Query):
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


class PathQuery(_Query):
    source: EntityRef = Field(examples=["北京科技大学"])
    target: EntityRef = Field(examples=["锰产业"])
    max_hops: int = Field(default=3, ge=1, le=MAX_HOPS, description="Longest path, 1..4")
    include_mentions: bool = Field(
        default=False, description="Also walk MENTIONS (plan → entity) edges"
    )
    limit: Limit = 10


class TopQuery(_Query):
    limit: Limit = 20


class BrokerQuery(TopQuery):
    label: Labels = None
