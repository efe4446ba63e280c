"""The API's request and response shapes: the public contract, with OpenAPI examples.

They are separate from ``graph.schema`` on purpose: the store's models may grow fields
(internal properties, provenance details) without changing what clients see. The shapes
of an entity in a list, a piece of evidence and a neighbour are ``graph.answers``'s:
the service builds them and the API serialises them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from graph.answers import (
    EVIDENCE,
    MN_INDUSTRY,
    Entity,
    Evidence,
    Neighbor,
    example,
)
from graph.bounds import MAX_EVIDENCE_ITEMS
from graph.schema import Entity as GraphEntity
from graph.schema import Label, PropertyValue, Provenance, RelType

T = TypeVar("T")

# -- examples (ids are what graph.schema.entity_id computes for these names) --------------

_MN_ALLIANCE = {
    "id": "alliance-3c5d7e9f1a2b4c6d",
    "name": "锰产业技术创新战略联盟",
    "label": "Alliance",
    "aliases": [],
    "plans": ["plan-1b7e0d3c5a9f2e41"],
}


# -- problems -------------------------------------------------------------------------------


class ProblemFieldError(BaseModel):
    """One rejected input, located like FastAPI's validation errors."""

    loc: list[str] = Field(description="Where: e.g. ['query', 'limit']")
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = example(
        {
            "type": "about:blank",
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": "query.limit: Input should be less than or equal to 100",
            "instance": "/api/v1/entities",
            "errors": [
                {
                    "loc": ["query", "limit"],
                    "msg": "Input should be less than or equal to 100",
                    "type": "less_than_equal",
                }
            ],
        }
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str
    errors: list[ProblemFieldError] | None = Field(
        default=None, description="Each rejected input (422 only)"
    )


# -- health -------------------------------------------------------------------------------


class Health(BaseModel):
    model_config = example({"status": "ok", "backend": "memory", "entities": 412, "relations": 977})

    status: Literal["ok"] = "ok"
    backend: str = Field(description="memory | neo4j")
    entities: int
    relations: int


# -- entities -------------------------------------------------------------------------------


def evidence_list(provenance: Sequence[Provenance | Evidence]) -> list[Evidence]:
    """The evidence an answer shows: the first ``MAX_EVIDENCE_ITEMS`` (a fact read from
    thousands of sentences would otherwise make one item megabytes)."""
    return [Evidence.of(p) for p in provenance[:MAX_EVIDENCE_ITEMS]]


class EntityDetail(Entity):
    model_config = example(
        {
            **_MN_ALLIANCE,
            "properties": {"level": "provincial-goal"},
            "mentions": [EVIDENCE],
        }
    )

    properties: dict[str, PropertyValue]
    mentions: list[Evidence] = Field(
        description=f"The sentences that mention it (the first {MAX_EVIDENCE_ITEMS})"
    )

    @classmethod
    def of(cls, entity: GraphEntity) -> EntityDetail:
        return cls(
            **Entity.of(entity).model_dump(),
            properties=dict(entity.properties),
            mentions=evidence_list(entity.mentions),
        )


class EntityPage(BaseModel):
    model_config = example({"items": [MN_INDUSTRY], "total": 1})

    items: list[Entity]
    total: int = Field(description="Matches before paging")


class NeighborPage(BaseModel):
    model_config = example(
        {
            "items": [
                {
                    "entity": MN_INDUSTRY,
                    "relation": {"type": "SERVES", "direction": "out", "evidence": [EVIDENCE]},
                }
            ],
            "total": 1,
        }
    )

    items: list[Neighbor]
    total: int


# -- paths -------------------------------------------------------------------------------


class PathRelation(BaseModel):
    type: RelType
    source: str
    target: str


class PathItem(BaseModel):
    nodes: list[Entity]
    relations: list[PathRelation] = Field(description="relations[i] joins nodes[i] and nodes[i+1]")


class PathsAnswer(BaseModel):
    model_config = example(
        {
            "paths": [
                {
                    "nodes": [_MN_ALLIANCE, MN_INDUSTRY],
                    "relations": [
                        {
                            "type": "SERVES",
                            "source": _MN_ALLIANCE["id"],
                            "target": MN_INDUSTRY["id"],
                        }
                    ],
                }
            ],
            "total": 1,
        }
    )

    paths: list[PathItem] = Field(description="Shortest first")
    total: int = Field(description="Paths returned (at most `limit`)")


# -- plans -------------------------------------------------------------------------------

_PLAN = {
    "id": "plan-1b7e0d3c5a9f2e41",
    "title": "2011年全州科技工作要点",
    "year": 2011,
    "region": "湘西土家族苗族自治州",
    "issuer": "湘西自治州科学技术局",
    "issuers": ["湘西自治州科学技术局"],
    "region_level": "prefecture",
    "genre": "工作要点",
    "doc_number": None,
    "issued": None,
    "notice_title": None,
    "effective_from": None,
    "valid_until": None,
    "trial": False,
}
# What the header reader makes of policies-zhejiang/495.txt.
_ZHEJIANG_PLAN = {
    "id": "plan-4c0e1a7b9d2f3e65",
    "title": "关于嘉兴市本级进一步推广应用创新券的实施意见",
    "year": 2017,
    "region": "嘉兴市",
    "issuer": "嘉兴市科学技术局",
    "issuers": ["嘉兴市科学技术局", "嘉兴市财政局"],
    "region_level": "prefecture",
    "genre": "意见",
    "doc_number": "嘉科综〔2017〕44号",
    "issued": "2017-08-22",
    "notice_title": "关于印发《关于嘉兴市本级进一步推广应用创新券的实施意见》的通知",
    "effective_from": "2017-08-22",
    "valid_until": None,
    "trial": False,
}


class PlanSummary(BaseModel):
    """A plan and its metadata, as its header states it or as it was inferred."""

    model_config = example(_PLAN)

    id: str
    title: str = Field(description="The plan's own title (X of a notice 关于印发《X》的通知)")
    year: int | None = Field(description="Year of issue, else the year the title names")
    region: str | None = Field(description="Name of the region the plan covers")
    issuer: str | None = Field(description="Name of the (first) body that issued the plan")
    issuers: list[str] = Field(default_factory=list, description="Every issuing body, in order")
    region_level: str | None = Field(
        default=None, description="country, province, prefecture, county or township"
    )
    genre: str | None = Field(
        default=None,
        description="工作要点, 规划, 行动计划, 实施方案, 意见, 办法, 通知, 政府工作报告 or news",
    )
    doc_number: str | None = Field(default=None, description="文号, e.g. 嘉科综〔2017〕87号")
    issued: str | None = Field(default=None, description="Date of issue, ISO 8601")
    notice_title: str | None = Field(default=None, description="Title of the wrapping notice")
    effective_from: str | None = Field(default=None, description="In force from (ISO 8601)")
    valid_until: str | None = Field(default=None, description="In force until (ISO 8601)")
    trial: bool = Field(default=False, description="Marked 试行 or 暂行")


class PlanPage(BaseModel):
    model_config = example({"items": [_PLAN, _ZHEJIANG_PLAN], "total": 2})

    items: list[PlanSummary]
    total: int


class PlanDetail(PlanSummary):
    model_config = example(
        {
            **_ZHEJIANG_PLAN,
            "counts": {"Government": 2, "Program": 1},
            "evidence": {
                "doc_number": "嘉科综〔2017〕44号",
                "title": "关于印发《关于嘉兴市本级进一步推广应用创新券的实施意见》的通知",
                "issued": "2017年8月22日",
                "issuers": "嘉兴市科学技术局     嘉兴市财政局",
                "effective_from": "自发布之日起实行",
                "genre": "inferred: the title's closing word 实施意见",
                "region": "named in the issuer 嘉兴市科学技术局",
            },
        }
    )

    counts: dict[str, int] = Field(description="Entities the plan MENTIONS, per label")
    evidence: dict[str, str] = Field(
        default_factory=dict,
        description="Per field, the text it was read from, or 'inferred: …' and how",
    )


class TargetItem(BaseModel):
    id: str
    name: str
    value: int | float | None
    unit: str | None
    comparator: str | None = Field(description="=, >=, <=, >, < ...")
    value_max: int | float | None = Field(description="Upper bound of a range such as 3至4")
    evidence: list[Evidence]


class TargetPage(BaseModel):
    model_config = example(
        {
            "items": [
                {
                    "id": "target-0a1b2c3d4e5f6071",
                    "name": "认定高新技术企业",
                    "value": 5,
                    "unit": "家",
                    "comparator": "=",
                    "value_max": None,
                    "evidence": [EVIDENCE],
                }
            ],
            "total": 1,
        }
    )

    items: list[TargetItem]
    total: int


# -- analytics -------------------------------------------------------------------------------


class BrokerItem(BaseModel):
    entity: Entity
    score: float = Field(description="Normalised betweenness centrality, 0..1")


class BrokerPage(BaseModel):
    model_config = example({"items": [{"entity": _MN_ALLIANCE, "score": 0.182}], "total": 1})

    items: list[BrokerItem]
    total: int = Field(description="Ranked entities (of `label`) before the limit")


class Community(BaseModel):
    id: int = Field(description="Rank of the community by size, from 0")
    size: int
    members: list[Entity]


class CommunityPage(BaseModel):
    model_config = example(
        {"items": [{"id": 0, "size": 2, "members": [_MN_ALLIANCE, MN_INDUSTRY]}], "total": 1}
    )

    items: list[Community]
    total: int = Field(description="Communities of two or more members")


# -- documents -------------------------------------------------------------------------------

_DOCUMENT = {
    "id": "doc-5e2f8a1c",
    "source": "seed-plans.txt",
    "sha256": "9c1f0b6e3d2a4f5e8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
    "encoding": "utf-8",
    "chars": 49082,
    "plans": ["plan-1b7e0d3c5a9f2e41"],
    "ingested_at": "2024-05-01T12:00:00+00:00",
}


class DocumentItem(BaseModel):
    model_config = example(_DOCUMENT)

    id: str
    source: str
    sha256: str
    encoding: str | None
    chars: int
    plans: list[str]
    ingested_at: str


class DocumentPage(BaseModel):
    model_config = example({"items": [_DOCUMENT], "total": 1})

    items: list[DocumentItem]
    total: int


class SkippedSource(BaseModel):
    source: str
    reason: str


class DamagedSource(BaseModel):
    source: str
    replaced_bytes: int = Field(description="Bytes read as U+FFFD")


class IngestSummary(BaseModel):
    """What an upload added: the ingest pipeline's report."""

    model_config = example(
        {
            "documents": 1,
            "unchanged": 0,
            "plans": 5,
            "entities_by_label": {"Industry": 31, "University": 12},
            "relations_by_type": {"SERVES": 9, "BUILDS": 7},
            "skipped": [],
            "document_ids": ["doc-5e2f8a1c"],
        }
    )

    documents: int = Field(description="Documents written")
    unchanged: int = Field(default=0, description="Documents skipped as already ingested")
    plans: int
    entities_by_label: dict[str, int]
    relations_by_type: dict[str, int]
    skipped: list[SkippedSource]
    damaged: list[DamagedSource] = Field(
        default_factory=list, description="Uploads read although some bytes were damaged"
    )
    document_ids: list[str] = Field(default_factory=list)


class DeleteSummary(BaseModel):
    model_config = example(
        {
            "document": "doc-5e2f8a1c",
            "entities_removed": 120,
            "relations_removed": 240,
            "entities_updated": 3,
            "relations_updated": 1,
        }
    )

    document: str
    entities_removed: int
    relations_removed: int
    entities_updated: int
    relations_updated: int


# -- comparison and timeline ------------------------------------------------------------------

_JIANGSU = "plan-5a1c9e7d3b2f4a60"
_ZHEJIANG = "plan-0f3e5d7c9b1a2c48"


def _shared_by_both(item: dict[str, Any]) -> dict[str, Any]:
    """The example of a ``Split``: ``item`` shared by both plans, nothing else."""
    return {
        "shared": {"items": [item], "total": 1},
        "some": {"items": [], "total": 0},
        "only": [
            {"plan": _JIANGSU, "items": [], "total": 0},
            {"plan": _ZHEJIANG, "items": [], "total": 0},
        ],
    }


_HIGH_TECH = {
    "id": "industry-2d4f6a8c0e1b3d57",
    "name": "集成电路",
    "label": "Industry",
    "aliases": [],
    "plans": [_JIANGSU, _ZHEJIANG],
}
_EVIDENCE_JS = {
    "document": "doc-7b3d5f1a9c2e",
    "plan": _JIANGSU,
    "sentence": "加快发展集成电路、生物医药、人工智能等产业",
    "start": 5120,
    "end": 5141,
}


class ComparedEntity(BaseModel):
    entity: Entity
    plans: list[str] = Field(description="The compared plans that name it, in request order")
    evidence: list[Evidence] = Field(description="A few sentences of each of those plans")


class Listed(BaseModel, Generic[T]):
    """One page of a list and how many the list holds."""

    items: list[T]
    total: int


class PlanListed(Listed[T], Generic[T]):
    plan: str = Field(description="The plan that alone names these")


class Split(BaseModel, Generic[T]):
    shared: Listed[T] = Field(description="Named by every compared plan")
    some: Listed[T] = Field(description="Named by more than one compared plan but not all")
    only: list[PlanListed[T]] = Field(description="Per plan, what no other compared plan names")


class LabelComparison(Split[ComparedEntity]):
    label: Label


class PlanTarget(BaseModel):
    plan: str
    target: TargetItem | None = Field(description="null: this plan sets no target of the metric")


class TargetPairing(BaseModel):
    metric: str = Field(description="What is measured (the target's name)")
    values: list[PlanTarget] = Field(description="One per compared plan, in request order")


class ComparedRelation(BaseModel):
    type: RelType
    source: Entity | None = Field(description="null: the plan itself (each plan's own relation)")
    target: Entity
    plans: list[str]
    evidence: list[Evidence]


class PlanComparison(BaseModel):
    """Two or more plans side by side; every list is paged by ``limit`` and ``offset``."""

    model_config = example(
        {
            "plans": [
                {**_PLAN, "id": _JIANGSU, "title": "2026年江苏省政府工作报告", "year": 2026},
                {**_PLAN, "id": _ZHEJIANG, "title": "2026年浙江省政府工作报告", "year": 2026},
            ],
            "entities": [
                {
                    "label": "Industry",
                    **_shared_by_both(
                        {
                            "entity": _HIGH_TECH,
                            "plans": [_JIANGSU, _ZHEJIANG],
                            "evidence": [_EVIDENCE_JS],
                        }
                    ),
                }
            ],
            "targets": {
                "items": [
                    {
                        "metric": "新增高新技术企业",
                        "values": [
                            {
                                "plan": _JIANGSU,
                                "target": {
                                    "id": "target-1a2b3c4d5e6f7081",
                                    "name": "新增高新技术企业",
                                    "value": 35,
                                    "unit": "家",
                                    "comparator": "=",
                                    "value_max": None,
                                    "evidence": [],
                                },
                            },
                            {
                                "plan": _ZHEJIANG,
                                "target": {
                                    "id": "target-2b3c4d5e6f708192",
                                    "name": "新增高新技术企业",
                                    "value": 100,
                                    "unit": "家",
                                    "comparator": "=",
                                    "value_max": None,
                                    "evidence": [],
                                },
                            },
                        ],
                    }
                ],
                "total": 1,
            },
            "relations": _shared_by_both(
                {
                    "type": "PRIORITIZES",
                    "source": None,
                    "target": _HIGH_TECH,
                    "plans": [_JIANGSU, _ZHEJIANG],
                    "evidence": [_EVIDENCE_JS],
                }
            ),
        }
    )

    plans: list[PlanSummary]
    entities: list[LabelComparison] = Field(description="Per label (Plans and Targets aside)")
    targets: Listed[TargetPairing] = Field(
        description="Targets paired by metric, values side by side"
    )
    relations: Split[ComparedRelation] = Field(
        description="Relations each plan reads (MENTIONS aside; SETS_TARGET under targets)"
    )


class TimelineRelation(BaseModel):
    type: RelType
    direction: Literal["out", "in"] = Field(description="'out' when the entity is the source")
    entity: Entity = Field(description="The other end")
    evidence: list[Evidence]


class TimelineItem(BaseModel):
    plan: PlanSummary
    date: str | None = Field(description="Date of issue (ISO 8601), else the year; null: undated")
    mentions: list[Evidence] = Field(description="A few sentences of the plan naming the entity")
    relations: list[TimelineRelation] = Field(description="What this plan says of the entity")


class Timeline(BaseModel):
    model_config = example(
        {
            "entity": _HIGH_TECH,
            "items": [
                {
                    "plan": {**_PLAN, "id": _JIANGSU, "title": "2026年江苏省政府工作报告"},
                    "date": "2026",
                    "mentions": [_EVIDENCE_JS],
                    "relations": [
                        {
                            "type": "PRIORITIZES",
                            "direction": "in",
                            "entity": {
                                "id": _JIANGSU,
                                "name": "2026年江苏省政府工作报告",
                                "label": "Plan",
                                "aliases": [],
                                "plans": [_JIANGSU],
                            },
                            "evidence": [_EVIDENCE_JS],
                        }
                    ],
                }
            ],
            "total": 1,
        }
    )

    entity: Entity
    items: list[TimelineItem] = Field(description="Oldest first, undated plans last")
    total: int = Field(description="Plans naming the entity")
