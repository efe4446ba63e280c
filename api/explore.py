"""The explore service's answers as the API's models: plan comparison and timelines.

Shared by the routes and ``plangraph compare``, so the command prints what the API answers.
"""

from __future__ import annotations

from collections.abc import Callable

from api.models import (
    ComparedEntity,
    ComparedRelation,
    Entity,
    LabelComparison,
    Listed,
    PlanComparison,
    PlanTarget,
    Split,
    T,
    TargetPairing,
    Timeline,
    TimelineItem,
    TimelineRelation,
    evidence_list,
)
from api.params import PageQuery
from api.summaries import plan_summary, target_item
from graph import explore
from graph.explore import THE_PLAN, Compared, Comparison, TimelineEntry
from graph.schema import Entity as GraphEntity
from graph.schema import Provenance, RelType
from graph.service import GraphService


def _evidence(item: Compared) -> list[Provenance]:
    return [p for evidence in item.evidence.values() for p in evidence]


def _split(
    split: explore.Split, window: PageQuery, convert: Callable[[Compared], T]
) -> dict[str, object]:
    """The fields of a ``Split`` model: each list paged by ``window``, with its total."""

    def listed(items: list[Compared]) -> dict[str, object]:
        return {"items": [convert(i) for i in window.window(items)], "total": len(items)}

    return {
        "shared": listed(split.shared),
        "some": listed(split.some),
        "only": [{"plan": plan, **listed(items)} for plan, items in split.only.items()],
    }


def comparison_answer(
    graph: GraphService, comparison: Comparison, window: PageQuery
) -> PlanComparison:
    """The comparison with every list cut to ``window`` (each list says its total)."""
    names = comparison.names

    def entity(item: Compared) -> ComparedEntity:
        return ComparedEntity(
            entity=Entity.of(names[item.key[0]]),
            plans=item.plans,
            evidence=evidence_list(_evidence(item)),
        )

    def relation(item: Compared) -> ComparedRelation:
        rel_type, source, target = item.key
        return ComparedRelation(
            type=RelType(rel_type),
            source=None if source == THE_PLAN else Entity.of(names[source]),
            target=Entity.of(names[target]),
            plans=item.plans,
            evidence=evidence_list(_evidence(item)),
        )

    plan_ids = [p.id for p in comparison.plans]
    return PlanComparison(
        plans=[plan_summary(graph, p) for p in comparison.plans],
        entities=[
            LabelComparison.model_validate({"label": label, **_split(split, window, entity)})
            for label, split in comparison.entities.items()
        ],
        targets=Listed[TargetPairing](
            items=[
                TargetPairing(
                    metric=pair.metric,
                    values=[
                        PlanTarget(
                            plan=plan,
                            target=target_item(pair.targets[plan], pair.evidence[plan])
                            if plan in pair.targets
                            else None,
                        )
                        for plan in plan_ids
                    ],
                )
                for pair in window.window(comparison.targets)
            ],
            total=len(comparison.targets),
        ),
        relations=Split[ComparedRelation].model_validate(
            _split(comparison.relations, window, relation)
        ),
    )


def timeline_answer(
    graph: GraphService, entity: GraphEntity, entries: list[TimelineEntry], window: PageQuery
) -> Timeline:
    return Timeline(
        entity=Entity.of(entity),
        items=[
            TimelineItem(
                plan=plan_summary(graph, entry.plan),
                date=entry.date or None,
                mentions=evidence_list(entry.mentions),
                relations=[
                    TimelineRelation(
                        type=fact.type,
                        direction="out" if fact.direction == "out" else "in",
                        entity=fact.other,
                        evidence=fact.evidence,
                    )
                    for fact in entry.relations
                ],
            )
            for entry in window.window(entries)
        ],
        total=len(entries),
    )
