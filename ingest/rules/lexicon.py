"""What the rules know about the vocabulary of Chinese S&T plans.

Everything here is general knowledge of the genre (how platforms are named, which
words are kinds rather than names, the usual abbreviations of the S&T
administration), never a string of one document.
"""

from __future__ import annotations

import re

from graph.schema import Label

#: Name suffixes and the label they give, longest first when compiled. A suffix marks
#: the right end of a name; the left end is found by ``mentions.left_boundary``.
SUFFIX_LABELS: dict[str, Label] = {
    # alliances
    "产业技术创新战略联盟": Label.ALLIANCE,
    "技术创新战略联盟": Label.ALLIANCE,
    "创新战略联盟": Label.ALLIANCE,
    "联盟": Label.ALLIANCE,
    # universities and institutes
    "大学": Label.UNIVERSITY,
    "学院": Label.UNIVERSITY,
    "科学院": Label.RESEARCH_INSTITUTE,
    "研究院": Label.RESEARCH_INSTITUTE,
    "研究所": Label.RESEARCH_INSTITUTE,
    "研究总院": Label.RESEARCH_INSTITUTE,
    "总院": Label.RESEARCH_INSTITUTE,
    "分院": Label.RESEARCH_INSTITUTE,
    "农科院": Label.RESEARCH_INSTITUTE,
    "林科院": Label.RESEARCH_INSTITUTE,
    "农业科学院": Label.RESEARCH_INSTITUTE,
    # enterprises
    "有限公司": Label.ENTERPRISE,
    "公司": Label.ENTERPRISE,
    "集团": Label.ENTERPRISE,
    "加工厂": Label.ENTERPRISE,
    # government
    "科学技术局": Label.GOVERNMENT,
    "科学技术厅": Label.GOVERNMENT,
    "科学技术部": Label.GOVERNMENT,
    "科学技术委员会": Label.GOVERNMENT,
    "科技局": Label.GOVERNMENT,
    "科技厅": Label.GOVERNMENT,
    "科技部": Label.GOVERNMENT,
    "科委": Label.GOVERNMENT,
    "人民政府": Label.GOVERNMENT,
    "市政府": Label.GOVERNMENT,
    "县政府": Label.GOVERNMENT,
    "管委会": Label.GOVERNMENT,
    "管理委员会": Label.GOVERNMENT,
    "领导小组": Label.GOVERNMENT,
    # incubators
    "孵化器": Label.INCUBATOR,
    "众创空间": Label.INCUBATOR,
    "星创天地": Label.INCUBATOR,
    "加速器": Label.INCUBATOR,
    "中试孵化基地": Label.INCUBATOR,
    "中试基地": Label.INCUBATOR,
    "创业服务中心": Label.INCUBATOR,
    "创业平台": Label.INCUBATOR,
    "创业园": Label.INCUBATOR,
    # labs
    "重点实验室": Label.LAB,
    "实验室": Label.LAB,
    # research centres
    "工程技术研究中心": Label.RESEARCH_CENTER,
    "工程研究中心": Label.RESEARCH_CENTER,
    "企业技术中心": Label.RESEARCH_CENTER,
    "技术中心": Label.RESEARCH_CENTER,
    "研发中心": Label.RESEARCH_CENTER,
    "研究中心": Label.RESEARCH_CENTER,
    "创新中心": Label.RESEARCH_CENTER,
    "产业技术研究院": Label.RESEARCH_CENTER,
    "产业研究院": Label.RESEARCH_CENTER,
    "新型研发机构": Label.RESEARCH_CENTER,
    # parks
    "高新技术产业开发区": Label.PARK,
    "经济技术开发区": Label.PARK,
    "高新区": Label.PARK,
    "开发区": Label.PARK,
    "科技园区": Label.PARK,
    "科技园": Label.PARK,
    "科创园": Label.PARK,
    "工业园区": Label.PARK,
    "工业园": Label.PARK,
    "产业园": Label.PARK,
    "产业基地": Label.PARK,
    "产业化基地": Label.PARK,
    "示范基地": Label.PARK,
    "加工基地": Label.PARK,
    "种基地": Label.PARK,
    "示范区": Label.PARK,
    "实验区": Label.PARK,
    "自创区": Label.PARK,
    "特区": Label.PARK,
    "园": Label.PARK,
    # workstations
    "工作站": Label.WORKSTATION,
    # service platforms
    "技术转移中心": Label.SERVICE_PLATFORM,
    "分中心": Label.SERVICE_PLATFORM,
    "服务平台": Label.SERVICE_PLATFORM,
    "创新驿站": Label.SERVICE_PLATFORM,
    "科技服务中心": Label.SERVICE_PLATFORM,
    "信息中心": Label.SERVICE_PLATFORM,
    "培训中心": Label.SERVICE_PLATFORM,
    "技术交易所": Label.SERVICE_PLATFORM,
    "交易所": Label.SERVICE_PLATFORM,
    "技交所": Label.SERVICE_PLATFORM,
    "服务超市": Label.SERVICE_PLATFORM,
    # programmes
    "行动计划": Label.PROGRAM,
    "计划": Label.PROGRAM,
    "工程": Label.PROGRAM,
    "专项": Label.PROGRAM,
    "试点": Label.PROGRAM,
}

#: Suffixes that continue a name rather than end it when these characters follow.
SUFFIX_BLOCKERS: dict[str, str | tuple[str, ...]] = {
    "大学": "生城科",
    "科技部": "门",
    "专项": ("规划", "资金", "经费"),
    "学院": "士",
    "工程": "师化",
    "计划": "经生",
    "园": "区林艺",
    "联盟": "化",
        "集团": "化",
}

#: Suffixes too short to stand without a two-character stem in front.
SHORT_SUFFIXES: frozenset[str] = frozenset({"园", "特区", "公司", "集团", "大学", "学院", "专项", "工程", "计划", "试点"})

#: Branch suffixes: the entity is part of the one named before it.
BRANCH_SUFFIXES: tuple[str, ...] = ("分院", "分中心", "分所", "分部")

#: Abbreviations of the S&T administration and national bodies: surface -> canonical.
ABBREVIATIONS: dict[str, str] = {
    "中科院": "中国科学院",
    "国家科技部": "科学技术部",
    "科技部": "科学技术部",
    "国家教育部": "教育部",
    "机科院": "机械科学研究总院",
    "机械总院": "机械科学研究总院",
    "工程院": "中国工程院",
    "社科院": "中国社会科学院",
    "农科院": "农业科学研究院",
    "林科院": "林业科学研究院",
    "医科院": "医学科学院",
    "技交所": "技术交易所",
    "国家自创区": "国家自主创新示范区",
    "自创区": "国家自主创新示范区",
    "高新投": "高新投",
}
#: Endings rewritten to their long form anywhere in a name.
SUFFIX_EXPANSIONS: tuple[tuple[str, str], ...] = (
    ("科技厅", "科学技术厅"),
    ("技交所", "技术交易所"),
    ("农科院", "农业科学研究院"),
    ("国家自创区", "国家自主创新示范区"),
    ("自创区", "国家自主创新示范区"),
)
#: Stand-alone bodies known by name; these are mentions even without a suffix context.
KNOWN_BODIES: dict[str, Label] = {
    "中科院": Label.RESEARCH_INSTITUTE,
    "中国科学院": Label.RESEARCH_INSTITUTE,
    "中国工程院": Label.RESEARCH_INSTITUTE,
    "机科院": Label.RESEARCH_INSTITUTE,
    "机械总院": Label.RESEARCH_INSTITUTE,
    "医工总院": Label.RESEARCH_INSTITUTE,
    "科技部": Label.GOVERNMENT,
    "国家科技部": Label.GOVERNMENT,
    "教育部": Label.GOVERNMENT,
    "财政部": Label.GOVERNMENT,
    "工业和信息化部": Label.GOVERNMENT,
    "农业农村部": Label.GOVERNMENT,
    "商务部": Label.GOVERNMENT,
    "发展改革委": Label.GOVERNMENT,
    "国家发展改革委": Label.GOVERNMENT,
    "国家自然科学基金委": Label.GOVERNMENT,
}
#: National programmes known by a bare name, and the forms they take in prose.
KNOWN_PROGRAMS: dict[str, str] = {
    r"科技特派员(?!工作站|培训中心)": "科技特派员",
    r"星火计划": "星火计划",
    r"火炬计划": "火炬计划",
    r"国家(?:973|863)计划": "",
    r"(?<!国家)(?:973|863)计划": "",
}

#: Leading qualifiers that make a name a kind (省级重点实验室 is any provincial key lab).
KIND_PREFIXES: tuple[str, ...] = (
    "国家级", "省级", "市级", "县级", "州级", "区级", "镇级", "乡级", "省市级", "国省级",
    "各类", "各级", "一批", "若干", "现有", "新型", "专业化", "有条件的", "相关", "内部",
    "省级以上", "国家级和省级", "大中型", "重点行业", "高水平", "县市", "县域", "龙头",
    "高校院所", "国家", "省", "市", "县", "州", "乡", "镇", "上级", "行业", "农村", "企业", "高校", "和", "及",
)
#: Bare kinds: a name equal to one of these, after kind prefixes are removed, is not a name.
KIND_WORDS: frozenset[str] = frozenset(
    {
        "大学", "学院", "高校", "科研院所", "院所", "企业", "研究院", "研究所", "科学院",
        "大学研究院", "企业研究院", "分院", "总院", "研发机构", "新型研发机构",
        "重点实验室", "国家重点实验室", "实验室", "创新实验室",
        "工程技术研究中心", "国家工程技术研究中心", "企业技术中心", "技术中心", "研发中心",
        "研究中心", "创新中心", "工程研究中心", "产业技术研究院", "产业研究院", "检测中心",
        "孵化器", "科技企业孵化器", "企业孵化器", "科技孵化器", "众创空间", "星创天地",
        "加速器", "中试孵化基地", "中试基地", "创业服务中心", "创业平台", "创业园", "科技创业园",
        "离岸孵化器",
        "联盟", "创新联盟", "产业技术创新战略联盟", "技术创新战略联盟", "创新战略联盟",
        "产学研联盟", "政产学研联盟", "产学研结合创新联盟", "产业联盟",
        "高新区", "开发区", "高新技术产业开发区", "经济开发区", "经济技术开发区", "科技园",
        "科技园区", "工业园区", "工业园", "产业园", "科技产业园", "特色产业基地", "产业基地",
        "产业化基地", "示范基地", "科技示范基地", "农业科技示范基地", "现代农业科技园",
        "农业科技园", "农业科技园区", "企业科技园", "示范区", "实验区", "园区", "园",
        "创新型产业集群", "产业创新基地", "科技创新基地", "国际科技合作基地", "国际创新园",
        "特区", "科普基地", "加工基地", "国家自主创新示范区", "自主创新示范区",
        "工作站", "院士工作站", "研究生工作站", "博士后工作站", "科技特派员工作站",
        "企业院士工作站", "企业研究生工作站",
        "服务平台", "公共技术服务平台", "创新服务平台", "创业服务平台", "科技服务平台",
        "技术转移中心", "科技服务中心", "信息中心", "培训中心", "交易所", "技术交易所",
        "分中心", "共性技术服务平台", "科技成果转化服务平台", "服务超市",
        "公司", "集团", "有限公司", "投资公司", "创业投资公司", "科技创业投资公司",
        "小额贷款公司", "科技小额贷款公司", "担保公司", "跨国公司", "上市公司",
        "科技局", "科技厅", "科学技术局", "科学技术厅", "人民政府", "市政府", "县政府",
        "管委会", "科委", "领导小组",
        "计划", "科技计划", "人才计划", "工程", "专项", "试点", "行动计划", "科技专项",
        "重大专项", "科技重大专项", "重大科技专项", "两项试点", "各级计划", "省级计划",
        "科技项目计划", "国家重大基础研究计划",
    }
)
#: Words that, at the start of a remainder, show a description rather than a name.
DESCRIPTIVE_STARTS: tuple[str, ...] = ("一批", "一个", "两个", "若干", "各", "其", "该", "本")

#: Levels written as one character before a body (市农科院, 州人民政府, 乡科技信息中心).
LEVEL_CHARS: dict[str, tuple[str, ...]] = {
    "省": ("province",),
    "市": ("prefecture", "county"),
    "州": ("prefecture",),
    "县": ("county",),
    "区": ("county",),
    "乡": ("township",),
    "镇": ("township",),
}

#: Anonymised place names in published samples.
PLACEHOLDER = re.compile(r"^(?:x{2,}|X{2,}|×{2,}|某)")

#: Stop words ending a name on its left: verbs and function words of plan prose.
LEFT_STOPS: frozenset[str] = frozenset(
    ["支持", "推动", "依托", "组建", "共建", "打造", "建设", "建立", "加快", "推进", "引导", "鼓励", "积极", "重点", "筹建", "创建", "实施", "启动", "深化", "开展", "发挥", "加强", "完善", "提升", "培育", "新建", "设立", "争创", "申报", "落实", "贯彻", "建成", "形成", "依靠", "通过", "围绕", "面向", "引进", "吸引", "对接", "壮大", "扶持", "认定", "争取", "主动", "全力", "大力", "着力", "进一步", "继续", "加大", "强化", "优化", "成为", "立足", "布局", "规划", "搭建", "培养", "组织", "承担", "参与", "利用", "用好", "发展", "做好", "抓好", "办好", "提高", "扩大", "推广", "复制", "吸纳", "集聚", "聚焦", "瞄准", "入驻", "落地", "联动", "指导", "配合", "试行", "推行", "探索", "力争", "确保", "全面", "深入", "加速", "筹备", "整合", "高标准", "高起点", "及时", "同时", "以及", "包括", "其中", "尤其", "特别", "充分", "进而", "关于", "按照", "发挥好", "组织好", "落实好", "把握好", "利用好", "实施好", "新增", "出台", "各类", "各级", "各种", "各项", "各地", "根据", "依据", "结合", "针对", "为主", "来自", "之间", "之一", "我州", "我市", "我省", "我县", "我乡", "我区", "全省", "全市", "全州", "全县", "全乡", "加入", "引领", "带动", "参加", "纳入", "列入", "举办", "申请", "帮助", "选择", "遴选", "拓展", "延伸", "融入", "做实", "以", "为", "在", "等", "的", "与", "和", "及", "或", "对", "向", "将", "把", "由", "从", "到", "于", "并", "且", "由", "被", "让", "使", "给", "跟", "是", "其", "各", "该"]
)
#: Programme names may hold 和/与/及 and most verbs (新能源开发利用和节能技术推广示范工程);
#: only the verbs that govern a programme end one on its left.
PROGRAM_LEFT_STOPS: frozenset[str] = frozenset(
    ["实施", "启动", "深化", "开展", "推进", "设立", "落实", "承担", "申报", "争取", "推荐", "加大", "扩大", "组织", "完善", "通过", "继续", "对接", "试行", "推行", "探索", "加强", "制定", "实行", "贯彻", "推动", "加快", "做好", "支持", "打造", "参与", "总结", "作为", "立足", "依托", "纳入", "列入", "入选", "获批", "按照", "根据", "依据", "围绕", "新增", "新建", "出台", "选择", "研究制定", "各类", "各级", "用好", "抓好", "办好", "发挥", "鼓励", "引导", "积极", "主动", "深入", "以", "的", "在", "等", "将", "把", "由", "向", "为", "是", "有"]
)
#: Characters that end a name on its left (punctuation, brackets, digits run separately).
LEFT_STOP_CHARS = frozenset(",，。;；:：、!！?？“”\"'‘’《》「」【】[] \t\n·—-/")
MAX_NAME = 26

#: Heads whose field (the part before them) is an industry: 锰产业工程技术研究中心 -> 锰产业.
FIELD_HEADS: tuple[str, ...] = tuple(
    sorted(
        {
            "产业技术创新战略联盟", "技术创新战略联盟", "创新战略联盟", "产业联盟",
            "工程技术研究中心", "工程研究中心", "产业技术研究院", "产业研究院", "研发中心",
            "中试孵化基地", "中试基地", "孵化器", "共性技术服务平台", "公共技术服务平台",
            "技术服务平台", "重点实验室", "高新技术特色产业基地", "特色产业基地", "产业基地",
            "企业技术中心", "研究院",
        },
        key=len,
        reverse=True,
    )
)
#: Labels whose name-field is read as the industry they serve.
FIELD_LABELS: frozenset[Label] = frozenset(
    {Label.ALLIANCE, Label.RESEARCH_CENTER, Label.INCUBATOR, Label.SERVICE_PLATFORM, Label.LAB}
)
#: Modifiers of a shared head dropped when a coordinated name is expanded.
HEAD_MODIFIERS: tuple[str, ...] = ("重点产业", "特色产业", "优势产业", "特色", "重点", "优势", "新兴")

#: Words that are not industries although they sit in industry lists.
GENERIC_FIELDS: frozenset[str] = frozenset(
    ["科技", "创新", "科技创新", "技术", "产学研", "协同创新", "公共", "高新技术", "战略性新兴", "新兴", "传统", "特色", "主导", "优势", "重点", "相关", "支柱", "农业主导", "加工", "生产", "制造", "服务", "研发", "综合", "基础", "其他", "各类", "现代", "高端", "信息", "生态", "生物", "社会", "文化", "农业", "工业", "经济", "民生", "产业", "战略", "先导", "前沿"]
)
#: Industry-word endings that are kinds of firm or work, not industries (企业 ends in 业).
NON_INDUSTRY_ENDINGS: tuple[str, ...] = (
    "企业", "专业", "事业", "就业", "创业", "行业", "学业", "职业", "作业", "物业", "毕业",
)
#: Nominalised actions listed as "fields" (产业提升, 环境保护): not industries.
ACTION_ENDINGS: tuple[str, ...] = (
    "提升", "优化", "改善", "保护", "管理", "治理", "建设", "改革", "发展", "升级", "转型",
    "服务", "应用示范", "推广", "普及", "利用", "攻关", "培训", "规划", "监督", "考核",
)
#: Generic industry names (kinds of industry, not one industry).
GENERIC_INDUSTRIES: frozenset[str] = frozenset(
    ["产业", "新兴产业", "战略性新兴产业", "高新技术产业", "传统产业", "特色产业", "主导产业", "优势产业", "重点产业", "支柱产业", "相关产业", "农业主导产业", "优势特色产业", "未来产业", "先导产业", "朝阳产业", "现代产业", "新兴产业集群", "产业集群", "创新型产业集群", "高新技术", "关键领域", "重点领域"]
)

#: Two-character words that start with a stop character but are no stop (以上, 为主).
NOT_STOPS: frozenset[str] = frozenset({"以上", "以下", "以来", "以后", "以前", "以外", "为主", "所以", "同济", "和田"})
#: A stop word followed by one of these is part of a firm's name (中关村发展集团).
NAME_CONTINUATIONS: tuple[str, ...] = ("集团", "公司", "有限", "银行", "基金", "控股", "股份")
#: Words that never occur in a firm's short trade name (they mark descriptions).
NOT_IN_TRADE_NAMES: tuple[str, ...] = (
    "企业", "能力", "创新", "条件", "工作", "建设", "发展", "人才", "项目", "资金", "政策", "机制",
    "服务", "平台", "体系", "型", "的", "高校", "院所", "机构", "单位", "部门", "园区", "科研",
)
