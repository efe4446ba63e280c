"""Which plans ``GET /plans`` lists, and in what order.

Plans are few next to entities (one per document, mostly), so the store returns them
whole and the filters run here, over the metadata the header reader put on each Plan:
years of issue, the region with its enclosing regions (a province takes in its
prefectures and counties), the genre and the issuing bodies.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from api.params import MAX_TEXT, PageQuery
from graph.explore import plan_date as _date_key
from graph.explore import plan_title as _title
from graph.explore import plan_year as _year
from graph.schema import Entity, PropertyValue, normalize_name

Year = Annotated[int, Field(ge=1900, le=2100)]
# A place's name without its level (浙江省 → 浙江, 杭州市临安区 → 杭州市临安).
_LEVEL_SUFFIX = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|州|盟|旗)$"
)


class PlanQuery(PageQuery):
    year_from: Year | None = Field(default=None, description="Issued in or after this year")
    year_to: Year | None = Field(
        default=None,
        description="Issued in or before this year (before year_from, nothing matches)",
    )
    region: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="The plan's region or one enclosing it (浙江省 lists Zhejiang's cities "
        "and counties too); the level suffix may be left out",
        examples=["浙江省"],
    )
    genre: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="工作要点, 规划, 行动计划, 实施方案, 意见, 办法, 通知, 政府工作报告 or news",
        examples=["意见"],
    )
    issuer: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Part of an issuing body's name (科学技术局, 嘉兴市财政局)",
        examples=["科学技术局"],
    )
    sort: Literal["date", "-date", "title"] = Field(
        default="date",
        description="date: oldest first (date of issue, else year; undated last); "
        "-date: newest first; title",
    )

    def select(self, plans: list[Entity]) -> list[Entity]:
        """The plans that pass every filter, sorted."""
        kept = [plan for plan in plans if self._keeps(plan)]
        if self.sort == "title":
            return sorted(kept, key=lambda p: (_title(p), p.id))
        dated = sorted(
            (p for p in kept if _date_key(p)), key=lambda p: (_date_key(p), _title(p), p.id)
        )
        if self.sort == "-date":
            dated.reverse()
        return dated + [p for p in kept if not _date_key(p)]

    def _keeps(self, plan: Entity) -> bool:
        props = plan.properties
        year = _year(props.get("year"))
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        if self.genre and props.get("genre") != self.genre.strip():
            return False
        if self.region and not _in_region(props, self.region):
            return False
        return not self.issuer or _issued_by(props, self.issuer)


def same_place(a: str, b: str) -> bool:
    """浙江省 = 浙江, 温州市 = 温州 (but 温州 is not 温 without its 州)."""
    forms_a = {normalize_name(a), _LEVEL_SUFFIX.sub("", normalize_name(a))}
    forms_b = {normalize_name(b), _LEVEL_SUFFIX.sub("", normalize_name(b))}
    return bool(forms_a & forms_b - {""})


def _in_region(props: dict[str, PropertyValue], wanted: str) -> bool:
    names = [props.get("region"), *_strings(props.get("region_parents"))]
    return any(isinstance(n, str) and n and same_place(n, wanted) for n in names)


def _issued_by(props: dict[str, PropertyValue], wanted: str) -> bool:
    needle = normalize_name(wanted)
    names = [props.get("issuer"), *_strings(props.get("issuers"))]
    return any(isinstance(n, str) and needle in normalize_name(n) for n in names)


def _strings(value: PropertyValue) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
