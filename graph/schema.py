"""The graph's vocabulary and the models that cross every boundary.

Labels and relationship types are the ontology's ASCII names (``shared/ontology.md``);
they are the only strings that ever become Neo4j labels or relationship types, so they
live in closed enums and every store checks against them. Chinese text lives in
properties.

An entity's id is a pure function of its label and canonical key, so re-ingesting a
document computes the same ids and merges instead of duplicating.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Label(StrEnum):
    PLAN = "Plan"
    REGION = "Region"
    UNIVERSITY = "University"
    RESEARCH_INSTITUTE = "ResearchInstitute"
    ENTERPRISE = "Enterprise"
    GOVERNMENT = "Government"
    ALLIANCE = "Alliance"
    INCUBATOR = "Incubator"
    LAB = "Lab"
    RESEARCH_CENTER = "ResearchCenter"
    PARK = "Park"
    WORKSTATION = "Workstation"
    SERVICE_PLATFORM = "ServicePlatform"
    INDUSTRY = "Industry"
    PROGRAM = "Program"
    TARGET = "Target"


class RelType(StrEnum):
    ISSUED_BY = "ISSUED_BY"
    COVERS = "COVERS"
    MENTIONS = "MENTIONS"
    SETS_TARGET = "SETS_TARGET"
    PRIORITIZES = "PRIORITIZES"
    SERVES = "SERVES"
    BUILDS = "BUILDS"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    BASED_ON = "BASED_ON"
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


INSTITUTION_LABELS: frozenset[Label] = frozenset(
    {Label.UNIVERSITY, Label.RESEARCH_INSTITUTE, Label.ENTERPRISE, Label.GOVERNMENT}
)
PLATFORM_LABELS: frozenset[Label] = frozenset(
    {
        Label.ALLIANCE,
        Label.INCUBATOR,
        Label.LAB,
        Label.RESEARCH_CENTER,
        Label.PARK,
        Label.WORKSTATION,
        Label.SERVICE_PLATFORM,
    }
)
SYMMETRIC_TYPES: frozenset[RelType] = frozenset({RelType.COLLABORATES_WITH})
#: Provenance edges: left out of paths unless asked for, since every two entities of
#: one plan would otherwise be two hops apart.
PROVENANCE_TYPES: frozenset[RelType] = frozenset({RelType.MENTIONS})
SEMANTIC_TYPES: frozenset[RelType] = frozenset(set(RelType) - PROVENANCE_TYPES)


def super_label(label: Label) -> str | None:
    """The ontology's umbrella kind, carried as a second label where a store has them."""
    if label in INSTITUTION_LABELS:
        return "Institution"
    if label in PLATFORM_LABELS:
        return "Platform"
    return None


#: Every string a store may use as a node label: the ontology's labels, the umbrella
#: kinds and the common ``Entity`` label.
NODE_LABEL_WHITELIST: frozenset[str] = frozenset(
    {str(label) for label in Label} | {"Institution", "Platform", "Entity"}
)
REL_TYPE_WHITELIST: frozenset[str] = frozenset(str(t) for t in RelType)

#: The properties a ``Plan`` may carry, as ``docs/ontology.md`` defines them: its metadata
#: (each with a ``<name>_evidence`` property, ``PLAN_EVIDENCE_SUFFIX``, saying where it was
#: read or how it was inferred) and where the plan sits in its source document. Stores
#: keep any property; this is the vocabulary the ontology promises and tests hold both the
#: document and the ingest to.
PLAN_PROPERTIES: tuple[str, ...] = (
    "title",
    "notice_title",
    "doc_number",
    "issued",
    "year",
    "effective_from",
    "valid_until",
    "trial",
    "genre",
    "issuer",
    "issuers",
    "region",
    "region_level",
    "region_parents",
    "region_note",
    "level",
    "document",
    "source",
    "ordinal",
    "header",
)
PLAN_EVIDENCE_SUFFIX = "_evidence"


def checked_label(value: str) -> str:
    """Return ``value`` if it is a whitelisted node label, else raise ``ValueError``."""
    if value not in NODE_LABEL_WHITELIST:
        raise ValueError(f"unknown node label {value!r}")
    return value


def checked_rel_type(value: str) -> str:
    """Return ``value`` if it is a whitelisted relationship type, else raise ``ValueError``."""
    if value not in REL_TYPE_WHITELIST:
        raise ValueError(f"unknown relationship type {value!r}")
    return value


_QUOTES = "\"'“”‘’「」『』《》〈〉«»"
_STRIP = re.compile(rf"[\s{re.escape(_QUOTES)}]+")


def normalize_name(name: str) -> str:
    """The matching key of a name: NFKC, lower case, no whitespace, no quotation marks.

    The evaluation compares names the same way, so two spellings that differ only in
    width, case, spacing or quoting are one entity.
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", name)).lower()


def entity_id(label: Label | str, key: str) -> str:
    """A stable id from label and canonical key: ``<label-lower>-<16 hex digits>``."""
    label_str = str(label)
    digest = hashlib.blake2b(
        f"{label_str}\x1f{normalize_name(key)}".encode(), digest_size=8
    ).hexdigest()
    return f"{label_str.lower()}-{digest}"


PropertyValue = str | int | float | bool | None | list[str]


class Provenance(BaseModel):
    """Where a fact was read: document, plan, sentence and its offsets in the source."""

    model_config = ConfigDict(frozen=True)

    document: str = Field(description="Document id the fact was read from")
    plan: str | None = Field(default=None, description="Plan entity id, if inside a plan")
    sentence: str = Field(default="", description="The sentence the fact was read from")
    start: int = Field(default=0, ge=0, description="Offset of the sentence in the document")
    end: int = Field(default=0, ge=0, description="End offset (exclusive) of the sentence")

    def key(self) -> tuple[str, str | None, int, int]:
        return (self.document, self.plan, self.start, self.end)


class Entity(BaseModel):
    """A node: one named thing of one label."""

    id: str
    name: str
    label: Label
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    mentions: list[Provenance] = Field(default_factory=list)

    @classmethod
    def create(
        cls,
        label: Label,
        name: str,
        *,
        key: str | None = None,
        aliases: Iterable[str] = (),
        properties: dict[str, PropertyValue] | None = None,
        mentions: Iterable[Provenance] = (),
    ) -> Entity:
        """Build an entity whose id follows from label and key (the name by default)."""
        return cls(
            id=entity_id(label, key if key is not None else name),
            name=name,
            label=label,
            aliases=[a for a in dict.fromkeys(aliases) if a != name],
            properties=dict(properties or {}),
            mentions=list(mentions),
        )

    @property
    def plans(self) -> list[str]:
        """Ids of the plans that mention this entity, in first-seen order."""
        return first_seen_plans(m.plan for m in self.mentions)


class Relation(BaseModel):
    """A typed edge with the evidence it was read from.

    One relation exists per (source, type, target); symmetric types are stored with
    the smaller id as source so that both readings land on the same key.
    """

    type: RelType
    source: str
    target: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    evidence: list[Provenance] = Field(default_factory=list)

    @classmethod
    def create(
        cls,
        type: RelType,
        source: str,
        target: str,
        *,
        evidence: Iterable[Provenance] = (),
        properties: dict[str, PropertyValue] | None = None,
    ) -> Relation:
        if type in SYMMETRIC_TYPES and target < source:
            source, target = target, source
        return cls(
            type=type,
            source=source,
            target=target,
            properties=dict(properties or {}),
            evidence=list(evidence),
        )

    def key(self) -> tuple[str, str, str]:
        return (self.source, str(self.type), self.target)


class DocumentRecord(BaseModel):
    """One ingested source file (or upload): what it was and what it held."""

    id: str
    source: str = Field(description="Path or upload name the document came from")
    sha256: str = Field(description="Digest of the raw bytes, to tell a changed file")
    encoding: str | None = None
    chars: int = 0
    plans: list[str] = Field(default_factory=list, description="Plan entity ids")
    ingested_at: str = Field(default="", description="ISO 8601 time of ingest")


class GraphBatch(BaseModel):
    """What one document (or one test) writes in one commit."""

    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list answer, with the total count before paging."""

    items: list[T]
    total: int


class Neighbor(BaseModel):
    entity: Entity
    relation: Relation
    direction: Literal["out", "in"] = Field(
        description="'out' when the anchor is the relation's source"
    )


class Path(BaseModel):
    nodes: list[Entity]
    relations: list[Relation]


class Subgraph(BaseModel):
    nodes: list[Entity]
    relations: list[Relation]
    omitted: int = Field(default=0, description="Nodes left out to respect the cap")


class DeleteResult(BaseModel):
    document: str
    entities_removed: int = 0
    relations_removed: int = 0
    entities_updated: int = 0
    relations_updated: int = 0


class Stats(BaseModel):
    entities: int
    relations: int
    documents: int
    by_label: dict[str, int] = Field(default_factory=dict)
    by_type: dict[str, int] = Field(default_factory=dict)


def first_seen_plans(plan_ids: Iterable[str | None]) -> list[str]:
    """The distinct plan ids among mentions, in first-seen order (``Entity.plans``)."""
    return list(dict.fromkeys(p for p in plan_ids if p))


def merge_unique(old: list[Any], new: Iterable[Any]) -> list[Any]:
    """Append the items of ``new`` that ``old`` lacks, keeping first-seen order."""
    seen = set(old)
    out = list(old)
    for item in new:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
