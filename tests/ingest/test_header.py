"""The header reader on real headers: what a plan's opening and closing lines state."""

from __future__ import annotations

import pytest

from ingest.header import is_national, read_header
from ingest.header_parts import doc_number_parts, format_doc_number, split_body_names
from ingest.models import PlanHeader
from ingest.readers import read_bytes
from ingest.splitter import split_plans
from tests.ingest import header_snippets as real


def test_formal_title_number_signature_date_and_validity() -> None:
    header = read_header(real.RUIAN)

    assert header.title == "瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见"
    assert header.notice_title is None
    assert header.doc_number == "瑞政发〔2018〕46号"
    assert header.issued == "2018-04-24"
    assert header.effective_from == "2018-06-01"
    assert header.genre == "意见"


def test_the_office_that_printed_it_and_the_copy_list_are_not_issuers() -> None:
    assert read_header(real.RUIAN).issuers == ["瑞安市人民政府"]


def test_masthead_bare_number_and_title_run_together() -> None:
    header = read_header(real.WENLING)

    assert header.doc_number == "温政发〔2020〕57号"
    assert header.title.endswith("加快质量提升的若干意见")
    assert header.title.startswith("温岭市人民政府关于")
    assert header.issuers == ["温岭市人民政府"]


def test_validity_from_the_date_of_issue_is_that_date() -> None:
    header = read_header(real.WENLING)

    assert header.effective_from == header.issued == "2020-12-31"
    assert "自发文之日起施行" in header.evidence["effective_from"].text


def test_a_notice_wraps_the_plan_whose_title_it_quotes() -> None:
    header = read_header(real.KEQIAO)

    assert header.title == "2018年柯桥区金融支持实体经济发展考核奖励办法"
    assert header.notice_title is not None and header.notice_title.endswith("考核奖励办法的通知")
    assert header.genre == "办法"


def test_joint_issuers_run_together_are_split() -> None:
    assert read_header(real.KEQIAO).issuers == ["中共柯桥区委办公室", "柯桥区人民政府办公室"]


def test_doc_number_code_containing_a_body_word_stays_whole() -> None:
    assert read_header(real.KEQIAO).doc_number == "区委办〔2018〕66号"


def test_undated_signature_before_the_attachment_title() -> None:
    header = read_header(real.JIAXING_JOINT)

    assert header.issuers == [
        "嘉兴市市场监督管理局",
        "嘉兴市国家税务局",
        "嘉兴市地税局",
        "嘉兴市公安局",
        "嘉兴市行政审批服务中心",
    ]
    assert header.issued is None


def test_the_notice_sentence_gives_the_place_the_title_left_out() -> None:
    assert read_header(real.JIAXING_JOINT).title == "嘉兴市压缩常态化企业开办时间工作方案"


def test_issuers_separated_by_spaces_and_a_cited_number_is_not_the_plans() -> None:
    header = read_header(real.JIAXING_SPACED)

    assert header.issuers == ["嘉兴市科学技术局", "嘉兴市财政局"]
    assert header.doc_number == "嘉科综〔2017〕44号"
    assert header.title == "关于嘉兴市本级进一步推广应用创新券的实施意见"
    assert header.issued == header.effective_from == "2017-08-22"


def test_date_in_brackets_after_the_title_and_an_end_of_validity() -> None:
    header = read_header(real.HUANGYAN)

    assert header.title == "中共黄岩区委黄岩区人民政府关于促进企业上市（挂牌）的若干意见"
    assert header.issued == "2017-04-17"
    assert header.valid_until == "2020-12-31"
    assert header.issuers == ["中共黄岩区委", "黄岩区人民政府"]


def test_web_export_with_signature_and_date_on_their_own_lines() -> None:
    header = read_header(real.ABA)

    assert header.title == "阿坝州政务数据资源管理暂行办法"
    assert header.doc_number == "阿府办发〔2021〕21号"
    assert header.issuers == ["阿坝州人民政府办公室"]
    assert header.issued == "2021-10-11"


def test_temporary_measure_is_a_trial_valid_for_its_stated_years() -> None:
    header = read_header(real.ABA)

    assert header.trial
    assert (header.effective_from, header.valid_until) == ("2021-10-11", "2023-10-10")


def test_work_report_is_dated_by_its_meeting_and_issued_by_the_government() -> None:
    header = read_header(real.GUANGDONG_REPORT)

    assert header.genre == "政府工作报告"
    assert header.issued == "2026-01-26"
    assert header.issuers == ["广东省人民政府"]
    assert header.evidence["issuers"].inferred


def test_signature_of_one_body_a_line() -> None:
    assert read_header(real.SHANDONG_SIGNATURE).issuers == ["山东省工业和信息化厅", "山东省教育厅"]


def test_every_field_read_has_its_snippet_with_document_offsets() -> None:
    header = read_header(real.RUIAN, offset=1000)

    for field in ("doc_number", "title", "issued", "issuers", "effective_from"):
        evidence = header.evidence[field]
        assert evidence.start is not None and evidence.end is not None
        assert real.RUIAN[evidence.start - 1000 : evidence.end - 1000].strip() == evidence.text


def test_a_body_without_header_states_nothing() -> None:
    header = read_header("一、总体要求\n加强科技创新，推动高质量发展。\n")

    assert header == PlanHeader(evidence={})


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("瑞政发〔2018〕46号", ("瑞政发", 2018, 46)),
        ("瑞政发[2018]46号", ("瑞政发", 2018, 46)),
        ("温政发202057号", ("温政发", 2020, 57)),
        ("〔2017〕185号", ("", 2017, 185)),
        ("台州市黄岩区风景旅游管理局黄旅〔2016〕35号", ("黄旅", 2016, 35)),
    ],
)
def test_document_numbers_in_any_brackets_or_none(
    written: str, parts: tuple[str, int, int]
) -> None:
    assert doc_number_parts(written) == parts
    assert format_doc_number(parts).endswith(f"〔{parts[1]}〕{parts[2]}号")


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("中共东阳市委东阳市人民政府", ["中共东阳市委", "东阳市人民政府"]),
        (
            "中国人民银行湖州市中心支行湖州市财政局",
            ["中国人民银行湖州市中心支行", "湖州市财政局"],
        ),
        ("县人力资源和社会保障局县财政局", ["县人力资源和社会保障局", "县财政局"]),
        ("中共三门县委人才工作领导小组办公室", ["中共三门县委人才工作领导小组办公室"]),
        ("关于服务业强市培育发展的若干政策意见", None),
        ("的通知中国人民银行嘉兴市中心支行", None),
    ],
)
def test_runs_of_body_names(run: str, names: list[str] | None) -> None:
    assert split_body_names(run) == names


# --- the splitter takes what the header states ------------------------------------------


def test_a_county_level_citys_plan_is_placed_at_that_city_by_its_issuer() -> None:
    (plan,) = split_plans(read_bytes("430.txt", real.RUIAN.encode("utf-8"), max_bytes=1 << 20))

    assert (plan.region, plan.region_level) == ("瑞安市", "county")
    assert plan.region_parents[0] == "温州市"
    assert plan.issuer == "瑞安市人民政府"
    assert plan.year == 2018


def test_a_districts_plan_is_placed_at_the_district_not_its_city() -> None:
    (plan,) = split_plans(read_bytes("411.txt", real.KEQIAO.encode("utf-8"), max_bytes=1 << 20))

    assert (plan.region, plan.region_level) == ("柯桥区", "county")
    assert plan.title == "2018年柯桥区金融支持实体经济发展考核奖励办法"


def test_without_a_date_the_year_comes_from_the_document_number() -> None:
    (plan,) = split_plans(
        read_bytes("413.txt", real.JIAXING_JOINT.encode("utf-8"), max_bytes=1 << 20)
    )

    assert plan.year == 2018


def test_a_state_council_report_covers_the_country() -> None:
    (plan,) = split_plans(
        read_bytes("2019.txt", real.NATIONAL_REPORT.encode("utf-8"), max_bytes=1 << 20)
    )

    assert (plan.region, plan.level, plan.issuer) == ("中华人民共和国", "national", "国务院")


def test_title_and_signatures_broken_over_lines_are_joined() -> None:
    header = read_header(real.JINAN_BROKEN_LINES)

    assert header.title == "济南市智能网联汽车道路测试与示范应用管理办法（试行）"
    assert header.issuers == ["济南市工业和信息化局", "济南市公安局", "济南市城乡交通运输局"]
    assert header.issued == "2022-03-10"


def test_without_a_title_line_the_notice_sentence_names_the_plan() -> None:
    header = read_header(real.NATIONAL_BUREAU)

    assert header.title == "医疗保障基金智能审核和监控知识库、规则库管理办法（试行）"
    assert header.issuers == ["国家医疗保障局"]


def test_a_notice_the_body_cites_gives_neither_title_nor_issuers() -> None:
    header = read_header(real.CITES_A_NOTICE)

    assert (header.title, header.issuers) == (None, [])


def test_a_ministrys_or_national_bureaus_plan_covers_the_country() -> None:
    (plan,) = split_plans(
        read_bytes("060.txt", real.NATIONAL_BUREAU.encode("utf-8"), max_bytes=1 << 20)
    )

    assert (plan.region, plan.region_level) == ("中华人民共和国", "country")


@pytest.mark.parametrize(
    ("issuer", "national"),
    [
        ("国务院", True),
        ("工业和信息化部办公厅", True),  # policies-central/039.txt
        ("国家医疗保障局", True),
        ("中国人民银行安吉支行", False),  # policies-zhejiang/557.txt
        ("县财政局", False),
        ("浙江省环境保护厅", False),
    ],
)
def test_central_bodies_name_no_place(issuer: str, national: bool) -> None:
    assert is_national(PlanHeader(issuers=[issuer])) is national


def test_a_portals_table_gives_number_date_and_issuer() -> None:
    header = read_header(real.PORTAL_TABLE)

    assert header.doc_number == "瑞政发〔2018〕46号"
    assert header.issued == "2018-04-24"  # 成文日期, not the later 发布日期
    assert header.issuers == ["瑞安市人民政府"]
    assert header.title == "瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见"


def test_joint_issuers_separated_by_a_list_comma() -> None:
    # the form of policies-zhejiang/525.txt's title with its issuers listed as in its text
    assert split_body_names(
        "中国人民银行湖州市中心支行、湖州市人力资源和社会保障局、湖州市财政局"
    ) == [
        "中国人民银行湖州市中心支行",
        "湖州市人力资源和社会保障局",
        "湖州市财政局",
    ]


def test_a_number_in_small_brackets() -> None:
    # policies-shandong/008.txt cites 鲁工信技﹝2019﹞56号
    assert doc_number_parts("鲁工信技﹝2019﹞56号") == ("鲁工信技", 2019, 56)


def test_a_title_broken_over_the_opening_lines_is_joined() -> None:
    header = read_header(real.BROKEN_TITLE)

    assert header.title == "智能网联汽车生产企业及产品准入管理指南（试行）"
    assert header.trial


@pytest.mark.parametrize("text", real.PROSE_OPENINGS)
def test_a_first_sentence_is_not_a_title(text: str) -> None:
    assert read_header(text).title is None


def test_a_comma_inside_quotes_does_not_end_the_title() -> None:
    header = read_header(real.QUOTED_COMMA)

    assert (
        header.title
        == "民政部对“关于应对老龄社会，深化运用人工智能技术强化老年人群体关爱的建议”的答复"
    )
    assert header.doc_number == "民函〔2021〕742号"


def test_a_collections_plans_take_their_genre_from_their_title_lines() -> None:
    # data/sample/seed-plans.txt, the opening of its first plan
    text = (
        "第一篇:2011年全州科技工作要点\n2011年全州科技工作要点\n湘西自治州科学技术局\n"
        "根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:\n"
    )
    (plan,) = split_plans(read_bytes("seed.txt", text.encode("utf-8"), max_bytes=1 << 20))

    assert plan.metadata is not None
    assert plan.metadata.genre == "工作要点"
    assert plan.title == "2011年全州科技工作要点"


def test_a_caption_before_the_title_does_not_end_the_header() -> None:
    header = read_header(real.GUIZHOU_REPORT)

    assert (header.title, header.genre) == ("政府工作报告", "政府工作报告")
    assert header.issued == "2026-01-27"
    assert header.issuers == ["贵州省人民政府"]


def test_in_force_a_number_of_days_after_issue() -> None:
    header = read_header(real.YONGKANG)

    assert header.doc_number == "永政办发〔2017〕99号"
    assert (header.issued, header.effective_from) == ("2017-09-20", "2017-10-20")
    assert header.title == "加快企业股改上市工作指导意见"


def test_validity_stated_as_a_period_of_years() -> None:
    header = read_header(real.TONGXIANG_PERIOD)

    assert (header.effective_from, header.valid_until) == ("2017-01-01", "2019-12-31")


def test_a_number_cited_in_the_first_sentence_is_not_the_plans() -> None:
    # policies-zhejiang/540.txt's first sentence, without the document's own header
    text = (
        "为切实做好新形势下就业创业工作，根据《浙江省人民政府关于支持大众创业促进就业的意见》"
        "（浙政发〔2015〕21号）和嘉兴市人民政府关于支持创业促进就业的实施意见（嘉政发〔2015〕102号）"
        "等文件精神，结合我县实际，提出如下意见。\n"
    )

    assert read_header(text).doc_number is None


def test_without_a_signed_date_the_printing_date_is_the_issue_date_but_no_issuer() -> None:
    header = read_header(real.PRINTED_ONLY)

    assert header.issued == "2019-05-14"
    assert header.issuers == []
