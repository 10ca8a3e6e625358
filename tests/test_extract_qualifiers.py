"""The interval each qualifier gives a printed figure."""

import math
from decimal import Decimal

import pytest

from pipeline.extract.qualifiers import EXACT, PREFIXES, STEP_SUFFIXES, SUFFIXES, interval

D = Decimal


@pytest.mark.parametrize(
    ("word", "value", "place", "step", "expected"),
    [
        (None, "2017000000", "1000000", "1000000", (2016500000, 2017500000)),
        (None, "6.39", "0.01", "0.01", (6.385, 6.395)),
        (None, "3844", "1", "1", (3843.5, 3844.5)),
        (None, "100", "1", "100", (99.5, 100.5)),
        ("约", "100", "1", "100", (94.5, 105.5)),
        ("近", "16000", "1000", "1000", (14700, 16500)),
        ("左右", "100", "1", "100", (94.5, 105.5)),
        ("多", "10000", "10000", "10000", (10000, 20000)),
        ("余", "300", "1", "100", (300, 400)),
        ("超", "1000000000", "100000000", "1000000000", (950000000, math.inf)),
        ("以上", "500", "1", "100", (499.5, math.inf)),
        ("不低于", "10", "1", "10", (9.5, math.inf)),
        ("不到", "100", "1", "100", (0.0, 100.5)),
        ("以下", "3", "1", "1", (0.0, 3.5)),
    ],
)
def test_interval(word, value, place, step, expected):
    qualifier = EXACT
    if word is not None:
        qualifier = PREFIXES.get(word) or SUFFIXES.get(word) or STEP_SUFFIXES[word]
    assert interval(qualifier, D(value), D(place), D(step), signed=False) == pytest.approx(expected)


def test_upper_bound_of_signed_quantity_leaves_low_end_open():
    low, high = interval(PREFIXES["不超过"], D("2"), D("1"), D("1"), signed=True)
    assert low == -math.inf
    assert high == 2.5


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (("约", "近", "左右", "大约", "将近"), "approx"),
        (("多", "余", "超", "逾", "超过", "突破", "跨越", "破"), "more_than"),
        (("以上", "及以上", "不低于", "不少于"), "at_least"),
        # GUIDE: 以下 is less_than (18周岁以下 | 60周岁及以上); 及以下 includes
        (("不到", "不足", "以下"), "less_than"),
        (("及以下", "以内", "不超过"), "at_most"),
    ],
)
def test_qualifier_kinds_follow_the_contract(words, kind):
    table = {**PREFIXES, **SUFFIXES, **STEP_SUFFIXES}
    assert {table[w].kind for w in words} == {kind}


def test_unsigned_quantity_does_not_go_below_zero():
    assert interval(EXACT, D("0"), D("1"), D("1"), signed=False) == (0.0, 0.5)
    assert interval(EXACT, D("0"), D("1"), D("1"), signed=True) == (-0.5, 0.5)
