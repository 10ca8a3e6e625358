"""Properties that hold on any input."""

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_claims
from tests.test_extract_numerals import mixed_form

FIGURE_ALPHABET = (
    "0123456789０１２３.,%％‰-~至到一二两三十百千万亿〇零多余约近超逾以上下左右不到低于"
    "个家名人次户套台项条处平方米公里亩元成倍分之第年月日号线届大、，,。；\n“”()（） AbG+①"
    "负点兆数几半角￥$双对美港～—"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FIGURE_ALPHABET, max_size=80))
def test_offsets_match_surface_on_figure_like_text(text):
    claims = extract_claims(text)
    assert [c.char_start for c in claims] == sorted(c.char_start for c in claims)
    for c in claims:
        assert text[c.char_start:c.char_end] == c.surface
        assert text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
        assert c.value_low <= c.value <= c.value_high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_is_safe(text):
    for c in extract_claims(text):
        assert text[c.char_start:c.char_end] == c.surface


@given(st.integers(min_value=0, max_value=10**12))
def test_integer_with_thousands_separators(n):
    (claim,) = extract_claims(f"共{n:,}个")
    assert claim.value == n
    assert (claim.value_low, claim.value_high) == (n - 0.5 if n else 0.0, n + 0.5)


@given(st.integers(min_value=2, max_value=10**8))
def test_integer_as_chinese_numeral(n):
    numeral = cn2an.an2cn(n)
    (claim,) = extract_claims(f"共{numeral}个")
    assert claim.value == n
    assert claim.surface == f"{numeral}个"
    assert claim.value_low <= n <= claim.value_high


@given(
    st.decimals(min_value=1, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["万元", "亿元", "万平方米", "万"]),
)
def test_scaled_decimal_interval_is_half_a_printed_unit(amount, unit):
    printed = f"{amount:.2f}"
    (claim,) = extract_claims(f"完成{printed}{unit}")
    scale = 1e8 if unit.startswith("亿") else 1e4
    assert claim.value == float(amount) * scale or abs(claim.value - float(amount) * scale) < 1e-6 * scale
    assert abs((claim.value_high - claim.value_low) - 0.01 * scale) < 1e-6 * scale


@given(st.integers(min_value=1, max_value=10**12 - 1), st.lists(st.booleans(), min_size=3, max_size=3))
def test_mixed_digit_and_scale_form_is_one_claim(n, arabic):
    printed = mixed_form(n, arabic)
    (claim,) = extract_claims(f"共{printed}个")
    assert claim.surface == f"{printed}个"
    assert claim.value == n
    assert claim.value_low <= n <= claim.value_high


@given(st.decimals(min_value="0.1", max_value=10**6, places=1, allow_nan=False, allow_infinity=False))
def test_negative_figures_round_trip(amount):
    for printed in (f"负{amount}%", f"增速:-{amount}%"):
        (claim,) = extract_claims(printed)
        assert claim.value == -float(amount)
        assert claim.surface == printed[printed.index("负") if "负" in printed else printed.index("-"):]
        assert claim.value_low <= claim.value <= claim.value_high < 0


@given(
    st.integers(min_value=1, max_value=10**6).filter(lambda n: not 1900 <= n < 2100),
    st.sampled_from(["至", "到", "-", "~"]),
)
def test_range_sharing_a_scale_word(low, sep):
    """10至15万元 = 10万-15万 (1990至1991 reads as years, left out here)."""
    high = low + 1
    (claim,) = extract_claims(f"投资{low}{sep}{high}万元")
    assert claim.qualifier == "range"
    assert claim.value == (low + high) / 2 * 10_000
    assert claim.value_low <= low * 10_000 and high * 10_000 <= claim.value_high
