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
        "全国财政收入十年接近翻一番",
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
