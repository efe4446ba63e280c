"""The orderings of answers, written once: ``graph.service`` ranks with these whatever
the backend, so two backends answer alike."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from graph.schema import Entity


@dataclass(frozen=True)
class Scored:
    """An entity and the number it ranks by (a betweenness score, a count of plans)."""

    entity: Entity
    score: float


def best_first(scored: Iterable[Scored]) -> list[Scored]:
    """Highest score first; among equals by name, then id."""
    return sorted(scored, key=lambda s: (-s.score, s.entity.name, s.entity.id))


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


def search_rank(
    name: str, spellings: Collection[str], keys: Collection[str], entity_id: str
) -> tuple[int, int, str, str]:
    """A search hit's place: an exact name or alias first, then a prefix, then the
    rest; among equals shorter names, then by name and id.

    ``spellings`` are the hit's normalised names that hold one of the normalised query
    ``keys`` (``graph.store.Candidate``).
    """
    if any(key in spellings for key in keys):
        tier = 0
    elif any(s.startswith(key) for s in spellings for key in keys):
        tier = 1
    else:
        tier = 2
    return (tier, len(name), name, entity_id)


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
