"""Short excerpts of real document headers, cut from ``shared/corpus/real/`` (the file
each comes from is noted; ``…`` marks what was left out). Shared by the header reader's
tests and the plan-list API tests."""

from __future__ import annotations

# policies-zhejiang/430.txt: number, formal title, addressees; signature with 此件公开发布,
# 抄送, and the office that printed it.
RUIAN = (
    "瑞政发〔2018〕46号\n"
    "瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见\n"
    "各功能区管委会，各乡镇人民政府，各街道办事处，市政府直属各单位：\n"
    "为深入贯彻落实省“凤凰行动”计划，鼓励企业通过实施并购重组做大做强，"
    "现结合我市实际，特提出如下实施意见。\n"
    "一、我市上市公司成功并购市内目标企业并达到控股要求的给予奖励75万元。\n"
    "本意见自2018年6月1日起施行。\n"
    "瑞安市人民政府2018年4月24日（此件公开发布）抄送：\n"
    "市委各部门，市人大常委会、市政协办公室，市人武部，市人民法院、市人民检察院。\n"
    "瑞安市人民政府办公室2018年4月24日印发\n"
)

# policies-zhejiang/16.txt: masthead, a number without brackets and the title run together.
WENLING = (
    "温岭市人民政府文件温政发202057号温岭市人民政府关于进一步加强“三强一制造”建设"
    "加快质量提升的若干意见各镇人民政府，各街道办事处，市政府直属各单位，在温垂直管理各单位：\n"
    "为进一步加强质量强市、标准强市、品牌强市建设，推动我市经济转型升级，特制订本意见。\n"
    "（二十九）本意见自发文之日起施行，2020年度的奖励参照本意见执行。\n"
    "温岭市人民政府2020年12月31日（此件公开发布）抄送：\n"
    "市委各部门，市人大常委会办公室，市政协办公室，市监委，市人武部，市法院，市检察院。\n"
    "温岭市人民政府办公室2020年12月31日印发\n"
)

# policies-zhejiang/411.txt: a notice from two offices run together, wrapping the plan.
KEQIAO = (
    "区委办〔2018〕66号\n"
    "中共柯桥区委办公室柯桥区人民政府办公室关于印发2018年柯桥区金融支持实体经济发展"
    "考核奖励办法的通知各镇（街道、开发区）党委（工委）、政府（办事处、管委会），区机关各部门：\n"
    "《2018年柯桥区金融支持实体经济发展考核奖励办法》已经区委、区政府同意，"
    "现印发给你们，请认真贯彻执行。\n"
    "中共柯桥区委办公室柯桥区人民政府办公室2018年6月15日2018年柯桥区金融支持实体经济"
    "发展考核奖励办法为鼓励各金融机构加大对区域经济社会发展的支持力度，特制订本办法。\n"
    "一、考核奖励对象区内银行、保险机构、证券期货机构。\n"
)

# policies-zhejiang/413.txt: a notice signed by five bodies, without a date, and the
# attachment's title naming the place the notice's title leaves out.
JIAXING_JOINT = (
    "嘉市监〔2018〕87号\n"
    "关于印发压缩常态化企业开办时间工作方案的通知\n"
    "各县（市、区）市场监管局（分局）、国税局、地税局、公安(分)局、行政审批服务中心"
    "（行政审批局）：\n"
    "现将《嘉兴市压缩常态化企业开办时间工作方案》印发给你们，请认真组织实施。\n"
    "嘉兴市市场监督管理局嘉兴市国家税务局嘉兴市地税局嘉兴市公安局嘉兴市行政审批服务中心"
    "嘉兴市压缩常态化企业开办时间工作方案为深入贯彻落实党中央、国务院关于重视优化营商环境、"
    "压缩企业开办时间工作要求，现就进一步优化我市营商环境制定方案如下。\n"
)

# policies-zhejiang/495.txt: joint issuers separated by spaces; validity from the issue date.
JIAXING_SPACED = (
    "嘉科综〔2017〕44号\n"
    "关于印发《关于嘉兴市本级进一步推广应用创新券的实施意见》的通知南湖区、秀洲区科技局、"
    "财政局，嘉兴经济技术开发区、嘉兴港区管委会：\n"
    "现将《关于嘉兴市本级进一步推广应用创新券的实施意见》印发给你们，请结合实际贯彻落实。\n"
    "  嘉兴市科学技术局     嘉兴市财政局       2017年8月22日关于嘉兴市本级进一步推广应用"
    "创新券的实施意见总则第一条为贯彻落实《嘉兴市全面创新改革试验实施方案》"
    "（嘉委发〔2017〕3号）精神，制定本意见。\n"
    "第二十条本意见自发布之日起实行。\n"
)

# policies-zhejiang/528.txt: the date in brackets after the title; an end of validity.
HUANGYAN = (
    "黄区委发〔2017〕20号\n"
    "★中共黄岩区委黄岩区人民政府关于促进企业上市（挂牌）的若干意见（2017年4月17日）"
    "为进一步鼓励和引导企业上市（挂牌），现结合我区实际，特制定本意见。\n"
    "一、区政府设立并每年保持3000万元以上的企业上市扶持基金，专项用于扶持企业上市。\n"
    "有效期至2020年12月31日，具体工作由区金融办承担。\n"
)

# policies-misc/05.txt: a web export: the title twice, the number on its own line, the
# signature and date on lines of their own; a temporary measure valid for two years.
ABA = (
    "【法宝引证码】 CLI.12.4792728\n"
    "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知\n"
    "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知\n"
    "阿府办发〔2021〕21号\n"
    "各县（市）人民政府、州级各部门、卧龙特别行政区，各有关单位：\n"
    "　　现将《阿坝州政务数据资源管理暂行办法》印发你们，请认真遵照执行。\n"
    "阿坝州人民政府办公室\n"
    "2021年10月11日\n"
    "　　阿坝州政务数据资源管理暂行办法\n"
    "　第一章　总则　　第一条 　为规范政务数据资源管理，制定本办法。\n"
    "　　第四十九条 　本办法自颁布之日起施行，有效期2年。\n"
)

# gwr-provincial-2026/广东省.txt: a work report; the meeting line runs over two lines.
GUANGDONG_REPORT = (
    "政府工作报告\n"
    "——2026年1月26日在广东省第十四届\n"
    "人民代表大会第五次会议上\n"
    "广东省省长 孟凡利\n"
    "各位代表：\n"
    "现在，我代表省人民政府，向大会报告工作，请予审议。\n"
)

# gwr-national/2019.txt: the State Council's report.
NATIONAL_REPORT = (
    "2019年中华人民共和国国务院政府工作报告\n"
    "各位代表：\n"
    "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n"
)

# policies-shandong/008.txt (its last lines): two bodies sign, one a line, above the date.
SHANDONG_SIGNATURE = (
    "           5、 人工智能产业重点创新项目申报表.xlsx\n"
    "           6、 申报项目（企业）汇总表.docx\n"
    "山东省工业和信息化厅\n"
    "山东省教育厅\n"
    "2019年4月11日\n"
)

# policies-shandong/032.txt (a PDF's text): the title and the signatures broken over lines.
JINAN_BROKEN_LINES = (
    "济工信装备字〔2022〕1号 \n"
    "文件\n"
    "关于印发《济南市智能网联汽车道路测试与 \n"
    "示范应用管理办法（试行）》的通知 \n"
    "各相关单位： \n"
    "为加快推进济南智能网联汽车技术研发及应用，指导智能网\n"
    "联汽车开展道路测试工作，我们联合制定了《济南市智能网联汽\n"
    "车道路测试与示范应用管理办法（试行）》。现印发给你们，请\n"
    "遵照执行。 \n"
    "济南市工业和 \n"
    "信息化局 \n"
    "济南市公安局 济南市城乡交通 \n"
    "运输局 \n"
    "2022 年3月10日  \n"
)

# policies-central/060.txt: no title line; the notice's sentence names the plan it hands
# out, and a national bureau signs.
NATIONAL_BUREAU = (
    "《医疗保障基金智能审核和监控知识库、规则库管理办法（试行）》已经国家医疗保障局第53次"
    "局长办公会审议通过，现印发给你们，请认真贯彻执行。\n"
    "     国家医疗保障局\n"
    "　　2022年3月30日\n"
    "医疗保障基金智能审核和监控知识库、规则库管理办法（试行）\n"
)

# policies-central/073.txt: a body citing another notice in its first sentence.
CITES_A_NOTICE = (
    "为深入贯彻党的十九届五中全会、中央经济工作会议精神，落实《中共中央办公厅 国务院办公厅"
    "关于印发<建设高标准市场体系行动方案>的通知》要求，顺应实体零售转型升级和数字化发展趋势。\n"
)

# The 信息公开 table a government portal puts over a document, one cell a line as the HTML
# reader writes table cells (the form of the portals' tables; the values and the opening
# lines are policies-zhejiang/430.txt's, whose copy in the corpus has no table).
PORTAL_TABLE = (
    "索引号：\n002482410/2018-07879\n"
    "发布机构：\n瑞安市人民政府\n"
    "文号：\n瑞政发〔2018〕46号\n"
    "成文日期：\n2018-04-24\n"
    "发布日期： 2018-04-28 主题分类： 综合政务\n"
    "瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见\n"
    "各功能区管委会，各乡镇人民政府，各街道办事处，市政府直属各单位：\n"
    "为深入贯彻落实省“凤凰行动”计划，鼓励企业通过实施并购重组做大做强，"
    "现结合我市实际，特提出如下实施意见。\n"
)

# policies-central/075.txt: a title broken over the first two lines, without 《》.
BROKEN_TITLE = (
    "智能网联汽车生产企业及产品准入\n"
    "管理指南（试行）\n"
    "(征求意见稿)\n"
    "第一条 为加强道路机动车辆生产企业及产品准入管理，\n"
)

# policies-central/017.txt and 026.txt: bodies whose first sentence uses a title word.
PROSE_OPENINGS = (
    "持续推进数字技术适老化是践行积极应对人口老龄化\n战略的重要举措，也是实施《无障碍环境建设法》的内在要\n求。",
    "本审评要点旨在指导注册申请人对病理图像人工智能分析软件临床评价注册申报资料的准备及撰写。",
)

# policies-central/072.txt: a comma inside the quoted proposal the reply answers.
QUOTED_COMMA = (
    "民政部对“关于应对老龄社会，深化运用人工智能技术强化老年人群体关爱的建议”的答复\n"
    "\n"
    "民函〔2021〕742号\n"
)

# gwr-provincial-2026/贵州省.txt: a photo caption before the title, the meeting in brackets.
GUIZHOU_REPORT = (
    "政府工作报告。 贵州日报天眼新闻记者 李森 摄\n"
    "政府工作报告\n"
    "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n"
    "省长 李炳军\n"
    "各位代表：\n"
    "现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
)

# policies-zhejiang/490.txt: a stray digit before the number; in force 30 days after issue.
YONGKANG = (
    "7永政办发〔2017〕99号永康市人民政府办公室关于印发加快企业股改上市工作指导意见的通知"
    "各镇人民政府、街道办事处，经济开发区、现代农业装备高新区（城西新区）、方岩风景名胜区、"
    "江南山水新城管委会，市政府各部门：\n"
    "《关于加快企业股改上市工作的指导意见》已经市十七届政府第八次常务会议审议通过，"
    "现印发给你们，请认真贯彻执行。\n"
    "永康市人民政府办公室2017年9月20日关于加快企业股改上市工作的指导意见为鼓励和引导企业"
    "积极对接多层次资本市场，推动企业做大做强，根据我市实际，提出如下意见。\n"
    "（三）文件由市上市工作领导小组办公室负责解释，自下文之日起30日后施行。（此件公开发布）\n"
)

# policies-zhejiang/503.txt (its first line and a closing article): validity as a period.
TONGXIANG_PERIOD = (
    "桐服务业领〔2017〕2号\n"
    "关于印发服务业强市培育发展的若干政策意见的通知\n"
    "（八）本政策自2017年1月1日起执行，政策执行期为三年。\n"
)

# policies-central/110.txt (its last lines): no signed date, only the date it was printed.
PRINTED_ONLY = (
    "智能航运发展指导意见\n"
    "一、发展智能航运的重要意义。\n"
    "抄送:各省、自治区、直辖市交通运输厅(局、委)、发展改革委,部属各单位,部内各单位.\n"
    "交通运输部办公厅 ２０１９年５月１４日印发\n"
)
