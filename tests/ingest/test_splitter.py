"""Splitting documents into plans, and what each plan's lines and text say about it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.models import PlanSection
from ingest.readers import read_bytes, read_document
from ingest.splitter import canonical_issuer, split_plans

GOLD = Path(__file__).resolve().parents[1] / "data" / "eval" / "seed-gold.json"


def plans_of(text: str, name: str = "plan.txt") -> list[PlanSection]:
    return split_plans(read_bytes(name, text.encode("utf-8"), max_bytes=1 << 20))


def only_plan(text: str) -> PlanSection:
    (plan,) = plans_of(text)
    return plan


@pytest.fixture(scope="module")
def sample_plans(sample_corpus: Path) -> tuple[str, list[PlanSection]]:
    document = read_document(sample_corpus, max_bytes=1 << 20)
    return document.text, split_plans(document)


def gold_plans() -> list[dict[str, Any]]:
    return list(json.loads(GOLD.read_text(encoding="utf-8"))["plans"])


# --- the sample corpus against the gold set ---------------------------------------------


def test_sample_splits_into_five_plans(sample_plans: tuple[str, list[PlanSection]]) -> None:
    assert [plan.ordinal for plan in sample_plans[1]] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("gold", gold_plans(), ids=lambda gold: gold["id"])
def test_sample_plan_matches_gold(
    sample_plans: tuple[str, list[PlanSection]], gold: dict[str, Any]
) -> None:
    text, plans = sample_plans
    plan = plans[int(gold["id"][1:]) - 1]
    found = (plan.header, plan.title, plan.year, plan.region, plan.region_level, plan.issuer)
    expected = tuple(
        gold[key] for key in ("header", "title", "year", "region", "region_level", "issuer")
    )
    assert found == expected
    assert text[: plan.start].count("\n") + 1 == gold["first_line"]


def test_anonymised_sample_plan_notes_the_placeholder_and_what_content_points_to(
    sample_plans: tuple[str, list[PlanSection]],
) -> None:
    note = sample_plans[1][4].region_note or ""
    assert "xx市" in note
    assert "content points to 三明市 (福建省): 建宁县, 将乐" in note


def test_sample_county_plan_gets_prefecture_and_province_as_parents(
    sample_plans: tuple[str, list[PlanSection]],
) -> None:
    assert sample_plans[1][2].region_parents == ["苏州市", "江苏省"]


def test_plan_offsets_are_code_points_into_the_document(
    sample_plans: tuple[str, list[PlanSection]],
) -> None:
    text, plans = sample_plans
    for plan in plans:
        assert text[plan.start :].startswith(plan.header or "")
    assert plans[-1].end == len(text.rstrip())


# --- splitting ------------------------------------------------------------------------


def test_document_without_header_lines_is_one_plan() -> None:
    text = "2015年科技工作要点\n一、总体要求\n加强创新。\n\n"
    plan = only_plan(text)
    assert (plan.header, plan.title, plan.start, plan.end) == (
        None,
        text.split("\n")[0],
        0,
        len(text.rstrip()),
    )


def test_headers_with_chinese_or_arabic_numerals_and_either_colon_split() -> None:
    text = (
        "第一篇：2014年科技工作要点\n正文。\n"
        "第2篇:2015年科技工作要点\n正文。\n"
        "第十一篇: 2016年科技工作要点\n"
    )
    assert [plan.title for plan in plans_of(text)] == [
        "2014年科技工作要点",
        "2015年科技工作要点",
        "2016年科技工作要点",
    ]


def test_a_heading_without_a_colon_does_not_split() -> None:
    assert (
        len(plans_of("2021年科技发展规划\n第一篇 总体要求\n正文。\n第二篇 重点任务\n正文。\n")) == 1
    )


# --- title and year ---------------------------------------------------------------------


def test_title_line_under_the_header_wins_over_the_header() -> None:
    plan = only_plan("第一篇:2008年科技工作要点\n2009年科技工作要点\n2009年我县科技工作…\n")
    assert (plan.title, plan.year) == ("2009年科技工作要点", 2009)


def test_header_is_the_title_when_a_numbered_item_follows_it_and_loses_its_editorial_tag() -> None:
    plan = only_plan("第一篇:2010年科技工作要点(参考)\n一、指导思想\n坚持创新驱动。\n")
    assert plan.title == "2010年科技工作要点"


def test_headerless_document_without_a_title_line_is_named_after_its_file() -> None:
    (plan,) = plans_of("加强科技创新，推进合作。\n全面实施创新驱动战略。\n", name="工作安排.txt")
    assert plan.title == "工作安排"


def test_year_in_chinese_numerals_is_read() -> None:
    assert only_plan("二〇一八年科技工作要点\n正文。\n").year == 2018


def test_year_comes_from_the_body_when_the_title_has_none() -> None:
    assert only_plan("科技工作要点\n2017年全县科技工作要以创新为主线。\n").year == 2017


# --- issuer ---------------------------------------------------------------------------


def test_issuer_from_the_line_under_the_title() -> None:
    assert (
        only_plan("2014年全州科技工作要点\n黔东南州科学技术局\n正文。\n").issuer
        == "黔东南州科学技术局"
    )


def test_issuer_from_a_source_line_takes_its_long_form() -> None:
    plan = only_plan("2016年科技工作要点\n一、加快全省创新体系建设。\n来源:浙江省科技厅\n")
    assert plan.issuer == "浙江省科学技术厅"


def test_source_line_that_names_no_body_gives_no_issuer() -> None:
    assert only_plan("2016年科技工作要点\n正文。\n来源:网络整理 免责声明:仅供学习\n").issuer is None


def test_issuer_opening_the_title() -> None:
    assert only_plan("XX市科技局2019年科技工作要点\n全市科技工作。\n").issuer == "XX市科学技术局"


def test_science_commission_abbreviation_stays() -> None:
    assert canonical_issuer("北京市科委") == "北京市科委"


# --- region -----------------------------------------------------------------------------


def test_province_named_in_the_title() -> None:
    plan = only_plan("2013年浙江省科技工作要点\n正文。\n")
    assert (plan.region, plan.level, plan.region_parents) == ("浙江省", "province", [])


def test_short_form_with_suffix_in_the_issuer_line_gives_the_canonical_name() -> None:
    plan = only_plan("2014年全州科技工作要点\n黔东南州科学技术局\n正文。\n")
    assert (plan.region, plan.region_level, plan.region_parents) == (
        "黔东南苗族侗族自治州",
        "prefecture",
        ["贵州省"],
    )


def test_county_named_in_the_text_gives_its_prefecture_and_province() -> None:
    plan = only_plan(
        "2012年科技工作要点\n一、推进全市科技创新。支持溧阳市企业建设研发中心。\n"
        "二、提升溧阳经济开发区，深化溧阳与高校合作。\n"
    )
    assert (plan.region, plan.region_level, plan.region_parents) == (
        "溧阳市",
        "county",
        ["常州市", "江苏省"],
    )


def test_short_forms_that_are_common_words_do_not_place_a_plan() -> None:
    plan = only_plan("科技工作要点\n加强合作，培育新兴产业，整合资源，实施富民工程。\n")
    assert plan.region is None


def test_placeholder_in_the_title_is_the_region() -> None:
    plan = only_plan("2015年XX县科技工作要点\n一、总体要求\n全县科技工作围绕某某镇特色产业。\n")
    assert (plan.region, plan.region_level, plan.year) == ("XX县", "county", 2015)
    assert "anonymises the place as XX县" in (plan.region_note or "")


def test_placeholder_in_the_text_is_kept_and_content_evidence_noted() -> None:
    plan = only_plan(
        "2020年全市科技工作要点\n深入实施××市创新行动计划。支持溧阳市建设创新中心，"
        "推动武进区智能制造发展。\n"
    )
    assert (plan.region, plan.region_level) == ("××市", "prefecture")
    assert "content points to 常州市 (江苏省): 溧阳市, 武进区" in (plan.region_note or "")


def test_township_in_the_title_with_its_county() -> None:
    plan = only_plan("2014年托里县多拉特乡科技工作要点\n我乡科技工作。\n")
    assert (plan.region, plan.level, plan.region_parents) == (
        "多拉特乡",
        "township",
        ["托里县", "塔城地区", "新疆维吾尔自治区"],
    )


def test_a_heading_under_the_header_is_not_taken_for_the_title() -> None:
    plan = only_plan("第一篇:2010年科技工作要点\n重点任务计划\n加强创新。\n")
    assert plan.title == "2010年科技工作要点"
