"""Split text into sentences with their offsets, the unit every fact's evidence cites."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Sentence ends: full stops, semicolons, exclamation and question marks of either
# width, and line breaks (plan items are often one per line without a full stop).
_END = re.compile(r"[。;；!！?？\n]+")


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
    if start < end:
        yield Sentence(text[start:end], base + start, base + end)
