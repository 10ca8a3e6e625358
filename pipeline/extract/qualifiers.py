"""Qualifier words and the interval each one gives a printed figure.

A printed figure stands for every value that rounds to it: with `place` the
unit of its last printed digit (after scale words: 20.17亿 -> 1e6), the
closed interval is [value - place/2, value + place/2]. So 20.17亿元 ->
[2016500000, 2017500000], 6.39 -> [6.385, 6.395], 3844 -> [3843.5, 3844.5],
100% -> [99.5, 100.5]. A qualifier then changes that interval, by rule:

- `round`  (exact): the rounding interval as is.
- `widen`  (approx: 约 大约 左右 ...): the rounding interval widened by
  `low`/`high` times |value| on each side. 约 and 左右 widen 5 % both ways;
  近/将近/接近 mean "just under", so they widen 5 % downwards only.
- `step`   (more_than via 多/余 right after the number): from the value up
  to the value plus one step of its last non-zero digit: 一万多 ->
  [10000, 20000], 300余 -> [300, 400], 1.63万余 -> [16300, 16400]. The
  interval is closed although the upper end is excluded in speech: the
  validator compares closed intervals.
- `open_high` (more_than via 超/逾/超过/高于/突破/跨越/破; at_least via
  以上/及以上/不低于/不少于/至少): from the low end of the rounding interval
  to +inf.
- `open_low` (less_than via 不到/不足/低于/少于/以下; at_most via 及以下/
  以内/不超过/最多): from 0 to the high end of the rounding interval; from
  -inf for signed quantities (percentage points, negative figures).

When a figure carries two qualifiers (约300余人) the prefix wins: it is the
one a reader sees first and it is never a 多/余 step.
A range (1-2个月, 10至15个) is qualifier `range` (an addition to the
contract's list): from the low end of the first figure's rounding interval
to the high end of the second's, with the midpoint as value. A vague
number (数十亿 = [10亿, 100亿], 十几个 = [10, 20]) is a range whose ends are
set by its words, not rounded.
A scale word standing alone (万余人次, 逾百人, 近千家) is a round number with
no rounding: 万余 -> [10000, 20000], 近千 -> [950, 1000].
An unsigned quantity never goes below 0: 0% -> [0, 0.5].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Qualifier:
    kind: str
    rule: str
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(0)


EXACT = Qualifier("exact", "round")
RANGE = Qualifier("range", "round")

_ABOUT = Qualifier("approx", "widen", Decimal("0.05"), Decimal("0.05"))
_NEARLY = Qualifier("approx", "widen", Decimal("0.05"), Decimal(0))
_MORE = Qualifier("more_than", "open_high")
_STEP = Qualifier("more_than", "step")
AT_LEAST = Qualifier("at_least", "open_high")
_AT_LEAST = AT_LEAST
_LESS = Qualifier("less_than", "open_low")
_AT_MOST = Qualifier("at_most", "open_low")

# Words printed before the number. 约 after 签/合/节/... is part of a word
# (签约17台), which the prefix pattern in spans.py rules out.
PREFIXES: dict[str, Qualifier] = {
    "约": _ABOUT,
    "大约": _ABOUT,
    "大概": _ABOUT,
    "近": _NEARLY,
    "将近": _NEARLY,
    "接近": _NEARLY,
    "超过": _MORE,
    "超": _MORE,
    "逾": _MORE,
    "高于": _MORE,
    "多于": _MORE,
    "不低于": _AT_LEAST,
    "不少于": _AT_LEAST,
    "至少": _AT_LEAST,
    "不到": _LESS,
    "不足": _LESS,
    "低于": _LESS,
    "少于": _LESS,
    # a figure passed on the way up (突破1000万人次, 跨越7万亿, 破百亿)
    "突破": _MORE,
    "跨越": _MORE,
    "破": _MORE,
    # 上 before a scale word alone: 上亿人, 上千万 (reaching that order)
    "上": _MORE,
    "不超过": _AT_MOST,
    "不高于": _AT_MOST,
    "不多于": _AT_MOST,
    "最多": _AT_MOST,
}

# Prefixes that qualify a bare scale word only (上亿人; 上 before digits is
# another word).
BARE_ONLY_PREFIXES = frozenset({"上"})

# Words printed right after the number (多/余) or after its unit.
STEP_SUFFIXES: dict[str, Qualifier] = {"多": _STEP, "余": _STEP}
# 以下 excludes its figure in statistical usage (18周岁以下 stops before 18,
# next to 18周岁及以上), so it is less_than; 及以下 and 以内 include it.
SUFFIXES: dict[str, Qualifier] = {
    "左右": _ABOUT,
    "以上": _AT_LEAST,
    "及以上": _AT_LEAST,
    "以下": _LESS,
    "及以下": _AT_MOST,
    "以内": _AT_MOST,
}


def interval(
    qualifier: Qualifier, value: Decimal, place: Decimal, step: Decimal, signed: bool
) -> tuple[float, float]:
    """The closed interval a figure printed with `place` (rounding unit) and
    `step` (last non-zero digit) stands for under `qualifier`.

    Decimal arithmetic, so 20.17亿 gives 2016500000 and not 2016500000.0000002.
    """
    low, high = value - place / 2, value + place / 2
    if qualifier.rule == "widen":
        spread = abs(value)
        low, high = low - qualifier.low * spread, high + qualifier.high * spread
    elif qualifier.rule == "step":
        low, high = value, value + step
    elif qualifier.rule == "open_high":
        return _floor(low, signed), math.inf
    elif qualifier.rule == "open_low":
        return (-math.inf if signed else 0.0), float(high)
    return _floor(low, signed), float(high)


def _floor(low: Decimal, signed: bool) -> float:
    return float(low) if signed else max(float(low), 0.0)
