"""Labelled character spans and their BIO encoding, the tagger's unit of decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OUTSIDE = "O"


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` is a mention with ``label`` (offsets within one sentence)."""

    start: int
    end: int
    label: str


def to_bio(length: int, spans: Sequence[Span]) -> list[str]:
    """One tag per character: ``B-Label``, ``I-Label`` or ``O``; spans must not overlap."""
    tags = [OUTSIDE] * length
    for span in spans:
        tags[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{span.label}"
    return tags


def from_bio(tags: Sequence[str]) -> list[Span]:
    """Spans of a tag sequence; an ``I-`` without its ``B-`` starts a span (lenient)."""
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, OUTSIDE]):
        inside = tag[2:] if tag.startswith("I-") else None
        if start >= 0 and inside == label:
            continue
        if start >= 0:
            spans.append(Span(start, i, label))
            start = -1
        if tag != OUTSIDE:
            start, label = i, tag[2:]
    return spans


def longest_first(candidates: Sequence[Span]) -> list[Span]:
    """Non-overlapping spans, longer ones chosen first, then leftmost (in text order)."""
    taken: list[Span] = []
    used = set[int]()
    for span in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
        if any(i in used for i in range(span.start, span.end)):
            continue
        taken.append(span)
        used.update(range(span.start, span.end))
    return sorted(taken, key=lambda s: s.start)
