"""China's administrative divisions, read from ``ingest/data/divisions.txt``.

The table (provinces, prefectures, counties with their codes) and the list of
nationalities (``nations.txt``) are a compact copy of the ``cpca`` package's data,
written by ``scripts/make_divisions.py``: cpca keeps them in a private folder and its
API works on pandas frames, so the project ships the copy and notes its source in each
file. Townships are not in it: the extractor finds them by their suffix (乡, 镇).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ingest.wordlists import read_words

DATA = Path(__file__).with_name("data")

_PROVINCE_SUFFIX = re.compile(r"(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
_PREFECTURE_SUFFIX = re.compile(r"(自治州|地区|盟|市)$")
# Rows of the code table that are bookkeeping, not places.
_PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|县|市|旗)$")


@dataclass(frozen=True)
class Region:
    """One division: canonical name, level and the chain of enclosing codes."""

    code: str  # six digits
    name: str
    level: str  # province, prefecture or county
    parent_code: str | None

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class RegionMatch:
    region: Region
    start: int
    end: int
    surface: str
    short: bool  # matched a short form (常熟 for 常熟市), less certain than a full name


@dataclass
class Gazetteer:
    regions: dict[str, Region]
    _by_surface: dict[str, list[tuple[Region, bool]]] = field(default_factory=dict)
    _automaton: ahocorasick.Automaton | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]], nations: Iterable[str]) -> Gazetteer:
        """The gazetteer of a division table: (six-digit code, name) rows, in order."""
        regions: dict[str, Region] = {}
        for code, name in rows:
            if code.endswith("0000"):
                level, parent = "province", None
            elif code.endswith("00"):
                level, parent = "prefecture", code[:2] + "0000"
            else:
                level, parent = "county", code[:4] + "00"
            if len(name) < 2 or name in _PLACEHOLDER_NAMES:
                continue
            regions[code] = Region(code, name, level, parent)
        # Direct-administered counties (省直辖) have no prefecture row: attach to province.
        for code, region in list(regions.items()):
            if region.parent_code and region.parent_code not in regions:
                regions[code] = Region(code, region.name, region.level, region.province_code)
        gazetteer = cls(regions)
        gazetteer._index(nations)
        return gazetteer

    def _index(self, nations: Iterable[str]) -> None:
        nation_re = re.compile("|".join(sorted(map(re.escape, nations), key=len, reverse=True)))
        for region in self.regions.values():
            self._add(region.name, region, short=False)
            short = self._short_form(region, nation_re)
            if short and short != region.name and len(short) >= 2:
                self._add(short, region, short=True)
        automaton = ahocorasick.Automaton()
        for surface in self._by_surface:
            automaton.add_word(surface, surface)
        automaton.make_automaton()
        self._automaton = automaton

    @staticmethod
    def _short_form(region: Region, nation_re: re.Pattern[str]) -> str:
        pattern = {
            "province": _PROVINCE_SUFFIX,
            "prefecture": _PREFECTURE_SUFFIX,
            "county": _COUNTY_SUFFIX,
        }[region.level]
        stem = pattern.sub("", region.name)
        if "自治" in region.name:
            stem = nation_re.sub("", stem).removesuffix("族")
        return stem

    def _add(self, surface: str, region: Region, *, short: bool) -> None:
        self._by_surface.setdefault(surface, []).append((region, short))

    def lookup(self, surface: str) -> list[Region]:
        """Every division a name or short form may denote (short forms can be ambiguous)."""
        return [region for region, _ in self._by_surface.get(surface, [])]

    def find_all(self, text: str) -> list[RegionMatch]:
        """Longest non-overlapping mentions of divisions, left to right.

        A surface that names several divisions (朝阳区 exists in two cities) yields one
        match per candidate; callers disambiguate with the plan's region.
        """
        assert self._automaton is not None
        spans: list[tuple[int, int, str]] = []
        for end_index, surface in self._automaton.iter(text):
            start = end_index - len(surface) + 1
            spans.append((start, end_index + 1, surface))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[RegionMatch] = []
        last_end = -1
        for start, end, surface in spans:
            if start < last_end:
                continue
            last_end = end
            for region, short in self._by_surface[surface]:
                out.append(RegionMatch(region, start, end, surface, short))
        return out

    def part_of_chain(self, region: Region) -> list[tuple[Region, Region]]:
        """PART_OF links from ``region`` to every enclosing division, and between those.

        Containment is transitive, and plans state it at any level: 江苏常熟 names a
        county with its province, skipping the prefecture. Linking each division to all
        that enclose it lets a reader find that statement whichever level it names,
        while the step-by-step chain (county, prefecture, province) stays in the graph.
        """
        chain = [region, *self.parents(region)]
        return [(child, parent) for i, child in enumerate(chain) for parent in chain[i + 1 :]]

    def parents(self, region: Region) -> list[Region]:
        """Enclosing divisions, nearest first, up to the province."""
        chain: list[Region] = []
        code = region.parent_code
        while code is not None and code in self.regions:
            parent = self.regions[code]
            chain.append(parent)
            code = parent.parent_code
        return chain


_NATION_CHARS = re.compile(r"(?:[\u4e00-\u9fff]{1,4}?族)+(?=自治)")


def short_display(region: Region) -> str:
    """湘西土家族苗族自治州 -> 湘西自治州: the form bodies of the region are named with."""
    return _NATION_CHARS.sub("", region.name)


def region_properties(region: Region) -> dict[str, str | None]:
    """The properties every Region node made from the gazetteer carries."""
    return {"level": region.level, "adcode": region.code}


def read_divisions(path: Path) -> list[tuple[str, str]]:
    """The (code, name) rows of a division table: ``code<TAB>name`` lines, ``#`` comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            rows.append((code, name))
    return rows


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the divisions the project ships (read once)."""
    return Gazetteer.from_rows(
        read_divisions(DATA / "divisions.txt"), read_words(DATA / "nations.txt")
    )
