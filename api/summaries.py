"""Store entities as the API shows them: a plan's metadata summary and a target's value.

Shared by the routes and the command line, so ``plangraph compare`` prints what
``GET /plans/compare`` answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from api.models import Evidence, PlanSummary, TargetItem, evidence_list
from graph.schema import Direction, Entity, PropertyValue, Provenance, RelType
from graph.service import GraphService

#: Plan properties copied as they are into a summary (strings), and the one flag.
_TEXT_FIELDS = ("genre", "doc_number", "issued", "notice_title", "effective_from", "valid_until")
_EVIDENCE_SUFFIX = "_evidence"


def text(value: PropertyValue) -> str | None:
    return value if isinstance(value, str) and value else None


def number(value: PropertyValue) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            return None
        return int(parsed) if parsed.is_integer() else parsed
    return None


def _strings(value: PropertyValue) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _linked_name(graph: GraphService, plan_id: str, rel_type: RelType) -> str | None:
    page = graph.neighbors(plan_id, types=[rel_type], direction=Direction.OUT, limit=1)
    return page.items[0].entity.name if page.items else None


def plan_summary(graph: GraphService, plan: Entity) -> PlanSummary:
    """The plan's metadata from its properties; region and issuer else from its edges."""
    props = plan.properties
    year = number(props.get("year"))
    region = text(props.get("region")) or _linked_name(graph, plan.id, RelType.COVERS)
    issuers = [v for v in _strings(props.get("issuers")) if v]
    issuer = (
        text(props.get("issuer"))
        or (issuers[0] if issuers else None)
        or _linked_name(graph, plan.id, RelType.ISSUED_BY)
    )
    return PlanSummary(
        id=plan.id,
        title=text(props.get("title")) or plan.name,
        year=int(year) if year is not None else None,
        region=region,
        issuer=issuer,
        issuers=issuers or ([issuer] if issuer else []),
        region_level=text(props.get("region_level")),
        trial=props.get("trial") is True,
        **{field: text(props.get(field)) for field in _TEXT_FIELDS},
    )


def plan_evidence(plan: Entity) -> dict[str, str]:
    """Per metadata field, the text it was read from or the note of how it was inferred."""
    evidence = {
        key.removesuffix(_EVIDENCE_SUFFIX): value
        for key, value in sorted(plan.properties.items())
        if key.endswith(_EVIDENCE_SUFFIX) and isinstance(value, str)
    }
    note = text(plan.properties.get("region_note"))
    if note:
        evidence["region"] = note
    return evidence


def target_item(target: Entity, evidence: Sequence[Provenance | Evidence]) -> TargetItem:
    """A Target entity's quantified goal, with the sentences that set it."""
    props = target.properties
    return TargetItem(
        id=target.id,
        name=target.name,
        value=number(props.get("value")),
        unit=text(props.get("unit")),
        comparator=text(props.get("comparator")),
        value_max=number(props.get("value_max")),
        evidence=evidence_list(evidence),
    )
