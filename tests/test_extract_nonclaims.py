"""Numbers that are not claims: every trap from the issue, asserted exactly."""

import pytest

from pipeline.extract import extract_claims
from pipeline.extract.nonclaims import IDIOMS, NONCLAIM_PATTERNS, nonclaim_name

NOT_CLAIMS = [
    # dates, years, periods, times
    "2023年", "2023年7月13日", "1-5月", "4月1日", "上午9点", "二〇二三年",
    # ordinals
    "第五届", "第10届", "二十大", "十四五", "十二届市委三次全会", "五届区委四次全会",
    # codes and names
    "13号线", "16号线", "“12345”热线", "12355亲子共育", "7-9地块", "B3-5~12地块",
    "12-01、08-07地块", "S20", "5G", "1+X", "1+N+X", "1+10+X", "2+1+1", "“6·21”",
    "60后", "70后", "80后",
    # footnote markers and list labels
    "①", "⑱", "一、", "(一)", "1、", "第一部分",
    # idioms and words with numerals
    "最后一公里", "一起", "一份", "一站式", "一网通办", "一体两翼多点", "四个最严", "三会",
    "十二工作法", "一批", "一道道", "进一步", "一直", "第一", "四方", "八方资源", "一辆辆",
    # page chrome
    "沪B2-20110022号", "公网安备 31010602000044号", "许可证:31120170003", "15900430043",
    "©2023",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim_alone(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim_next_to_a_unit(text):
    """Even followed by a measure word or in a sentence, the trap stays out
    and the real figure after it stays in."""
    sentence = f"其中{text}，完成3个项目。"
    claims = extract_claims(sentence)
    assert [c.surface for c in claims] == ["3个"]


@pytest.mark.parametrize(
    ("text", "position", "name"),
    [
        ("第10届", 1, "ordinal"),
        ("十二届市委三次全会", 5, "ordinal"),
        ("二十大", 0, "ordinal"),
        ("13号线", 0, "code"),
        ("B3-5~12地块", 3, "code"),
        ("5G基站", 0, "code"),
        ("1+10+X", 0, "formula"),
        ("“12345”热线", 1, "quoted_name"),
        ("60后", 0, "generation"),
        ("最后一公里", 2, "idiom"),
        ("四个最严", 0, "idiom"),
        ("一辆辆", 0, "reduplication"),
        ("一批", 0, "idiom"),
        ("完成一项", 2, "indefinite_yi"),
        ("2023年7月13日", 0, "date"),
        ("1-5月", 0, "period"),
        ("上午9点", 2, "time_of_day"),
        ("15900430043", 0, "phone"),
        ("公网安备31010602000044号", 4, "chrome"),
    ],
)
def test_named_pattern(text, position, name):
    assert nonclaim_name(text, position) == name


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("4个部委联合颁发", "4个", 4, "个"),
        ("创新河、殷家浜等4条河道", "4条", 4, "条"),
        ("三家事业单位党支部", "三家", 3, "家"),
        # N大 counts the items listed with it (GUIDE rulings)
        ("包含区域化党建“与共计划”及党建引领基层治理“四治提升计划”两大范畴", "两大", 2, "个"),
        ("张江镇8大党建项目品牌包含", "8大", 8, "个"),
        ("以数字孪生、零碳行动、未来农场、智能互联四大应用场景", "四大", 4, "个"),
        ("完成组织架构、工作职能、队伍建设、运行规范等8大类33项", "8大类", 8, "类"),
        ("新增签约17台", "17台", 17, "台"),
    ],
)
def test_counts_with_measure_words_are_claims(text, surface, value, unit):
    claim = extract_claims(text)[0]
    assert (claim.surface, claim.value, claim.unit) == (surface, value, unit)


def test_sign_up_is_not_approximate():
    claim = extract_claims("新增签约17台")[0]
    assert claim.qualifier == "exact"
    assert (claim.value_low, claim.value_high) == (16.5, 17.5)


def test_patterns_are_named_data():
    names = {name for name, _ in NONCLAIM_PATTERNS}
    assert {"date", "ordinal", "code", "idiom", "chrome", "list_label"} <= names
    assert "最后一公里" in IDIOMS


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("全国移民管理机构第二届“十大国门卫士”表彰大会", []),
        ("合并村级组织行政事务“四项清单”126项", ["126项"]),
        ("肖本华委员撰写的《上海天使投资政策存在的五大问题及建议》", []),
        ("还通过联动陆家嘴金融城咖啡文化节的资源", []),
        ("在比赛中共获得5金8银11铜", ["5金", "8银", "11铜"]),
        ("吸引了开发区内近百家企业的200余名负责人参加", ["近百家", "200余名"]),
        ("扎根社区16年", ["16年"]),
        ("行动计划(2023—2025年)", []),
        ("上世纪80年代", []),
        ("三年级学生", []),
        ("5银行网点", []),
    ],
)
def test_names_titles_and_word_boundaries(text, surfaces):
    assert [c.surface for c in extract_claims(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # 一 before a measure word or a span of time is the article ...
        ("一批企业", []),
        ("一年来", []),
        ("过去一年", []),
        ("一只", []),
        ("增长一倍", []),
        # ... before a unit of measure it is a quantity
        ("近一吨冰毒", ["近一吨"]),
        ("苹果折扣一美元", ["一美元"]),
        ("提高一个百分点", ["一个百分点"]),
        ("新建一公里绿道", ["一公里"]),
    ],
)
def test_indefinite_yi_only_before_measure_words(text, surfaces):
    assert [c.surface for c in extract_claims(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "name"),
    [("十五点七个", None), ("上午九点三十分", "time_of_day"), ("12点30分", "time_of_day"), ("5G", "code"), ("5cm", None)],
)
def test_decimal_point_and_letter_units_are_not_codes_or_times(text, name):
    assert nonclaim_name(text, 2 if text.startswith("上午") else 0) == name


@pytest.mark.parametrize("text", ["十万火急", "约法三章", "几十年如一日"])
def test_new_idioms(text):
    assert text in IDIOMS
    assert extract_claims(text) == []
