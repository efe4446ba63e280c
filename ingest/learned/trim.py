"""Drop leading words that never begin a name from a tagged span.

The tagger learns left boundaries from a few thousand mentions; verbs, prepositions,
pronouns and scope words (瞄准集成电路, 全省虚拟现实产业) are too many to learn one by
one, and the guidelines rule them out of every name, so a list of them trims the span.
The trim follows jieba's words, so 发展改革委 (one word) is not cut at 发展.
"""

from __future__ import annotations

from functools import cache

from ingest.learned.cues import DATA
from ingest.learned.spans import Span
from ingest.wordlists import read_words

#: A trimmed span keeps at least this many characters.
MIN_NAME = 2


@cache
def leading_words() -> frozenset[str]:
    return frozenset(read_words(DATA / "left_trim.txt"))


def trim_left(text: str, span: Span, words: list[tuple[int, int]]) -> Span:
    """``span`` without the leading words of ``leading_words`` (jieba's ``words``)."""
    starts = {s: e for s, e in words}
    start = span.start
    trims = leading_words()
    while start in starts:
        end = starts[start]
        if text[start:end] not in trims or span.end - end < MIN_NAME:
            break
        start = end
    return span if start == span.start else Span(start, span.end, span.label)
