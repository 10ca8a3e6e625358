"""Parse printed numbers into a value and the precision they were printed with.

cn2an converts well-formed Chinese numerals, so it does the arithmetic of
一千二百三十四 / 二〇二三 / 两万; but it knows nothing of precision, and the
interval a printed figure stands for depends on it (二十万 is rounded to the
十万, 3844 to the unit). So this module only adds what cn2an lacks: the place
of the last written digit, and of the last non-zero digit (多/余 widen to the
latter: 一万多 = [10000, 20000]). Arabic digits are parsed here because
float() plus a digit count is all they need.

cn2an is only ever given a span this package found, never running text
(its transform() rewrites 进一步 to 进1步).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import cn2an

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

_CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
    "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
_CN_UNITS = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10_000, "亿": 100_000_000,
}


@dataclass(frozen=True)
class Number:
    """A printed number: its value, the place of its last written digit
    (rounding unit) and of its last non-zero digit (the step 多/余 add)."""

    value: Decimal
    place: Decimal
    nonzero_place: Decimal


@lru_cache(maxsize=4096)
def parse_arabic(text: str) -> Number:
    """`1,234.5`, `２０.１７`, `6800` -> value and decimal place."""
    clean = text.translate(_FULLWIDTH).replace(",", "")
    try:
        dec = Decimal(clean)
    except ArithmeticError as exc:
        raise ValueError(f"not an Arabic number: {text!r}") from exc
    if not dec.is_finite():
        raise ValueError(f"not an Arabic number: {text!r}")
    place = Decimal(1).scaleb(dec.as_tuple().exponent)
    digits = clean.replace(".", "").lstrip("-")
    stripped = digits.rstrip("0")
    trailing_zeros = len(digits) - len(stripped) if stripped else 0
    return Number(dec, place, place.scaleb(trailing_zeros))


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Number:
    """`一千二百三十四`, `两万`, `二〇二三`, `一万二` -> value and places."""
    try:
        value = Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc
    place, nonzero_place = _chinese_places(text)
    if all(ch in _CN_DIGITS for ch in text):
        stripped = text.rstrip("〇零")
        nonzero_place = Decimal(10) ** (len(text) - len(stripped) if stripped else 0)
    return Number(value, place, nonzero_place)


def _chinese_places(text: str) -> tuple[Decimal, Decimal]:
    """Places of the last digit and of the last non-zero digit.

    Trailing 十/百/千 are written-out zeros (三千五百 reads like 3500:
    rounding place 1, non-zero place 100); trailing 万/亿 are scale words
    (五十万 reads like 50万: rounding place 1e4, non-zero place 1e5). A
    digit right after 百/千/万 abbreviates the next place (一万二 = 12000,
    rounded to the 千).
    """
    if text[-1] in _CN_UNITS:
        place = nonzero = Decimal(1)
        i = len(text) - 1
        while i >= 0 and text[i] in _CN_UNITS:
            unit = _CN_UNITS[text[i]]
            nonzero *= unit
            if unit >= 10_000:
                place *= unit
            i -= 1
        return place, nonzero
    if len(text) >= 2 and text[-2] in _CN_UNITS and text[-2] not in "十拾":
        step = Decimal(_CN_UNITS[text[-2]] // 10)
        return step, step
    return Decimal(1), Decimal(1)
