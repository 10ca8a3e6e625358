"""Attribution: metric, period, role and comparison links."""

from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.extract import extract_claims

DOC = date(2023, 8, 3)
SEED = Path(__file__).resolve().parents[1] / "sources" / "archive" / "002_013173d67734eaa2.txt"

TAX = (
    "经济形势稳中向好:1-5月,共计完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,"
    "增幅45.4%;完成区级财政收入5.72亿元,比去年同期3.69亿元增长2.03亿元,增幅55.2%。"
)


def by_surface(text, doc_date=DOC):
    return {c.surface: c for c in extract_claims(text, doc_date)}


def test_comparison_links_level_base_increment_rate():
    claims = by_surface(TAX)
    level = claims["20.17亿元"]
    assert level.comparison == "level" and level.compared_to is None
    for surface, kind in (("13.88亿元", "base"), ("6.39亿元", "increment"), ("45.4%", "rate")):
        assert (claims[surface].comparison, claims[surface].compared_to) == (kind, level.char_start)
    assert {claims[s].metric for s in ("20.17亿元", "13.88亿元", "6.39亿元", "45.4%")} == {"税收"}


def test_periods_of_a_comparison():
    claims = by_surface(TAX)
    level = claims["20.17亿元"]
    assert (level.period, level.period_start, level.period_end) == ("1-5月", date(2023, 1, 1), date(2023, 5, 31))
    base = claims["13.88亿元"]
    assert (base.period, base.period_start, base.period_end) == ("去年同期", date(2022, 1, 1), date(2022, 5, 31))
    assert claims["6.39亿元"].period == claims["45.4%"].period == "1-5月"


def test_period_is_inherited_by_the_next_sentence_of_the_paragraph():
    claims = by_surface(TAX)
    second = claims["5.72亿元"]
    assert (second.metric, second.period, second.period_end) == ("区级财政收入", "1-5月", date(2023, 5, 31))
    assert claims["3.69亿元"].compared_to == second.char_start


@pytest.mark.parametrize(
    ("text", "rate", "level"),
    [
        ("实现产值100亿元,同比增长30%", "30%", "100亿元"),
        ("生活垃圾资源化利用率51.1%,较去年提高3%", "3%", "51.1%"),
        ("出口额20亿元,增长1.7倍", "1.7倍", "20亿元"),
    ],
)
def test_rate_links_to_the_level_before_it(text, rate, level):
    claims = by_surface(text)
    assert claims[rate].comparison == "rate"
    assert claims[rate].compared_to == claims[level].char_start
    assert claims[level].comparison == "level"


def test_a_new_subject_breaks_the_link():
    claims = by_surface("固定资产投资完成403.3亿元、同比增长24.7%,增速高于全市18.5个百分点,其中工业投资同比增长102.2%")
    assert claims["24.7%"].compared_to == claims["403.3亿元"].char_start
    assert claims["102.2%"].compared_to is None


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("上半年,新增就业岗位3844个。", "3844个", "新增就业岗位"),
        ("拆除新增违建50处、1212平方米,存量违建56处、1.01万平方米", "50处", "拆除新增违建"),
        ("拆除新增违建50处、1212平方米,存量违建56处、1.01万平方米", "1212平方米", "拆除新增违建"),
        ("拆除新增违建50处、1212平方米,存量违建56处、1.01万平方米", "1.01万平方米", "存量违建"),
        ("推进36条、23.88公里生态清洁小流域治理", "36条", "生态清洁小流域治理"),
        ("完成15宗违法用地整改", "15宗", "违法用地整改"),
        ("覆盖163家党组织共建单位", "163家", "党组织共建单位"),
        ("梳理户管清单4718家(镇域企业2506家、管镇企业2212家)", "2212家", "管镇企业"),
        ("以数字孪生、零碳行动、未来农场、智能互联四大应用场景,赋能", "四大", "应用场景"),
        ("获评国家发改委、财政部等4个部委联合颁发", "4个", "部委"),
        ("我镇财政总收入(不含免抵调)预计完成52.3亿元", "52.3亿元", "我镇财政总收入"),
        # subjects, agents and adverbs before the object verb are not the metric
        ("浦东新区政协向全国政协、市政协编报信息4158篇", "4158篇", "编报信息"),
        ("谷有琪先后荣立个人一等功1次、二等功2次", "1次", "荣立个人一等功"),
        ("谷有琪先后荣立个人一等功1次、二等功2次", "2次", "二等功"),
        ("市、区抽查在岗率100%", "100%", "在岗率"),
        ("新认定国家、省知识产权优势企业各2家", "2家", "新认定国家、省知识产权优势企业"),
        # a predicate that selects what is counted stays; a status does not
        ("其中235篇被全国政协采用", "235篇", "被全国政协采用"),
        ("共有131名选手获得金牌、129名选手获得银牌", "131名", "选手获得金牌"),
        ("推进14个具体项目已全部完工", "14个", "具体项目"),
        ("15个省重点项目超额完成年度计划", "15个", "省重点项目"),
        ("作为三个中心区之一", "三个", "中心区"),
        ("推动3个在建项目完工", "3个", "在建项目"),
        # the clause before: what belongs to the previous figure, lists of modifiers
        ("完成片区内8个项目的土地征收428.407亩", "428.407亩", "土地征收"),
        ("签订服务类、工程类、土地相关类合同577份", "577份", "签订服务类、工程类、土地相关类合同"),
        ("自主摸排入（返）岚人员1012人", "1012人", "摸排入（返）岚人员"),
        ("全年居民消费价格（CPI）比上年上涨1.5%", "1.5%", "居民消费价格"),
        ("争取到中央预算内投资补助资金3.01亿元", "3.01亿元", "中央预算内投资补助资金"),
        # figures that take another figure's metric
        ("核查退出低保68户82人", "82人", "核查退出低保"),
        ("按照“每2.5万人设置1个粮食应急供应网点”标准", "2.5万人", "粮食应急供应网点"),
        ("实际使用外资160.6亿美元、折合1148亿元人民币", "1148亿元", "实际使用外资"),
        ("新增发明专利45件、注册商标1073件，分别同比增长31.8%、8.3%", "8.3%", "新增注册商标"),
        ("嘉定区参赛代表队共获得19金17银10铜", "17银", "银牌"),
        # a noun phrase ending in the work done: the counted things end at
        # the last collective noun before it; no such noun, the phrase stays
        ("推进16个乡村振兴试点示范项目建设", "16个", "乡村振兴试点示范项目"),
        ("完成1500户小型经营场所电气火灾入户检查", "1500户", "小型经营场所"),
        ("完成14家企业前期征收", "14家", "企业"),
        ("完成150公里农村公路提档升级改造", "150公里", "农村公路提档升级改造"),
        # a predicate after the counted noun; an action word that opens the noun stays
        ("指导39个居民区规范实施自治金项目", "39个", "居民区"),
        ("出台22条实施意见", "22条", "实施意见"),
        # 涉及 introduces the measured thing
        ("共成功调解615件，涉及金额853.5万元", "853.5万元", "金额"),
        # a career's length: the verb, not who served
        ("王老师从教30年", "30年", "从教"),
        # a list of the bodies a rate is measured in, before the rate
        ("确保各学校、单位垃圾分类达标率95%以上", "95%以上", "垃圾分类达标率"),
        # a line break with no punctuation before it does not end the clause
        ("全年粮食总产量已\n\n达12万吨", "12万吨", "粮食总产量"),
        ("粮食总产量\n\n12万吨\n\n0.5", "12万吨", "粮食总产量"),
    ],
)
def test_metric(text, surface, metric):
    assert by_surface(text)[surface].metric == metric


def test_a_change_with_its_own_subject_is_not_linked():
    claims = by_surface("第一产业贡献率为4.9%，拉动GDP增长0.2个百分点。食品类价格上涨1.9%，医疗保健类下降0.1%。")
    assert claims["0.2个百分点"].compared_to is None
    assert claims["0.2个百分点"].metric == "第一产业拉动GDP增长"
    assert claims["0.2个百分点"].comparison == "level"
    assert claims["0.1%"].compared_to is None
    assert claims["0.1%"].metric == "医疗保健类价格"  # the class list's head


def test_a_base_period_is_not_the_figures_period():
    claims = by_surface("全年居民消费价格比上年上涨1.5%，涨幅比2021年扩大0.4个百分点。")
    assert claims["1.5%"].period == claims["0.4个百分点"].period == "全年"
    claims = by_surface("把税收在2022年(30.20亿元)基础上增长不低于10%")
    assert claims["30.20亿元"].period == "2022年"
    assert claims["不低于10%"].period is None


def test_period_is_inherited_within_a_paragraph_item():
    claims = by_surface("全年实现生产总值367.71亿元，比上年增长3.6%。其中，第一产业增加值42.60亿元。")
    assert claims["42.60亿元"].period == "全年"
    claims = by_surface("截止12月7日共摸排人员1458人。三是持续落实核酸检测。设置采样点45个。")
    assert claims["45个"].period is None
    claims = by_surface("全年新登记市场主体2.5万户。科创支撑不断增强。新认定高新技术企业12家。")
    assert claims["12家"].period is None


def test_a_numbered_part_heading_may_run_into_its_text():
    text = "一、2022年工作总结今年来，开展党课7场。二、2023年工作计划2023年是开局之年。推进16个试点项目建设。"
    claims = by_surface(text)
    assert (claims["7场"].period, claims["7场"].role) == ("2022年", "actual")
    assert (claims["16个"].period, claims["16个"].role) == ("2023年", "plan")


def test_threshold_and_count():
    claims = by_surface("上半年新增企业注册91家,累计完成招商引资31.17亿元,其中注册资金500万元以上36家。")
    assert claims["500万元以上"].role == "threshold"
    assert claims["500万元以上"].qualifier == "at_least"
    assert claims["36家"].role == "actual"
    assert claims["31.17亿元"].metric == "招商引资"
    assert claims["91家"].period == "上半年"


def test_targets_and_plan_section():
    text = (
        "第一部分 上半年主要工作情况\n上半年,新增就业岗位3844个。\n"
        "第二部分 下半年主要工作安排\n"
        "把税收在2022年(30.20亿元)基础上增长不低于10%的目标上调到15%。\n"
        "持续推进电梯加装,力争年底竣工20台;完成2.32万户居民家庭入户检查;"
        "确保各居住区垃圾分类达标率95%以上。\n"
        "《政府工作报告》名词解释\n1、与共计划:包括四大项目内容。\n"
    )
    claims = by_surface(text)
    assert claims["3844个"].role == "actual"
    assert claims["30.20亿元"].role == "actual"
    assert claims["30.20亿元"].period == "2022年"
    assert claims["不低于10%"].role == "target"
    assert claims["15%"].role == "target"
    assert claims["20台"].role == "target"
    assert (claims["20台"].period, claims["20台"].period_end) == ("年底", date(2023, 12, 31))
    assert claims["2.32万户"].role == "plan"
    assert claims["95%以上"].role == "target"
    assert claims["四大"].role == "plan"


def test_sentence_fields_point_into_the_text():
    text = "第一句没有数字。上半年,新增就业岗位3844个。"
    (claim,) = extract_claims(text, DOC)
    assert claim.sentence == "上半年,新增就业岗位3844个。"
    assert text[claim.sentence_start:].startswith(claim.sentence)


def test_seed_work_report():
    """The Zhangjiang work report end to end: counts and a few exact rows."""
    text = SEED.read_text(encoding="utf-8")
    claims = extract_claims(text, DOC)
    assert [c.char_start for c in claims] == sorted(c.char_start for c in claims)
    assert all(text[c.char_start:c.char_end] == c.surface for c in claims)
    surfaces = [c.surface for c in claims]
    for absent in ("2023年", "13号线", "5G", "第10届", "十四五", "12345", "7-9", "一起"):
        assert not any(absent in s for s in surfaces)
    claims_by = by_surface(text)
    assert claims_by["近1.6万条"].qualifier == "approx"
    assert claims_by["17台"].qualifier == "exact"
    assert claims_by["1兆瓦"].role == "plan"
    assert claims_by["3844个"].period_end == date(2023, 6, 30)


def test_ratio_standard_is_a_threshold_pair():
    claims = by_surface("按照“每2.5万人设置1个粮食应急供应网点”标准,抓好考核")
    assert claims["2.5万人"].role == claims["1个"].role == "threshold"


def test_per_without_a_second_figure_is_not_a_threshold():
    (claim,) = extract_claims("每三年一届", DOC)
    assert (claim.surface, claim.role) == ("三年", "actual")


@pytest.mark.parametrize(
    ("text", "surface", "role"),
    [
        ("争创3个上海市垃圾分类精品示范居住区", "3个", "target"),
        ("“共治”计划拟分三年落地", "三年", "plan"),
        ("力争年底竣工20台", "20台", "target"),
        ("年内完成减量化立项6.36公顷", "6.36公顷", "target"),
        ("争取到中央预算内投资补助资金3.01亿元", "3.01亿元", "actual"),
    ],
)
def test_role_words(text, surface, role):
    assert by_surface(text)[surface].role == role


def test_changes_are_not_levels():
    claims = by_surface("全年基础设施、制造业投资分别增长9.4%、9.1%，带动固定资产投资增长5.1%")
    assert [(c.comparison, c.direction, c.compared_to) for c in claims.values()] == [("rate", "increase", None)] * 3


def test_durations_are_not_levels():
    claims = by_surface("国内生产总值增加到121万亿元，五年年均增长5.2%")
    assert claims["5.2%"].compared_to == claims["121万亿元"].char_start
    assert claims["五年"].comparison == "level" and claims["五年"].compared_to is None


def test_a_datetime_document_date_is_read_as_its_day():
    (claim,) = extract_claims("1-5月,共计完成税收20.17亿元", datetime(2023, 8, 3, 9, 30))
    assert claim.period_end == date(2023, 5, 31)


def test_text_must_be_a_string():
    with pytest.raises(TypeError, match="bytes"):
        extract_claims(b"20.17\xe4\xba\xbf")
