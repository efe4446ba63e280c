"""Read back what a view page hands to vis-network."""

from __future__ import annotations

import json
import re
from typing import Any


def embedded_array(page: str, name: str) -> list[dict[str, Any]]:
    """The JSON array the page script passes to ``new vis.DataSet`` for nodes or edges."""
    match = re.search(rf"var {name} = new vis\.DataSet\((\[.*?\])\.map", page)
    assert match, f"no {name} data in page"
    data: list[dict[str, Any]] = json.loads(match.group(1))
    return data


def node_ids(page: str) -> set[str]:
    return {str(n["id"]) for n in embedded_array(page, "nodes")}


def edge_types(page: str) -> set[str]:
    return {str(e["label"]) for e in embedded_array(page, "edges")}
