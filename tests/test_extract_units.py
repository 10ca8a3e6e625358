"""The units table: canonical, scale-free, exact factors."""

import re

import pytest

from pipeline.extract.units import MEASURE_WORDS, SCALES, UNITS, unit_alternation


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
