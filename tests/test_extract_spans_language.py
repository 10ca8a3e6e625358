"""Figures the language prints in less common ways: per-unit units, a space
before the unit, qualifier words, units of counts, classes (级). Each case
is a short phrase of the kind local-government prose prints."""

import math

import pytest

from pipeline.extract.spans import find_figures

INF = math.inf


def figures(text):
    return [(text[f.start:f.end], f.value, f.unit, f.qualifier) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # per-unit units keep both parts; the numerator's scale goes into the value
        ("商品房屋销售均价11192元/㎡", [("11192元/㎡", 11192, "元/平方米", "exact")]),
        ("城乡低保标准从8700元/年提高", [("8700元/年", 8700, "元/年", "exact")]),
        ("生活保障金标准725元/月", [("725元/月", 725, "元/月", "exact")]),
        ("全员劳动生产率达到30万元/人左右", [("30万元/人左右", 300000, "元/人", "approx")]),
        # 角 and 分 are money before a denominator
        ("工商业平均电价下降5分/千瓦时", [("5分/千瓦时", 0.05, "元/千瓦时", "exact")]),
        # units of counts and measures
        ("总吨位73861总吨", [("73861总吨", 73861, "总吨", "exact")]),
        ("育出2.5亿粒鲍鱼", [("2.5亿粒", 2.5e8, "粒", "exact")]),
        ("货运周转量1312.21亿吨公里", [("1312.21亿吨公里", 1.31221e11, "吨公里", "exact")]),
        ("旅客周转量6161.05万人公里", [("6161.05万人公里", 61610500, "人公里", "exact")]),
        ("压缩到不超过120个工作日", [("不超过120个工作日", 120, "工作日", "at_most")]),
        ("制定修订行政法规180件次", [("180件次", 180, "件次", "exact")]),
        ("开展民意征集53期", [("53期", 53, "期", "exact")]),
        ("分两期投放政策性开发性金融工具", [("两期", 2, "期", "exact")]),
        ("连续举办8届全国双创活动周", [("8届", 8, "届", "exact")]),
        ("中欧班列开行3005列", [("3005列", 3005, "列", "exact")]),
        ("老年教育课程100门", [("100门", 100, "门", "exact")]),
        ("改造传统养殖渔排6.8万口", [("6.8万口", 68000, "口", "exact")]),
        ("十方面民生实事圆满完成", [("十方面", 10, "方面", "exact")]),
        ("重点建设1000P算力以上的智算中心", [("1000P算力以上", 1000, "P", "at_least")]),
        # an alternative measure word in brackets belongs to the figure
        ("筹集建设保障性租赁住房15.6万套（间）", [("15.6万套（间）", 156000, "套", "exact")]),
        # 人口, 家庭 are nouns, not the measure words 人, 家
        ("14亿多人口大国", [("14亿多", 1.4e9, "", "more_than")]),
        ("惠及2900多万家庭", [("2900多万", 2.9e7, "", "more_than")]),
        # a space from PDF text between the number and its unit
        ("固定资产投资增长3.8 %", [("3.8 %", 3.8, "%", "exact")]),
        ("地区生产总值 16715.15 亿元,比上年增长", [("16715.15 亿元", 1.671515e12, "元", "exact")]),
        ("新设市场经营主体 53014 户,比上年增长", [("53014 户", 53014, "户", "exact")]),
        # ... but a cell of a flattened table is not followed by its unit
        ("香港特别行政区 13 台湾地区 2 本市居住或工作地", []),
        ("2023 年,浦东新区坚持", []),
        # qualifier words
        ("旅游收入突破100亿元", [("突破100亿元", 1e10, "元", "more_than")]),
        ("全省生产总值连续跨越7万亿", [("跨越7万亿", 7e12, "", "more_than")]),
        ("停航3年多的货运航线", [("3年多", 3, "年", "more_than")]),
        ("18周岁以下30.24万人", [("18周岁以下", 18, "岁", "less_than"), ("30.24万人", 302400, "人", "exact")]),
        ("60周岁及以上32.0万人", [("60周岁及以上", 60, "岁", "at_least"), ("32.0万人", 320000, "人", "exact")]),
        # 级 names a class
        ("30万吨级条帚门航道建成投运", [("30万吨级", 300000, "吨", "exact")]),
        # a new Chinese numeral after an Arabic figure's scale word
        ("9万亿三个大台阶", [("9万亿", 9e12, "", "exact"), ("三个", 3, "个", "exact")]),
    ],
)
def test_figures(text, expected):
    got = figures(text)
    assert [(s, u, q) for s, _, u, q in got] == [(s, u, q) for s, _, u, q in expected]
    for (_, value, _, _), (_, want, _, _) in zip(got, expected):
        assert value == pytest.approx(want)


@pytest.mark.parametrize(
    "text",
    [
        "润泽智算中心三期等项目开工建设",  # a phase, not a count
        "十四届全国人大一次会议",  # an ordinal without 第
        "三门核电三期项目获国家核准",  # 三门 is a county
        "另一方面，推动大众创业",
    ],
)
def test_not_counts(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # anniversaries are ordinals
        "2024年是中华人民共和国成立75周年",
        "围绕实现建军一百年奋斗目标",
        "“八项工程”等提出和实施20年系列活动",
        # a span that dates its sentence is a period
        "五年来，我们深入贯彻",
        "新冠疫情发生三年多来",
        "过去五年极不寻常",
        "一、过去一年和五年工作回顾",
        "经过八年持续努力",
        "空气质量优良天数比例高于近三年平均值",
        "刑事发案数同比下降10%，创近12年新低",
        "“十四五”的五年，在浙江改革发展历程中极不寻常",
        "全国财政收入十年接近翻",
        "五年累计使用外资",
        # names of programmes and things
        "实施高职扩招和职业技能提升三年行动",
        "深入实施长江流域重点水域十年禁渔",
        "九年一贯制学校",
        "是三年新冠疫情防控转段后经济恢复发展的一年",
        "打造15分钟养老服务圈",
        "城市社区10分钟体育健身圈进一步完善",
        "推出18小时、24小时、36小时、48小时游产品",
        "做好“强城”“兴村”“融合”三篇文章",
        "坚持在和平共处五项原则基础上",
        # a figure inside a short quotation is part of a name
        "迭代升级我省“民营经济32条”",
        "“一极两大三区”现代化新开州建设",
        # N大 that counts nothing listed right there is a label
        "八大类商品和服务价格",
        "强力推进八大高耗能行业绿色低碳转型",
        "仙居下汤遗址先后入选全国年度十大考古新发现",
        "重点产业持续增效,六大产业实现税收",
    ],
)
def test_not_claims(text):
    assert [f for f, _, _, _ in figures(text) if f not in ("10%",)] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a measured duration and a streak are claims
        ("停航3年多的货运航线", "3年多"),
        ("土地承包期再延长30年", "30年"),
        ("平潭连续6年被评为", "6年"),
        ("连续3年增长", "3年"),
        # N大 counting the items listed right before it, or announcing them
        ("聚焦文旅、数字、海洋、绿色四大领域", "四大"),
        ("投资促进和重点项目建设推进两大机制务实高效", "两大"),
        ("包含“治荟”“治学”“治芯”与“治迹”四大提升行动", "四大"),
        ("形成“要事共商、资源共享、项目共推”三大工作机制", "三大"),
        ("选取营商环境、招生入学、住房保障等7大领域", "7大"),
        ("将镇域划分为2大片区", "2大"),
        ("本届大赛呈现三大亮点：一是", "三大"),
        # a quoted norm states figures
        ("按照“每2.5万人设置1个粮食应急供应网点”", "2.5万人"),
    ],
)
def test_claims_that_look_like_names(text, surface):
    assert surface in [f for f, _, _, _ in figures(text)]


def test_structure_ratio_terms():
    text = "三次产业结构由上年11.7:24.8:63.5调整为本期的11.6:25.2:63.2。男女性别比为103.6:100。"
    found = find_figures(text)
    assert [(text[f.start:f.end], f.unit, f.structure) for f in found] == [
        (t, "", True) for t in ("11.7", "24.8", "63.5", "11.6", "25.2", "63.2", "103.6", "100")
    ]
    assert figures("三次产业结构比为21.9∶38.7∶39.4。")[0][:3] == ("21.9", 21.9, "")


@pytest.mark.parametrize("text", ["上午9:30召开", "会议于14:00开始", "比分2:1"])
def test_times_and_scores_are_not_ratios(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit printed once for a list
        ("三次产业分别拉动增长0.8、2.0和3.4个百分点", [("0.8", 0.8, "百分点"), ("2.0", 2.0, "百分点"), ("3.4个百分点", 3.4, "百分点")]),
        ("分别净减少10.6万、3.8万、3.3万平方公里", [("10.6万", 106000, "平方公里"), ("3.8万", 38000, "平方公里"), ("3.3万平方公里", 33000, "平方公里")]),
        # both ends of a from-to change
        ("最低工资标准从1720提高至1960元", [("1720", 1720, "元"), ("1960元", 1960, "元")]),
        ("收入倍差从1.96缩小至1.81。", [("1.96", 1.96, ""), ("1.81", 1.81, "")]),
        # an index has no unit
        ("全年空气质量综合指数为1.95，位列全省第一", [("1.95", 1.95, "")]),
        # fractions: the quotient, unit ""
        ("占全省运力超1/4，", [("超1/4", 0.25, "")]),
        ("文件压减三分之一以上", [("三分之一以上", 1 / 3, "")]),
        # a threshold printed without digits
        ("力争新引进亿元以上项目30个", [("亿元以上", 1e8, "元"), ("30个", 30, "个")]),
        ("全年引进税收千万级以上项目", [("千万级以上", 1e7, "")]),
        ("其中:亿元级项目2个", [("亿元级", 1e8, "元"), ("2个", 2, "个")]),
        ("各类支持创新的税收优惠政策年度规模已超过万亿元。", [("超过万亿元", 1e12, "元")]),
        ("上亿人出棚进楼", [("上亿人", 1e8, "人")]),
        ("每年有上千万农村人口转移到城镇", [("上千万", 1e7, "")]),
        ("带动万名青年入乡发展", [("万名", 1e4, "名")]),
        # numbers said in words
        ("全国财政收入十年接近翻一番。", [("一番", 1, "倍")]),
        ("企业研发投入保持两位数增长", [("两位数", 10, "%")]),
        ("八大类商品和服务价格呈“六升两降”格局", [("六", 6, ""), ("两", 2, "")]),
        ("企业开办时间从一个月以上压缩到", [("一个月以上", 1, "个月")]),
        # a range printed with the unit on both ends
        ("全省生产总值增长5%—5.5%，", [("5%—5.5%", 5.25, "%")]),
        ("特困人员供养标准提高至16080元/年-39144元/年不等", [("16080元/年-39144元/年", 27612, "元/年")]),
    ],
)
def test_bare_numbers_that_are_claims(text, expected):
    got = figures(text)
    assert [(s, u) for s, _, u, _ in got] == [(s, u) for s, _, u in expected]
    for (_, value, _, _), (_, want, _) in zip(got, expected):
        assert value == pytest.approx(want)


def test_qualifier_of_a_list_carries_on():
    assert [q for _, _, _, q in figures("人均可支配收入分别超过8万元、4.5万元，")] == ["more_than", "more_than"]
    assert [q for _, _, _, q in figures("连续跨越7万亿、8万亿、9万亿三个大台阶")] == ["more_than"] * 3 + ["exact"]


def test_table_cells():
    row = "区域 在院治疗确诊病例 境外输入人员 加拿大 4 美国 4 丹麦 3 本市居住或工作地 浦东 3229 黄浦 455 徐汇 499 合计 7818"
    assert [s for s, _, _, _ in figures(row)] == ["4", "4", "3", "3229", "455", "499", "7818"]
    column = "主要产品产量\n2023年\n较上年增长(%)\n粮食总产量\n162817吨\n0.5\n其中:谷物\n97658吨\n-9.7\n"
    assert [(s, v, u) for s, v, u, _ in figures(column)] == [
        ("162817吨", 162817, "吨"), ("0.5", 0.5, "%"), ("97658吨", 97658, "吨"), ("-9.7", -9.7, "%")
    ]
    inline = "本年收费金额（单位：万元）行政事业性收费18651.06三、收到和处理政府信息公开申请情况"
    assert figures(inline) == [("18651.06", pytest.approx(186510600), "元", "exact")]


@pytest.mark.parametrize(
    "text",
    [
        # prose spaced by PDF extraction is not a table row
        "全年实现地区生产总值 16715.15 亿元,比上年增长 4.8% (见图 1 )。",
        # a number alone on its line without a header unit is no cell
        "附件\n2\n",
        # 千方百计 and per-ten-thousand denominators are words
        "千方百计稳就业",
        "每万人口高价值发明专利拥有量",
    ],
)
def test_bare_numbers_that_are_not(text):
    assert [s for s, _, _, _ in figures(text) if s not in ("16715.15 亿元", "4.8%")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("制定修订行政法规25部，", ["25部"]),
        ("成立科学城投促三部、浦东新区知识产权中心", []),  # a department's name
        # single-value rows of the open-information report template
        ("本年处理决定数量行政许可4529第二十条第（六）项信息内容本年处理决定数量行政处罚1100行政强制65第二十条",
         ["4529", "1100", "65"]),
        # a web table rendered one cell a line
        ("区域\n在院治疗\n浦东\n3229\n黄浦\n455\n徐汇\n499\n", ["3229", "455", "499"]),
        # quoted speech is no name
        ("“我还特意设定了闹钟提前5分钟去还”。", ["5分钟"]),
        ("“支付宝支付1分钱充电1小时”的优惠活动", []),
        # idioms built on 千/万
        ("早在周三晚上，成千上万中国人", []),
        ("跨越千山万水，行程近两万公里", ["近两万公里"]),
    ],
)
def test_more_settings(text, expected):
    assert [s for s, _, _, _ in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实现从0到1的突破", []),  # an idiom, no change verb
        ("获得第 3 名", []),  # an ordinal, spaced by PDF text
        ("近百年来", []),  # a period
        ("流量5立方米/秒", ["5立方米/秒"]),
        ("人口密度800人/平方公里", ["800人/平方公里"]),
        ("1∶1000地形图", []),  # a map scale with no ratio word is no structure
    ],
)
def test_edges(text, expected):
    assert [s for s, _, _, _ in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "surface", "threshold"),
    [
        ("其中:亿元级项目2个", "亿元级", True),
        ("全年引进税收千万级以上项目156个", "千万级以上", True),
        ("30万吨级条帚门航道建成投运", "30万吨级", False),  # a class of one thing
        ("企业开办时间从一个月以上压缩到4个工作日以内", "一个月以上", False),  # a from-value
    ],
)
def test_thresholds(text, surface, threshold):
    found = {text[f.start:f.end]: f for f in find_figures(text)}
    assert found[surface].threshold is threshold
