"""Orderings that every store must agree on, so two backends answer alike.

``MemoryStore`` (``graph/memory_graph.py``) and ``Neo4jStore`` both rank with these.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.schema import Entity


def plan_sort_key(plan: Entity) -> tuple[int, int, str, str]:
    """Plans by year (a missing or non-numeric year last), then name, then id."""
    year = plan.properties.get("year")
    try:
        number = int(year) if year is not None and not isinstance(year, list) else None
    except (TypeError, ValueError):
        number = None
    if number is None:
        return (1, 0, plan.name, plan.id)
    return (0, number, plan.name, plan.id)


def cap_nodes(
    distance: Mapping[str, int], degree: Mapping[str, int], max_nodes: int
) -> tuple[list[str], int]:
    """The ``max_nodes`` ids a capped neighbourhood keeps, and how many it leaves out.

    Nearest first (the anchor, at distance 0, always stays); among equals the most
    connected, then by id so that the choice is deterministic.
    """
    ranked = sorted(distance, key=lambda i: (distance[i], -degree.get(i, 0), i))
    kept = ranked[: max(max_nodes, 1)]
    return kept, len(ranked) - len(kept)
