"""The rule extractor on sentences in the style of plans it has never seen.

Each test is one pattern of plan prose with other places, industries and bodies
than the sample corpus, so that a rule tuned to one document's strings fails here.
"""

from __future__ import annotations

from graph.schema import Label, RelType
from tests.ingest.rules_helpers import edges, entity, extract, names


def test_joint_founding_makes_every_partner_a_builder() -> None:
    batch = extract("支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。")
    center = "锂电池工程技术研究中心"
    assert {("宁德时代", center), ("厦门大学", center)} <= edges(batch, RelType.BUILDS)


def test_joint_founding_makes_the_partners_collaborate() -> None:
    batch = extract("支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。")
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"宁德时代", "厦门大学"}) in pairs


def test_unknown_partner_of_a_university_is_an_enterprise() -> None:
    batch = extract("支持万向钱潮、杭氧股份与浙江工业大学联合组建汽车零部件工程技术研究中心。")
    assert {"万向钱潮", "杭氧股份"} <= names(batch, Label.ENTERPRISE)


def test_field_in_a_platform_name_is_the_industry_it_serves() -> None:
    batch = extract("支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。")
    assert ("锂电池工程技术研究中心", "锂电池") in edges(batch, RelType.SERVES)


def test_coordinated_alliances_are_expanded_with_the_shared_head() -> None:
    batch = extract("积极培育集成电路、新型显示等产业技术创新战略联盟。")
    assert {"集成电路产业技术创新战略联盟", "新型显示产业技术创新战略联盟"} <= names(
        batch, Label.ALLIANCE
    )


def test_quantity_and_qualifier_before_a_shared_head_are_dropped() -> None:
    batch = extract("发挥好智能制造、跨境电商等两个特色产业技术创新战略联盟的作用。")
    assert {"智能制造产业技术创新战略联盟", "跨境电商产业技术创新战略联盟"} <= names(
        batch, Label.ALLIANCE
    )


def test_coordination_without_deng_expands_the_last_item_head() -> None:
    batch = extract("依托滨江高新区,建立人工智能、量子信息中试孵化基地。")
    assert {"人工智能中试孵化基地", "量子信息中试孵化基地"} <= names(batch, Label.INCUBATOR)


def test_hosted_platforms_are_based_on_the_park() -> None:
    batch = extract("依托滨江高新区,建立人工智能、量子信息中试孵化基地。")
    based = edges(batch, RelType.BASED_ON)
    assert {("人工智能中试孵化基地", "滨江高新区"), ("量子信息中试孵化基地", "滨江高新区")} <= based


def test_expanded_platforms_serve_their_own_field() -> None:
    batch = extract("依托滨江高新区,建立人工智能、量子信息中试孵化基地。")
    assert {("人工智能中试孵化基地", "人工智能"), ("量子信息中试孵化基地", "量子信息")} <= edges(
        batch, RelType.SERVES
    )


def test_kind_words_are_not_names() -> None:
    batch = extract("支持有条件的企业、高校建设省级重点实验室、科技企业孵化器和众创空间。")
    assert not names(batch, Label.LAB) and not names(batch, Label.INCUBATOR)
    assert not names(batch, Label.UNIVERSITY) and not names(batch, Label.ENTERPRISE)


def test_cas_abbreviation_resolves_to_the_academy() -> None:
    batch = extract("加强与中科院的对接合作。")
    assert entity(batch, Label.RESEARCH_INSTITUTE, "中国科学院").aliases == ["中科院"]


def test_provincial_department_resolves_to_the_plans_province() -> None:
    batch = extract("争取省科技厅更多项目支持。")
    assert "浙江省科学技术厅" in names(batch, Label.GOVERNMENT)


def test_city_prefix_resolves_to_the_plans_city() -> None:
    batch = extract("推动市人民政府与浙商创投联合设立天使投资基金。")
    assert "杭州市人民政府" in names(batch, Label.GOVERNMENT)
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"杭州市人民政府", "浙商创投"}) in pairs


def test_park_named_after_a_district_lies_in_it() -> None:
    batch = extract("加快义乌经济技术开发区建设。")
    assert ("义乌经济技术开发区", "义乌市") in edges(batch, RelType.LOCATED_IN)


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


def test_sentence_fields_go_to_platforms_without_a_field_in_their_name() -> None:
    batch = extract("围绕数字安防、生物医药等产业,建设浙江大学国家大学科技园。")
    serves = edges(batch, RelType.SERVES)
    assert {
        ("浙江大学国家大学科技园", "数字安防"),
        ("浙江大学国家大学科技园", "生物医药"),
    } <= serves


def test_listed_places_share_the_name_they_head() -> None:
    batch = extract("推进余杭区、桐庐县国家农业科技园区建设。")
    parks = {"余杭区国家农业科技园区", "桐庐县国家农业科技园区"}
    assert parks <= names(batch, Label.PARK)
    located = edges(batch, RelType.LOCATED_IN)
    assert {("余杭区国家农业科技园区", "余杭区"), ("桐庐县国家农业科技园区", "桐庐县")} <= located


def test_technology_market_is_a_service_platform() -> None:
    batch = extract("建设市科技大市场,活跃技术市场交易。")
    assert names(batch, Label.SERVICE_PLATFORM) == {"杭州市科技大市场"}


def test_cas_institute_is_part_of_the_academy() -> None:
    batch = extract("加强与中科院宁波材料所合作。")
    assert ("中科院宁波材料所", "中国科学院") in edges(batch, RelType.PART_OF)


def test_branch_of_an_academy_is_part_of_it() -> None:
    batch = extract("推动农科院宁波分院加快成果转化。", region="宁波市")
    assert ("宁波市农业科学研究院", "宁波市") not in edges(batch, RelType.PART_OF)
    assert ("农科院宁波分院", "农业科学研究院") in edges(batch, RelType.PART_OF)


def test_items_of_a_field_list_are_prioritised_industries() -> None:
    batch = extract("在集成电路、生物医药、高端装备等领域组织实施一批重大项目。")
    assert {("PLAN", "集成电路"), ("PLAN", "生物医药"), ("PLAN", "高端装备")} <= edges(
        batch, RelType.PRIORITIZES
    )


def test_generic_industry_words_are_not_industries() -> None:
    batch = extract("大力发展战略性新兴产业和高新技术产业。")
    assert not names(batch, Label.INDUSTRY)


def test_nominalised_actions_in_a_field_list_are_not_industries() -> None:
    batch = extract("围绕产业提升、环境保护、社区管理等领域的技术需求开展攻关。")
    assert not names(batch, Label.INDUSTRY)


def test_segments_of_a_focused_industry_are_part_of_it() -> None:
    batch = extract("支持动漫游戏、数字出版为重点的文化产业发展。")
    part_of = edges(batch, RelType.PART_OF)
    assert {("动漫游戏", "文化产业"), ("数字出版", "文化产业")} <= part_of


def test_industry_name_drops_the_generic_head() -> None:
    batch = extract("深入实施新能源汽车产业专项推进方案。")
    assert "新能源汽车" in names(batch, Label.INDUSTRY)


def test_target_fields_are_served_by_the_platform_built_for_them() -> None:
    batch = extract("以数字经济、智能制造等为目标,全力推进未来科技城建设。")
    serves = edges(batch, RelType.SERVES)
    assert {("未来科技城", "数字经济"), ("未来科技城", "智能制造")} <= serves


def test_quoted_programme_is_a_prioritised_program() -> None:
    batch = extract("深入实施“鲲鹏计划”,引进高层次人才。")
    assert ("PLAN", "鲲鹏计划") in edges(batch, RelType.PRIORITIZES)


def test_programme_after_implement_is_named_to_its_verb() -> None:
    batch = extract("实施数字经济创新提质工程。")
    assert "数字经济创新提质工程" in names(batch, Label.PROGRAM)


def test_coordinated_programmes_share_their_suffix() -> None:
    batch = extract("继续加强青年拔尖、领军人才等人才计划实施。")
    assert {"青年拔尖计划", "领军人才计划"} <= names(batch, Label.PROGRAM)


def test_trade_names_listed_as_enterprises_are_enterprises() -> None:
    batch = extract("以海康威视、大华股份等企业为平台积极培育视觉智能技术创新战略联盟。")
    assert {"海康威视", "大华股份"} <= names(batch, Label.ENTERPRISE)
    based = edges(batch, RelType.BASED_ON)
    assert ("视觉智能技术创新战略联盟", "海康威视") in based


def test_carrier_phrase_makes_the_platform_based_on_the_park() -> None:
    batch = extract("以萧山经济技术开发区为载体,重点推进机器人产业技术创新战略联盟建设。")
    assert ("机器人产业技术创新战略联盟", "萧山经济技术开发区") in edges(batch, RelType.BASED_ON)


def test_subject_institution_builds_the_platforms_it_advances() -> None:
    batch = extract("浙江大学重点推进脑科学研究中心建设。")
    assert ("浙江大学", "脑科学研究中心") in edges(batch, RelType.BUILDS)


def test_collaboration_with_a_listed_institute_is_read_from_the_subject() -> None:
    batch = extract("之江实验室重点围绕智能计算产业链布局,加强与中科院计算所等科研院所合作。")
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"之江实验室", "中科院计算所"}) in pairs
    assert ("之江实验室", "智能计算") in edges(batch, RelType.SERVES)


def test_short_forms_colliding_with_words_are_not_regions() -> None:
    batch = extract("加强资源共享与合作交流,实现富民增收。")
    assert not names(batch, Label.REGION)


def test_short_form_in_the_plans_province_is_a_region() -> None:
    batch = extract("吸引人才来义乌创新创业。")
    assert "义乌市" in names(batch, Label.REGION)


def test_anonymised_bodies_are_kept_as_written_and_apart() -> None:
    batch = extract("主动对接xx大学、xx学院等高校。", region="xx市", parents=())
    assert "xx大学" in names(batch, Label.UNIVERSITY) and "xx学院" in names(batch, Label.UNIVERSITY)


def test_anonymised_park_lies_in_the_anonymised_plan_city() -> None:
    batch = extract("落实xx高新区标准建设三年行动。", region="xx市", parents=())
    assert ("xx高新区", "xx市") in edges(batch, RelType.LOCATED_IN)


def test_every_entity_is_mentioned_by_the_plan_with_document_offsets() -> None:
    text = "总体思路。\n支持宁德时代与厦门大学联合组建锂电池工程技术研究中心。"
    batch = extract(text)
    for found in batch.entities:
        for mention in found.mentions:
            assert text[mention.start : mention.end] == mention.sentence
            assert mention.start > 0
    assert ("PLAN", "厦门大学") in edges(batch, RelType.MENTIONS)


def test_every_relation_carries_evidence() -> None:
    batch = extract("依托滨江高新区,建立人工智能、量子信息中试孵化基地。")
    assert batch.relations and all(r.evidence for r in batch.relations)


def test_levels_given_as_leaders_are_not_industries() -> None:
    batch = extract("坚持以国家级为龙头、省级为重点、市级为基础,推进企业研发机构建设。")
    assert not names(batch, Label.INDUSTRY)


def test_a_single_task_as_focus_is_not_an_industry() -> None:
    batch = extract("全市科技工作以落实科技创新大会各项任务为重点。")
    assert not names(batch, Label.INDUSTRY)


def test_widening_pilots_is_not_a_named_programme() -> None:
    batch = extract("贯彻落实市委、市政府扩大试点工作的要求,推动试点工作取得新成效。")
    assert not names(batch, Label.PROGRAM)


def test_two_kinds_of_plan_joined_by_he_are_not_a_name() -> None:
    batch = extract("实行科技计划和人才计划联动配套,指导各地制定实施方案和计划。")
    assert not names(batch, Label.PROGRAM)


def test_designations_aspired_to_are_not_names() -> None:
    batch = extract("支持浙江大学科技园争创国家级大学科技园,争创国家高新技术产业化示范基地。")
    assert names(batch, Label.PARK) == {"浙江大学科技园"}


def test_platform_described_by_a_clause_is_a_kind() -> None:
    batch = extract("布局打造一批国内一流、国际有影响的临床医学研究中心。")
    assert not names(batch, Label.RESEARCH_CENTER)


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


def test_joined_programmes_after_a_quote_are_two_names() -> None:
    batch = extract(
        "深入实施“蓉漂计划”和科技型中小企业培育工程。", region="成都市", parents=("四川省",)
    )
    assert {"蓉漂计划", "科技型中小企业培育工程"} <= names(batch, Label.PROGRAM)


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


def test_named_park_area_is_a_park() -> None:
    batch = extract("打造都江堰精华灌区现代农业示范园区。", region="成都市", parents=("四川省",))
    assert "都江堰精华灌区现代农业示范园区" in names(batch, Label.PARK)


def test_short_place_form_is_the_plans_own_division() -> None:
    batch = extract("推动长沙高新区建设。", region="长沙市", parents=("湖南省",))
    assert ("长沙高新区", "长沙市") in edges(batch, RelType.LOCATED_IN)


def test_field_in_a_name_is_read_after_the_place_it_starts_with() -> None:
    batch = extract("组建杭州市氢能产业技术创新战略联盟。")
    serves = {field for _, field in edges(batch, RelType.SERVES)}
    assert serves and not any(field.startswith("杭州") for field in serves)


def test_townships_named_in_a_county_plan_are_part_of_the_county() -> None:
    batch = extract(
        "在梅城镇、大同镇建设科技特派员工作站。", region="建德市", level="county", parents=()
    )
    part_of = edges(batch, RelType.PART_OF)
    assert {("梅城镇", "建德市"), ("大同镇", "建德市")} <= part_of


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


def test_comprehensive_national_science_centre_is_named_by_its_city() -> None:
    batch = extract(
        "高标准建设合肥综合性国家科学中心。", region="安徽省", level="province", parents=()
    )
    assert "合肥综合性国家科学中心" in names(batch, Label.RESEARCH_CENTER)


def test_links_of_a_chain_listed_around_are_prioritised_industries() -> None:
    batch = extract("围绕光刻胶、电子特气等环节,推动产业链上下游协同。")
    assert {("PLAN", "光刻胶"), ("PLAN", "电子特气")} <= edges(batch, RelType.PRIORITIZES)


def test_field_joined_by_yu_stays_inside_a_lab_name() -> None:
    batch = extract("支持江西理工大学建设稀土分离与功能材料开发江西省重点实验室。")
    assert "稀土分离与功能材料开发江西省重点实验室" in names(batch, Label.LAB)


def test_a_nominalised_verb_after_a_field_word_stays_inside_a_lab_name() -> None:
    batch = extract("支持南昌大学建设流域水资源利用国家重点实验室。")
    assert "流域水资源利用国家重点实验室" in names(batch, Label.LAB)


def test_yu_between_a_place_and_a_firm_still_separates_two_bodies() -> None:
    batch = extract("推动上饶市与晶科能源集团营养研究院合作。")
    assert "上饶市与晶科能源集团营养研究院" not in names(batch, Label.RESEARCH_INSTITUTE)


def test_a_leading_lianhe_is_not_part_of_the_partner_name() -> None:
    batch = extract("支持九江石化牵头组建炼化创新联盟,联合江西师范大学开展攻关。")
    assert "江西师范大学" in names(batch, Label.UNIVERSITY)
    assert "联合江西师范大学" not in names(batch, Label.UNIVERSITY)


def test_a_leading_fuwu_is_not_part_of_the_lab_name() -> None:
    batch = extract("全力服务鄱阳湖实验室建设。")
    assert "鄱阳湖实验室" in names(batch, Label.LAB)


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


def test_a_university_institute_in_another_city_is_part_of_the_university() -> None:
    batch = extract("发挥浙江大学温州研究院作用。")
    assert ("浙江大学温州研究院", "浙江大学") in edges(batch, RelType.PART_OF)


def test_a_university_named_after_its_city_is_no_branch_of_a_university() -> None:
    batch = extract("加快宁波诺丁汉大学新材料研究院建设。")
    assert not {p for p in edges(batch, RelType.PART_OF) if p[0] == "宁波诺丁汉大学新材料研究院"}


def test_a_field_list_after_fuwu_is_served_by_the_platform_before_it() -> None:
    batch = extract("支持浙江工业大学建设绿色制造协同创新中心,服务纺织印染和化纤新材料产业。")
    served = edges(batch, RelType.SERVES)
    assert {("绿色制造协同创新中心", "纺织印染"), ("绿色制造协同创新中心", "化纤新材料")} <= served


def test_a_designation_is_no_part_of_a_field_in_a_name() -> None:
    batch = extract("支持吉利汽车建设国家智能网联汽车技术创新中心。")
    served = edges(batch, RelType.SERVES)
    assert ("国家智能网联汽车技术创新中心", "智能网联汽车") in served
    assert not {s for s in served if s[1].startswith("国家")}


def test_a_province_written_before_the_head_is_no_part_of_the_field() -> None:
    batch = extract("支持浙江大学建设农业装备浙江省工程研究中心。")
    assert ("农业装备浙江省工程研究中心", "农业装备") in edges(batch, RelType.SERVES)


def test_luohu_ends_the_name_before_it() -> None:
    batch = extract("鼓励赣江科学城落户南昌高新区。")
    assert {"赣江科学城", "南昌高新区"} <= names(batch, Label.PARK)


def test_an_innovation_consortium_is_an_alliance() -> None:
    batch = extract("支持江铃汽车集团有限公司牵头组建智能网联汽车创新联合体。")
    assert "智能网联汽车创新联合体" in names(batch, Label.ALLIANCE)
    assert ("江铃汽车集团有限公司", "智能网联汽车创新联合体") in edges(batch, RelType.BUILDS)


def test_a_cooperative_is_an_enterprise() -> None:
    batch = extract("支持婺源县鸿福茶叶专业合作社开展标准化种植。")
    assert "婺源县鸿福茶叶专业合作社" in names(batch, Label.ENTERPRISE)


def test_an_agriculture_bureau_is_a_government_body() -> None:
    batch = extract("依托遂川县农业农村局建设农技推广服务平台。")
    assert "遂川县农业农村局" in names(batch, Label.GOVERNMENT)


def test_a_place_before_a_provincial_designation_names_one_park() -> None:
    batch = extract("创建淳安省级农业科技园区。")
    assert "淳安省级农业科技园区" in names(batch, Label.PARK)


def test_a_provincial_designation_after_a_kind_word_is_still_a_kind() -> None:
    batch = extract("新认定企业省级研发中心10家。")
    assert not names(batch, Label.RESEARCH_CENTER)


def test_a_government_office_keeps_its_office_in_the_name() -> None:
    batch = extract("杭州市人民政府办公室印发本方案。")
    assert "杭州市人民政府办公室" in names(batch, Label.GOVERNMENT)
    assert "杭州市人民政府" not in names(batch, Label.GOVERNMENT)


def test_a_platform_built_in_one_listed_township_is_located_there() -> None:
    batch = extract(
        "依托建德市农业农村局建设农技服务平台,在梅城镇建设草莓星创天地。",
        region="建德市",
        level="county",
        parents=("杭州市", "浙江省"),
    )
    assert ("草莓星创天地", "梅城镇") in edges(batch, RelType.LOCATED_IN)


def test_a_township_after_zai_does_not_take_zai_into_its_name() -> None:
    batch = extract(
        "在小溪镇建设茶叶星创天地。", region="建德市", level="county", parents=("杭州市", "浙江省")
    )
    assert "小溪镇" in names(batch, Label.REGION)
    assert "在小溪镇" not in names(batch, Label.REGION)


def test_a_platform_that_luohu_a_park_is_located_in_it() -> None:
    batch = extract("西湖大学智能制造研究院落户萧山经济技术开发区。")
    assert ("西湖大学智能制造研究院", "萧山经济技术开发区") in edges(batch, RelType.LOCATED_IN)


def test_yituo_danwei_names_the_host_of_the_platform_before_it() -> None:
    batch = extract("由浙江工业大学和余杭区人民政府共建未来医疗研究中心,依托单位为浙江工业大学。")
    assert ("未来医疗研究中心", "浙江工业大学") in edges(batch, RelType.BASED_ON)


def test_a_quoted_mechanism_followed_by_xiangmu_is_a_programme() -> None:
    batch = extract("组织实施“赛马争先”项目30项。")
    assert "赛马争先" in names(batch, Label.PROGRAM)


def test_a_quoted_plan_period_followed_by_xiangmu_is_no_programme() -> None:
    batch = extract("落实“十四五”项目。")
    assert not names(batch, Label.PROGRAM)


def test_a_quoted_name_before_zhuanxiang_xingdong_keeps_the_whole_action() -> None:
    batch = extract("深入实施“科技入企”专项行动。")
    assert "科技入企专项行动" in names(batch, Label.PROGRAM)


def test_a_leader_works_with_the_partners_of_a_following_lianhe_clause() -> None:
    batch = extract(
        "支持杭州制氧机集团有限公司牵头组建空分装备创新联合体,联合浙江大学、浙江工业大学开展攻关。"
    )
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert {
        frozenset({"杭州制氧机集团有限公司", "浙江大学"}),
        frozenset({"杭州制氧机集团有限公司", "浙江工业大学"}),
    } <= pairs


def test_a_leader_builds_what_the_lianhe_clause_co_builds() -> None:
    batch = extract(
        "支持杭州制氧机集团有限公司牵头组建空分装备创新联合体,联合浙江大学共建深冷技术研究中心。"
    )
    assert ("杭州制氧机集团有限公司", "深冷技术研究中心") in edges(batch, RelType.BUILDS)


def test_lianhe_between_two_bodies_ends_the_second_name() -> None:
    batch = extract("鼓励钱塘新区管委会联合浙江理工大学共建时尚产业孵化器。")
    assert "浙江理工大学" in names(batch, Label.UNIVERSITY)


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


def test_a_branch_of_a_key_lab_keeps_the_whole_lab_name() -> None:
    batch = extract("支持杭州汽轮机股份有限公司共建高效透平机械国家重点实验室分中心。")
    assert "高效透平机械国家重点实验室分中心" in names(batch, Label.LAB)


def test_a_leader_and_a_participant_both_build_the_platform() -> None:
    batch = extract("由浙江工业大学牵头,杭州万向集团有限公司参与,组建精密制造研究中心。")
    builds = edges(batch, RelType.BUILDS)
    assert {
        ("浙江工业大学", "精密制造研究中心"),
        ("杭州万向集团有限公司", "精密制造研究中心"),
    } <= builds
    pairs = {frozenset(p) for p in edges(batch, RelType.COLLABORATES_WITH)}
    assert frozenset({"浙江工业大学", "杭州万向集团有限公司"}) in pairs


def test_an_attracted_university_builds_what_is_founded_together() -> None:
    batch = extract("引进西北工业大学,共同组建无人机系统研究院。")
    assert ("西北工业大学", "无人机系统研究院") in edges(batch, RelType.BUILDS)


def test_a_training_base_is_a_park() -> None:
    batch = extract("支持浙江机电职业技术学院建设数控加工实训基地。")
    assert "数控加工实训基地" in names(batch, Label.PARK)
