"""The paths search both stores share: simple paths, shortest first, bounded.

A store supplies two things: the hop counts to the target (a breadth-first search
from it, ``max_hops - 1`` deep) and, for any node, its relations as (other end,
relation key). The walk is depth-first in (other end, key) order and only steps onto a
node from which the target is still reachable within the hops left, so it explores
little beyond the paths it returns and stops at ``limit``: no enumeration of every
path, however dense the graph. The embedded store answers both from memory; the Neo4j
store asks the server, one breadth-first level or one node at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: (source id, relationship type, target id), a relation as stored (its direction kept).
RelKey = tuple[str, str, str]
#: A node's relations of the wanted types, self-loops aside: (other end, key) pairs.
Steps = Callable[[str], Iterable[tuple[str, RelKey]]]
#: A path as node ids and the keys of the relations between them.
PathRow = tuple[list[str], list[RelKey]]


def simple_paths(
    source: str,
    target: str,
    *,
    max_hops: int,
    limit: int,
    to_target: dict[str, int],
    steps: Steps,
) -> list[PathRow]:
    """Up to ``limit`` simple paths of at most ``max_hops`` relations, shortest first.

    ``to_target`` holds the hop count to ``target`` of every node within
    ``max_hops - 1`` hops of it. Paths of one length come in the order of their steps
    (next node id, then relation key).
    """
    if limit <= 0 or source == target:
        return []
    shortest = to_target.get(source)
    if shortest is None:
        near = [to_target[other] for other, _ in steps(source) if other in to_target]
        if not near:
            return []
        shortest = 1 + min(near)
    found: list[PathRow] = []
    nodes_on_path = [source]
    keys_on_path: list[RelKey] = []
    visited = {source}

    def walk(node: str, hops_left: int) -> bool:
        """Extend the current path by exactly ``hops_left`` hops; True when full."""
        ahead = sorted(
            (other, key)
            for other, key in steps(node)
            if other not in visited and to_target.get(other, max_hops) <= hops_left - 1
        )
        for other, key in ahead:
            if other == target:
                if hops_left != 1:
                    continue
                found.append(([*nodes_on_path, target], [*keys_on_path, key]))
                if len(found) >= limit:
                    return True
                continue
            visited.add(other)
            nodes_on_path.append(other)
            keys_on_path.append(key)
            full = walk(other, hops_left - 1)
            visited.discard(other)
            nodes_on_path.pop()
            keys_on_path.pop()
            if full:
                return True
        return False

    for length in range(max(shortest, 1), max_hops + 1):
        if walk(source, length):
            break
    return found
