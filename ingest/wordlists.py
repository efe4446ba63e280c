"""Word lists kept in data files (``ingest/data``, ``ingest/learned/data``), read once.

A list is one word per line; ``#`` starts a comment line; ``[name]`` starts a section.
"""

from __future__ import annotations

import re
from pathlib import Path


def read_sections(path: Path) -> dict[str, tuple[str, ...]]:
    """The words of each section of ``path`` (words before any section: ``""``), in order."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word.startswith("[") and word.endswith("]"):
            current = word[1:-1]
            sections.setdefault(current, [])
            continue
        sections[current].append(word)
    return {name: tuple(dict.fromkeys(words)) for name, words in sections.items()}


def read_words(path: Path) -> tuple[str, ...]:
    """All words of ``path``, whatever their section."""
    return tuple(dict.fromkeys(w for words in read_sections(path).values() for w in words))


def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of ``words``, longest first (never the empty string)."""
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
