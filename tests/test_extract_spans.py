"""Figures: numbers, scales, units and qualifiers, with exact values and intervals."""

import math

import pytest

from pipeline.extract import extract_claims
from pipeline.extract.spans import find_figures

INF = math.inf


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "unit", "qualifier"),
    [
        # numbers and scales
        ("完成税收20.17亿元", "20.17亿元", 2017000000, 2016500000, 2017500000, "元", "exact"),
        ("新增就业岗位3844个", "3844个", 3844, 3843.5, 3844.5, "个", "exact"),
        ("金额1,234.5万元", "1,234.5万元", 12345000, 12344500, 12345500, "元", "exact"),
        ("共１２３个", "１２３个", 123, 122.5, 123.5, "个", "exact"),
        ("一千二百三十四人", "一千二百三十四人", 1234, 1233.5, 1234.5, "人", "exact"),
        ("两万人", "两万人", 20000, 15000, 25000, "人", "exact"),
        ("举措十二条", "十二条", 12, 11.5, 12.5, "条", "exact"),
        ("数据信息1.6万条", "1.6万条", 16000, 15500, 16500, "条", "exact"),
        ("总投资6800万元", "6800万元", 68000000, 67995000, 68005000, "元", "exact"),
        ("3千万元", "3千万元", 30000000, 25000000, 35000000, "元", "exact"),
        ("粉丝量达11.35万", "11.35万", 113500, 113450, 113550, "", "exact"),
        # mixed forms with 多/余
        ("1.2万人", "1.2万人", 12000, 11500, 12500, "人", "exact"),
        ("惠及3万余人次", "3万余人次", 30000, 30000, 40000, "人次", "more_than"),
        ("恢复绿化1万多平方米", "1万多平方米", 10000, 10000, 20000, "平方米", "more_than"),
        ("一万多平方米", "一万多平方米", 10000, 10000, 20000, "平方米", "more_than"),
        ("参与300余家", "300余家", 300, 300, 400, "家", "more_than"),
        ("帮困1.63万余人次", "1.63万余人次", 16300, 16400 - 100, 16400, "人次", "more_than"),
        ("出动平安志愿者万余人次", "万余人次", 10000, 10000, 20000, "人次", "more_than"),
        ("1000多万元", "1000多万元", 10000000, 10000000, 20000000, "元", "more_than"),
        # percentages and ratios
        ("增幅45.4%", "45.4%", 45.4, 45.35, 45.45, "%", "exact"),
        ("率100%", "100%", 100, 99.5, 100.5, "%", "exact"),
        ("占50％", "50％", 50, 49.5, 50.5, "%", "exact"),
        ("百分之八十", "百分之八十", 80, 79.5, 80.5, "%", "exact"),
        ("三成", "三成", 30, 25, 35, "%", "exact"),
        ("提高3‰", "3‰", 3, 2.5, 3.5, "‰", "exact"),
        ("提高2个百分点", "2个百分点", 2, 1.5, 2.5, "百分点", "exact"),
        # GUIDE: a fraction is one claim, unit "", value the quotient
        ("三分之一", "三分之一", 1 / 3, 1 / 3, 1 / 3, "", "exact"),
        ("增长1.7倍", "1.7倍", 1.7, 1.65, 1.75, "倍", "exact"),
        # ranges
        ("提供1-2个月共享办公空间", "1-2个月", 1.5, 0.5, 2.5, "个月", "range"),
        ("10至15个", "10至15个", 12.5, 9.5, 15.5, "个", "range"),
        # units
        ("29万平米", "29万平米", 290000, 285000, 295000, "平方米", "exact"),
        ("30㎡", "30㎡", 30, 29.5, 30.5, "平方米", "exact"),
        ("3千米", "3千米", 3, 2.5, 3.5, "公里", "exact"),
        ("23.88公里", "23.88公里", 23.88, 23.875, 23.885, "公里", "exact"),
        ("6.36公顷", "6.36公顷", 6.36, 6.355, 6.365, "公顷", "exact"),
        ("面积341亩", "341亩", 341, 340.5, 341.5, "亩", "exact"),
        ("垃圾175吨", "175吨", 175, 174.5, 175.5, "吨", "exact"),
        ("任务1兆瓦", "1兆瓦", 1, 0.5, 1.5, "兆瓦", "exact"),
        ("检查点位9805家次", "9805家次", 9805, 9804.5, 9805.5, "家次", "exact"),
        ("257篇次", "257篇次", 257, 256.5, 257.5, "篇次", "exact"),
        # qualifiers
        ("约11万平方米", "约11万平方米", 110000, 99500, 120500, "平方米", "approx"),
        ("近1.6万条", "近1.6万条", 16000, 14700, 16500, "条", "approx"),
        ("100人左右", "100人左右", 100, 94.5, 105.5, "人", "approx"),
        ("超10亿元", "超10亿元", 1e9, 9.5e8, INF, "元", "more_than"),
        ("逾百人", "逾百人", 100, 100, INF, "人", "more_than"),
        ("超过95%", "超过95%", 95, 94.5, INF, "%", "more_than"),
        ("500万元以上", "500万元以上", 5e6, 4995000, INF, "元", "at_least"),
        ("不低于10%", "不低于10%", 10, 9.5, INF, "%", "at_least"),
        ("不少于5个", "不少于5个", 5, 4.5, INF, "个", "at_least"),
        ("不到100人", "不到100人", 100, 0, 100.5, "人", "less_than"),
        ("不超过3天", "不超过3天", 3, 0, 3.5, "天", "at_most"),
        ("下降不超过2个百分点", "不超过2个百分点", 2, -INF, 2.5, "百分点", "at_most"),
    ],
)
def test_figure(text, surface, value, low, high, unit, qualifier):
    claims = extract_claims(text)
    assert len(claims) == 1
    c = claims[0]
    assert c.surface == surface
    assert text[c.char_start:c.char_end] == surface
    assert c.value == pytest.approx(value)
    assert (c.value_low, c.value_high) == (pytest.approx(low), pytest.approx(high))
    assert (c.unit, c.qualifier) == (unit, qualifier)


def test_interval_has_no_float_noise():
    c = extract_claims("完成税收20.17亿元")[0]
    assert (c.value, c.value_low, c.value_high) == (2017000000.0, 2016500000.0, 2017500000.0)


def test_negative_figure_after_a_colon():
    c = extract_claims("增速:-3.5%")[0]
    assert (c.surface, c.value, c.value_low, c.value_high) == ("-3.5%", -3.5, -3.55, -3.45)


def test_list_of_figures_sharing_a_clause():
    surfaces = [c.surface for c in extract_claims("拆除新增违建50处、1212平方米,存量违建56处、1.01万平方米")]
    assert surfaces == ["50处", "1212平方米", "56处", "1.01万平方米"]


def test_figures_are_sorted_and_do_not_overlap():
    text = "完成23个老旧小区建设,新建、改造充电桩306组、充电端口3060个,配套车棚112个"
    figures = find_figures(text)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(a.end <= b.start for a, b in zip(figures, figures[1:]))
    assert [text[f.start:f.end] for f in figures] == ["23个", "306组", "3060个", "112个"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "abc", "？？", "一", "万", "1", "1.", ".5", "%", "１."])
def test_degenerate_text_gives_nothing(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "unit", "qualifier"),
    [
        # negative figures
        # a change printed negative is a fall: the size positive (GUIDE rulings)
        ("增速负3.9%", "负3.9%", 3.9, 3.85, 3.95, "%", "exact"),
        ("负三十二个", "负三十二个", -32, -32.5, -31.5, "个", "exact"),
        ("海拔负0.2千米", "负0.2千米", -0.2, -0.25, -0.15, "公里", "exact"),
        ("增速：-22.2%", "-22.2%", -22.2, -22.25, -22.15, "%", "exact"),
        ("比上年增长-3.5%", "-3.5%", 3.5, 3.45, 3.55, "%", "exact"),
        # a decline keeps its printed value; the comparison word carries the direction
        ("同比下降3.5%", "3.5%", 3.5, 3.45, 3.55, "%", "exact"),
        ("为经营主体减负2500亿元以上", "2500亿元以上", 2.5e11, 2.4995e11, INF, "元", "at_least"),
        # Chinese decimals
        ("十五点七个", "十五点七个", 15.7, 15.65, 15.75, "个", "exact"),
        ("一万零十二点一五个", "一万零十二点一五个", 10012.15, 10012.145, 10012.155, "个", "exact"),
        ("八点五成", "八点五成", 85, 84.5, 85.5, "%", "exact"),
        # Arabic digit groups between scale words
        ("5万4千6百个", "5万4千6百个", 54600, 54599.5, 54600.5, "个", "exact"),
        ("3万4000个", "3万4000个", 34000, 33999.5, 34000.5, "个", "exact"),
        ("25万6千个", "25万6千个", 256000, 255999.5, 256000.5, "个", "exact"),
        ("1千零1个", "1千零1个", 1001, 1000.5, 1001.5, "个", "exact"),
        ("2千零30万个", "2千零30万个", 20300000, 20295000, 20305000, "个", "exact"),
        ("总投资2亿3千万元", "2亿3千万元", 230000000, 229995000, 230005000, "元", "exact"),
        ("3千万亿日元", "3千万亿日元", 3e15, 2.5e15, 3.5e15, "日元", "exact"),
        ("10万万个", "10万万个", 1e9, 9.5e8, 1.05e9, "个", "exact"),
        ("四万万个", "四万万个", 4e8, 3.5e8, 4.5e8, "个", "exact"),
        ("五兆六十二亿四万五千二个", "五兆六十二亿四万五千二个", 5006200045200, 5006200045150, 5006200045250, "个", "exact"),
        ("两个亿卢布", "两个亿卢布", 2e8, 1.5e8, 2.5e8, "卢布", "exact"),
        # a Chinese numeral ending in a scale word needs no unit
        ("三百万", "三百万", 3e6, 2995000, 3005000, "", "exact"),
        ("二十五万三千二百泰铢", "二十五万三千二百泰铢", 253200, 253199.5, 253200.5, "泰铢", "exact"),
        # ranges sharing the high end's scale word
        ("两到三万港元", "两到三万港元", 25000, 15000, 35000, "港元", "range"),
        ("十八至三十万日元", "十八至三十万日元", 240000, 175000, 305000, "日元", "range"),
        ("七千到九千亿元", "七千到九千亿元", 8e11, 6.9995e11, 9.0005e11, "元", "range"),
        ("八到九百亿泰铢", "八到九百亿泰铢", 8.5e10, 7.995e10, 9.005e10, "泰铢", "range"),
        ("一千到两千万元", "一千到两千万元", 1.5e7, 9995000, 20005000, "元", "range"),
        ("从8500到3万港元", "8500到3万港元", 19250, 8499.5, 35000, "港元", "range"),
        ("2——3万港币", "2——3万港币", 25000, 15000, 35000, "港元", "range"),
        ("两~3百日元", "两~3百日元", 250, 199.5, 300.5, "日元", "range"),
        ("3至5万元", "3至5万元", 40000, 25000, 55000, "元", "range"),
        ("八九亿韩元", "八九亿韩元", 8.5e8, 7.5e8, 9.5e8, "韩元", "range"),
        ("三四十万人", "三四十万人", 350000, 295000, 405000, "人", "range"),
        # vague numbers: the range their words allow, no rounding
        ("带动数十亿元投资", "数十亿元", 5.5e9, 1e9, 1e10, "元", "range"),
        ("十几个村", "十几个", 15, 10, 20, "个", "range"),
        ("二十几万人", "二十几万人", 250000, 200000, 300000, "人", "range"),
        # percent words and 成
        ("千分之三", "千分之三", 3, 2.5, 3.5, "‰", "exact"),
        ("百分之百", "百分之百", 100, 99.5, 100.5, "%", "exact"),
        ("百分之一百二十点五", "百分之一百二十点五", 120.5, 120.45, 120.55, "%", "exact"),
        ("百分之９，９９９", "百分之９，９９９", 9999, 9998.5, 9999.5, "%", "exact"),
        ("三成半", "三成半", 35, 34.5, 35.5, "%", "exact"),
        ("七成六", "七成六", 76, 75.5, 76.5, "%", "exact"),
        # thousands separators
        ("82，225.00元", "82，225.00元", 82225, 82224.995, 82225.005, "元", "exact"),
        ("４，５６５个", "４，５６５个", 4565, 4564.5, 4565.5, "个", "exact"),
        ("１１１，１１１个百分点", "１１１，１１１个百分点", 111111, 111110.5, 111111.5, "百分点", "exact"),
        # units and measure words
        ("三双", "三双", 3, 2.5, 3.5, "双", "exact"),
        ("结对帮扶32对", "32对", 32, 31.5, 32.5, "对", "exact"),
        ("身高168公分", "168公分", 168, 167.5, 168.5, "厘米", "exact"),
        ("身高168cm", "168cm", 168, 167.5, 168.5, "厘米", "exact"),
        ("水深250m", "250m", 250, 249.5, 250.5, "米", "exact"),
        ("摄入2.4微克", "2.4微克", 2.4, 2.35, 2.45, "微克", "exact"),
        ("PM2.5浓度26.3微克/立方米", "26.3微克/立方米", 26.3, 26.25, 26.35, "微克/立方米", "exact"),
        ("100赫兹", "100赫兹", 100, 99.5, 100.5, "赫兹", "exact"),
        ("1兆赫兹", "1兆赫兹", 1e6, 5e5, 1.5e6, "赫兹", "exact"),
        ("五十兆字节", "五十兆字节", 5e7, 4.95e7, 5.05e7, "字节", "exact"),
        ("三千比特", "三千比特", 3000, 2999.5, 3000.5, "比特", "exact"),
        ("兑换1.0092瑞士法郎", "1.0092瑞士法郎", 1.0092, 1.00915, 1.00925, "瑞士法郎", "exact"),
        ("达到445奈拉", "445奈拉", 445, 444.5, 445.5, "奈拉", "exact"),
        ("300美圆", "300美圆", 300, 299.5, 300.5, "美元", "exact"),
        ("近一吨冰毒", "近一吨", 1, 0.45, 1.5, "吨", "approx"),
        ("一吨半", "一吨半", 1.5, 1.45, 1.55, "吨", "exact"),
        ("两年半", "两年半", 2.5, 2.45, 2.55, "年", "exact"),
        ("提高一个百分点", "一个百分点", 1, 0.5, 1.5, "百分点", "exact"),
        # 元角分 and currency signs
        ("开销123元1角1分", "123元1角1分", 123.11, 123.105, 123.115, "元", "exact"),
        ("50元6角三分", "50元6角三分", 50.63, 50.625, 50.635, "元", "exact"),
        ("价格￥300", "￥300", 300, 299.5, 300.5, "元", "exact"),
        ("价格$20", "$20", 20, 19.5, 20.5, "美元", "exact"),
    ],
)
def test_extended_figure(text, surface, value, low, high, unit, qualifier):
    test_figure(text, surface, value, low, high, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # a Chinese comma between ASCII digits separates list items
        ("$20，300美圆, ￥300", ["$20", "300美圆", "￥300"]),
        ("1，2，3个", ["3个"]),
        ("36条、23.88公里", ["36条", "23.88公里"]),
        ("4718家(镇域企业2506家、管镇企业2212家)", ["4718家", "2506家", "2212家"]),
        ("分别为12，345个和6个", ["345个", "6个"]),
        # ... but a group opening with 0 cannot open a figure: 12，000 is one number
        ("新增12，000人", ["12，000人"]),
        ("编号05个", []),
        # 个亿元以上 describes the projects counted; 9万亿 does not run into 三个
        # a threshold printed without digits is a claim too (GUIDE rulings)
        ("推进103个亿元以上产业项目", ["103个", "亿元以上"]),
        ("连续跨越8万亿、9万亿三个大台阶", ["跨越8万亿", "9万亿", "三个"]),
        # 1对1 is a pairing, not a count of pairs
        ("开展1对1帮扶", []),
        # 兆 before a unit is mega, not a numeral
        ("装机5兆瓦", ["5兆瓦"]),
    ],
)
def test_separators_and_lists(text, surfaces):
    assert [c.surface for c in extract_claims(text)] == surfaces


@pytest.mark.parametrize(
    "text", ["十万火急", "几十年如一日", "几十年来", "一批企业", "正负3%", "上午九点三十分", "半成品"]
)
def test_words_with_numerals_stay_out(text):
    surfaces = [c.surface for c in extract_claims(text)]
    assert all(not s.startswith("负") for s in surfaces)
    assert surfaces == (["3%"] if text == "正负3%" else [])
