"""Number parsing: value, rounding place and the place of the last non-zero digit."""

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.numerals import parse_arabic, parse_chinese, read_grammar


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


@given(st.integers(min_value=1, max_value=10**12))
def test_our_grammar_agrees_with_cn2an_where_both_read_the_span(n):
    """The grammar stands in for cn2an on the forms cn2an refuses, so it must
    agree with cn2an on every form cn2an accepts."""
    numeral = cn2an.an2cn(n)
    assert read_grammar(numeral, numeral).value == cn2an.cn2an(numeral, "smart") == n


@pytest.mark.parametrize(
    ("text", "value", "place", "nonzero"),
    [
        # 点 decimals
        ("十五点七", "15.7", "0.1", "0.1"),
        ("二点五", "2.5", "0.1", "0.1"),
        ("零点五", "0.5", "0.1", "0.1"),
        ("一万零十二点一五", "10012.15", "0.01", "0.01"),
        ("六百一十一点二五五", "611.255", "0.001", "0.001"),
        ("两千点零", "2000.0", "0.1", "1000"),
        # Arabic digit groups between scale words
        ("5万4千6百", "54600", "1", "100"),
        ("5亿1万4千6百", "500014600", "1", "100"),
        ("3万4000", "34000", "1", "1000"),
        ("25万6千", "256000", "1", "1000"),
        ("1千零1", "1001", "1", "1"),
        ("2千零30万", "20300000", "10000", "100000"),
        ("1.5万", "15000", "1000", "1000"),
        # scale words multiplied together, 兆 in a chain
        ("四万万", "400000000", "100000000", "100000000"),
        ("10万万", "1000000000", "100000000", "1000000000"),
        ("3千万亿", "3000000000000000", "1000000000000", "1000000000000000"),
        ("五兆", "5000000000000", "1000000000000", "1000000000000"),
        ("五兆六十二亿四万五千二", "5006200045200", "100", "100"),
        # leading 百/千, 零 before a bare 十, the spoken 个 of 两个亿
        ("百三", "130", "10", "10"),
        ("千三", "1300", "100", "100"),
        ("零十", "10", "1", "10"),
        ("一百零十万", "1100000", "10000", "100000"),
        ("两个亿", "200000000", "100000000", "100000000"),
        ("一万零二", "10002", "1", "1"),
    ],
)
def test_parse_chinese_extended_forms(text, value, place, nonzero):
    number = parse_chinese(text)
    assert number.value == Decimal(value)
    assert number.place == Decimal(place)
    assert number.nonzero_place == Decimal(nonzero)


@pytest.mark.parametrize("text", ["一二三百", "五十千", "一百百", "3.5.6万", "点五", "十五点"])
def test_parse_chinese_rejects_malformed_numerals(text):
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        parse_chinese(text)


def mixed_form(n: int, arabic: list[bool]) -> str:
    """n written with Arabic digit groups between scale words (5万4千6百,
    1亿零50万, 3万4000): each 4-digit section either as Arabic digits or as
    digits with 千/百, 零 where a section or place is skipped, as printed."""
    sections = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    parts, started, skipped = [], False, False
    for (value, scale), as_arabic in zip(sections, arabic):
        if value == 0:
            skipped = skipped or started
            continue
        if started and (skipped or value < 1000):
            parts.append("零")
        parts.append((str(value) if as_arabic else _digits_with_units(value)) + scale)
        started, skipped = True, False
    return "".join(parts) or "0"


def _digits_with_units(value: int) -> str:
    """4千6百, 4千零6, 2千零30: 千 and 百 written out, tens and units in digits."""
    out, gap = [], False
    for digit, unit in zip(f"{value:04d}"[:2], ("千", "百")):
        if digit == "0":
            gap = bool(out)
            continue
        if gap:
            out.append("零")
        out.append(digit + unit)
        gap = False
    tail = value % 100
    if tail:
        if out and (gap or tail < 10):
            out.append("零")
        out.append(str(tail))
    return "".join(out)


@given(st.integers(min_value=1, max_value=10**12 - 1), st.lists(st.booleans(), min_size=3, max_size=3))
def test_mixed_digit_and_scale_forms_round_trip(n, arabic):
    assert parse_chinese(mixed_form(n, arabic)).value == n


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=1, max_value=999))
def test_chinese_decimals_round_trip(whole, fraction):
    digits = f"{fraction:03d}".rstrip("0")
    numeral = cn2an.an2cn(whole) + "点" + "".join("零一二三四五六七八九"[int(d)] for d in digits)
    assert parse_chinese(numeral).value == Decimal(f"{whole}.{digits}")
