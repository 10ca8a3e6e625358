"""Closed intervals of exact rationals, and the figure a printed number stands for.

A printed figure stands for every value that rounds to it: `6.39亿` is
[6.385, 6.395]亿. The interval is closed so that both round-half-up and
round-half-even readings pass. Endpoints are `fractions.Fraction` built from
the surface digits, never from the extractor's floats: 0.455 has no exact
binary form, so a float endpoint can land a hair inside or outside the true
boundary and turn an exact tie (1.05 − 1.00 printed as 0.05) into a false
flag. `None` stands for an unbounded end (超10亿 has no upper end).

Relations are evaluated with each variable used once, so the interval image
of a monotone expression is exact (no dependency blow-up): level − base is
[l.lo − b.hi, l.hi − b.lo], level/base is [l.lo/b.hi, l.hi/b.lo] for
positive intervals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pipeline.model import Claim

# Units whose printed integers are exact counts of whole things: 4718家 is
# exactly 4718, not [4717.5, 4718.5], so a part list can be checked to the unit.
COUNT_UNITS = frozenset(
    "家 个 件 项 条 户 处 台 套 组 间 块 支 篇 次 起 名 人 场 份 宗 所 辆 艘 座 张 类 种 批 位 对 本 部 只 栋 幢 根 杆 株 棵".split()
    + ["人次", "家次", "户次", "篇次", "艘次", "场次", "个次"]
)

# A computed interval wider than this share of its magnitude says nothing.
MAX_RELATIVE_WIDTH = Fraction(1, 2)

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCALE_WORDS = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}


@dataclass(frozen=True)
class Interval:
    lo: Fraction | None
    hi: Fraction | None

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def meets(self, other: Interval) -> bool:
        below = self.hi is not None and other.lo is not None and self.hi < other.lo
        above = self.lo is not None and other.hi is not None and self.lo > other.hi
        return not (below or above)

    def scaled(self, k: Fraction) -> Interval:
        lo = None if self.lo is None else self.lo * k
        hi = None if self.hi is None else self.hi * k
        return Interval(lo, hi) if k >= 0 else Interval(hi, lo)

    def width(self) -> Fraction | None:
        return None if not self.bounded else self.hi - self.lo

    def too_wide(self) -> bool:
        """Wider than half its magnitude: [0.00, 0.02] for an increment says nothing."""
        if not self.bounded:
            return True
        magnitude = max(abs(self.lo), abs(self.hi))
        return self.width() > MAX_RELATIVE_WIDTH * magnitude


def point(x: Fraction | int) -> Interval:
    return Interval(Fraction(x), Fraction(x))


def exact(x: float) -> Fraction | None:
    """The decimal a float was written from (its shortest repr), or None for ±inf."""
    if math.isinf(x) or math.isnan(x):
        return None
    return Fraction(Decimal(repr(x)))


def add(*xs: Interval) -> Interval:
    lo = None if any(x.lo is None for x in xs) else sum((x.lo for x in xs), Fraction(0))
    hi = None if any(x.hi is None for x in xs) else sum((x.hi for x in xs), Fraction(0))
    return Interval(lo, hi)


def sub(a: Interval, b: Interval) -> Interval:
    lo = None if a.lo is None or b.hi is None else a.lo - b.hi
    hi = None if a.hi is None or b.lo is None else a.hi - b.lo
    return Interval(lo, hi)


def positive(x: Interval) -> bool:
    return x.lo is not None and x.lo > 0


def div(a: Interval, b: Interval) -> Interval | None:
    """a/b for a ≥ 0 and b > 0 (None otherwise: the image is not one interval we trust)."""
    if not positive(b) or a.lo is None or a.lo < 0:
        return None
    lo = a.lo / b.hi if b.hi is not None else Fraction(0)
    hi = None if a.hi is None else a.hi / b.lo
    return Interval(lo, hi)


def ratio_to_increment(level: Interval, increment: Interval) -> Interval | None:
    """increment/(level − increment) = 1/(level/increment − 1), each variable once.

    The rate a level and its increment imply when the base is not printed:
    increasing in the increment, decreasing in the level.
    """
    if not positive(increment) or not increment.bounded or level.lo is None:
        return None
    smallest_base = level.lo - increment.hi
    largest_base = None if level.hi is None else level.hi - increment.lo
    if smallest_base <= 0:
        return None
    lo = Fraction(0) if largest_base is None else increment.lo / largest_base
    return Interval(lo, increment.hi / smallest_base)


def ratio_to_sum(level: Interval, decrease: Interval) -> Interval | None:
    """decrease/(level + decrease) = 1/(level/decrease + 1): the decline rate when the base is not printed."""
    if not decrease.bounded or decrease.lo < 0 or level.lo is None or level.lo < 0:
        return None
    smallest = level.lo + decrease.hi
    if smallest <= 0:
        return None
    largest = None if level.hi is None else level.hi + decrease.lo
    lo = Fraction(0) if largest is None or largest == 0 else decrease.lo / largest
    return Interval(lo, decrease.hi / smallest)


@dataclass(frozen=True)
class Printed:
    """A claim's figure as printed: its interval plus how to write numbers like it.

    `scale` maps the printed number to the claim's value (亿 -> 10**8);
    `suffix` is what follows the number in the surface (亿元); `decimals`
    is the printed precision. Formatting an expected value with these gives
    `6.29亿元` next to a printed `6.39亿元`.
    """

    interval: Interval
    number: str | None
    scale: Fraction
    decimals: int
    suffix: str

    def show(self, value: Fraction | None, decimals: int | None = None) -> str:
        if value is None:
            return "∞"
        d = self.decimals if decimals is None else decimals
        return f"{fmt_decimal(value / self.scale, d)}{self.suffix}"

    def rounded(self, value: Fraction) -> str:
        """The expected value written at the printed precision (for a repair hint)."""
        return fmt_decimal(value / self.scale, self.decimals)


def fmt_decimal(x: Fraction, decimals: int) -> str:
    q = Decimal(x.numerator) / Decimal(x.denominator)
    return f"{q.quantize(Decimal(1).scaleb(-decimals)):f}" if decimals > 0 else f"{q.quantize(Decimal(1)):f}"


def printed(claim: Claim) -> Printed:
    """The interval a claim's figure stands for, from its surface digits.

    Exact figures get [n − ½ulp, n + ½ulp] × scale from the digits as
    printed; whole-number counts without a scale word are points (4718家 is
    4718). Qualified or non-Arabic figures (超10亿, 1万多, 四大) keep the
    extractor's interval, read back to the decimal it was written from.
    """
    match = NUMBER.search(claim.surface)
    fallback = Interval(exact(claim.value_low), exact(claim.value_high))
    if match is None:
        return Printed(fallback, None, Fraction(1), 0, claim.surface)
    digits = match.group().replace(",", "")
    number = Fraction(Decimal(digits))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    suffix = claim.surface[match.end():]
    scale = _scale(claim, number, suffix)
    if scale is None:
        return Printed(fallback, digits, Fraction(1), decimals, suffix)
    if claim.qualifier != "exact":
        return Printed(fallback, digits, scale, decimals, suffix)
    if decimals == 0 and scale == 1 and claim.unit in COUNT_UNITS:
        return Printed(point(number), digits, scale, decimals, suffix)
    half = Fraction(1, 2 * 10**decimals)
    return Printed(Interval((number - half) * scale, (number + half) * scale), digits, scale, decimals, suffix)


def _scale(claim: Claim, number: Fraction, suffix: str) -> Fraction | None:
    """The power of ten between the printed number and the value (亿 -> 10**8)."""
    if number == 0:
        for word, k in SCALE_WORDS.items():
            if suffix.startswith(word):
                return Fraction(k)
        return Fraction(1)
    value = exact(claim.value)
    if value is None:
        return None
    ratio = value / number
    for k in range(-6, 13):
        candidate = Fraction(10) ** k
        if abs(ratio - candidate) <= candidate * Fraction(1, 10**9):
            return candidate
    return None
