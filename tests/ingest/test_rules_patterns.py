"""The rule extractor on sentences of plan prose, one pattern each.

The sentences are made up in the style of real plans, with other places, industries
and bodies than the sample corpus, so that a rule tuned to one document's strings
fails here; the rules were written against them, so they specify the rules rather
than measure them. Held-out measurement is on real text: ``test_extraction_quality``
scores the real dev split, and the properties at the end of this file hold on every
real document.

Most patterns are one sentence and one expectation, gathered in three tables: names
read with their label, names not read, and relations read. Patterns that need more
than one expectation are tests of their own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from graph.schema import GraphBatch, Label, RelType
from ingest.extractor import PlanText
from ingest.models import SourceDocument
from ingest.rules import RuleExtractor
from ingest.splitter import split_plans
from tests.ingest.rules_helpers import edges, entity, extract, names

REAL = Path(__file__).resolve().parents[1] / "data" / "real"

#: (sentence, label, names it must read with that label, the plan's place).
NAMES_READ = [
    pytest.param(
        "支持万向钱潮、杭氧股份与浙江工业大学联合组建汽车零部件工程技术研究中心。",
        Label.ENTERPRISE,
        {"万向钱潮", "杭氧股份"},
        {},
        id="unknown_partner_of_a_university_is_an_enterprise",
    ),
    pytest.param(
        "积极培育集成电路、新型显示等产业技术创新战略联盟。",
        Label.ALLIANCE,
        {"集成电路产业技术创新战略联盟", "新型显示产业技术创新战略联盟"},
        {},
        id="coordinated_alliances_are_expanded_with_the_shared_head",
    ),
    pytest.param(
        "发挥好智能制造、跨境电商等两个特色产业技术创新战略联盟的作用。",
        Label.ALLIANCE,
        {"智能制造产业技术创新战略联盟", "跨境电商产业技术创新战略联盟"},
        {},
        id="quantity_and_qualifier_before_a_shared_head_are_dropped",
    ),
    pytest.param(
        "依托滨江高新区,建立人工智能、量子信息中试孵化基地。",
        Label.INCUBATOR,
        {"人工智能中试孵化基地", "量子信息中试孵化基地"},
        {},
        id="coordination_without_deng_expands_the_last_item_head",
    ),
    pytest.param(
        "争取省科技厅更多项目支持。",
        Label.GOVERNMENT,
        {"浙江省科学技术厅"},
        {},
        id="provincial_department_resolves_to_the_plans_province",
    ),
    pytest.param(
        "深入实施新能源汽车产业专项推进方案。",
        Label.INDUSTRY,
        {"新能源汽车"},
        {},
        id="industry_name_drops_the_generic_head",
    ),
    pytest.param(
        "实施数字经济创新提质工程。",
        Label.PROGRAM,
        {"数字经济创新提质工程"},
        {},
        id="programme_after_implement_is_named_to_its_verb",
    ),
    pytest.param(
        "继续加强青年拔尖、领军人才等人才计划实施。",
        Label.PROGRAM,
        {"青年拔尖计划", "领军人才计划"},
        {},
        id="coordinated_programmes_share_their_suffix",
    ),
    pytest.param(
        "吸引人才来义乌创新创业。",
        Label.REGION,
        {"义乌市"},
        {},
        id="short_form_in_the_plans_province_is_a_region",
    ),
    pytest.param(
        "深入实施“蓉漂计划”和科技型中小企业培育工程。",
        Label.PROGRAM,
        {"蓉漂计划", "科技型中小企业培育工程"},
        {"region": "成都市", "parents": ("四川省",)},
        id="joined_programmes_after_a_quote_are_two_names",
    ),
    pytest.param(
        "打造都江堰精华灌区现代农业示范园区。",
        Label.PARK,
        {"都江堰精华灌区现代农业示范园区"},
        {"region": "成都市", "parents": ("四川省",)},
        id="named_park_area_is_a_park",
    ),
    pytest.param(
        "高标准建设合肥综合性国家科学中心。",
        Label.RESEARCH_CENTER,
        {"合肥综合性国家科学中心"},
        {"region": "安徽省", "level": "province", "parents": ()},
        id="comprehensive_national_science_centre_is_named_by_its_city",
    ),
    pytest.param(
        "支持江西理工大学建设稀土分离与功能材料开发江西省重点实验室。",
        Label.LAB,
        {"稀土分离与功能材料开发江西省重点实验室"},
        {},
        id="field_joined_by_yu_stays_inside_a_lab_name",
    ),
    pytest.param(
        "支持南昌大学建设流域水资源利用国家重点实验室。",
        Label.LAB,
        {"流域水资源利用国家重点实验室"},
        {},
        id="a_nominalised_verb_after_a_field_word_stays_inside_a_lab_name",
    ),
    pytest.param(
        "全力服务鄱阳湖实验室建设。",
        Label.LAB,
        {"鄱阳湖实验室"},
        {},
        id="a_leading_fuwu_is_not_part_of_the_lab_name",
    ),
    pytest.param(
        "鼓励赣江科学城落户南昌高新区。",
        Label.PARK,
        {"赣江科学城", "南昌高新区"},
        {},
        id="luohu_ends_the_name_before_it",
    ),
    pytest.param(
        "支持婺源县鸿福茶叶专业合作社开展标准化种植。",
        Label.ENTERPRISE,
        {"婺源县鸿福茶叶专业合作社"},
        {},
        id="a_cooperative_is_an_enterprise",
    ),
    pytest.param(
        "依托遂川县农业农村局建设农技推广服务平台。",
        Label.GOVERNMENT,
        {"遂川县农业农村局"},
        {},
        id="an_agriculture_bureau_is_a_government_body",
    ),
    pytest.param(
        "创建淳安省级农业科技园区。",
        Label.PARK,
        {"淳安省级农业科技园区"},
        {},
        id="a_place_before_a_provincial_designation_names_one_park",
    ),
    pytest.param(
        "组织实施“赛马争先”项目30项。",
        Label.PROGRAM,
        {"赛马争先"},
        {},
        id="a_quoted_mechanism_followed_by_xiangmu_is_a_programme",
    ),
    pytest.param(
        "深入实施“科技入企”专项行动。",
        Label.PROGRAM,
        {"科技入企专项行动"},
        {},
        id="a_quoted_name_before_zhuanxiang_xingdong_keeps_the_whole_action",
    ),
    pytest.param(
        "鼓励钱塘新区管委会联合浙江理工大学共建时尚产业孵化器。",
        Label.UNIVERSITY,
        {"浙江理工大学"},
        {},
        id="lianhe_between_two_bodies_ends_the_second_name",
    ),
    pytest.param(
        "支持杭州汽轮机股份有限公司共建高效透平机械国家重点实验室分中心。",
        Label.LAB,
        {"高效透平机械国家重点实验室分中心"},
        {},
        id="a_branch_of_a_key_lab_keeps_the_whole_lab_name",
    ),
    pytest.param(
        "支持浙江机电职业技术学院建设数控加工实训基地。",
        Label.PARK,
        {"数控加工实训基地"},
        {},
        id="a_training_base_is_a_park",
    ),
]

#: (sentence, label it must read no name of, the plan's place).
NOTHING_READ = [
    pytest.param(
        "大力发展战略性新兴产业和高新技术产业。",
        Label.INDUSTRY,
        {},
        id="generic_industry_words_are_not_industries",
    ),
    pytest.param(
        "围绕产业提升、环境保护、社区管理等领域的技术需求开展攻关。",
        Label.INDUSTRY,
        {},
        id="nominalised_actions_in_a_field_list_are_not_industries",
    ),
    pytest.param(
        "加强资源共享与合作交流,实现富民增收。",
        Label.REGION,
        {},
        id="short_forms_colliding_with_words_are_not_regions",
    ),
    pytest.param(
        "坚持以国家级为龙头、省级为重点、市级为基础,推进企业研发机构建设。",
        Label.INDUSTRY,
        {},
        id="levels_given_as_leaders_are_not_industries",
    ),
    pytest.param(
        "全市科技工作以落实科技创新大会各项任务为重点。",
        Label.INDUSTRY,
        {},
        id="a_single_task_as_focus_is_not_an_industry",
    ),
    pytest.param(
        "贯彻落实市委、市政府扩大试点工作的要求,推动试点工作取得新成效。",
        Label.PROGRAM,
        {},
        id="widening_pilots_is_not_a_named_programme",
    ),
    pytest.param(
        "实行科技计划和人才计划联动配套,指导各地制定实施方案和计划。",
        Label.PROGRAM,
        {},
        id="two_kinds_of_plan_joined_by_he_are_not_a_name",
    ),
    pytest.param(
        "布局打造一批国内一流、国际有影响的临床医学研究中心。",
        Label.RESEARCH_CENTER,
        {},
        id="platform_described_by_a_clause_is_a_kind",
    ),
    pytest.param(
        "新认定企业省级研发中心10家。",
        Label.RESEARCH_CENTER,
        {},
        id="a_provincial_designation_after_a_kind_word_is_still_a_kind",
    ),
    pytest.param(
        "落实“十四五”项目。",
        Label.PROGRAM,
        {},
        id="a_quoted_plan_period_followed_by_xiangmu_is_no_programme",
    ),
]

#: (sentence, relation type, (source, target) pairs it must read, the plan's place);
#: PLAN stands for the plan itself.
RELATIONS_READ = [
    pytest.param(
        "支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。",
        RelType.SERVES,
        {("锂电池工程技术研究中心", "锂电池")},
        {},
        id="field_in_a_platform_name_is_the_industry_it_serves",
    ),
    pytest.param(
        "依托滨江高新区,建立人工智能、量子信息中试孵化基地。",
        RelType.BASED_ON,
        {("人工智能中试孵化基地", "滨江高新区"), ("量子信息中试孵化基地", "滨江高新区")},
        {},
        id="hosted_platforms_are_based_on_the_park",
    ),
    pytest.param(
        "依托滨江高新区,建立人工智能、量子信息中试孵化基地。",
        RelType.SERVES,
        {("人工智能中试孵化基地", "人工智能"), ("量子信息中试孵化基地", "量子信息")},
        {},
        id="expanded_platforms_serve_their_own_field",
    ),
    pytest.param(
        "加快义乌经济技术开发区建设。",
        RelType.LOCATED_IN,
        {("义乌经济技术开发区", "义乌市")},
        {},
        id="park_named_after_a_district_lies_in_it",
    ),
    pytest.param(
        "围绕数字安防、生物医药等产业,建设浙江大学国家大学科技园。",
        RelType.SERVES,
        {
            ("浙江大学国家大学科技园", "数字安防"),
            ("浙江大学国家大学科技园", "生物医药"),
        },
        {},
        id="sentence_fields_go_to_platforms_without_a_field_in_their_name",
    ),
    pytest.param(
        "加强与中科院宁波材料所合作。",
        RelType.PART_OF,
        {("中科院宁波材料所", "中国科学院")},
        {},
        id="cas_institute_is_part_of_the_academy",
    ),
    pytest.param(
        "在集成电路、生物医药、高端装备等领域组织实施一批重大项目。",
        RelType.PRIORITIZES,
        {("PLAN", "集成电路"), ("PLAN", "生物医药"), ("PLAN", "高端装备")},
        {},
        id="items_of_a_field_list_are_prioritised_industries",
    ),
    pytest.param(
        "支持动漫游戏、数字出版为重点的文化产业发展。",
        RelType.PART_OF,
        {("动漫游戏", "文化产业"), ("数字出版", "文化产业")},
        {},
        id="segments_of_a_focused_industry_are_part_of_it",
    ),
    pytest.param(
        "以数字经济、智能制造等为目标,全力推进未来科技城建设。",
        RelType.SERVES,
        {("未来科技城", "数字经济"), ("未来科技城", "智能制造")},
        {},
        id="target_fields_are_served_by_the_platform_built_for_them",
    ),
    pytest.param(
        "深入实施“鲲鹏计划”,引进高层次人才。",
        RelType.PRIORITIZES,
        {("PLAN", "鲲鹏计划")},
        {},
        id="quoted_programme_is_a_prioritised_program",
    ),
    pytest.param(
        "以萧山经济技术开发区为载体,重点推进机器人产业技术创新战略联盟建设。",
        RelType.BASED_ON,
        {("机器人产业技术创新战略联盟", "萧山经济技术开发区")},
        {},
        id="carrier_phrase_makes_the_platform_based_on_the_park",
    ),
    pytest.param(
        "浙江大学重点推进脑科学研究中心建设。",
        RelType.BUILDS,
        {("浙江大学", "脑科学研究中心")},
        {},
        id="subject_institution_builds_the_platforms_it_advances",
    ),
    pytest.param(
        "落实xx高新区标准建设三年行动。",
        RelType.LOCATED_IN,
        {("xx高新区", "xx市")},
        {"region": "xx市", "parents": ()},
        id="anonymised_park_lies_in_the_anonymised_plan_city",
    ),
    pytest.param(
        "推动长沙高新区建设。",
        RelType.LOCATED_IN,
        {("长沙高新区", "长沙市")},
        {"region": "长沙市", "parents": ("湖南省",)},
        id="short_place_form_is_the_plans_own_division",
    ),
    pytest.param(
        "在梅城镇、大同镇建设科技特派员工作站。",
        RelType.PART_OF,
        {("梅城镇", "建德市"), ("大同镇", "建德市")},
        {"region": "建德市", "level": "county", "parents": ()},
        id="townships_named_in_a_county_plan_are_part_of_the_county",
    ),
    pytest.param(
        "围绕光刻胶、电子特气等环节,推动产业链上下游协同。",
        RelType.PRIORITIZES,
        {("PLAN", "光刻胶"), ("PLAN", "电子特气")},
        {},
        id="links_of_a_chain_listed_around_are_prioritised_industries",
    ),
    pytest.param(
        "发挥浙江大学温州研究院作用。",
        RelType.PART_OF,
        {("浙江大学温州研究院", "浙江大学")},
        {},
        id="a_university_institute_in_another_city_is_part_of_the_university",
    ),
    pytest.param(
        "支持浙江工业大学建设绿色制造协同创新中心,服务纺织印染和化纤新材料产业。",
        RelType.SERVES,
        {("绿色制造协同创新中心", "纺织印染"), ("绿色制造协同创新中心", "化纤新材料")},
        {},
        id="a_field_list_after_fuwu_is_served_by_the_platform_before_it",
    ),
    pytest.param(
        "支持浙江大学建设农业装备浙江省工程研究中心。",
        RelType.SERVES,
        {("农业装备浙江省工程研究中心", "农业装备")},
        {},
        id="a_province_written_before_the_head_is_no_part_of_the_field",
    ),
    pytest.param(
        "依托建德市农业农村局建设农技服务平台,在梅城镇建设草莓星创天地。",
        RelType.LOCATED_IN,
        {("草莓星创天地", "梅城镇")},
        {"region": "建德市", "level": "county", "parents": ("杭州市", "浙江省")},
        id="a_platform_built_in_one_listed_township_is_located_there",
    ),
    pytest.param(
        "西湖大学智能制造研究院落户萧山经济技术开发区。",
        RelType.LOCATED_IN,
        {("西湖大学智能制造研究院", "萧山经济技术开发区")},
        {},
        id="a_platform_that_luohu_a_park_is_located_in_it",
    ),
    pytest.param(
        "由浙江工业大学和余杭区人民政府共建未来医疗研究中心,依托单位为浙江工业大学。",
        RelType.BASED_ON,
        {("未来医疗研究中心", "浙江工业大学")},
        {},
        id="yituo_danwei_names_the_host_of_the_platform_before_it",
    ),
    pytest.param(
        "支持杭州制氧机集团有限公司牵头组建空分装备创新联合体,联合浙江大学共建深冷技术研究中心。",
        RelType.BUILDS,
        {("杭州制氧机集团有限公司", "深冷技术研究中心")},
        {},
        id="a_leader_builds_what_the_lianhe_clause_co_builds",
    ),
    pytest.param(
        "引进西北工业大学,共同组建无人机系统研究院。",
        RelType.BUILDS,
        {("西北工业大学", "无人机系统研究院")},
        {},
        id="an_attracted_university_builds_what_is_founded_together",
    ),
]


@pytest.mark.parametrize(("sentence", "label", "expected", "place"), NAMES_READ)
def test_names_are_read_whole_with_their_label(
    sentence: str, label: Label, expected: set[str], place: dict[str, Any]
) -> None:
    assert expected <= names(extract(sentence, **place), label)


@pytest.mark.parametrize(("sentence", "label", "place"), NOTHING_READ)
def test_words_that_are_no_names_are_not_read(
    sentence: str, label: Label, place: dict[str, Any]
) -> None:
    assert not names(extract(sentence, **place), label)


@pytest.mark.parametrize(("sentence", "type", "expected", "place"), RELATIONS_READ)
def test_relations_are_read_between_the_right_ends(
    sentence: str, type: RelType, expected: set[tuple[str, str]], place: dict[str, Any]
) -> None:
    assert expected <= edges(extract(sentence, **place), type)


def test_joint_founding_makes_every_partner_a_builder() -> None:
    batch = extract("支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。")
    center = "锂电池工程技术研究中心"
    assert {("宁德时代", center), ("厦门大学", center)} <= edges(batch, RelType.BUILDS)


def test_joint_founding_makes_the_partners_collaborate() -> None:
    batch = extract("支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。")
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"宁德时代", "厦门大学"}) in pairs


def test_kind_words_are_not_names() -> None:
    batch = extract("支持有条件的企业、高校建设省级重点实验室、科技企业孵化器和众创空间。")
    assert not names(batch, Label.LAB) and not names(batch, Label.INCUBATOR)
    assert not names(batch, Label.UNIVERSITY) and not names(batch, Label.ENTERPRISE)


def test_cas_abbreviation_resolves_to_the_academy() -> None:
    batch = extract("加强与中科院的对接合作。")
    assert entity(batch, Label.RESEARCH_INSTITUTE, "中国科学院").aliases == ["中科院"]


def test_city_prefix_resolves_to_the_plans_city() -> None:
    batch = extract("推动市人民政府与浙商创投联合设立天使投资基金。")
    assert "杭州市人民政府" in names(batch, Label.GOVERNMENT)
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"杭州市人民政府", "浙商创投"}) in pairs


def test_regions_carry_level_and_code_and_are_part_of_every_enclosing_division() -> None:
    batch = extract("支持余杭区建设创新型县(市、区)。")
    district = entity(batch, Label.REGION, "余杭区")
    assert district.properties["level"] == "county" and district.properties["adcode"] == "330110"
    part_of = edges(batch, RelType.PART_OF)
    assert {("余杭区", "杭州市"), ("杭州市", "浙江省"), ("余杭区", "浙江省")} <= part_of


def test_institute_named_with_a_programme_suffix_inside_ends_at_its_own_suffix() -> None:
    batch = extract("推动中国科学院宁波材料技术与工程研究所建设。", region="宁波市")
    institute = "中国科学院宁波材料技术与工程研究所"
    assert institute in names(batch, Label.RESEARCH_INSTITUTE)
    assert not names(batch, Label.PROGRAM)
    assert (institute, "中国科学院") in edges(batch, RelType.PART_OF)


def test_abbreviated_academy_institute_is_its_own_builder() -> None:
    batch = extract("支持比亚迪与中科院化学所联合组建动力电池工程技术研究中心。")
    builds = edges(batch, RelType.BUILDS)
    assert ("中科院化学所", "动力电池工程技术研究中心") in builds
    assert ("中国科学院", "动力电池工程技术研究中心") not in builds


def test_co_founders_joined_by_yu_build_and_collaborate() -> None:
    batch = extract("推动浙江工业大学与杭州电子科技大学、中国美术学院共建智能感知联合研究中心。")
    center = "智能感知联合研究中心"
    builds = edges(batch, RelType.BUILDS)
    assert {(a, center) for a in ("浙江工业大学", "杭州电子科技大学", "中国美术学院")} <= builds
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert {
        frozenset({"浙江工业大学", "杭州电子科技大学"}),
        frozenset({"浙江工业大学", "中国美术学院"}),
    } <= pairs


def test_sentence_fields_skip_platforms_that_name_their_own_field() -> None:
    batch = extract("围绕数字安防、生物医药等产业,组建视觉智能、创新药物等产业技术创新战略联盟。")
    serves = edges(batch, RelType.SERVES)
    assert ("视觉智能产业技术创新战略联盟", "视觉智能") in serves
    assert ("视觉智能产业技术创新战略联盟", "生物医药") not in serves


def test_listed_places_share_the_name_they_head() -> None:
    batch = extract("推进余杭区、桐庐县国家农业科技园区建设。")
    parks = {"余杭区国家农业科技园区", "桐庐县国家农业科技园区"}
    assert parks <= names(batch, Label.PARK)
    located = edges(batch, RelType.LOCATED_IN)
    assert {("余杭区国家农业科技园区", "余杭区"), ("桐庐县国家农业科技园区", "桐庐县")} <= located


def test_technology_market_is_a_service_platform() -> None:
    batch = extract("建设市科技大市场,活跃技术市场交易。")
    assert names(batch, Label.SERVICE_PLATFORM) == {"杭州市科技大市场"}


def test_branch_of_an_academy_is_part_of_it() -> None:
    batch = extract("推动农科院宁波分院加快成果转化。", region="宁波市")
    assert ("宁波市农业科学研究院", "宁波市") not in edges(batch, RelType.PART_OF)
    assert ("农科院宁波分院", "农业科学研究院") in edges(batch, RelType.PART_OF)


def test_trade_names_listed_as_enterprises_are_enterprises() -> None:
    batch = extract("以海康威视、大华股份等企业为平台积极培育视觉智能技术创新战略联盟。")
    assert {"海康威视", "大华股份"} <= names(batch, Label.ENTERPRISE)
    based = edges(batch, RelType.BASED_ON)
    assert ("视觉智能技术创新战略联盟", "海康威视") in based


def test_collaboration_with_a_listed_institute_is_read_from_the_subject() -> None:
    batch = extract("之江实验室重点围绕智能计算产业链布局,加强与中科院计算所等科研院所合作。")
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"之江实验室", "中科院计算所"}) in pairs
    assert ("之江实验室", "智能计算") in edges(batch, RelType.SERVES)


def test_anonymised_bodies_are_kept_as_written_and_apart() -> None:
    batch = extract("主动对接xx大学、xx学院等高校。", region="xx市", parents=())
    assert "xx大学" in names(batch, Label.UNIVERSITY) and "xx学院" in names(batch, Label.UNIVERSITY)


def test_designations_aspired_to_are_not_names() -> None:
    batch = extract("支持浙江大学科技园争创国家级大学科技园,争创国家高新技术产业化示范基地。")
    assert names(batch, Label.PARK) == {"浙江大学科技园"}


def test_township_named_in_a_township_plan_is_its_region() -> None:
    batch = extract(
        "2020年龙门镇科技工作要点\n完善镇科技服务中心建设。",
        region="龙门镇",
        level="township",
        parents=(),
    )
    assert "龙门镇" in names(batch, Label.REGION)
    assert ("龙门镇科技服务中心", "龙门镇") in edges(batch, RelType.LOCATED_IN)


def test_national_scheme_qualified_by_place_or_sector_is_one_programme() -> None:
    batch = extract("组织开展农业科技特派员和送科技下乡活动,深化浙江省科技特派员试点。")
    programs = names(batch, Label.PROGRAM)
    assert "科技特派员" in programs and "送科技下乡" in programs
    assert not {"农业科技特派员", "浙江省科技特派员"} & programs


def test_coordinated_pilot_platforms_are_incubators_serving_their_fields() -> None:
    batch = extract(
        "依托成都高新区,建设生物医药、集成电路等中试平台。", region="成都市", parents=("四川省",)
    )
    assert {"生物医药中试平台", "集成电路中试平台"} <= names(batch, Label.INCUBATOR)
    assert ("集成电路中试平台", "成都高新区") in edges(batch, RelType.BASED_ON)


def test_branch_of_the_academy_lies_in_the_city_in_its_name() -> None:
    batch = extract(
        "支持四川大学与中国科学院成都分院共建天府实验室。", region="成都市", parents=("四川省",)
    )
    assert ("中国科学院成都分院", "中国科学院") in edges(batch, RelType.PART_OF)
    assert ("中国科学院成都分院", "成都市") in edges(batch, RelType.LOCATED_IN)
    assert ("中国科学院成都分院", "天府实验室") in edges(batch, RelType.BUILDS)


def test_field_in_a_name_is_read_after_the_place_it_starts_with() -> None:
    batch = extract("组建杭州市氢能产业技术创新战略联盟。")
    serves = {field for _, field in edges(batch, RelType.SERVES)}
    assert serves and not any(field.startswith("杭州") for field in serves)


def test_programme_suffix_in_the_title_line_is_the_plan_not_a_programme() -> None:
    text = "杭州市集成电路产业发展行动计划\n实施“芯火计划”。"
    batch = extract(text, title="杭州市集成电路产业发展行动计划")
    assert names(batch, Label.PROGRAM) == {"芯火计划"}


def test_listed_institutions_that_co_found_collaborate_and_build() -> None:
    batch = extract("推动浙江大学、西湖大学共建合成生物研究院。")
    builds = edges(batch, RelType.BUILDS)
    assert {("浙江大学", "合成生物研究院"), ("西湖大学", "合成生物研究院")} <= builds
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"浙江大学", "西湖大学"}) in pairs


def test_industry_word_after_gongcheng_continues_the_name() -> None:
    batch = extract("依托杭叉集团、中策橡胶建设工程机械产业技术创新战略联盟。")
    assert not names(batch, Label.PROGRAM)
    alliance = "工程机械产业技术创新战略联盟"
    assert {(alliance, "杭叉集团"), (alliance, "中策橡胶")} <= edges(batch, RelType.BASED_ON)


def test_valley_named_for_an_industry_is_a_park() -> None:
    batch = extract("依托萧山区信息港光谷,建设光电子中试基地。")
    assert "萧山区信息港光谷" in names(batch, Label.PARK)
    assert ("光电子中试基地", "萧山区信息港光谷") in edges(batch, RelType.BASED_ON)


def test_division_named_new_area_stays_a_region() -> None:
    batch = extract("支持浦东新区建设张江科学城。", region="上海市", level="province", parents=())
    assert "浦东新区" in names(batch, Label.REGION)
    assert "浦东新区" not in names(batch, Label.PARK)


def test_yu_between_a_place_and_a_firm_still_separates_two_bodies() -> None:
    batch = extract("推动上饶市与晶科能源集团营养研究院合作。")
    assert "上饶市与晶科能源集团营养研究院" not in names(batch, Label.RESEARCH_INSTITUTE)


def test_a_leading_lianhe_is_not_part_of_the_partner_name() -> None:
    batch = extract("支持九江石化牵头组建炼化创新联盟,联合江西师范大学开展攻关。")
    assert "江西师范大学" in names(batch, Label.UNIVERSITY)
    assert "联合江西师范大学" not in names(batch, Label.UNIVERSITY)


def test_a_branch_school_is_a_university_part_of_its_parent() -> None:
    batch = extract("支持南昌大学共青城分校建设科教创新园。")
    assert "南昌大学共青城分校" in names(batch, Label.UNIVERSITY)
    assert ("南昌大学共青城分校", "南昌大学") in edges(batch, RelType.PART_OF)


def test_a_campus_without_an_institutional_suffix_is_a_university() -> None:
    batch = extract("推动江西财经大学麦庐校区建设数字经济研究院。")
    assert "江西财经大学麦庐校区" in names(batch, Label.UNIVERSITY)
    assert ("江西财经大学麦庐校区", "江西财经大学") in edges(batch, RelType.PART_OF)


def test_a_place_in_brackets_after_a_university_names_its_campus() -> None:
    batch = extract("支持北京理工大学(珠海)与珠海市人民政府共建智能装备研究院。")
    assert "北京理工大学(珠海)" in names(batch, Label.UNIVERSITY)
    assert ("北京理工大学(珠海)", "智能装备研究院") in edges(batch, RelType.BUILDS)


def test_a_university_named_after_its_city_is_no_branch_of_a_university() -> None:
    batch = extract("加快宁波诺丁汉大学新材料研究院建设。")
    assert not {p for p in edges(batch, RelType.PART_OF) if p[0] == "宁波诺丁汉大学新材料研究院"}


def test_a_designation_is_no_part_of_a_field_in_a_name() -> None:
    batch = extract("支持吉利汽车建设国家智能网联汽车技术创新中心。")
    served = edges(batch, RelType.SERVES)
    assert ("国家智能网联汽车技术创新中心", "智能网联汽车") in served
    assert not {s for s in served if s[1].startswith("国家")}


def test_an_innovation_consortium_is_an_alliance() -> None:
    batch = extract("支持江铃汽车集团有限公司牵头组建智能网联汽车创新联合体。")
    assert "智能网联汽车创新联合体" in names(batch, Label.ALLIANCE)
    assert ("江铃汽车集团有限公司", "智能网联汽车创新联合体") in edges(batch, RelType.BUILDS)


def test_a_government_office_keeps_its_office_in_the_name() -> None:
    batch = extract("杭州市人民政府办公室印发本方案。")
    assert "杭州市人民政府办公室" in names(batch, Label.GOVERNMENT)
    assert "杭州市人民政府" not in names(batch, Label.GOVERNMENT)


def test_a_township_after_zai_does_not_take_zai_into_its_name() -> None:
    batch = extract(
        "在小溪镇建设茶叶星创天地。", region="建德市", level="county", parents=("杭州市", "浙江省")
    )
    assert "小溪镇" in names(batch, Label.REGION)
    assert "在小溪镇" not in names(batch, Label.REGION)


def test_a_leader_works_with_the_partners_of_a_following_lianhe_clause() -> None:
    batch = extract(
        "支持杭州制氧机集团有限公司牵头组建空分装备创新联合体,联合浙江大学、浙江工业大学开展攻关。"
    )
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert {
        frozenset({"杭州制氧机集团有限公司", "浙江大学"}),
        frozenset({"杭州制氧机集团有限公司", "浙江工业大学"}),
    } <= pairs


def test_a_body_lianhe_another_to_co_build_makes_both_builders_and_partners() -> None:
    batch = extract("鼓励钱塘新区管委会联合浙江理工大学共建时尚产业孵化器。")
    builds = edges(batch, RelType.BUILDS)
    assert {("钱塘新区管委会", "时尚产业孵化器"), ("浙江理工大学", "时尚产业孵化器")} <= builds
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"钱塘新区管委会", "浙江理工大学"}) in pairs


def test_yituo_danwei_skips_the_park_the_platform_settled_in() -> None:
    batch = extract("杭州科技成果转化服务平台落户杭州高新区,依托单位为杭州市生产力促进中心。")
    based = edges(batch, RelType.BASED_ON)
    assert ("杭州科技成果转化服务平台", "杭州市生产力促进中心") in based
    assert not {b for b in based if b[0] == "杭州高新区"}


def test_a_leader_and_a_participant_both_build_the_platform() -> None:
    batch = extract("由浙江工业大学牵头,杭州万向集团有限公司参与,组建精密制造研究中心。")
    builds = edges(batch, RelType.BUILDS)
    assert {
        ("浙江工业大学", "精密制造研究中心"),
        ("杭州万向集团有限公司", "精密制造研究中心"),
    } <= builds
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"浙江工业大学", "杭州万向集团有限公司"}) in pairs


# -- properties that hold on every real document ---------------------------------------


_RULES = RuleExtractor()


def _real_documents() -> list[Any]:
    paths = sorted(REAL.glob("*/*.txt"))
    return [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in paths]


@pytest.fixture(scope="module", params=_real_documents())
def real(request: pytest.FixtureRequest) -> tuple[str, list[GraphBatch]]:
    """A real document's text and the rule extractor's batch for each of its plans."""
    path: Path = request.param
    text = path.read_text(encoding="utf-8")
    document = SourceDocument(
        id=path.stem, source=path.name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    return text, [_RULES.extract(PlanText.of(document, plan)) for plan in split_plans(document)]


def test_every_mention_is_a_sentence_at_its_offsets_in_the_document(
    real: tuple[str, list[GraphBatch]],
) -> None:
    text, batches = real
    mentions = [m for batch in batches for e in batch.entities for m in e.mentions]
    assert all(text[m.start : m.end] == m.sentence and m.sentence for m in mentions)


def test_every_relation_carries_evidence_quoted_from_the_document(
    real: tuple[str, list[GraphBatch]],
) -> None:
    text, batches = real
    relations = [r for batch in batches for r in batch.relations]
    assert all(
        r.evidence and all(text[e.start : e.end] == e.sentence for e in r.evidence)
        for r in relations
    )
