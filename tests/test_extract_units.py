"""The units table: canonical, scale-free, exact factors."""

import re

import pytest

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.units import (
    MEASURE_WORDS,
    SCALE_NOT_BEFORE,
    SCALES,
    UNIT_NOT_BEFORE,
    UNITS,
    scale_alternation,
    unit_alternation,
)


@pytest.mark.parametrize(
    ("printed", "canonical", "factor"),
    [
        ("平米", "平方米", 1),
        ("㎡", "平方米", 1),
        ("％", "%", 1),
        ("千米", "公里", 1),
        ("万元", "元", 1e4),
        ("亿元", "元", 1e8),
        ("个百分点", "百分点", 1),
        ("成", "%", 10),
        ("兆瓦", "兆瓦", 1),
        ("人次", "人次", 1),
    ],
)
def test_synonyms_and_scaled_units(printed, canonical, factor):
    assert UNITS[printed] == (canonical, factor)


def test_canonical_units_carry_no_scale_word():
    for canonical, _ in UNITS.values():
        assert not any(canonical.startswith(word) for word in ("万", "亿")), canonical


def test_every_measure_word_is_a_unit():
    assert all(UNITS[word] == (word, 1) for word in MEASURE_WORDS)


def test_scales_are_powers_of_ten():
    assert all(str(int(f)).rstrip("0") == "1" for f in SCALES.values())


def test_alternation_prefers_longest_unit():
    pattern = re.compile(unit_alternation())
    assert pattern.match("个百分点").group() == "个百分点"
    assert pattern.match("万平方米").group() == "万平方米"


@pytest.mark.parametrize(
    ("printed", "canonical", "factor"),
    [
        ("公分", "厘米", 1),
        ("cm", "厘米", 1),
        ("m", "米", 1),
        ("美圆", "美元", 1),
        ("港币", "港元", 1),
        ("兆赫兹", "赫兹", 1e6),
        ("兆字节", "字节", 1e6),
        ("千比特", "比特", 1e3),
        ("微克/立方米", "微克/立方米", 1),
        ("双", "双", 1),
        ("对", "对", 1),
    ],
)
def test_added_units(printed, canonical, factor):
    assert UNITS[printed] == (canonical, factor)


def test_compound_scales():
    assert SCALES["万万"] == 1e8
    assert SCALES["千万亿"] == 1e15


def flat_alternation(words, guards):
    """The longest-first flat alternation the trie stands for."""
    return "|".join(
        re.escape(w) + (f"(?![{guards[w]}])" if w in guards else "") for w in sorted(words, key=len, reverse=True)
    )


@given(st.text(alphabet="个百分点月万平方米千瓦时克年代金额元亿美港币m²kAz ", max_size=8))
def test_trie_matches_like_the_longest_first_alternation(text):
    for trie, words, guards in (
        (unit_alternation(), UNITS, UNIT_NOT_BEFORE),
        (scale_alternation(), SCALES, SCALE_NOT_BEFORE),
    ):
        expected = re.match(flat_alternation(words, guards), text)
        got = re.match(trie, text)
        assert (got and got.group()) == (expected and expected.group())


@pytest.mark.parametrize(
    ("text", "unit"),
    [("年代", None), ("银行", None), ("对接", None), ("兆瓦", "兆瓦"), ("mm", "mm"), ("ma", None), ("年", "年")],
)
def test_guards_keep_words_whole(text, unit):
    """80年代, 5银行, 3对接 carry no unit; 5兆瓦 and 5mm do."""
    found = re.match(unit_alternation(), text)
    assert (found and found.group()) == unit
