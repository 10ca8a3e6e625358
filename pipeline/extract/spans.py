"""Find the figures in a text: number, scale, unit and qualifier, with offsets.

A handful of compiled patterns (`FIGURE_PATTERNS`) walk the whole text;
everything else (qualifier prefixes, non-claim patterns) is looked at only
at the figures they find, which keeps the pass near regex speed.
Hand-written rather than a library because none of the measured ones
(STACK-NOTES) knows Chinese measure words, keeps 多/余/近/超, and leaves
13号线 and 7-9地块 alone, and cn2an.transform rewrites running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.extract.nonclaims import inside_book_title, nonclaim_name
from pipeline.extract.numerals import Number, parse_arabic, parse_chinese
from pipeline.extract.qualifiers import (
    EXACT,
    PREFIXES,
    RANGE,
    STEP_SUFFIXES,
    SUFFIXES,
    interval,
)
from pipeline.extract.units import (
    SCALES,
    SIGNED_UNITS,
    UNITS,
    scale_alternation,
    unit_alternation,
)

_SCALE_FACTORS = {word: Decimal(repr(f)).normalize() for word, f in SCALES.items()}
_UNIT_FACTORS = {word: Decimal(repr(f)).normalize() for word, (_, f) in UNITS.items()}

_DIGITS = "0-9０-９"
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
# The same number, written so that the pattern starts with a character
# class: Python's regex engine then skips ahead in C to the next digit.
_ARABIC_HEAD = (
    rf"[{_DIGITS}](?<![{_DIGITS}.．A-Za-z][{_DIGITS}])"
    r"(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9０-９]*)(?:[.．][0-9０-９]+)?"
)
# Financial (大写) numerals are left out: in prose 陆 is 陆家嘴 far more
# often than 6.
_CN_DIGIT = "〇零一二两三四五六七八九"
_CN_ALL = _CN_DIGIT + "十百千万亿"
_CN = f"[{_CN_DIGIT}十][{_CN_ALL}]*"
_CN_HEAD = f"[{_CN_DIGIT}十](?<![{_CN_ALL}][{_CN_DIGIT}十])[{_CN_ALL}]*"
_RANGE_SEP = r"\s?[-－—–~～至到]\s?"
_SCALE = scale_alternation()
_UNIT = unit_alternation()
_SUFFIX = "|".join(SUFFIXES)
_STEP = "".join(STEP_SUFFIXES)
_TAIL = (
    rf"(?P<scale>{_SCALE})?(?P<step>[{_STEP}])?(?P<scale2>(?<=[{_STEP}])(?:{_SCALE}))?"
    rf"(?P<unit>{_UNIT})?(?P<post>{_SUFFIX})?"
)
_CN_TAIL = (
    rf"(?P<step>[{_STEP}])?(?P<scale2>(?<=[{_STEP}])(?:{_SCALE}))?"
    rf"(?P<unit>{_UNIT})(?P<post>{_SUFFIX})?"
)

# One pattern per way of writing a figure, each starting with a literal or
# a character class (see _ARABIC_HEAD). A figure written in Arabic digits
# must carry a scale word or a unit; one in Chinese numerals a unit.
FIGURE_PATTERNS: tuple[re.Pattern, ...] = (
    re.compile(
        rf"(?P<num>(?P<a>{_ARABIC_HEAD})(?:{_RANGE_SEP}(?P<a2>{_ARABIC}))?){_TAIL}"
        rf"(?<![{_DIGITS}])"
    ),
    re.compile(rf"(?P<num>(?P<c>{_CN_HEAD})(?:[至到](?P<c2>{_CN}))?){_CN_TAIL}"),
    re.compile(rf"(?P<num>(?P<den>{_CN_HEAD})分之(?P<nom>{_CN}|{_ARABIC}))"),
    re.compile(rf"(?P<num>百分之(?:(?P<pct_a>{_ARABIC})|(?P<pct_c>{_CN})))"),
    # 万余人次, 逾百人: a scale word standing for one of its kind.
    re.compile(
        rf"(?P<num>(?P<bare>[万千百](?<![{_CN_ALL}{_DIGITS}][万千百]))"
        rf"(?:(?=[{_STEP}])|(?<=[逾超近][万千百]))){_TAIL}"
    ),
)
_SIGN = "-−－"
_SIGN_CONTEXT = ":：，,（( \t\n为是"

_PREFIX_RE = re.compile(
    "(?:"
    + "|".join(
        {
            "约": "(?<![签合节制公预条契邀履违集婚特相简])约",
            "近": "(?<![最附靠亲邻])近",
            "超": "(?<![赶])超",
        }.get(word, re.escape(word))
        for word in sorted(PREFIXES, key=len, reverse=True)
    )
    + ")$"
)
# A scaled figure without a unit running into letters is a code (5万GB?).
_CODE_AFTER = re.compile(r"[A-Za-z0-9]")
_THRESHOLD_AFTER = re.compile(r"[\u4e00-\u9fff0-9０-９]")


@dataclass(frozen=True)
class Figure:
    """A figure as printed, before attribution."""

    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: str
    threshold: bool


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order, non-claims removed; where two
    patterns found overlapping figures, the one starting first (then the
    longer) is kept."""
    found = []
    for pattern in FIGURE_PATTERNS:
        for match in pattern.finditer(text):
            figure = _figure(text, match.groupdict(), match)
            if figure is not None:
                found.append(figure)
    found.sort(key=lambda f: (f.start, -f.end))
    figures: list[Figure] = []
    for figure in found:
        if not figures or figure.start >= figures[-1].end:
            figures.append(figure)
    return figures


def _figure(text: str, m: dict, match: re.Match) -> Figure | None:
    unit_text = m.get("unit")
    if unit_text is None and not (m.get("scale") or m.get("scale2")):
        if not (m.get("pct_a") or m.get("pct_c") or m.get("den")):
            return None
    end = match.end()
    if end < len(text) and unit_text is None and _CODE_AFTER.match(text, end):
        return None
    num_start = match.start("num")
    if nonclaim_name(text, num_start) or inside_book_title(text, num_start):
        return None
    try:
        parsed = _parse(m)
    except ValueError:
        return None
    if parsed is None:
        return None
    number, high_number, factor, unit = parsed
    value = number.value * factor
    place = number.place * factor
    step = number.nonzero_place * factor
    start = match.start()
    if (
        m.get("a") and start >= 1 and text[start - 1] in _SIGN
        and (start == 1 or text[start - 2] in _SIGN_CONTEXT)
    ):
        value = -value
        start -= 1
    qualifier = EXACT
    prefix = _PREFIX_RE.search(text, max(0, start - 3), start)
    if prefix:
        qualifier = PREFIXES[prefix.group()]
        start = prefix.start()
    elif m.get("post"):
        qualifier = SUFFIXES[m["post"]]
    elif m.get("step"):
        qualifier = STEP_SUFFIXES[m["step"]]
    if high_number is not None:
        qualifier = RANGE
    signed = unit in SIGNED_UNITS or value < 0
    low, high = interval(qualifier, value, place, step, signed)
    if high_number is not None:
        high = float((high_number.value + high_number.place / 2) * factor)
        value = (value + high_number.value * factor) / 2
    threshold = bool(
        m.get("post") in ("以上", "以下") and end < len(text) and _THRESHOLD_AFTER.match(text, end)
    )
    return Figure(start, end, float(value), low, high, unit, qualifier.kind, threshold)


def _parse(m: dict) -> tuple[Number, Number | None, Decimal, str] | None:
    """(number, upper number of a range, factor to canonical, canonical unit)."""
    factor = Decimal(1)
    for scale in (m.get("scale"), m.get("scale2")):
        if scale:
            factor *= _SCALE_FACTORS[scale]
    unit = ""
    if m.get("unit"):
        unit = UNITS[m["unit"]][0]
        factor *= _UNIT_FACTORS[m["unit"]]
    if m.get("pct_a") or m.get("pct_c"):
        number = parse_arabic(m["pct_a"]) if m.get("pct_a") else parse_chinese(m["pct_c"])
        return number, None, Decimal(1), "%"
    if m.get("den"):
        den, nom = parse_chinese(m["den"]), _parse_any(m["nom"])
        if den.value == 0 or nom.value > den.value:
            return None
        return Number(100 * nom.value / den.value, Decimal(0), Decimal(0)), None, Decimal(1), "%"
    high = None
    if m.get("a"):
        number = parse_arabic(m["a"])
        if m.get("a2"):
            high = parse_arabic(m["a2"])
    elif m.get("c"):
        number = parse_chinese(m["c"])
        if m.get("c2"):
            high = parse_chinese(m["c2"])
    else:
        # a round number by definition: no rounding, 多/余 step one of its kind
        number = Number(Decimal(1), Decimal(0), Decimal(1))
        factor *= _SCALE_FACTORS[m["bare"]]
    if high is not None and (not m.get("unit") or high.value <= number.value):
        return None
    return number, high, factor, unit


def _parse_any(text: str) -> Number:
    return parse_chinese(text) if text[0] in _CN_DIGIT + "十" else parse_arabic(text)
