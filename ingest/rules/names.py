"""Canonical names: kinds are not names, abbreviations expand, level words resolve.

A plan writes 省科技厅, 州人民政府 or 市农科院 and means the body of its own province,
prefecture or city; the resolver knows the plan's region and rewrites those to one
canonical name, keeping the written form as an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.schema import Label, normalize_name
from ingest.gazetteer import Gazetteer, short_display
from ingest.rules.lexicon import (
    ABBREVIATIONS,
    DESCRIPTIVE_STARTS,
    GENERIC_FIELDS,
    KIND_PREFIXES,
    KIND_WORDS,
    KNOWN_PROGRAMS,
    LEVEL_CHARS,
    PLACEHOLDER,
    SUFFIX_EXPANSIONS,
)

_NUMBER_START = re.compile(
    r"^(?:\d+(?:[至到~-]\d+)?|[一二三四五六七八九十两几]+)(?:个|家|大|项|所|批|种|类|条)"
)
_YEAR_START = re.compile(r"^\d{4}年(?:度)?")
_KIND_PREFIX_RE = re.compile(
    "^(?:" + "|".join(sorted(map(re.escape, KIND_PREFIXES), key=len, reverse=True)) + ")"
)
INSTITUTION_LIKE = frozenset(
    {Label.UNIVERSITY, Label.RESEARCH_INSTITUTE, Label.ENTERPRISE, Label.GOVERNMENT}
)


_LEVEL_QUALIFIED = re.compile(r"(?:国家|省|市|县|州|区|镇|乡|元|地区)级")
# A place name written before the level: the designation of that place's one body.
_PLACE_BEFORE_LEVEL = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:省|国家)级(?!以上)")


def is_kind(name: str, *, program: bool = False) -> bool:
    """True when ``name`` denotes a kind of body (省级重点实验室, 高校), not one body.

    A level-qualified name (省级…, 镇级…) is a designation any body may hold. For
    programmes 国家 stays: 国家科技重大专项 is one programme, 科技重大专项 is a kind.
    """
    bare = normalize_name(name)
    if program and re.match(r"^国家(?:和|及|、)", bare):
        bare = bare[3:]
    if not bare or "的" in bare or bare.startswith(DESCRIPTIVE_STARTS) or _NUMBER_START.match(bare):
        return True
    previous = None
    while bare and bare != previous:
        if bare in KIND_WORDS:
            return True
        if not program and _LEVEL_QUALIFIED.match(bare):
            return True
        previous = bare
        if program and bare.startswith("国家"):
            break
        bare = _KIND_PREFIX_RE.sub("", bare, count=1)
    if not program and _LEVEL_QUALIFIED.search(bare) and not _PLACE_BEFORE_LEVEL.match(bare):
        return True  # 企业省级研发中心; but 安化省级农业科技园区 is one park
    return not bare or bare in KIND_WORDS


@dataclass
class PlanPlace:
    """The plan's own region at each level, for resolving 省/市/州/县/乡 prefixes."""

    by_level: dict[str, str] = field(default_factory=dict)
    provinces: set[str] = field(default_factory=set)  # province codes corroborated in the plan
    placeholder: bool = False
    region: str | None = None
    canonical_region: dict[str, str] = field(default_factory=dict)  # display -> region name

    @classmethod
    def build(
        cls,
        gazetteer: Gazetteer,
        region: str | None,
        level: str | None,
        parents: list[str],
    ) -> PlanPlace:
        place = cls(region=region)
        if region and PLACEHOLDER.match(region):
            place.placeholder = True
            place.by_level[level or "prefecture"] = region
            place.canonical_region[region] = region
            stem = PLACEHOLDER.match(region)
            assert stem is not None
            place.by_level.setdefault("province", stem.group(0) + "省")
            return place
        for name in [region, *parents]:
            if not name:
                continue
            candidates = gazetteer.lookup(name)
            if candidates:
                found = candidates[0]
                place.provinces.add(found.province_code)
                place.by_level.setdefault(found.level, short_display(found))
                place.canonical_region[short_display(found)] = found.name
                for parent in gazetteer.parents(found):
                    place.by_level.setdefault(parent.level, short_display(parent))
                    place.canonical_region[short_display(parent)] = parent.name
            elif name == region and level:
                place.by_level.setdefault(level, name)
                place.canonical_region[name] = name
        return place

    def resolve_level(self, char: str) -> str | None:
        if self.region and self.region.endswith(char):
            own = next(
                (d for d, name in self.canonical_region.items() if name == self.region), None
            )
            return own or self.region
        for level in LEVEL_CHARS.get(char, ()):
            if level in self.by_level:
                return self.by_level[level]
        return None


def expand(name: str) -> str:
    """Abbreviations of the S&T administration written out (科技厅 -> 科学技术厅)."""
    if name in ABBREVIATIONS:
        return ABBREVIATIONS[name]
    for short, long in SUFFIX_EXPANSIONS:
        if name.endswith(short) and not name.endswith(long):
            return name[: -len(short)] + long
    return name


KNOWN_PROGRAM_NAMES = tuple(name for name in KNOWN_PROGRAMS.values() if name)
_PROGRAM_SUFFIX = re.compile(r"(?:行动计划|计划|工程|专项|试点|行动)$")


def canonical(
    surface: str, label: Label, place: PlanPlace, *, quoted: bool = False
) -> tuple[str, list[str]] | None:
    """The canonical name and aliases of a mention, or None when it names a kind."""
    written = (
        _YEAR_START.sub("", surface.strip('“”"《》「」 ')) if label != Label.PROGRAM else surface
    )
    written = written.strip()
    if label == Label.PROGRAM:
        written = written.strip("《》")
        if re.match(r"^[省市县州](?=国家)", written):
            written = written[1:]  # 省国家技术创新工程: the national programme
        for known in KNOWN_PROGRAM_NAMES:
            if known in written and written != known and len(written) - len(known) <= 5:
                return known, [written]  # 农业科技特派员, 科技特派员制度: the one national scheme
        stem = _PROGRAM_SUFFIX.sub("", written)
        if not written or _NUMBER_START.match(written):
            return None
        if not quoted and (is_kind(written, program=True) or stem in GENERIC_FIELDS):
            return None
        return written, []
    aliases = [written]
    name = written
    first = name[0]
    resolved = None
    if first in LEVEL_CHARS and label in INSTITUTION_LIKE | {
        Label.SERVICE_PLATFORM,
        Label.WORKSTATION,
    }:
        rest = name[1:]
        if rest and not rest.startswith(("级", "域", "场", "内", "外", "属", "县", "市", "区")):
            resolved = place.resolve_level(first)
            if resolved:
                name = resolved + expand(rest)
    if resolved is None and is_kind(written):
        return None
    name = expand(name)
    return name, [a for a in aliases if a != name]
