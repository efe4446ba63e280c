"""Split text into sentences with their offsets, the unit every fact's evidence cites.

A sentence is at most ``MAX_SENTENCE_CHARS`` long: a run of text without any sentence
end (a damaged or hostile document) is cut into pieces, after a comma where one is
near the limit, so that no evidence copied into the graph is larger than that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.bounds import MAX_SENTENCE_CHARS

# Sentence ends: full stops, semicolons, exclamation and question marks of either
# width, and line breaks (plan items are often one per line without a full stop).
_END = re.compile(r"[。;；!！?？\n]+")
# Where an over-long run may be cut: after a comma, an enumeration comma or a space.
_SOFT_BREAKS = "，,、 \u3000"
# A soft break is looked for in the last this-many characters of a piece.
_SOFT_BREAK_WINDOW = MAX_SENTENCE_CHARS // 4


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document
    end: int


def split_sentences(text: str, base: int = 0) -> Iterator[Sentence]:
    """Sentences of ``text`` with offsets shifted by ``base``, stripped, non-empty."""
    position = 0
    for match in _END.finditer(text):
        yield from _emit(text, position, match.start(), base)
        position = match.end()
    yield from _emit(text, position, len(text), base)


def _emit(text: str, start: int, end: int, base: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start + MAX_SENTENCE_CHARS)
        yield from _emit(text, start, cut, base)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Sentence(text[start:end], base + start, base + end)


def _cut(text: str, limit: int) -> int:
    """Where to end a piece of text that may not pass offset ``limit``."""
    for position in range(limit, limit - _SOFT_BREAK_WINDOW, -1):
        if text[position - 1] in _SOFT_BREAKS:
            return position
    return limit
