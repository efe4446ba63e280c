"""The pages the server and the CLI show, each built from a ``GraphStore``.

One function per view, shared by ``api/routes/views.py`` and ``plangraph viz`` so the
file the CLI writes is the page the server sends. Unknown ids raise ``NotFoundError``.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import NotFoundError
from graph.schema import Entity, Label, Path, Relation, RelType, Subgraph
from graph.search import search_text
from graph.store import GraphStore
from viz.network import ENTITY_VIEW_BASE, build_network, render_page, render_template
from viz.plan_meta import MetaRow, metadata_rows, summary_line
from viz.styles import STYLES, legend

#: Node cap of every view (issue #5): the store keeps the nearest, most connected.
MAX_NODES = 300
SEARCH_LIMIT = 50
#: Plans the home page lists (the API pages through the rest).
HOME_PLANS = 500


def entity_page(
    store: GraphStore,
    entity_id: str,
    *,
    depth: int = 1,
    types: Sequence[RelType] | None = None,
    labels: Sequence[Label] | None = None,
    embed: bool = False,
    served: bool = True,
) -> str:
    """The neighbourhood of one entity. ``served=False`` for a file with no server."""
    anchor = _require(store, entity_id)
    subgraph = store.subgraph(
        entity_id, depth=depth, types=types, labels=labels, max_nodes=MAX_NODES
    )
    return _page(
        store, subgraph, anchor_id=anchor.id, title=anchor.name, embed=embed, served=served
    )


def plan_page(store: GraphStore, plan_id: str, *, embed: bool = False) -> str:
    """A plan, its metadata, everything it mentions and the relations among them."""
    plan = _require(store, plan_id)
    if plan.label != Label.PLAN:
        raise NotFoundError(f"{plan_id} is a {plan.label}, not a plan")
    subgraph = store.subgraph(plan_id, depth=1, max_nodes=MAX_NODES)
    return _page(
        store,
        subgraph,
        anchor_id=plan.id,
        title=plan.name,
        embed=embed,
        metadata=metadata_rows(plan),
    )


def paths_page(
    store: GraphStore,
    source_id: str,
    target_id: str,
    *,
    max_hops: int = 3,
    embed: bool = False,
) -> str:
    """The union of the paths between two entities (at most ``max_hops`` relations)."""
    source = _require(store, source_id)
    target = _require(store, target_id)
    paths = store.paths(source_id, target_id, max_hops=max_hops)
    subgraph = union_of_paths(paths, ends=(source, target))
    note = None if paths else f"No path of at most {max_hops} relations"
    return _page(
        store,
        subgraph,
        anchor_id=source.id,
        title=f"{source.name} ⇄ {target.name}",
        embed=embed,
        note=note,
    )


def union_of_paths(paths: Sequence[Path], *, ends: Sequence[Entity] = ()) -> Subgraph:
    """Every node and relation of ``paths`` once; ``ends`` are kept even with no path."""
    nodes: dict[str, Entity] = {e.id: e for e in ends}
    relations: dict[tuple[str, str, str], Relation] = {}
    for path in paths:
        nodes.update((e.id, e) for e in path.nodes)
        relations.update((r.key(), r) for r in path.relations)
    return Subgraph(nodes=list(nodes.values()), relations=list(relations.values()))


def home_page(store: GraphStore, query: str | None = None) -> str:
    """Search box and results, the list of plans, the legend."""
    results: list[Entity] = []
    total = 0
    plans = store.plans()
    if query is not None and query.strip():
        page = search_text(store, query.strip(), limit=SEARCH_LIMIT)
        results, total = page.items, page.total
    return render_template(
        "home.html",
        title="规划知识图谱 Planning knowledge graph",
        home_url="/",
        query=query.strip() if query is not None and query.strip() else None,
        results=results,
        total=total,
        plans=[(plan, summary_line(plan)) for plan in plans[:HOME_PLANS]],
        plans_total=len(plans),
        legend=legend(),
        captions={label: style.caption for label, style in STYLES.items()},
    )


def error_page(message: str, *, status: int = 404, title: str = "Not found") -> str:
    return render_template(
        "not_found.html", title=title, message=message, status=status, home_url="/"
    )


def plan_names(store: GraphStore, subgraph: Subgraph) -> dict[str, str]:
    """Names of every plan the subgraph's mentions and evidence cite."""
    ids = {m.plan for e in subgraph.nodes for m in e.mentions if m.plan}
    ids |= {p.plan for r in subgraph.relations for p in r.evidence if p.plan}
    ids -= {e.id for e in subgraph.nodes}
    return {e.id: e.name for e in store.get_entities(sorted(ids))} if ids else {}


def _require(store: GraphStore, entity_id: str) -> Entity:
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFoundError(f"No entity with id {entity_id!r}")
    return entity


def _page(
    store: GraphStore,
    subgraph: Subgraph,
    *,
    anchor_id: str,
    title: str,
    embed: bool,
    served: bool = True,
    note: str | None = None,
    metadata: Sequence[MetaRow] = (),
) -> str:
    network = build_network(
        subgraph, anchor_id=anchor_id, title=title, plan_names=plan_names(store, subgraph)
    )
    return render_page(
        network,
        legend=legend({e.label for e in subgraph.nodes}),
        omitted=subgraph.omitted,
        embed=embed,
        title=title,
        link_base=ENTITY_VIEW_BASE if served else None,
        home_url="/" if served else None,
        note=note,
        metadata=metadata,
    )
