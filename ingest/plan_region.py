"""Which region a plan is for, and how sure that is.

Evidence, strongest first: a place named in the plan's own name lines (title, ``第N篇``
header, issuer line); a placeholder there (``XX县``) that anonymises it; then the places
the text names, where full names count more than short forms and a short form counts
only when something else corroborates it (合作, 新兴, 资源 are county short forms and
ordinary words). Words like 全市/我州 say which level the plan is at, and so which of
the named places can be the plan's own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.gazetteer import Gazetteer, Region, RegionMatch

# "The whole province / our city": level words, not places (全州 is also 全州县's short form).
_LEVEL_WORD = re.compile(r"[全我本]\s*(省|自治区|州|市|县|旗|区|乡|镇)")
_LEVEL_WORD_SURFACE = re.compile(r"[全我本该各](省|自治区|州|市|县|旗|区|乡|镇)")
_PLACEHOLDER = re.compile(
    r"(?:[xX×Ｘｘ]{1,4}|某{1,2})(自治区|自治州|自治县|省|市|州|地区|盟|县|旗|区|乡|镇|街道)"
)
# A township in a name line: after a year or a larger division, before the plan's words.
_TOWNSHIP = re.compile(
    r"(?:^|年|省|市|州|县|区|旗)([\u4e00-\u9fff]{1,6}?(?:乡|镇|街道))"
    r"(?=\d|科技|科学|工作|全|“|《|$)"
)
_NOT_TOWNSHIP_START = frozenset("全我本各该城村集小")
# Suffixes that may follow a short form in a name line: 湘西 + 自治州.
_SUFFIXES_BY_LEVEL = {
    "province": ("省", "市", "自治区"),
    "prefecture": ("自治州", "州", "市", "地区", "盟"),
    "county": ("自治县", "县", "市", "区", "旗"),
}
_LEVEL_BY_SUFFIX = {
    "省": "province",
    "自治区": "province",
    "市": "prefecture",
    "州": "prefecture",
    "自治州": "prefecture",
    "地区": "prefecture",
    "盟": "prefecture",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "区": "county",
    "乡": "township",
    "镇": "township",
    "街道": "township",
}
_DEPTH = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}
_FULL_WEIGHT = 3
_SHORT_WEIGHT = 1
# Below this score a place the text names is not enough to call it the plan's region.
_MIN_SCORE = 3


@dataclass
class RegionGuess:
    region: str | None = None
    level: str | None = None
    parents: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class NameLine:
    """A line that names the plan, and what to call it in notes."""

    role: str  # "title", "header", "issuer line", "source line"
    text: str
    #: Used only when the text names no place of its own (a 来源 line may be a reposter).
    fallback: bool = False


def infer_region(lines: list[NameLine], body: str, gazetteer: Gazetteer) -> RegionGuess:
    """The plan's region from its name lines, else from the places its text names."""
    self_level = _self_level(lines, body)
    evidence = _Evidence.collect(body, gazetteer)
    content = evidence.best(self_level)
    for line in lines:
        if line.fallback and content is not None:
            continue
        placeholder = _PLACEHOLDER.search(line.text)
        if placeholder:
            return _placeholder_guess(placeholder.group(0), f"the {line.role}", content, evidence)
        named = _named_in(line.text, gazetteer)
        if named is not None:
            return _named_guess(named, line, gazetteer, evidence)
    placeholder_text = _body_placeholder(body, self_level)
    if placeholder_text and (content is None or evidence.direct[content.code] < _MIN_SCORE):
        return _placeholder_guess(placeholder_text, "the text", content, evidence)
    level_words = f"; {self_level[1]} gives the level" if self_level else ""
    if content is None:
        # 市 and 区 name prefecture- and county-level places alike: no level without a place.
        level = _LEVEL_BY_SUFFIX.get(self_level[0]) if self_level else None
        if self_level and self_level[0] in ("市", "区"):
            level = None
        words = f" ({self_level[1]})" if self_level else ""
        return RegionGuess(level=level, note=f"no place named in the title or text{words}")
    return RegionGuess(
        region=content.name,
        level=content.level,
        parents=[parent.name for parent in gazetteer.parents(content)],
        note="inferred from the text: " + evidence.describe(content) + level_words,
    )


def level_of_suffix(name: str) -> str | None:
    for suffix in sorted(_LEVEL_BY_SUFFIX, key=len, reverse=True):
        if name.endswith(suffix):
            return _LEVEL_BY_SUFFIX[suffix]
    return None


def _self_level(lines: list[NameLine], body: str) -> tuple[str, str] | None:
    """The level word (省, 市, 州 …) the plan uses for itself, and the words that say so."""
    for line in lines:
        match = _LEVEL_WORD.search(line.text)
        if match:
            return match.group(1), match.group(0)
    counts = Counter(match.group(1) for match in _LEVEL_WORD.finditer(body))
    if not counts:
        return None
    suffix, _ = counts.most_common(1)[0]
    words = sorted({m.group(0) for m in _LEVEL_WORD.finditer(body) if m.group(1) == suffix})
    return suffix, "/".join(words)


def _fits_level(region: Region, self_level: tuple[str, str] | None) -> bool:
    if self_level is None:
        return True
    suffix = self_level[0]
    if suffix == "市":
        return region.name.endswith("市")
    if suffix == "州":
        return region.level == "prefecture" and region.name.endswith("州")
    if suffix == "区":
        return region.name.endswith("区")
    return region.level == _LEVEL_BY_SUFFIX.get(suffix)


@dataclass(frozen=True)
class _Named:
    """A place a name line names: a division of the gazetteer, or a township."""

    name: str
    level: str
    surface: str
    region: Region | None  # None for townships, which the gazetteer does not hold


def _named_in(text: str, gazetteer: Gazetteer) -> _Named | None:
    """The most specific place a name line names."""
    township = _township_in(text, gazetteer)
    if township is not None:
        return _Named(township, "township", township, None)
    region = _enclosing_named(text, gazetteer)
    if region is None:
        return None
    surface = next(
        s
        for m in gazetteer.find_all(text)
        if m.region == region and (s := _surface_with_suffix(text, m)) is not None
    )
    return _Named(region.name, region.level, surface, region)


def _surface_with_suffix(text: str, match: RegionMatch) -> str | None:
    """The name as written if it is a full name, a short form with a suffix, or a province."""
    if not match.short and len(match.surface) >= 3:
        return match.surface
    if match.short and match.region.level == "province":
        return match.surface
    following = text[match.end :]
    for suffix in _SUFFIXES_BY_LEVEL[match.region.level]:
        if following.startswith(suffix):
            return match.surface + suffix
    return None


def _township_in(text: str, gazetteer: Gazetteer) -> str | None:
    for match in _TOWNSHIP.finditer(text):
        name = _without_leading_division(match.group(1), gazetteer)
        if len(name) >= 2 and name[0] not in _NOT_TOWNSHIP_START:
            return name
    return None


def _without_leading_division(name: str, gazetteer: Gazetteer) -> str:
    """多拉特乡 out of 托里县多拉特乡: the county is a parent, not part of the name."""
    for match in gazetteer.find_all(name):
        surface = _surface_with_suffix(name, match)
        if match.start == 0 and surface is not None and len(surface) < len(name):
            return _without_leading_division(name[len(surface) :], gazetteer)
    return name


def _named_guess(
    named: _Named, line: NameLine, gazetteer: Gazetteer, evidence: _Evidence
) -> RegionGuess:
    where = f"named in the {line.role} {line.text}"
    if named.region is not None:
        region = named.region
        note = (
            where if named.surface == region.name else f"{where} ({named.surface} = {region.name})"
        )
        parents = [parent.name for parent in gazetteer.parents(region)]
        return RegionGuess(region.name, region.level, parents, note)
    # A township: its county, when the name line or the text names one for sure.
    enclosing = _enclosing_named(line.text, gazetteer) or evidence.best(("县", "县"))
    if enclosing is None:
        return RegionGuess(
            named.name, "township", [], f"{where}; its county is not named in the text"
        )
    parents = [enclosing.name] + [parent.name for parent in gazetteer.parents(enclosing)]
    return RegionGuess(named.name, "township", parents, f"{where}; in {enclosing.name}")


def _enclosing_named(text: str, gazetteer: Gazetteer) -> Region | None:
    """The most specific division named in a line (full name, or short form + suffix)."""
    found = [
        match.region
        for match in gazetteer.find_all(text)
        if not _LEVEL_WORD_SURFACE.fullmatch(match.surface)
        and _surface_with_suffix(text, match) is not None
    ]
    return max(found, key=lambda region: _DEPTH[region.level], default=None)


def _body_placeholder(body: str, self_level: tuple[str, str] | None) -> str | None:
    """The commonest placeholder at the plan's own level (xx市 in a 全市 plan)."""
    if self_level is None:
        return None
    counts = Counter(
        match.group(0) for match in _PLACEHOLDER.finditer(body) if match.group(1) == self_level[0]
    )
    return counts.most_common(1)[0][0] if counts else None


def _placeholder_guess(
    placeholder: str, where: str, content: Region | None, evidence: _Evidence
) -> RegionGuess:
    level = level_of_suffix(placeholder)
    note = f"{where} anonymises the place as {placeholder}"
    if content is not None:
        if placeholder.endswith("市") and content.name.endswith("市"):
            level = content.level
        note += f"; content points to {evidence.describe_briefly(content)}"
    return RegionGuess(region=placeholder, level=level, parents=[], note=note)


@dataclass
class _Evidence:
    """The divisions a text names, trusted ones only, with weighted mention scores."""

    gazetteer: Gazetteer
    matches: list[RegionMatch]
    direct: Counter[str]  # region code → weighted mentions of that region itself
    total: Counter[str]  # … plus mentions of every division inside it

    @classmethod
    def collect(cls, text: str, gazetteer: Gazetteer) -> _Evidence:
        matches = _trusted(gazetteer.find_all(text), gazetteer)
        direct: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for match in matches:
            weight = _SHORT_WEIGHT if _is_weak(match) else _FULL_WEIGHT
            direct[match.region.code] += weight
            total[match.region.code] += weight
            for parent in gazetteer.parents(match.region):
                total[parent.code] += weight
        return cls(gazetteer, matches, direct, total)

    def best(self, self_level: tuple[str, str] | None) -> Region | None:
        candidates = [
            self.gazetteer.regions[code]
            for code, score in self.total.items()
            if score >= _MIN_SCORE and _fits_level(self.gazetteer.regions[code], self_level)
        ]
        if not candidates:
            return None
        return max(
            candidates, key=lambda region: (self.total[region.code], self.direct[region.code])
        )

    def _supporting(self, region: Region) -> list[RegionMatch]:
        inside = [
            match
            for match in self.matches
            if match.region.code == region.code or region in self.gazetteer.parents(match.region)
        ]
        return inside

    def describe(self, region: Region) -> str:
        counts = Counter(match.surface for match in self._supporting(region))
        parts = ", ".join(f"{surface} ×{count}" for surface, count in counts.most_common())
        chain = ", ".join(parent.name for parent in self.gazetteer.parents(region))
        return f"{region.name} ({parts})" + (f" in {chain}" if chain else "")

    def describe_briefly(self, region: Region) -> str:
        surfaces = list(dict.fromkeys(match.surface for match in self._supporting(region)))
        province = [p.name for p in self.gazetteer.parents(region) if p.level == "province"]
        name = f"{region.name} ({province[0]})" if province else region.name
        return f"{name}: {', '.join(surfaces)}"


def _is_weak(match: RegionMatch) -> bool:
    """Short forms, and two-character full names (和县 in 州和县市) are weak evidence."""
    return match.short or len(match.surface) < 3


def _trusted(matches: Iterable[RegionMatch], gazetteer: Gazetteer) -> list[RegionMatch]:
    """Matches to believe: full names; province short forms; other short forms that
    something else corroborates (the same place in full, the enclosing division, or a
    neighbouring county named in full)."""
    matches = [m for m in matches if not _LEVEL_WORD_SURFACE.fullmatch(m.surface)]
    strong = [m for m in matches if not _is_weak(m)]
    named_in_full = {m.region.code for m in strong}
    parents_in_full = {m.region.parent_code for m in strong}
    trusted_codes = set(named_in_full)
    trusted = list(strong)
    weak = [m for m in matches if _is_weak(m)]
    for level in ("province", "prefecture", "county"):
        accepted = [
            m
            for m in weak
            if m.region.level == level
            and (
                level == "province"
                or m.region.code in named_in_full
                or m.region.parent_code in trusted_codes
                or m.region.code in parents_in_full
                or (level == "county" and m.region.parent_code in parents_in_full)
            )
        ]
        trusted.extend(accepted)
        trusted_codes.update(m.region.code for m in accepted)
    trusted.sort(key=lambda m: m.start)
    return trusted
