"""Parse printed numbers into a value and the precision they were printed with.

The interval a printed figure stands for depends on its precision (二十万 is
rounded to the 十万, 3844 to the unit), so every parse returns the place of
the last written digit and of the last non-zero digit (多/余 widen to the
latter: 一万多 = [10000, 20000]) besides the value.

Chinese numerals are converted by cn2an wherever it accepts the span: it is
the reference for their value. cn2an gives no precision, though, and it
rejects forms that local publications print — 兆 in a numeral chain
(五兆六十二亿), 万万 (四万万 = 4亿), a leading 百/千 (百三 = 130), a 零 before
a bare 十 (一百零十万), a spoken 个 (两个亿). So a small grammar of our own
reads every span for its precision, and for its value where cn2an refuses:
sections split at the largest of 兆/亿/万, digits times 十/百/千 inside a
section, an optional 点 decimal tail, and Arabic digit groups allowed
wherever a Chinese digit is (5万4千6百, 3万4000, 2千零30万). Where both read
a span they agree (a test holds them to it). Arabic digits alone are parsed
with Decimal plus a digit count.

Only spans this package found are ever parsed, never running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import cn2an

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

_CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}
# exponents of ten
_SMALL_UNITS = {"十": 1, "百": 2, "千": 3}
_BIG_UNITS = {"万": 4, "亿": 8, "兆": 12}
_ZEROS = "〇零"
# 两个亿 = 两亿: the 个 before a scale word is spoken, not counted.
_SPOKEN = str.maketrans("", "", "个")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.")


@dataclass(frozen=True)
class Number:
    """A printed number: its value, the place of its last written digit
    (rounding unit) and of its last non-zero digit (the step 多/余 add)."""

    value: Decimal
    place: Decimal
    nonzero_place: Decimal


@lru_cache(maxsize=4096)
def parse_arabic(text: str) -> Number:
    """`1,234.5`, `２０.１７`, `82，225.00`, `6800` -> value and decimal place."""
    clean = text.translate(_FULLWIDTH).replace(",", "")
    try:
        dec = Decimal(clean)
    except ArithmeticError as exc:
        raise ValueError(f"not an Arabic number: {text!r}") from exc
    if not dec.is_finite() or not clean[:1].isdigit():
        raise ValueError(f"not an Arabic number: {text!r}")
    place = Decimal(1).scaleb(dec.as_tuple().exponent)
    digits = clean.replace(".", "")
    stripped = digits.rstrip("0")
    trailing_zeros = len(digits) - len(stripped) if stripped else 0
    return Number(dec, place, place.scaleb(trailing_zeros))


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Number:
    """`一千二百三十四`, `两万`, `二〇二三`, `一万二`, `十五点七`, `5万4千6百`,
    `四万万`, `五兆六十二亿` -> value and places."""
    clean = text.translate(_FULLWIDTH).replace(",", "").translate(_SPOKEN)
    number = read_grammar(clean, text)
    return Number(_cn2an_value(clean, number.value), number.place, number.nonzero_place)


def read_grammar(clean: str, text: str) -> Number:
    """The grammar's own reading of a normalised span (`text` is for the error)."""
    whole, point, fraction = clean.partition("点")
    try:
        if not whole or (point and not fraction):
            raise ValueError
        tokens = [_token(t) for t in _TOKEN.findall(whole)]
        value, place, nonzero = _big(tokens)
        if point:
            value, place, nonzero = _decimal_tail(value, nonzero, fraction)
    except (ValueError, IndexError, ArithmeticError) as exc:
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc
    return Number(value, place, nonzero)


def _cn2an_value(text: str, grammar_value: Decimal) -> Decimal:
    """cn2an's reading where it has one; the grammar's where cn2an refuses the form."""
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, IndexError, TypeError):
        return grammar_value


def _token(text: str) -> tuple[str, object]:
    """('num', Number) for a digit, ('unit', exponent), ('big', exponent), ('zero', None)."""
    if text in _ZEROS:
        return "zero", None
    if text in _CN_DIGITS:
        return "num", Number(Decimal(_CN_DIGITS[text]), Decimal(1), Decimal(1))
    if text in _SMALL_UNITS:
        return "unit", _SMALL_UNITS[text]
    if text in _BIG_UNITS:
        return "big", _BIG_UNITS[text]
    if text[0].isdigit():
        return "num", parse_arabic(text)
    raise ValueError(text)


def _big(tokens: list) -> tuple[Decimal, Decimal, Decimal]:
    """Split at the last occurrence of the largest of 兆/亿/万: what precedes
    it is multiplied by it (so 四万万 = 四万 x 万 and 3千万亿 = 3千万 x 亿),
    what follows is added. A lone digit after it abbreviates the next place
    down (一万二 = 12000); trailing scale words keep their rounding place
    (五十万 is rounded to the 万)."""
    bigs = [(exp, i) for i, (kind, exp) in enumerate(tokens) if kind == "big"]
    if not bigs:
        return _section(tokens)
    exp, at = max(bigs)
    left, right = tokens[:at], tokens[at + 1:]
    unit = Decimal(10) ** exp
    value, place, nonzero = _big(left)
    value, place, nonzero = value * unit, place * unit, nonzero * unit
    if not right:
        return value, place, nonzero
    if len(right) == 1 and right[0][0] == "num" and right[0][1].value < 10 and right[0][1].place == 1:
        step = unit / 10
        return value + right[0][1].value * step, step, step
    if right[0][0] == "zero":
        right = right[1:]
    low, low_place, low_nonzero = _big(right)
    if low >= unit:
        raise ValueError("section after a scale word exceeds it")
    return value + low, low_place, low_nonzero if low else nonzero


def _section(tokens: list) -> tuple[Decimal, Decimal, Decimal]:
    """Digits times 十/百/千, below 万. Trailing 十/百/千 are written-out
    zeros (三千五百: rounding place 1, non-zero place 100); a lone digit
    after 百/千 abbreviates the next place (两千三 = 2300); 百三 = 130."""
    if not tokens:
        raise ValueError("empty section")
    if all(kind in ("num", "zero") for kind, _ in tokens):
        return _positional(tokens)
    value = Decimal(0)
    pending: Number | None = None
    last_exp: int | None = None
    after_zero = False
    place = nonzero = Decimal(1)
    for kind, item in tokens:
        if kind == "num":
            if pending is not None:
                raise ValueError("two numbers without a unit between them")
            pending = item
        elif kind == "zero":
            if pending is not None:
                raise ValueError("零 after a digit")
            after_zero = True
        else:
            if last_exp is not None and item >= last_exp:
                raise ValueError("units out of order")
            unit = Decimal(10) ** item
            multiple = pending.value if pending is not None else Decimal(1)
            value += multiple * unit
            place = pending.place * unit if pending is not None and pending.place < 1 else Decimal(1)
            nonzero = (pending.nonzero_place if pending is not None else Decimal(1)) * unit
            pending, last_exp, after_zero = None, item, False
    if pending is not None:
        if last_exp is not None and last_exp >= 2 and not after_zero and pending.value < 10 and pending.place == 1:
            step = Decimal(10) ** (last_exp - 1)
            return value + pending.value * step, step, step
        value += pending.value
        place, nonzero = pending.place, pending.nonzero_place
    return value, place, nonzero


def _positional(tokens: list) -> tuple[Decimal, Decimal, Decimal]:
    """二〇二三, 4000, 零: digits read one by one."""
    if len(tokens) == 1 and tokens[0][0] == "num":
        number = tokens[0][1]
        return number.value, number.place, number.nonzero_place
    digits = []
    for kind, item in tokens:
        if kind == "num" and (item.value >= 10 or item.place != 1):
            raise ValueError("Arabic number inside a digit string")
        digits.append(0 if kind == "zero" else int(item.value))
    value = Decimal("".join(map(str, digits)))
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    nonzero = Decimal(10) ** trailing if value else Decimal(1)
    return value, Decimal(1), nonzero


def _decimal_tail(value: Decimal, nonzero: Decimal, fraction: str) -> tuple[Decimal, Decimal, Decimal]:
    """十五点七: digits after 点 read one by one."""
    digits = [_CN_DIGITS[ch] if ch in _CN_DIGITS else int(ch) for ch in fraction]
    place = Decimal(1).scaleb(-len(digits))
    value += Decimal("0." + "".join(map(str, digits)))
    last = max((i for i, d in enumerate(digits) if d), default=None)
    if last is not None:
        nonzero = Decimal(1).scaleb(-(last + 1))
    return value, place, nonzero
