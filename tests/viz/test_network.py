"""The network and page built from a subgraph: what a reader sees and what the page loads."""

from __future__ import annotations

import json
import re

import pytest

from graph.schema import Entity, Label, Provenance, Relation, RelType, Subgraph
from tests.viz.pages import embedded_array
from viz.network import build_network, render_page, script_json
from viz.styles import STYLES, legend

PLAN = Entity.create(Label.PLAN, "2011年全州科技工作要点")
SENTENCE = "依托吉首大学组建锰锌钒产业技术创新战略联盟。"
EVIDENCE = Provenance(document="doc-1", plan=PLAN.id, sentence=SENTENCE, start=10, end=32)
UNIVERSITY = Entity.create(Label.UNIVERSITY, "吉首大学", aliases=["吉大"], mentions=[EVIDENCE])
ALLIANCE = Entity.create(Label.ALLIANCE, "锰锌钒产业技术创新战略联盟", mentions=[EVIDENCE])
INDUSTRY = Entity.create(Label.INDUSTRY, "锰产业", mentions=[EVIDENCE])


def _subgraph(*extra: Entity, omitted: int = 0) -> Subgraph:
    return Subgraph(
        nodes=[PLAN, UNIVERSITY, ALLIANCE, INDUSTRY, *extra],
        relations=[
            Relation.create(RelType.BUILDS, UNIVERSITY.id, ALLIANCE.id, evidence=[EVIDENCE]),
            Relation.create(RelType.SERVES, ALLIANCE.id, INDUSTRY.id, evidence=[EVIDENCE]),
            Relation.create(RelType.MENTIONS, PLAN.id, UNIVERSITY.id, evidence=[EVIDENCE]),
        ],
        omitted=omitted,
    )


def _page(subgraph: Subgraph, *, embed: bool = False) -> str:
    network = build_network(subgraph, anchor_id=INDUSTRY.id, title="锰产业")
    return render_page(
        network, legend=legend(), omitted=subgraph.omitted, embed=embed, title="锰产业"
    )


def test_one_node_per_subgraph_entity() -> None:
    network = build_network(_subgraph(), anchor_id=INDUSTRY.id, title="t")
    assert sorted(n["id"] for n in network.nodes) == sorted(e.id for e in _subgraph().nodes)


def test_node_colour_and_shape_follow_the_label_style() -> None:
    network = build_network(_subgraph(), anchor_id=None, title="t")
    by_id = {n["id"]: n for n in network.nodes}
    for entity in _subgraph().nodes:
        style = STYLES[entity.label]
        assert (by_id[entity.id]["color"], by_id[entity.id]["shape"]) == (style.color, style.shape)


def test_every_label_has_its_own_colour() -> None:
    assert len({s.color for s in STYLES.values()}) == len(Label)


def test_edges_are_labelled_with_the_relationship_type() -> None:
    network = build_network(_subgraph(), anchor_id=None, title="t")
    assert sorted(e["label"] for e in network.edges) == ["BUILDS", "MENTIONS", "SERVES"]


def test_edge_tooltip_carries_evidence_sentence_and_plan_name() -> None:
    network = build_network(_subgraph(), anchor_id=None, title="t")
    builds = next(e for e in network.edges if e["label"] == "BUILDS")
    assert SENTENCE in builds["title"]
    assert PLAN.name in builds["title"]


def test_edge_tooltip_names_plans_outside_the_subgraph_from_plan_names() -> None:
    subgraph = Subgraph(nodes=[UNIVERSITY, ALLIANCE], relations=_subgraph().relations[:1])
    network = build_network(subgraph, anchor_id=None, title="t", plan_names={PLAN.id: "某规划"})
    assert "某规划" in network.edges[0]["title"]


def test_node_tooltip_carries_name_label_aliases_and_plans() -> None:
    network = build_network(_subgraph(), anchor_id=None, title="t")
    tip = next(n["title"] for n in network.nodes if n["id"] == UNIVERSITY.id)
    for expected in ("吉首大学", STYLES[Label.UNIVERSITY].caption, "吉大", PLAN.name):
        assert expected in tip


def test_node_data_keeps_the_entity_id_for_click_navigation() -> None:
    page = _page(_subgraph())
    assert {n["id"] for n in embedded_array(page, "nodes")} == {e.id for e in _subgraph().nodes}
    assert '"/viz/entities/"' in page


def test_page_inlines_vis_network_and_references_nothing_remote() -> None:
    page = _page(_subgraph())
    assert "vis.Network" in page and len(page) > 400_000  # the library itself is inline
    remote = re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
        page,
        flags=re.IGNORECASE,
    )
    assert remote == []
    assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", page)


def test_page_exposes_the_network_globally_and_stops_physics_after_stabilising() -> None:
    page = _page(_subgraph())
    assert "window.network = network" in page
    assert 'network.once("stabilizationIterationsDone"' in page
    assert "setOptions({physics: false})" in page


def test_full_page_has_header_and_search() -> None:
    page = _page(_subgraph())
    assert '<header class="pg-header">' in page
    assert 'name="q"' in page


def test_embed_mode_drops_header_and_search() -> None:
    page = _page(_subgraph(), embed=True)
    assert "<header" not in page
    assert 'name="q"' not in page
    assert "pg-legend" in page


def test_page_notes_how_many_nodes_the_cap_left_out() -> None:
    assert "42 nodes not shown" in _page(_subgraph(omitted=42))


def test_page_has_no_omitted_note_when_nothing_was_left_out() -> None:
    assert "nodes not shown" not in _page(_subgraph())


def test_page_lists_the_legend() -> None:
    page = _page(_subgraph())
    assert all(style.caption in page for style in legend())


HOSTILE = "<script>alert(1)</script>"


@pytest.mark.parametrize("embed", [False, True])
def test_hostile_names_never_reach_the_page_as_markup(embed: bool) -> None:
    evil = Entity.create(
        Label.ENTERPRISE, f"坏公司{HOSTILE}", aliases=["<img src=x onerror=alert(2)>"]
    )
    page = render_page(
        build_network(_subgraph(evil), anchor_id=evil.id, title=evil.name),
        legend=legend(),
        omitted=0,
        embed=embed,
        title=evil.name,
    )
    assert HOSTILE not in page
    assert "<img src=x" not in page
    tip = next(n["title"] for n in embedded_array(page, "nodes") if n["id"] == evil.id)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tip
    assert "&lt;img src=x onerror=alert(2)&gt;" in tip


def test_hostile_evidence_is_escaped_in_edge_tooltips() -> None:
    bad = Provenance(document="d", plan=PLAN.id, sentence=f"句子{HOSTILE}")
    subgraph = Subgraph(
        nodes=[UNIVERSITY, ALLIANCE],
        relations=[Relation.create(RelType.BUILDS, UNIVERSITY.id, ALLIANCE.id, evidence=[bad])],
    )
    tip = build_network(subgraph, anchor_id=None, title="t").edges[0]["title"]
    assert HOSTILE not in tip and "&lt;script&gt;" in tip


def test_script_json_cannot_close_its_script_element() -> None:
    text = str(script_json({"name": "</script><!--", "amp": "&"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!--", "amp": "&"}
