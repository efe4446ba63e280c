"""Name lookups above the store: several terms merged exact-first, and exact resolution.

Both speak only the ``GraphStore`` protocol, so they behave alike on every backend.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.glossary import expand_query
from graph.schema import Entity, Label, Page, normalize_name
from graph.store import GraphStore

#: Per-term cap when merging several terms; English glossary queries stay far below it.
MERGE_CAP = 1000


def _rank(entity: Entity, keys: list[str]) -> tuple[int, int, str]:
    names = [normalize_name(n) for n in (entity.name, *entity.aliases)]
    if any(key in names for key in keys):
        tier = 0
    elif any(n.startswith(key) for n in names for key in keys):
        tier = 1
    else:
        tier = 2
    return (tier, len(entity.name), entity.name)


def search_terms(
    store: GraphStore,
    terms: Sequence[str],
    *,
    labels: Sequence[Label] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page[Entity]:
    """Entities matching any term: exact matches of any term first, then prefix, then the rest.

    One term is passed straight to ``store.search``; several are merged, each capped at
    ``MERGE_CAP`` hits.
    """
    if len(terms) <= 1:
        return store.search(terms[0] if terms else "", labels=labels, limit=limit, offset=offset)
    found: dict[str, Entity] = {}
    for term in terms:
        page = store.search(term, labels=labels, limit=MERGE_CAP, offset=0)
        for entity in page.items:
            found.setdefault(entity.id, entity)
    keys = [k for k in (normalize_name(t) for t in terms) if k]
    ranked = sorted(found.values(), key=lambda e: _rank(e, keys))
    return Page(items=ranked[offset : offset + limit], total=len(ranked))


def search_text(
    store: GraphStore,
    query: str,
    *,
    labels: Sequence[Label] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page[Entity]:
    """What an analyst typed, Chinese or English: glossary terms merged exact-first."""
    terms = expand_query(query) if query.strip() else [""]
    return search_terms(store, terms, labels=labels, limit=limit, offset=offset)


def exact_matches(store: GraphStore, name: str, *, limit: int = 50) -> list[Entity]:
    """Entities whose name or an alias equals ``name`` after normalisation."""
    key = normalize_name(name)
    if not key:
        return []
    page = store.search(name, limit=limit)
    return [e for e in page.items if key in {normalize_name(n) for n in (e.name, *e.aliases)}]
