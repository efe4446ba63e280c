"""The pages the server and the CLI show, each built through a ``GraphService``.

One function per view, shared by ``api/routes/views.py`` and ``plangraph viz`` so the
file the CLI writes is the page the server sends. Unknown ids raise ``NotFoundError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.errors import NotFoundError
from graph.explore import TimelineEntry, overview, plan_title, require_plans, timeline
from graph.limits import MAX_NODES
from graph.schema import Entity, Label, Path, Relation, RelType, Subgraph
from graph.service import GraphService
from viz.network import ENTITY_VIEW_BASE, build_network, render_page, render_template
from viz.plan_meta import MetaRow, metadata_rows, summary_line
from viz.styles import STYLES, legend

SEARCH_LIMIT = 50
#: Plans the home page lists (the API pages through the rest).
HOME_PLANS = 500
#: Provinces the home page's chart shows (most plans first).
HOME_PROVINCES = 34


def focused_labels(labels: Sequence[Label] | None, via_plans: bool) -> list[Label] | None:
    """The labels a view expands through: without ``via_plans``, every label but Plan,
    so an industry's view shows the platforms around it rather than whole plans."""
    if via_plans:
        return list(labels) if labels else None
    return [label for label in (labels or Label) if label != Label.PLAN]


def entity_page(
    graph: GraphService,
    entity_id: str,
    *,
    depth: int = 1,
    types: Sequence[RelType] | None = None,
    labels: Sequence[Label] | None = None,
    via_plans: bool = False,
    embed: bool = False,
    served: bool = True,
) -> str:
    """The neighbourhood of one entity, not through plans unless ``via_plans``, with
    the plans that name it by date. ``served=False`` for a file with no server."""
    anchor = graph.require_entity(entity_id)
    subgraph = graph.subgraph(
        entity_id,
        depth=depth,
        types=types,
        labels=focused_labels(labels, via_plans),
        max_nodes=MAX_NODES,
    )
    _, entries = timeline(graph, entity_id)
    return _page(
        graph,
        subgraph,
        anchor_id=anchor.id,
        title=anchor.name,
        embed=embed,
        served=served,
        timeline=[TimelineRow.of(entry) for entry in entries],
    )


@dataclass(frozen=True)
class TimelineRow:
    """One plan naming the anchor, for the entity view's timeline panel."""

    date: str
    plan_id: str
    title: str
    facts: int

    @classmethod
    def of(cls, entry: TimelineEntry) -> TimelineRow:
        return cls(entry.date, entry.plan.id, plan_title(entry.plan), len(entry.relations))


#: Colours of the compared plans (Tableau 10) and of what several plans name.
PLAN_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
SHARED_COLOR = "#555555"


def compare_page(graph: GraphService, plan_ids: Sequence[str], *, embed: bool = False) -> str:
    """The union of the plans' views, each node coloured by the one plan naming it, or
    dark grey when several do."""
    plans = require_plans(graph, plan_ids)
    nodes: dict[str, Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    omitted = 0
    for plan in plans:
        part = graph.subgraph(plan.id, depth=1, max_nodes=MAX_NODES // len(plans))
        omitted += part.omitted
        nodes.update((e.id, e) for e in part.nodes)
        relations.update((r.key(), r) for r in part.relations)
    # Who names a node is read from its mentions, so a node one plan's share of the cap
    # left out is still coloured as shared.
    compared = {p.id for p in plans}
    named_by = {e.id: [p for p in e.plans if p in compared] for e in nodes.values()}
    color_of = {plan.id: PLAN_COLORS[i] for i, plan in enumerate(plans)}
    colors = {
        node: color_of[by[0]] if len(by) == 1 else SHARED_COLOR
        for node, by in named_by.items()
        if by
    }
    colors.update(color_of)
    subgraph = Subgraph(
        nodes=list(nodes.values()), relations=list(relations.values()), omitted=omitted
    )
    legend_rows = [(color_of[p.id], plan_title(p)) for p in plans]
    return _page(
        graph,
        subgraph,
        anchor_id=None,
        title=" ⇄ ".join(plan_title(p) for p in plans),
        embed=embed,
        colors=colors,
        plan_legend=[*legend_rows, (SHARED_COLOR, "多个规划 named by several plans")],
    )


def plan_page(graph: GraphService, plan_id: str, *, embed: bool = False) -> str:
    """A plan, its metadata, everything it mentions and the relations among them."""
    plan = graph.require_entity(plan_id)
    if plan.label != Label.PLAN:
        raise NotFoundError(f"{plan_id} is a {plan.label}, not a plan")
    subgraph = graph.subgraph(plan_id, depth=1, max_nodes=MAX_NODES)
    return _page(
        graph,
        subgraph,
        anchor_id=plan.id,
        title=plan.name,
        embed=embed,
        metadata=metadata_rows(plan),
    )


def paths_page(
    graph: GraphService,
    source_id: str,
    target_id: str,
    *,
    max_hops: int = 3,
    embed: bool = False,
) -> str:
    """The union of the paths between two entities (at most ``max_hops`` relations)."""
    source = graph.require_entity(source_id)
    target = graph.require_entity(target_id)
    paths = graph.paths(source_id, target_id, max_hops=max_hops)
    subgraph = union_of_paths(paths, ends=(source, target))
    note = None if paths else f"No path of at most {max_hops} relations"
    return _page(
        graph,
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


def home_page(graph: GraphService, query: str | None = None) -> str:
    """Search box (suggesting as you type) and results; the overview (counts, plans by
    year and province, the industries most plans prioritise, the most connected
    platforms and institutions); the plans, to open or compare; the legend."""
    results: list[Entity] = []
    total = 0
    plans = graph.plans()
    if query is not None and query.strip():
        page = graph.search(query.strip(), limit=SEARCH_LIMIT)
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
        overview=overview(graph),
        province_max=HOME_PROVINCES,
    )


def error_page(message: str, *, status: int = 404, title: str = "Not found") -> str:
    return render_template(
        "not_found.html", title=title, message=message, status=status, home_url="/"
    )


def plan_names(graph: GraphService, subgraph: Subgraph) -> dict[str, str]:
    """Names of every plan the subgraph's mentions and evidence cite."""
    ids = {m.plan for e in subgraph.nodes for m in e.mentions if m.plan}
    ids |= {p.plan for r in subgraph.relations for p in r.evidence if p.plan}
    ids -= {e.id for e in subgraph.nodes}
    return {e.id: e.name for e in graph.get_entities(sorted(ids))} if ids else {}


def _page(
    graph: GraphService,
    subgraph: Subgraph,
    *,
    anchor_id: str | None,
    title: str,
    embed: bool,
    served: bool = True,
    note: str | None = None,
    metadata: Sequence[MetaRow] = (),
    timeline: Sequence[TimelineRow] = (),
    colors: Mapping[str, str] | None = None,
    plan_legend: Sequence[tuple[str, str]] = (),
) -> str:
    network = build_network(
        subgraph,
        anchor_id=anchor_id,
        title=title,
        plan_names=plan_names(graph, subgraph),
        colors=colors,
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
        timeline=timeline,
        plan_legend=plan_legend,
    )
