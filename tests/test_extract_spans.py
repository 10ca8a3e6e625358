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
        ("三分之一", "三分之一", 100 / 3, 100 / 3, 100 / 3, "%", "exact"),
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
