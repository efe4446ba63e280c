"""Turn a ``Subgraph`` into a pyvis network and a self-contained HTML page.

Pages carry every script and stylesheet inline (the vis-network files pyvis ships),
so a view works offline and no request leaves the host. pyvis's own template links
bootstrap from a CDN whatever ``cdn_resources`` says, so pages are rendered with our
template (``viz/templates/view.html``) from the network's nodes, edges and options.

Everything read from documents is untrusted: tooltips are built here as HTML with
every text escaped, and the node/edge data is embedded as JSON that cannot close the
``<script>`` element it sits in.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.bounds import MAX_TITLE_CHARS, MAX_TOOLTIP_CHARS, clip
from graph.schema import SYMMETRIC_TYPES, Entity, Provenance, Relation, RelType, Subgraph
from viz.styles import LabelStyle, style_for

#: Where a click on a node goes; the node id is appended.
ENTITY_VIEW_BASE = "/viz/entities/"

_MAX_LABEL_CHARS = 18
_MAX_TOOLTIP_ITEMS = 6
_MAX_EVIDENCE = 4
#: Plans the entity view's timeline panel lists (the API pages through the rest).
_MAX_TIMELINE_ROWS = 40
_VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

_env = Environment(
    loader=PackageLoader("viz", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["clip"] = lambda text: clip(str(text), MAX_TITLE_CHARS)


# -- building -----------------------------------------------------------------------


def build_network(
    subgraph: Subgraph,
    *,
    anchor_id: str | None,
    title: str,
    plan_names: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
) -> Network:
    """A directed pyvis network: one node per entity, one labelled edge per relation.

    ``plan_names`` maps plan ids to names for the tooltips; plans that are nodes of the
    subgraph are named from it anyway, any other plan shows its id. ``colors`` overrides
    the label's colour of the nodes it names (a comparison colours by plan).
    """
    names = {e.id: e.name for e in subgraph.nodes}
    plans = {**{e.id: e.name for e in subgraph.nodes if e.label == "Plan"}, **(plan_names or {})}
    degree: Counter[str] = Counter()
    for rel in subgraph.relations:
        degree[rel.source] += 1
        degree[rel.target] += 1

    net = Network(directed=True, heading=clip(title, MAX_TITLE_CHARS), cdn_resources="in_line")
    for entity in subgraph.nodes:
        style = style_for(entity.label)
        is_anchor = entity.id == anchor_id
        net.add_node(
            entity.id,
            label=_short(entity.name),
            shape=style.shape,
            color=(colors or {}).get(entity.id, style.color),
            title=node_tooltip(entity, style, plans),
            size=28 if is_anchor else 10 + min(degree[entity.id], 20) * 0.6,
            borderWidth=3 if is_anchor else 1,
            font={"size": 16, "strokeWidth": 3} if is_anchor else {"size": 12},
            entityLabel=str(entity.label),
        )
    parallel: Counter[frozenset[str]] = Counter()
    for rel in subgraph.relations:
        if rel.source not in names or rel.target not in names:
            continue
        provenance = rel.type == RelType.MENTIONS
        pair = frozenset((rel.source, rel.target))
        parallel[pair] += 1
        bend = {"smooth": _bend(parallel[pair] - 1)} if parallel[pair] > 1 else {}
        net.add_edge(
            rel.source,
            rel.target,
            **bend,
            label=str(rel.type),
            title=edge_tooltip(rel, names, plans),
            arrows="" if rel.type in SYMMETRIC_TYPES else "to",
            dashes=provenance,
            color={"color": "#c8c8c8" if provenance else "#7a8a99", "highlight": "#222"},
            relType=str(rel.type),
        )
    net.options = _options(len(subgraph.nodes))  # type: ignore[assignment]
    return net


def _bend(index: int) -> dict[str, Any]:
    """Curve the ``index``-th extra relation between one pair so parallels stay apart."""
    return {
        "enabled": True,
        "type": "curvedCW" if index % 2 else "curvedCCW",
        "roundness": 0.2 * ((index + 1) // 2),
    }


def _options(node_count: int) -> dict[str, Any]:
    """Physics that settles the layout, then (see the page script) is switched off."""
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 110,
                "springConstant": 0.08,
                "avoidOverlap": 0.3,
            },
            "minVelocity": 1,
            "stabilization": {
                "enabled": True,
                "iterations": 250 if node_count <= 300 else 120,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": node_count > 300},
        "nodes": {"borderWidthSelected": 3},
        "edges": {
            "font": {"size": 9, "color": "#555", "strokeWidth": 2, "align": "middle"},
            "smooth": {"enabled": node_count <= 300, "type": "continuous"},
            "width": 1,
        },
    }


def _short(name: str) -> str:
    return name if len(name) <= _MAX_LABEL_CHARS else name[: _MAX_LABEL_CHARS - 1] + "…"


def _e(text: object) -> str:
    """Escaped and clipped: a tooltip shows at most ``MAX_TOOLTIP_CHARS`` of any text."""
    return html.escape(clip(str(text), MAX_TOOLTIP_CHARS), quote=True)


def _joined(items: Sequence[str], sep: str = "、") -> str:
    shown = sep.join(_e(i) for i in items[:_MAX_TOOLTIP_ITEMS])
    more = len(items) - _MAX_TOOLTIP_ITEMS
    return shown + (f" … (+{more})" if more > 0 else "")


def _plan_list(plan_ids: Iterable[str], plans: Mapping[str, str]) -> list[str]:
    return [plans.get(pid, pid) for pid in dict.fromkeys(plan_ids)]


def node_tooltip(entity: Entity, style: LabelStyle, plans: Mapping[str, str]) -> str:
    """HTML for a node's hover box: name, label, evidence count, aliases, properties, plans."""
    plan_names = _plan_list(entity.plans, plans)
    parts = [
        f"<b>{_e(entity.name)}</b>",
        _e(style.caption),
        f"证据 evidence: {len(entity.mentions)} · 规划 plans: {len(plan_names)}",
    ]
    if entity.aliases:
        parts.append(f"别名 aliases: {_joined(entity.aliases)}")
    for key, value in list(entity.properties.items())[:_MAX_TOOLTIP_ITEMS]:
        shown = "、".join(value) if isinstance(value, list) else value
        parts.append(f"{_e(key)}: {_e(shown)}")
    if plan_names:
        parts.append(f"规划 plans: {_joined(plan_names, '；')}")
    return "<br>".join(parts)


def edge_tooltip(rel: Relation, names: Mapping[str, str], plans: Mapping[str, str]) -> str:
    """HTML for an edge's hover box: the relation, its evidence sentences and plans."""
    head = (
        f"<b>{_e(rel.type)}</b><br>{_e(names.get(rel.source, rel.source))} → "
        f"{_e(names.get(rel.target, rel.target))}"
    )
    evidence = _distinct_sentences(rel.evidence)
    lines = [
        f"<blockquote>{_e(p.sentence)}</blockquote>"
        + (f"<small>— {_e(plans.get(p.plan, p.plan))}</small>" if p.plan else "")
        for p in evidence[:_MAX_EVIDENCE]
    ]
    if len(evidence) > _MAX_EVIDENCE:
        lines.append(f"<small>… +{len(evidence) - _MAX_EVIDENCE} more</small>")
    return head + "".join(lines)


def _distinct_sentences(evidence: Iterable[Provenance]) -> list[Provenance]:
    seen: dict[tuple[str, str | None], Provenance] = {}
    for p in evidence:
        if p.sentence:
            seen.setdefault((p.sentence, p.plan), p)
    return list(seen.values())


# -- rendering ----------------------------------------------------------------------


@cache
def _inline_assets() -> tuple[Markup, Markup]:
    """vis-network's script and stylesheet, read once per process."""
    script = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    style = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return Markup(script), Markup(style)


def script_json(value: object) -> Markup:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


def render_page(
    network: Network,
    *,
    legend: Sequence[LabelStyle],
    omitted: int,
    embed: bool,
    title: str,
    link_base: str | None = ENTITY_VIEW_BASE,
    home_url: str | None = "/",
    note: str | None = None,
    metadata: Sequence[Any] = (),
    timeline: Sequence[Any] = (),
    plan_legend: Sequence[Any] = (),
) -> str:
    """A complete HTML page for ``network``, every asset inline; ``metadata`` rows
    (caption, value, evidence) make a panel of the anchor plan's header fields;
    ``timeline`` rows (date, plan id, title, facts) a panel of the plans naming the anchor;
    ``plan_legend`` rows (colour, title) explain a comparison's colours.

    ``embed`` drops the header and search box, for an ``<iframe>``; clicks then stay in
    embed mode. ``link_base=None`` (a file written by the CLI) makes clicks select only;
    ``home_url=None`` drops the links to the server's home page and search.
    """
    script, style = _inline_assets()
    return _env.get_template("view.html").render(
        title=clip(title, MAX_TITLE_CHARS),
        embed=embed,
        omitted=omitted,
        note=note,
        metadata=metadata,
        timeline=timeline,
        timeline_max=_MAX_TIMELINE_ROWS,
        plan_legend=plan_legend,
        legend=legend,
        home_url=home_url,
        node_count=len(network.nodes),
        edge_count=len(network.edges),
        vis_script=script,
        vis_style=style,
        nodes_json=script_json(network.nodes),
        edges_json=script_json(network.edges),
        options_json=script_json(network.options),
        link_base_json=script_json(link_base),
        embed_json=script_json(embed),
    )


def render_template(name: str, **context: Any) -> str:
    """Render one of the other pages (home, not found) with the views' environment."""
    return _env.get_template(name).render(**context)
