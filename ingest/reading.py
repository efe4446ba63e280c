"""The reading view: the text the rules read, the document's text character for character.

Rules are written for simplified characters and ASCII digits. Plans also arrive in
traditional characters (a Big5 file gave 18 of 55 entities) and with full-width digits
(２０１１年 left the year empty). Rather than teach every rule every variant, the rules
read a view in which each character is replaced by at most one other character:

- full-width digits and Latin letters by their ASCII forms, the ideographic space by a
  space (the one-to-one part of NFKC: NFKC as a whole changes lengths, and so offsets);
- in a document that looks traditional, each traditional character by its simplified
  form from OpenCC's t2s character table (``TSCharacters``, shipped as
  ``ingest/data/t2s_characters.txt``), where that form is one character. A simplified
  document is left alone: the table also maps characters that simplified text uses in
  names (乾, 昇), and a character-wise guess would spoil them.

Offsets into the view are offsets into the original, so evidence keeps the original
sentences (``keep_original_evidence``) while names are read in their common form.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from graph.schema import GraphBatch, Provenance
from ingest.models import SourceDocument
from ingest.wordlists import read_words

#: OpenCC's one-to-one traditional → simplified entries (``scripts/make_t2s.py``).
T2S_FILE = Path(__file__).with_name("data") / "t2s_characters.txt"

#: Share of CJK characters that must be traditional-only for a text to be read as such
#: (traditional plans have about a third, simplified ones a few per hundred thousand).
TRADITIONAL_MIN_SHARE = 0.1
#: How much of a document is looked at to tell traditional from simplified.
SNIFF_CHARS = 200_000
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FULL_WIDTH_ALNUM = (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))


@cache
def width_table() -> dict[int, str]:
    """Full-width digits and letters → ASCII; ideographic space → space."""
    table = {code: chr(code - 0xFEE0) for code in _FULL_WIDTH_ALNUM}
    table[0x3000] = " "
    return table


@cache
def t2s_table() -> dict[int, str]:
    """OpenCC's traditional → simplified characters, the one-to-one entries only."""
    return {ord(pair[0]): pair[1] for pair in read_words(T2S_FILE)}


@cache
def _traditional_table() -> dict[int, str]:
    return {**t2s_table(), **width_table()}


def looks_traditional(text: str) -> bool:
    """Whether enough of the opening's CJK characters exist only in traditional script."""
    sample = text[:SNIFF_CHARS]
    cjk = len(_CJK.findall(sample))
    if cjk == 0:
        return False
    table = t2s_table()
    traditional = sum(1 for char in sample if ord(char) in table)
    return traditional / cjk >= TRADITIONAL_MIN_SHARE


def reading_view(text: str) -> str:
    """``text`` as the rules read it: same length, each character mapped one to one."""
    return text.translate(_traditional_table() if looks_traditional(text) else width_table())


def reading_document(document: SourceDocument) -> SourceDocument:
    """The document with its text replaced by the reading view (the same object if equal)."""
    view = reading_view(document.text)
    return document if view == document.text else document.model_copy(update={"text": view})


def keep_original_evidence(batch: GraphBatch, view: str, original: str) -> GraphBatch:
    """``batch`` read from ``view``, with each evidence sentence put back as ``original``
    has it (same offsets: the view is the original character for character)."""
    if view is original:
        return batch

    def restored(provenance: Provenance) -> Provenance:
        start, end = provenance.start, provenance.end
        if provenance.sentence and view[start:end] == provenance.sentence:
            return provenance.model_copy(update={"sentence": original[start:end]})
        return provenance

    entities = [
        entity.model_copy(update={"mentions": [restored(p) for p in entity.mentions]})
        for entity in batch.entities
    ]
    relations = [
        relation.model_copy(update={"evidence": [restored(p) for p in relation.evidence]})
        for relation in batch.relations
    ]
    return GraphBatch(entities=entities, relations=relations)
