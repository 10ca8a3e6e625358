"""Number parsing: value, rounding place and the place of the last non-zero digit."""

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.numerals import parse_arabic, parse_chinese


@pytest.mark.parametrize(
    ("text", "value", "place", "nonzero"),
    [
        ("20.17", "20.17", "0.01", "0.01"),
        ("3844", "3844", "1", "1"),
        ("6800", "6800", "1", "100"),
        ("1,234.5", "1234.5", "0.1", "0.1"),
        ("１２３", "123", "1", "1"),
        ("２０．１７", "20.17", "0.01", "0.01"),
        ("0.77", "0.77", "0.01", "0.01"),
    ],
)
def test_parse_arabic(text, value, place, nonzero):
    number = parse_arabic(text)
    assert number.value == Decimal(value)
    assert number.place == Decimal(place)
    assert number.nonzero_place == Decimal(nonzero)


@pytest.mark.parametrize(
    ("text", "value", "place", "nonzero"),
    [
        ("一千二百三十四", 1234, 1, 1),
        ("两万", 20000, 10000, 10000),
        ("二〇二三", 2023, 1, 1),
        ("十二", 12, 1, 1),
        ("十", 10, 1, 10),
        ("二十", 20, 1, 10),
        ("三千五百", 3500, 1, 100),
        ("五十万", 500000, 10000, 100000),
        ("一万二", 12000, 1000, 1000),
        ("一亿二千万", 120000000, 10000, 10000000),
    ],
)
def test_parse_chinese(text, value, place, nonzero):
    number = parse_chinese(text)
    assert number.value == value
    assert number.place == place
    assert number.nonzero_place == nonzero


@pytest.mark.parametrize("text", ["三成", "十四五", "一万多", "abc", ""])
def test_parse_chinese_rejects_non_numerals_naming_the_input(text):
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        parse_chinese(text)


def test_parse_arabic_rejects_garbage_naming_the_input():
    with pytest.raises(ValueError, match="'1.2.3'"):
        parse_arabic("1.2.3")


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_with_thousands_separators_round_trips(n):
    assert parse_arabic(f"{n:,}").value == n
    assert parse_arabic(str(n)).value == n


@given(st.integers(min_value=1, max_value=10**12))
def test_chinese_numerals_from_cn2an_round_trip(n):
    assert parse_chinese(cn2an.an2cn(n)).value == n
