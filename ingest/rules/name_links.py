"""What a name says about its bearer: where it is, and which field it serves.

The guidelines count both as relations ``by name``: 呼和浩特综保区 lies in 呼和浩特市
(LOCATED_IN), 稀土国家技术创新中心 serves 稀土 (SERVES). Both are precise and general:
a name that opens with a division is located there, and a platform's name minus its
place, its level and its head is its field. The words live in ``ingest/data``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from graph.schema import PLATFORM_LABELS, Label
from ingest.gazetteer import Region
from ingest.rules.lexicon import DATA, GENERIC_FIELDS, SUFFIX_LABELS
from ingest.rules.mentions import SentenceContext
from ingest.rules.names import is_kind
from ingest.wordlists import read_sections

#: Bodies whose name's place is their location (a government's is its jurisdiction).
PLACED_LABELS = frozenset(
    PLATFORM_LABELS | {Label.UNIVERSITY, Label.RESEARCH_INSTITUTE, Label.ENTERPRISE}
)
MIN_FIELD = 2
_BRACKETED_END = re.compile(r"[（(][^（）()]{1,8}[）)]$")


@cache
def _words() -> dict[str, tuple[str, ...]]:
    sections = read_sections(DATA / "name_fields.txt")
    heads = tuple(
        sorted({*SUFFIX_LABELS, *sections["heads"], *sections["fieldless"]}, key=len, reverse=True)
    )
    return {
        "fieldless": sections["fieldless"],
        "levels": tuple(sorted(sections["levels"], key=len, reverse=True)),
        "qualifiers": tuple(sorted(sections["qualifiers"], key=len, reverse=True)),
        "heads": heads,
    }


def leading_place(name: str, context: SentenceContext) -> tuple[Region, int] | None:
    """The division a name opens with (中国（海南）… counts), and where it ends.

    A short form (常熟, 湘西) counts at the front of a name when it names one division,
    or one in the plan's provinces: a name's opening is where its place is written.
    """
    offset = 3 if name.startswith(("中国（", "中国(")) else 0
    at_front = [m for m in context.gazetteer.find_all(name) if m.start == offset]
    own = [m for m in at_front if m.region.province_code in context.place.provinces]
    chosen = own or at_front
    if not chosen or len({m.region.code for m in chosen}) != 1 or chosen[0].end >= len(name):
        return None
    end = chosen[0].end
    return chosen[0].region, end + (1 if offset and name[end : end + 1] in "）)" else 0)


def located_in(name: str, label: Label, context: SentenceContext) -> tuple[Region, str] | None:
    """The division a body is in, by its name, and how the name writes it (海南 → 海南省)."""
    if label not in PLACED_LABELS:
        return None
    found = leading_place(name, context)
    if found is None:
        return None
    region, end = found
    return region, name[:end].removeprefix("中国（").removeprefix("中国(").rstrip("）)")


class Field(NamedTuple):
    """A field read from a name; ``certain`` when the head itself says 产业 (…产业联盟)."""

    name: str
    certain: bool


def served_field(name: str, label: Label, context: SentenceContext) -> Field | None:
    """The field a platform's name carries (莱阳清洁能源基地 → 清洁能源), if any."""
    if label not in PLATFORM_LABELS:
        return None
    words = _words()
    stem = _BRACKETED_END.sub("", name)
    found = leading_place(stem, context)
    if found:
        stem = stem[found[1] :]
    stem = _strip_front(stem, words["levels"])
    head = next((h for h in words["heads"] if stem.endswith(h)), None)
    if head is None or head in words["fieldless"]:
        return None
    stem = stem[: -len(head)]
    previous = None
    while stem != previous:
        previous = stem
        for qualifier in words["qualifiers"]:
            if stem.endswith(qualifier) and len(stem) > len(qualifier):
                stem = stem[: -len(qualifier)]
                break
    stem = _strip_front(stem, words["levels"])
    if len(stem) == 1 and head.startswith("产业"):
        stem += "产业"  # 锰产业技术创新战略联盟 serves 锰产业
    if len(stem) < MIN_FIELD or stem in GENERIC_FIELDS or is_kind(stem):
        return None
    if any(c in stem for c in "（）()、，,与和及等的"):
        return None
    return Field(stem, "产业" in head)


def _strip_front(text: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text
