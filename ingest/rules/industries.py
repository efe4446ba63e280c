"""Industries: the items of field lists (在A、B等领域, 以A、B为重点) and the fields in names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.rules.lexicon import (
    ACTION_ENDINGS,
    GENERIC_FIELDS,
    GENERIC_INDUSTRIES,
    LEFT_STOP_CHARS,
    LEFT_STOPS,
    NON_INDUSTRY_ENDINGS,
    NOT_INDUSTRY_STARTS,
    PLACEHOLDER,
    word_ends_at,
)

_HAS_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_STEM_TAIL = re.compile(r"(?:产业链|产业|领域|行业)$")
_BAD_CHARS = re.compile(r"[的等,，。;；:：“”《》()（）\s]")


def industry_name(item: str) -> tuple[str, list[str]] | None:
    """Canonical industry for a list item or a name's field, or None if it is no industry.

    The generic head 产业 is dropped (新材料产业 -> 新材料) except after a one- or
    two-character stem, which needs it to stay a noun (锰产业, 创意产业).
    """
    item = item.strip().strip('“”"')
    if PLACEHOLDER.match(item):
        item = PLACEHOLDER.sub("", item)
    if not item or _BAD_CHARS.search(item) or not _HAS_CJK_OR_ALNUM.search(item):
        return None
    if item.startswith(NOT_INDUSTRY_STARTS) or item[0] in "以在为对把将向从与和及":
        return None
    stem = _STEM_TAIL.sub("", item)
    if not stem:
        return None
    name = stem if len(stem) >= 3 else (stem + "产业" if stem != item else item)
    if len(name) > 12 or len(name) < 2:
        return None
    if name in GENERIC_INDUSTRIES or item in GENERIC_INDUSTRIES:
        return None
    if stem in GENERIC_FIELDS and name == stem:
        return None
    if name.endswith(NON_INDUSTRY_ENDINGS) or stem.endswith(ACTION_ENDINGS):
        return None
    if "级" in stem:
        return None
    aliases = [item] if item != name else []
    return name, aliases


@dataclass(frozen=True)
class FieldList:
    """Items of one field list and what the sentence does with them."""

    items: tuple[tuple[str, int, int], ...]  # item text and its span in the sentence
    role: str  # "priority", "target" (以…为目标), "around" (围绕…产业), "segment" (为重点的X产业),
    # "serving" (服务A和B产业)
    start: int
    end: int
    parent: str | None = None  # the whole industry of a "segment" list


_LIST_BODY = r"[^,，。;；:：!！?？“”《》]{2,120}?"
# 以A、B等为重点: a list (with 、 or 等) that holds no 为 of its own (以国家级为龙头、省级为重点).
_LIST_OF_FIELDS = (
    r"[^,，。;；:：!！?？“”《》为]{2,120}?(?:、[^,，。;；:：!！?？“”《》为]{1,20}?)+"
    r"|[^,，。;；:：!！?？“”《》为]{2,40}?(?=等)"
)
_QUANT = r"(?:\d+|[一二三四五六七八九十两几]+)?(?:个|大|项)?"
_QUAL = r"(?:高新技术|战略性|战略|优势|重点|新兴|特色|前沿|主导|关键|重大|产业)*"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"({_LIST_BODY})等{_QUANT}{_QUAL}领域"), "priority"),
    (re.compile(r"在([^,，。;；:：、等]{2,10})领域"), "priority"),
    (re.compile(rf"以({_LIST_OF_FIELDS})(?:等)?为(?:重点|主攻方向|主导)(?!的)"), "priority"),
    (re.compile(rf"以({_LIST_OF_FIELDS})(?:等)?为(?:目标|方向)"), "target"),
    (re.compile(rf"围绕({_LIST_BODY})等{_QUANT}{_QUAL}(?:产业|环节)"), "around"),
    (re.compile(r"(?:重点|主导|特色)产业(?:领域)?[:：]([^。;；]{2,120}?)(?:等|$)"), "priority"),
    (re.compile(rf"({_LIST_BODY})为重点的([^,，。;；、的]{{2,10}}?产业)"), "segment"),
    (
        re.compile(
            r"(?:发展|促进|培育|壮大|做强)(?:我[乡镇县市州省区])?([\u4e00-\u9fff]{2,8}?业)(?:(?:和|、|及)([\u4e00-\u9fff]{2,8}?业))?"
        ),
        "priority",
    ),
    (re.compile(r"实施((?:[^,，。;；、]{2,12}产业、)*[^,，。;；、]{2,12}产业)专项"), "priority"),
    (re.compile(r"围绕([^,，。;；、]{2,10})产业链"), "chain"),
    # 服务A和B产业: the platform named before works for each field of the list.
    (
        re.compile(
            r"服务(?:于)?((?:[^,，。;；、和及与的]{2,12}?(?:、|和|及|与|以及))*"
            r"[^,，。;；、和及与的]{2,12}?)等?(?:产业|领域|行业)"
        ),
        "serving",
    ),
    (re.compile(r"(?:推进|促进|加快|推动)([^,，。;；、]{2,8}?产业)(?:发展|集聚)"), "priority"),
)
_CUT_WORDS = frozenset(LEFT_STOPS - {"和", "及", "与"}) | {"中的", "扩大到"}


def _trim_left(body: str) -> int:
    """Offset in ``body`` where the first item starts: after the last verb or function word."""
    position = len(body)
    while position > 0:
        if body[position - 1] in LEFT_STOP_CHARS and body[position - 1] != "、":
            break
        if word_ends_at(body, position, _CUT_WORDS):
            break
        position -= 1
    return position


def split_items(body: str, offset: int) -> list[tuple[str, int, int]]:
    """Items of ``body`` separated by 、 (and by 和/及 between two 业 words), with spans."""
    items: list[tuple[str, int, int]] = []
    cursor = 0
    for part in body.split("、"):
        pieces = re.split(r"(?<=业)(?:和|及)(?=[\u4e00-\u9fff]{1,8}业$)", part)
        inner = 0
        for piece in pieces:
            at = part.find(piece, inner)
            items.append((piece, offset + cursor + at, offset + cursor + at + len(piece)))
            inner = at + len(piece)
        cursor += len(part) + 1
    return [item for item in items if item[0]]


def field_lists(text: str) -> list[FieldList]:
    """Every field list of one sentence."""
    found: list[FieldList] = []
    for pattern, role in _PATTERNS:
        fixed_start = pattern.pattern.startswith(
            ("(?:发展", "(?:推进", "实施", "(?:重点", "围绕(", "在(", "服务")
        )
        for match in pattern.finditer(text):
            if role == "serving":
                items = [
                    (part.group(0), match.start(1) + part.start(), match.start(1) + part.end())
                    for part in re.finditer(r"(?:(?!以及)[^、和及与])+", match.group(1))
                ]
            elif role == "segment" or not fixed_start:
                body = match.group(1)
                cut = _trim_left(body)
                items = split_items(body[cut:], match.start(1) + cut)
            else:
                items = [
                    item
                    for index, group in enumerate(match.groups(), 1)
                    if group
                    for item in split_items(group, match.start(index))
                ]
            parent = match.group(2) if role == "segment" else None
            found.append(FieldList(tuple(items), role, match.start(), match.end(), parent=parent))
    return found
