"""Coordinated names share one head.

植物资源提取、民族医药等技术创新战略联盟 names two alliances.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.schema import Label
from ingest.rules.lexicon import (
    FIELD_HEADS,
    HEAD_MODIFIERS,
    LEFT_STOP_CHARS,
    LEFT_STOPS,
    word_ends_at,
)

_LEAD_QUANTITY = re.compile(r"^(?:一批|若干|(?:\d+|[一二三四五六七八九十两几]+)(?:个|家|大|项|类))")
_TAIL_QUANTITY = re.compile(r"(?:一批|若干|(?:\d+|[一二三四五六七八九十两几]+)(?:个|家|大|项|类))$")
_MAX_ITEM = 12
_ITEM_STOPS = frozenset(LEFT_STOPS - {"和", "及", "与"})


@dataclass(frozen=True)
class Coordination:
    items: tuple[tuple[str, int, int], ...]  # sentence spans of the modifiers
    head: str
    start: int  # where the coordinated phrase starts


def strip_head(head: str, label: Label, suffix: str) -> str:
    """The shared head without quantity and evaluative modifiers (三个特色产业… -> 产业…)."""
    if label == Label.PROGRAM:
        return suffix
    head = _LEAD_QUANTITY.sub("", head)
    changed = True
    while changed:
        changed = False
        for modifier in HEAD_MODIFIERS:
            rest = head[len(modifier) :]
            if (
                head.startswith(modifier)
                and rest
                and not rest.startswith("技术")
                and len(rest) >= 2
            ):
                head = rest
                changed = True
                break
    return head


def _items_before(
    text: str, end: int, taken: list[tuple[int, int]]
) -> tuple[list[tuple[str, int, int]], int]:
    """Items separated by 、 that end at ``end``, scanning left to a verb or punctuation."""
    items: list[tuple[str, int, int]] = []
    position = end
    item_end = end
    while position > 0 and end - position < 80:
        char = text[position - 1]
        if char == "、":
            items.append((text[position:item_end], position, item_end))
            position -= 1
            item_end = position
            continue
        if char in LEFT_STOP_CHARS:
            break
        if word_ends_at(text, position, _ITEM_STOPS):
            break
        position -= 1
    items.append((text[position:item_end], position, item_end))
    items.reverse()
    for _, start, stop in items:
        if any(start < t_end and t_start < stop for t_start, t_end in taken):
            return [], end
    if any(not item or len(item) > _MAX_ITEM for item, _, _ in items):
        return [], end
    return items, position


def find_coordination(
    text: str,
    start: int,
    end: int,
    label: Label,
    suffix: str,
    taken: list[tuple[int, int]],
) -> Coordination | None:
    """The coordinated modifiers of the name ``text[start:end]``, if it heads a list.

    ``taken`` are the spans of other mentions: a list whose items are names of their
    own (重点实验室、工程技术研究中心…) is a list of names, not of modifiers.
    """
    name = text[start:end]
    # Case 1: "A、B等[三个][特色]HEAD" — the list ends with 等 before the head.
    position = start
    lead = ""
    while True:
        match = _TAIL_QUANTITY.search(text, 0, position)
        if match and match.end() == position:
            lead = match.group(0) + lead
            position = match.start()
            continue
        hit = next((m for m in HEAD_MODIFIERS if text.endswith(m, 0, position)), None)
        if hit:
            lead = hit + lead
            position -= len(hit)
            continue
        break
    if position > 0 and text[position - 1] == "等":
        items, list_start = _items_before(text, position - 1, taken)
        if items:
            head = strip_head(lead + name, label, suffix)
            return Coordination(tuple(items), head, list_start)
        return None
    # Case 2: "A、B、C HEAD" — the last item is written together with the head.
    if start > 0 and text[start - 1] == "、" and label != Label.PROGRAM:
        shared = next((h for h in FIELD_HEADS if name.endswith(h) and len(name) > len(h)), None)
        if shared is None:
            return None
        head = shared
        items, list_start = _items_before(text, start - 1, taken)
        placeholder = re.match(r"^(?:x{2,}|X{2,})", name)
        if items and placeholder and all(re.fullmatch(r"x{2,}|X{2,}", i[0]) for i in items):
            head = name[placeholder.end() :]  # xx、xxxx离岸孵化器: anonymised places share the head
        last = (name[: -len(head)], start, end - len(head))
        if items:
            return Coordination((*items, last), head, list_start)
    return None
