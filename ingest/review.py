"""Where a plan reviews what it has done: passages whose figures are results, not goals.

Government work reports open with a review (一、2025年工作回顾; 五年来，…) full of
figures — 增长5.3%, 新建口袋公园100个 — that read exactly like goals. Telling a result
from a goal by the sentence alone misses most of them; the report's own structure says
it plainly. A review section runs from a top-level heading that names a review to the
next top-level heading; a paragraph that opens with 五年来 or 一年来 is a review
wherever it stands (an excerpt may start inside the section). The words are in
``ingest/data/review_words.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from ingest.wordlists import any_of, read_sections

_WORDS = read_sections(Path(__file__).with_name("data") / "review_words.txt")
_HEADING_WORD = any_of(_WORDS["heading"])
_OPENERS = _WORDS["opener"]
#: A top-level heading: 一、 … 十二、 at the start of a line.
_TOP_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、")


def review_ranges(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of ``text`` (plus ``offset``) that review past results,
    sorted, with adjacent review lines joined into one range."""
    ranges: list[tuple[int, int]] = []
    in_section = False
    position = 0
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line)
        position = end
        opening = line.strip()
        if _TOP_HEADING.match(opening):
            in_section = bool(_HEADING_WORD.search(opening[:40]))
        if not (in_section or opening.startswith(_OPENERS)):
            continue
        if ranges and ranges[-1][1] == offset + start:
            ranges[-1] = (ranges[-1][0], offset + end)
        else:
            ranges.append((offset + start, offset + end))
    return ranges


def in_ranges(position: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls in one of ``ranges`` (sorted, not overlapping).

    A binary search: a long document is a sentence per call over many ranges."""
    index = bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]
