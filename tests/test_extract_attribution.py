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
    ],
)
def test_metric(text, surface, metric):
    assert by_surface(text)[surface].metric == metric


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
    ],
)
def test_role_words(text, surface, role):
    assert by_surface(text)[surface].role == role


def test_changes_are_not_levels():
    claims = by_surface("全年基础设施、制造业投资分别增长9.4%、9.1%，带动固定资产投资增长5.1%")
    assert all(c.comparison is None for c in claims.values())


def test_durations_are_not_levels():
    claims = by_surface("国内生产总值增加到121万亿元，五年年均增长5.2%")
    assert claims["5.2%"].compared_to == claims["121万亿元"].char_start
    assert claims["五年"].comparison is None


def test_a_datetime_document_date_is_read_as_its_day():
    (claim,) = extract_claims("1-5月,共计完成税收20.17亿元", datetime(2023, 8, 3, 9, 30))
    assert claim.period_end == date(2023, 5, 31)


def test_text_must_be_a_string():
    with pytest.raises(TypeError, match="bytes"):
        extract_claims(b"20.17\xe4\xba\xbf")
