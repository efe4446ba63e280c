"""Build+serialise time of entity views of 50, 300 and 2000 nodes (synthetic graphs).

Prints one JSON object on the last line: the median milliseconds per size, over a few
runs after one warm-up (which also reads the inlined vis-network assets once).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.schema import Entity, Label, Provenance, Relation, RelType, Subgraph
from viz.network import build_network, render_page
from viz.styles import legend

SIZES = (50, 300, 2000)
RUNS = 5


def synthetic_subgraph(n: int, *, seed: int = 7) -> Subgraph:
    """A star-ish graph of ``n`` entities of every label, ~2 relations per node."""
    rng = random.Random(seed)
    labels = list(Label)
    plan = Entity.create(Label.PLAN, "2011年全州科技工作要点")
    nodes = [plan]
    for i in range(1, n):
        label = labels[i % len(labels)]
        nodes.append(
            Entity.create(
                label,
                f"实体{i}号{label.value}",
                aliases=[f"别名{i}"],
                mentions=[Provenance(document="d1", plan=plan.id, sentence=f"第{i}句。")],
            )
        )
    relations: dict[tuple[str, str, str], Relation] = {}
    types = [t for t in RelType if t != RelType.MENTIONS]
    for i, node in enumerate(nodes[1:], start=1):
        rel = Relation.create(
            RelType.MENTIONS,
            plan.id,
            node.id,
            evidence=[Provenance(document="d1", plan=plan.id, sentence=f"规划提到<实体{i}>。")],
        )
        relations[rel.key()] = rel
        other = nodes[rng.randrange(1, n)]
        if other.id != node.id:
            rel = Relation.create(
                rng.choice(types),
                node.id,
                other.id,
                evidence=[Provenance(document="d1", plan=plan.id, sentence=f"实体{i}与其他合作。")],
            )
            relations[rel.key()] = rel
    return Subgraph(nodes=nodes, relations=list(relations.values()))


def view_ms(subgraph: Subgraph) -> float:
    start = time.perf_counter()
    network = build_network(subgraph, anchor_id=subgraph.nodes[0].id, title="bench")
    page = render_page(network, legend=legend(), omitted=0, embed=False, title="bench")
    elapsed = (time.perf_counter() - start) * 1000
    assert len(page) > 0
    return elapsed


def main() -> None:
    figures: dict[str, float | int] = {}
    figures["cold_first_view_ms"] = round(view_ms(synthetic_subgraph(50)), 1)
    for n in SIZES:
        subgraph = synthetic_subgraph(n)
        view_ms(subgraph)  # warm-up: templates compiled, assets read
        figures[f"view_{n}_nodes_ms"] = round(
            statistics.median(view_ms(subgraph) for _ in range(RUNS)), 1
        )
        figures[f"view_{n}_relations"] = len(subgraph.relations)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
