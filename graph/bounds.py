"""Size bounds on text read from documents, so that one hostile document cannot bloat
every answer that shows it.

A document without line breaks once made its whole text a plan title; the title was
copied into every tooltip, the home page and the plan list, and a 1 MB upload made a
1.25 GB page. Text that names something (titles, labels) is one line of at most
``MAX_TITLE_CHARS``; evidence sentences are cut into pieces of at most
``MAX_SENTENCE_CHARS`` when they are read; what a page or an answer shows of them is
clipped again here, and lists of evidence are capped where they are answered.
"""

from __future__ import annotations

#: A title, issuer or header: one line, at most this many characters.
MAX_TITLE_CHARS = 200
#: An evidence sentence is never longer than this (``ingest.sentences`` cuts longer runs).
MAX_SENTENCE_CHARS = 1000
#: What a tooltip shows of any one text.
MAX_TOOLTIP_CHARS = 160
#: Evidence items one entity or relation shows in a JSON answer.
MAX_EVIDENCE_ITEMS = 50
#: Aliases one entity shows in a JSON answer.
MAX_ALIASES = 50

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking a cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def one_line(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The first line of ``text``, stripped and clipped: what a title may be."""
    first = text.strip().split("\n", 1)[0].strip()
    return clip(first, limit)
