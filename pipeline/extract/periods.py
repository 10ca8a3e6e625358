"""Reporting periods as printed (上半年, 1-5月, 2022年, 截至9月底 ...) and
the dates they cover.

`PERIOD_WORDS`, `DIGIT_PERIOD_RE` and `OTHER_PERIOD_PATTERNS` are the
tables of what counts as a period; `resolve` turns one found period into
(period_start, period_end) using the document date.
A period without a year belongs to the document's year, except that a
review (not a plan) never reports on a period that ends after the document
was published: 1-11月 in a report dated January 2024 is 2023's.
去年同期 depends on the period it is compared with, so it resolves to that
period shifted back one year (`shift_year`).

A period that names a comparison's base (比上年, 较2021年, 在2022年(30.20
亿元)基础上) is not the period of the figures after it: `base_scope` says
where such a base ends, so attribution can skip it (`BASE_BEFORE_RE`,
`BASE_AFTER_RE`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from pipeline.extract.tries import alternation

_YEAR = r"(?:19|20)[0-9]{2}"
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter_words() -> dict[str, tuple[str, dict]]:
    words = {}
    for q in "一二三四1234":
        words[f"{q}季度"] = ("quarter", {"q": q})
        words[f"第{q}季度"] = ("quarter", {"q": q})
    for q in "二两三23":
        words[f"前{q}季度"] = ("quarters_to_date", {"q": q})
        words[f"前{q}个季度"] = ("quarters_to_date", {"q": q})
    return words


# Periods written in words: word -> (kind, fields).
PERIOD_WORDS: dict[str, tuple[str, dict]] = {
    "今年以来": ("year_to_date", {}),
    "年初以来": ("year_to_date", {}),
    "本年以来": ("year_to_date", {}),
    "去年同期": ("same_period_last_year", {}),
    "上年同期": ("same_period_last_year", {}),
    "上一年同期": ("same_period_last_year", {}),
    "去年": ("last_year", {}),
    "上年": ("last_year", {}),
    "上一年": ("last_year", {}),
    "今年": ("this_year", {}),
    "全年": ("this_year", {}),
    "年内": ("this_year", {}),
    "本年": ("this_year", {}),
    "当年": ("this_year", {}),
    "年底": ("year_end", {}),
    "年末": ("year_end", {}),
    "明年": ("next_year", {}),
    "上半年": ("half", {"h": "上"}),
    "下半年": ("half", {"h": "下"}),
    **_quarter_words(),
}

# Periods written with digits; `_digit_period` tells them apart:
# 2021-2023 (year_range), 1-5月 (month_range), 2022年 (year), 9月份 (month),
# 2020年以来 (since_year: to the document date).
_RANGE_SEP = r"\s?[-－—–~～至到]\s?"
DIGIT_PERIOD_RE = re.compile(
    r"[0-9](?<![0-9][0-9])[0-9]{0,3}"
    rf"(?:{_RANGE_SEP}(?P<b>[0-9]{{1,4}})(?P<range_unit>年|月份|月)?|(?P<unit>年以来|年度|年|月份))"
)
# A year is not a period by itself when it opens a date or a finer period.
_NOT_A_YEAR_AFTER = re.compile(r"[0-9０-９]|[上下]半年|第?[一二三四]季度|前[二两三]|以来|底|末")
_YEAR_TEXT = re.compile(_YEAR)

# Periods with their own shape.
OTHER_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("ytd_until", rf"截[至止](?:(?P<y>{_YEAR})年)?(?P<m>[0-9]{{1,2}})月(?:底|末|(?P<d>[0-9]{{1,2}})日)?"),
    ("five_year_plan", r"十四五[”\"]?(?:期间|时期|以来)"),
)

# A period right after one of these words is a comparison's base (比上年增长).
BASE_BEFORE_RE = re.compile(r"(?:比|较|相比|相较|对比|与|同)$")
# ... or right before 基础上, possibly with the base figure in brackets.
BASE_AFTER_RE = re.compile(r"(?:[（(][^（）()\n]{0,24}[）)])?的?基础上")

# A trie: 年 and 上 start many words and far more non-periods.
_WORDS_RE = re.compile(alternation(dict.fromkeys(PERIOD_WORDS, "")))
_OTHERS = tuple((kind, re.compile(pattern)) for kind, pattern in OTHER_PERIOD_PATTERNS)
_YEAR_BEFORE_RE = re.compile(rf"(?P<y>{_YEAR})年$")
_YEAR_DIGITS_BEFORE_RE = re.compile(rf"(?P<y>{_YEAR})$")
_TAKES_YEAR = frozenset({"month_range", "half", "quarters_to_date", "quarter", "month", "year_end"})


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    text: str
    kind: str
    fields: dict


def find_periods(text: str, start: int, end: int) -> list[Period]:
    """Every period printed in text[start:end], in order; of overlapping
    ones the earliest (then longest) wins. Each pattern starts with a
    literal or a character class, so the regex engine skips through the
    text in C; a year printed right before a month, quarter or half
    (2023年上半年) is attached afterwards."""
    found = []
    for match in _WORDS_RE.finditer(text, start, end):
        kind, fields = PERIOD_WORDS[match.group()]
        found.append(_with_year(text, start, match.start(), match.end(), kind, dict(fields)))
    for match in DIGIT_PERIOD_RE.finditer(text, start, end):
        period = _digit_period(text, start, match)
        if period is not None:
            found.append(period)
    for kind, pattern in _OTHERS:
        for match in pattern.finditer(text, start, end):
            fields = {k: v for k, v in match.groupdict().items() if v is not None}
            found.append(Period(match.start(), match.end(), match.group(), kind, fields))
    found.sort(key=lambda p: (p.start, -p.end))
    kept: list[Period] = []
    for period in found:
        if not kept or period.start >= kept[-1].end:
            kept.append(period)
    return kept


def base_scope(text: str, period: Period) -> int | None:
    """None when `period` is the figures' own; else the offset where the
    base it names ends: figures before that offset (the 30.20亿元 of
    2022年(30.20亿元)基础上) state the base and keep the period."""
    if BASE_BEFORE_RE.search(text, max(0, period.start - 2), period.start):
        return period.end
    after = BASE_AFTER_RE.match(text, period.end)
    return after.end() if after else None


def _digit_period(text: str, lo: int, match: re.Match) -> Period | None:
    first = match.group()[: len(match.group()) - len(match.group().lstrip("0123456789"))]
    second, range_unit, unit = match.group("b"), match.group("range_unit"), match.group("unit")
    if second is not None:
        if _YEAR_TEXT.fullmatch(first) and _YEAR_TEXT.fullmatch(second) and range_unit in (None, "年"):
            return Period(match.start(), match.end(), match.group(), "year_range", {"y1": first, "y2": second})
        if range_unit in ("月", "月份") and len(first) <= 2 and len(second) <= 2:
            fields = {"m1": first, "m2": second}
            return _with_year(text, lo, match.start(), match.end(), "month_range", fields)
        return None
    if unit == "年以来" and _YEAR_TEXT.fullmatch(first):
        return Period(match.start(), match.end(), match.group(), "since_year", {"y": first})
    if unit in ("年", "年度") and _YEAR_TEXT.fullmatch(first):
        if _NOT_A_YEAR_AFTER.match(text, match.end()):
            return None
        return Period(match.start(), match.end(), match.group(), "year", {"y": first})
    if unit == "月份" and len(first) <= 2:
        return _with_year(text, lo, match.start(), match.end(), "month", {"m": first})
    return None


def _with_year(text: str, lo: int, start: int, end: int, kind: str, fields: dict) -> Period:
    if kind in _TAKES_YEAR:
        # 2022年底 shares its 年 with the year; 2023年上半年 does not.
        before = _YEAR_DIGITS_BEFORE_RE if text.startswith("年", start) else _YEAR_BEFORE_RE
        year = before.search(text, max(lo, start - 5), start)
        if year:
            start = year.start()
            fields["y"] = year.group("y")
    return Period(start, end, text[start:end], kind, fields)


def resolve(period: Period, doc_date: date | None, forward: bool) -> tuple[date | None, date | None]:
    """Dates covered by `period` in a document published on `doc_date`;
    `forward` is true in plans and targets, where a period may lie ahead."""
    f = period.fields
    explicit = f.get("y") or f.get("y2")
    if doc_date is None and not explicit and period.kind not in ("year_range", "five_year_plan"):
        return None, None
    year = int(explicit) if explicit else (doc_date.year if doc_date else 0)
    kind = period.kind
    if kind == "year_range":
        return date(int(f["y1"]), 1, 1), date(int(f["y2"]), 12, 31)
    if kind == "five_year_plan":
        return date(2021, 1, 1), date(2025, 12, 31)
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind in ("last_year", "same_period_last_year"):
        return date(year - 1, 1, 1), date(year - 1, 12, 31)
    if kind == "next_year":
        return date(year + 1, 1, 1), date(year + 1, 12, 31)
    if kind in ("this_year", "year_end"):
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "year_to_date":
        return date(year, 1, 1), doc_date
    if kind == "since_year":
        return date(year, 1, 1), doc_date
    months = _months(kind, f)
    if months is None:
        return None, None
    m1, m2, day = months
    if not (1 <= m1 <= m2 <= 12):
        return None, None
    start = date(year, m1, 1)
    end = _end_of(year, m2, day)
    if end is None:
        return None, None
    if not explicit and not forward and doc_date is not None and end > doc_date:
        start = date(year - 1, m1, 1)
        end = _end_of(year - 1, m2, day)
    return start, end


def _months(kind: str, f: dict) -> tuple[int, int, int | None] | None:
    if kind == "month_range":
        return int(f["m1"]), int(f["m2"]), None
    if kind == "month":
        return int(f["m"]), int(f["m"]), None
    if kind == "ytd_until":
        return 1, int(f["m"]), int(f["d"]) if f.get("d") else None
    if kind == "half":
        return (1, 6, None) if f["h"] == "上" else (7, 12, None)
    if kind == "quarter":
        q = _CN_NUM[f["q"]]
        return 3 * q - 2, 3 * q, None
    if kind == "quarters_to_date":
        return 1, 3 * _CN_NUM[f["q"]], None
    return None


def _end_of(year: int, month: int, day: int | None) -> date | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, last)
    return date(year, month, day) if 1 <= day <= last else None


def shift_year(span: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    """The same dates one year earlier (29 February becomes the 28th)."""
    return tuple(_back_one_year(d) if d else None for d in span)  # type: ignore[return-value]


def _back_one_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)
