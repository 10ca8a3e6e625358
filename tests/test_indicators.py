"""The indicator vocabulary and how claims get an indicator (precision first)."""

import re

import pytest

from pipeline import indicators
from pipeline.extract import extract_claims
from pipeline.extract.timeframe import TimeFrame
from pipeline.indicators.vocabulary import GROWTH, KINDS, ambiguous_names, by_id
from pipeline.places import COUNTRY

PINGTAN = "350128000000"
SHANGHAI = "310000000000"


def test_vocabulary_is_large_and_well_formed():
    vocabulary = indicators.vocabulary()
    assert len(vocabulary) >= 150
    assert len(by_id()) == len(vocabulary)
    for i in vocabulary:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", i.id), i.id
        assert i.kind in KINDS and i.growth in GROWTH and i.units and i.definition, i.id
        assert i.growth == "points" or not i.is_ratio, i.id


def test_no_name_belongs_to_two_indicators():
    assert ambiguous_names() == []


@pytest.mark.parametrize(
    ("metric", "unit", "comparison", "place", "expected"),
    [
        ("全市生产总值", "元", "level", SHANGHAI, ("gdp", "level")),
        ("地区生产总值(GDP", "%", "rate", PINGTAN, ("gdp", "growth_rate")),
        ("平潭地区生产总值", "元", "increment", PINGTAN, ("gdp", "increment")),
        ("国内生产总值", "%", "rate", COUNTRY, ("gdp", "growth_rate")),
        ("GDP增速", "%", "level", PINGTAN, ("gdp", "growth_rate")),
        ("居民消费价格涨幅", "%", "level", COUNTRY, ("cpi", "growth_rate")),
        ("常住人口城镇化率", "%", "level", PINGTAN, ("urbanisation_rate", "level")),
        ("常住人口城镇化率", "百分点", "increment", PINGTAN, ("urbanisation_rate", "change_pp")),
        ("区级一般公共预算收入", "元", "level", "310106000000", ("general_budget_revenue", "level")),
        ("一般公共预算总收入", "元", "level", PINGTAN, ("general_budget_total_revenue", "level")),
    ],
)
def test_names_units_and_comparisons_give_indicator_and_measure(metric, unit, comparison, place, expected):
    found = indicators.classify(metric, unit, comparison, place)
    assert found is not None and (found[0].id, found[1]) == expected


@pytest.mark.parametrize(
    ("metric", "unit", "comparison", "place"),
    [
        ("国内生产总值", "元", "level", PINGTAN),  # the country's name for a county's figure
        ("地区生产总值", "%", "rate", COUNTRY),
        ("福建省生产总值", "元", "level", PINGTAN),  # another place's figure
        ("全省生产总值", "元", "level", PINGTAN),
        ("生产总值", "%", "share", PINGTAN),  # a share of something unnamed
        ("生产总值增速", "百分点", "level", PINGTAN),  # compared with another place's growth
        ("常住人口城镇化率", "%", "rate", PINGTAN),  # a ratio has no growth rate
        ("生产总值", "人", "level", PINGTAN),  # not its unit
        ("地区生产总值总值", "元", "level", PINGTAN),  # no near match
        ("收入", "元", "level", PINGTAN),
        (None, "元", "level", PINGTAN),
    ],
)
def test_anything_else_gets_no_indicator(metric, unit, comparison, place):
    assert indicators.classify(metric, unit, comparison, place) is None


def _indicators(text: str, place: str = PINGTAN) -> dict[str, str | None]:
    claims = extract_claims(text, frame=TimeFrame.of("2023", None, "bulletin"), place=place)
    return {c.surface: c.indicator for c in indicators.with_indicators(claims, text)}


def test_a_claim_of_a_whole_place_gets_its_indicator():
    assert _indicators("全区实现税收675.33亿元，同比增长5.7%。") == {
        "675.33亿元": "total_tax_revenue", "5.7%": "total_tax_revenue",
    }


def test_a_subject_before_the_metric_narrows_the_figure_and_its_rate():
    got = _indicators("六大产业实现税收675.33亿元，同比增长5.7%。")
    assert (got["675.33亿元"], got["5.7%"]) == (None, None)


def test_real_growth_of_a_nominal_indicator_is_left_out():
    got = _indicators("全体居民人均可支配收入32450元，名义增长4.9%，扣除价格因素实际增长3.3%。")
    assert got == {"32450元": "disposable_income", "4.9%": "disposable_income", "3.3%": None}


def test_a_size_class_earlier_in_the_sentence_narrows_an_indicator_that_has_one():
    got = _indicators("限额以上企业城镇消费品零售总额18.77亿元，下降7.0%；乡村消费品零售额1.96亿元，下降3.7%。")
    assert got["18.77亿元"] == "above_quota_urban_retail_sales"
    assert got["1.96亿元"] is None and got["3.7%"] is None


def test_an_annual_average_is_no_level_of_its_span():
    assert _indicators("过去五年，城镇新增就业年均1270多万人。", COUNTRY)["1270多万人"] is None
    assert _indicators("去年城镇新增就业1244万人。", COUNTRY)["1244万人"] == "new_urban_jobs"
