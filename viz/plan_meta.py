"""A plan's metadata as the pages show it: one line on the home page, a panel of fields
on the plan view, each field with the evidence it was read from as its tooltip.

The values and evidence are the Plan's properties (``ingest.header_extractor``); pages
never recompute them, so what a page shows is what the API returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import Entity, PropertyValue

#: (property, caption) in the order the plan view lists them.
FIELDS = (
    ("notice_title", "通知 Notice"),
    ("doc_number", "文号 Number"),
    ("issued", "成文日期 Issued"),
    ("issuers", "发文机关 Issued by"),
    ("region", "地区 Region"),
    ("genre", "文种 Genre"),
    ("validity", "有效期 In force"),
)
_LEVELS = {
    "country": "全国 country",
    "province": "省级 province",
    "prefecture": "地市级 prefecture",
    "county": "县级 county",
    "township": "乡镇 township",
}


@dataclass(frozen=True)
class MetaRow:
    caption: str
    value: str
    evidence: str | None  # tooltip: the text read, or how the value was inferred


def metadata_rows(plan: Entity) -> list[MetaRow]:
    """The plan's stated or inferred metadata, one row per field it has."""
    props = plan.properties
    rows = []
    for field, caption in FIELDS:
        value = _value(props, field)
        if value:
            evidence_key = "effective_from" if field == "validity" else field
            evidence = _text(props.get(f"{evidence_key}_evidence"))
            if field == "region":
                evidence = _text(props.get("region_note"))
            rows.append(MetaRow(caption, value, evidence))
    return rows


def summary_line(plan: Entity) -> str:
    """Year · region · genre · number · issuers, for a list of plans."""
    props = plan.properties
    year = props.get("year")
    parts = [
        str(year) if isinstance(year, int) else None,
        _text(props.get("region")),
        _text(props.get("genre")),
        _text(props.get("doc_number")),
        "、".join(_strings(props.get("issuers"))) or _text(props.get("issuer")),
    ]
    return " · ".join(p for p in parts if p)


def _value(props: dict[str, PropertyValue], field: str) -> str | None:
    if field == "issuers":
        return "、".join(_strings(props.get("issuers"))) or _text(props.get("issuer"))
    if field == "region":
        region = _text(props.get("region"))
        level = _LEVELS.get(_text(props.get("region_level")) or "")
        return f"{region} ({level})" if region and level else region
    if field == "validity":
        start, end = _text(props.get("effective_from")), _text(props.get("valid_until"))
        trial = "试行 trial" if props.get("trial") is True else None
        span = f"{start or '…'} – {end or '…'}" if start or end else None
        return " · ".join(p for p in (span, trial) if p) or None
    return _text(props.get(field))


def _text(value: PropertyValue) -> str | None:
    return value if isinstance(value, str) and value else None


def _strings(value: PropertyValue) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []
