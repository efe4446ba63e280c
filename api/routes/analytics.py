"""Whole-graph analytics: brokers (betweenness) and collaboration communities (Louvain)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep
from api.models import BrokerItem, BrokerPage, Community, CommunityPage, Entity
from api.params import BrokerQueryDep, TopQueryDep
from api.problems import problem_responses
from graph import analytics

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get(
    "/brokers",
    response_model=BrokerPage,
    responses=problem_responses(422),
)
def get_brokers(graph: ServiceDep, query: BrokerQueryDep) -> BrokerPage:
    """Entities ranked by betweenness centrality over the semantic graph.

    Undirected; MENTIONS and SETS_TARGET are left out, and so are Plan and Target nodes.
    """
    found, total = analytics.brokers(graph, labels=query.label, limit=query.limit)
    return BrokerPage(
        items=[BrokerItem(entity=Entity.of(b.entity), score=b.score) for b in found],
        total=total,
    )


@router.get(
    "/communities",
    response_model=CommunityPage,
    responses=problem_responses(422),
)
def get_communities(graph: ServiceDep, query: TopQueryDep) -> CommunityPage:
    """Groups of institutions, platforms and industries joined by semantic relations.

    Louvain modularity with a fixed seed: the same graph always gives the same groups.
    """
    found, total = analytics.communities(graph, limit=query.limit)
    return CommunityPage(
        items=[
            Community(id=c.id, size=len(c.members), members=[Entity.of(m) for m in c.members])
            for c in found
        ],
        total=total,
    )
