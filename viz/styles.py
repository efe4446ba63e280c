"""How each ontology label looks in a view, and the legend that explains it.

Colour tells the sixteen labels apart; shape groups them by kind (institutions are
dots, platforms squares, plans stars, ...), so a reader can see "a platform" before
reading which one. Every shape draws its label below the node, which keeps node sizes
equal however long a name is.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from graph.schema import Label


class LabelStyle(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: Label
    caption: str
    color: str
    shape: str
    symbol: str


#: vis-network shape -> the character that draws it in the HTML legend.
_SYMBOLS: dict[str, str] = {
    "star": "★",
    "hexagon": "⬢",
    "dot": "●",
    "square": "■",
    "diamond": "◆",
    "triangle": "▲",
    "triangleDown": "▼",
}


def _style(label: Label, caption: str, color: str, shape: str) -> LabelStyle:
    return LabelStyle(
        label=label, caption=caption, color=color, shape=shape, symbol=_SYMBOLS[shape]
    )


STYLES: dict[Label, LabelStyle] = {
    s.label: s
    for s in (
        _style(Label.PLAN, "规划 Plan", "#d62728", "star"),
        _style(Label.REGION, "地区 Region", "#2ca02c", "hexagon"),
        _style(Label.UNIVERSITY, "高校 University", "#1f77b4", "dot"),
        _style(Label.RESEARCH_INSTITUTE, "科研院所 Research institute", "#17becf", "dot"),
        _style(Label.ENTERPRISE, "企业 Enterprise", "#ff7f0e", "dot"),
        _style(Label.GOVERNMENT, "政府部门 Government", "#7f7f7f", "dot"),
        _style(Label.ALLIANCE, "产业联盟 Alliance", "#9467bd", "square"),
        _style(Label.INCUBATOR, "孵化器 Incubator", "#e377c2", "square"),
        _style(Label.LAB, "实验室 Lab", "#8c564b", "square"),
        _style(Label.RESEARCH_CENTER, "研发中心 Research centre", "#bcbd22", "square"),
        _style(Label.PARK, "园区 Park", "#98df8a", "square"),
        _style(Label.WORKSTATION, "工作站 Workstation", "#c5b0d5", "square"),
        _style(Label.SERVICE_PLATFORM, "服务平台 Service platform", "#f7b6d2", "square"),
        _style(Label.INDUSTRY, "产业 Industry", "#ffbb78", "triangle"),
        _style(Label.PROGRAM, "计划 Program", "#aec7e8", "triangleDown"),
        _style(Label.TARGET, "目标 Target", "#c49c94", "diamond"),
    )
}


def style_for(label: Label) -> LabelStyle:
    return STYLES[label]


def legend(labels: set[Label] | None = None) -> list[LabelStyle]:
    """The legend entries, in ontology order; only ``labels`` when given."""
    return [STYLES[label] for label in Label if labels is None or label in labels]
