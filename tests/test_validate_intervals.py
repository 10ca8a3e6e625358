"""Rounding-exact interval arithmetic: boundaries never flagged, gaps always flagged.

Property tests build a relation from exact values, round every figure to
some printed precision (half-up or half-even), and require that the
validator never calls the rounded relation inconsistent.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import ids
from pipeline.model import Claim, ClaimRow
from pipeline.validate import checks, relations
from pipeline.validate.intervals import Interval, printed, ratio_to_increment, sub

SCALE_WORDS = {1: "", 10**4: "万", 10**8: "亿"}


def row(surface: str, unit: str, key: str = "") -> ClaimRow:
    """A claim for a printed figure like 6.39亿元 or 45.4%, as the extractor would give it."""
    digits = surface.rstrip("%元家个件亿万")
    scale = 10**8 if "亿" in surface else 10**4 if "万" in surface else 1
    num = Decimal(digits)
    places = max(0, -num.as_tuple().exponent)
    half = Decimal(1).scaleb(-places) / 2
    c = Claim(0, len(surface), surface, float(num * scale), float((num - half) * scale), float((num + half) * scale), unit, "exact", surface, 0)
    return ClaimRow(ids.claim_id("d", 0, len(surface), surface + key), "d", c)


def money(x: Decimal, places: int, scale: int, rounding=ROUND_HALF_UP) -> ClaimRow:
    q = (x / scale).quantize(Decimal(1).scaleb(-places), rounding=rounding)
    return row(f"{q}{SCALE_WORDS[scale]}元", "元", key=str(id(q)))


def pct(x: Decimal, places: int, rounding=ROUND_HALF_UP) -> ClaimRow:
    q = x.quantize(Decimal(1).scaleb(-places), rounding=rounding)
    return row(f"{q}%", "%", key=str(id(q)))


def verdicts(outcomes) -> list[str]:
    return [o.verdict for o in outcomes if not o.internal]


def comparison(level, base, inc, rate, decline=False) -> list[str]:
    return verdicts(checks.comparison(relations.Comparison(level, base, inc, rate, decline, "m", "q")))


# --- boundary suite -------------------------------------------------------------


def test_touching_intervals_are_consistent():
    """1.04 − 1.00 with two decimals is [0.03, 0.05]; a printed 0.1 is [0.05, 0.15]: they touch at 0.05."""
    assert comparison(row("1.04元", "元"), row("1.00元", "元"), row("0.1元", "元"), None) == ["consistent"]
    assert comparison(row("1.04元", "元"), row("1.00元", "元"), row("0.2元", "元"), None) == ["inconsistent"]


def test_exact_edge_with_decimals_that_floats_cannot_hold():
    """1.05 − 1.00 printed 0.05 (and 0.1 at one decimal) sit on exact edges."""
    assert comparison(row("1.05元", "元"), row("1.00元", "元"), row("0.05元", "元"), None) == ["consistent"]
    assert comparison(row("1.05元", "元"), row("1.00元", "元"), row("0.1元", "元"), None) == ["consistent"]
    assert comparison(row("1.05元", "元"), row("1.00元", "元"), row("0.08元", "元"), None) == ["inconsistent"]


def test_half_up_and_half_even_readings_both_pass():
    """0.250 − 0.125 = 0.125 exactly: printed 0.12 (half-even) or 0.13 (half-up)."""
    for printed_inc in ("0.12元", "0.13元"):
        assert comparison(row("0.250元", "元"), row("0.125元", "元"), row(printed_inc, "元"), None) == ["consistent"]
    assert comparison(row("0.250元", "元"), row("0.125元", "元"), row("0.14元", "元"), None) == ["inconsistent"]


def _share(part: str, total: str, rate: str) -> str:
    [o] = checks.share(relations.Share(row(part, "件"), row(total, "件", "t"), row(rate, "%"), "m", "q"))
    return o.verdict


def test_share_42_of_43():
    """42/43 = 97.674…%: 97.7% and 98% fit, 97.6% does not."""
    assert _share("42件", "43件", "97.7%") == "consistent"
    assert _share("42件", "43件", "98%") == "consistent"
    assert _share("42件", "43件", "97.67%") == "consistent"
    assert _share("42件", "43件", "97.6%") == "inconsistent"
    assert _share("42件", "43件", "96%") == "inconsistent"


def test_growth_rate_boundaries():
    """1.10/1.00 − 1 over two-decimal inputs is [8.955%, 11.055%]."""
    level, base = row("1.10元", "元"), row("1.00元", "元", "b")
    assert comparison(level, base, None, row("9%", "%")) == ["consistent"]
    assert comparison(level, base, None, row("11.1%", "%")) == ["consistent"]
    assert comparison(level, base, None, row("11.2%", "%")) == ["inconsistent"]
    assert comparison(level, base, None, row("12%", "%")) == ["inconsistent"]


def test_decline_reads_the_printed_figures_as_magnitudes():
    level, base = row("90元", "元"), row("100元", "元", "b")
    assert comparison(level, base, row("10元", "元", "i"), row("10%", "%"), decline=True) == ["consistent", "consistent"]
    assert comparison(level, base, row("20元", "元", "i"), row("10%", "%"), decline=True) == ["inconsistent", "consistent"]


def test_rate_from_level_and_increment_without_base():
    """20.17亿 up 6.29亿 implies 6.29/13.88 = 45.3%."""
    level, inc = row("20.17亿元", "元"), row("6.29亿元", "元", "i")
    assert comparison(level, None, inc, row("45.3%", "%")) == ["consistent"]
    assert comparison(level, None, inc, row("47.3%", "%")) == ["inconsistent"]


def test_unbounded_and_too_wide_are_undecidable():
    assert checks.judge(Interval(Fraction(1), None), Interval(Fraction(5), Fraction(6))) == "undecidable"
    assert checks.judge(Interval(Fraction(0), Fraction(2, 100)), Interval(Fraction(1, 100), Fraction(3, 100))) == "undecidable"
    assert checks.judge(Interval(Fraction(0), Fraction(2, 100)), Interval(Fraction(5), Fraction(6))) == "inconsistent"


def test_counts_without_scale_are_exact_points():
    p = printed(row("4718家", "家").claim)
    assert p.interval == Interval(Fraction(4718), Fraction(4718))
    assert printed(row("1.01万元", "元").claim).interval == Interval(Fraction(10050), Fraction(10150))


def test_ratio_to_increment_is_monotone_image():
    level = Interval(Fraction(20165, 1000), Fraction(20175, 1000))
    inc = Interval(Fraction(6285, 1000), Fraction(6295, 1000))
    iv = ratio_to_increment(level, inc)
    assert iv.lo == Fraction(6285, 1000) / (Fraction(20175, 1000) - Fraction(6285, 1000))
    assert iv.hi == Fraction(6295, 1000) / (Fraction(20165, 1000) - Fraction(6295, 1000))
    assert sub(level, inc).lo == Fraction(20165 - 6295, 1000)


# --- properties -----------------------------------------------------------------

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e11"), places=4, allow_nan=False, allow_infinity=False)
places = st.integers(min_value=0, max_value=3)
scales = st.sampled_from([1, 10**4, 10**8])
roundings = st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN])


@settings(max_examples=150, deadline=None)
@given(amounts, amounts, places, places, places, places, scales, roundings)
def test_rounded_exact_comparison_is_never_inconsistent(a, b, pl, pb, pi, pr, scale, rounding):
    level, base = max(a, b), min(a, b)
    if base / scale < Decimal(1).scaleb(-pb) or level == base:
        return
    inc = level - base
    rate = (level / base - 1) * 100
    rows = (money(level, pl, scale, rounding), money(base, pb, scale, rounding), money(inc, pi, scale, rounding), pct(rate, pr, rounding))
    assert "inconsistent" not in comparison(*rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, min_size=2, max_size=5), places, scales, roundings)
def test_rounded_parts_never_contradict_their_rounded_total(parts, p, scale, rounding):
    total = money(sum(parts), p, scale, rounding)
    rows = tuple(money(x, p, scale, rounding) for x in parts)
    plist = relations.PartList(total, rows, True, tuple(f"l{i}" for i in range(len(rows))), "m", "q")
    assert verdicts(checks.part_list(plist)) != ["inconsistent"]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**6), places, roundings)
def test_rounded_share_of_exact_counts_is_never_inconsistent(total_n, part_n, p, rounding):
    part_n = min(part_n, total_n)
    rate = Decimal(part_n) * 100 / Decimal(total_n)
    s = relations.Share(row(f"{part_n}件", "件", "p"), row(f"{total_n}件", "件", "t"), pct(rate, p, rounding), "m", "q")
    assert verdicts(checks.share(s)) != ["inconsistent"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**5), min_size=2, max_size=6))
def test_exact_count_partition_is_consistent_and_any_slip_is_caught(parts):
    total = sum(parts)
    rows = tuple(row(f"{n}家", "家", f"p{i}") for i, n in enumerate(parts))
    good = relations.PartList(row(f"{total}家", "家", "t"), rows, True, tuple("ab"[: len(rows)]), "m", "q")
    bad = relations.PartList(row(f"{total + 1}家", "家", "t"), rows, True, tuple("ab"[: len(rows)]), "m", "q")
    assert verdicts(checks.part_list(good)) == ["consistent"]
    assert verdicts(checks.part_list(bad)) == ["inconsistent"]
