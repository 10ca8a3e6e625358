"""Reporting periods as printed (上半年, 1-5月, 2022年, 截至9月底 ...) and
the dates they cover.

`period_words.tsv`, `five_year_plans.tsv` (pipeline/data),
`DIGIT_PERIOD_RE` and `OTHER_PERIOD_PATTERNS` are the tables of what
counts as a period; `resolve` turns one found period into (period_start,
period_end) within a document's `TimeFrame` (extract.timeframe): 全年 and
年末 mean the year of the part of the document the figure stands in (the
reviewed year in a review, the planned year in a plan); 今年, 去年, 明年
count from the year the text speaks in; 过去五年 ends the year before it.
A stock (年末, 截至6月底, 到2025年, 9月末) has no period_start: it is a
state at a moment.
A period without a year belongs to its part's year, except that a review
(not a plan) never reports on a period that ends after the document was
published: 1-11月 in a report dated January 2024 is 2023's.
去年同期 depends on the period it is compared with, so it resolves to that
period shifted back one year (`shift_year`).

A period that names a comparison's base (比上年, 较2021年, 在2022年(30.20
亿元)基础上) is not the period of the figures after it: `base_scope` says
where such a base ends, so attribution can skip it (`BASE_BEFORE_RE`,
`BASE_AFTER_RE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline import vocab
from pipeline.extract.timeframe import Span, TimeFrame, month_end, year_span
from pipeline.tries import alternation

_YEAR = r"(?:19|20)[0-9]{2}"


_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _fields(text: str) -> dict:
    return dict(pair.split("=", 1) for pair in text.split(",") if pair)


# Periods written in words: word -> (kind, fields).
PERIOD_WORDS: dict[str, tuple[str, dict]] = {
    row[0]: (row[1], _fields(row[2]) if len(row) > 2 else {}) for row in vocab.rows("period_words.tsv")
}
# Five-year plans by name: 十四五 -> (2021, 2025).
FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    name: (int(first), int(last)) for name, first, last in vocab.rows("five_year_plans.tsv")
}
_PLAN_NAMES = "|".join(FIVE_YEAR_PLANS)

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
    ("until_now", r"截[至止]目前|截[至止]当前|到目前为止"),
    ("five_year_plan", rf"(?P<plan>{_PLAN_NAMES})[”\"]?(?:期间|时期|以来)"),
    ("plan_end", rf"(?P<plan>{_PLAN_NAMES})[”\"]?末"),
    ("year_range", rf"(?P<y1>{_YEAR})年?\s?[-－—–~～至到]\s?(?P<y2>{_YEAR})年"),
    ("by_year", rf"(?:到|至)(?P<y>{_YEAR})年(?:底|末)?(?![0-9一二三四上下第前])"),
    ("month_end", r"(?P<m>[0-9](?<![0-9至到\-－—–~～][0-9])[0-9]?)月(?:底|末)"),
    # 2022年4月12日0—24时: the day of a daily statistic (a bare date is not a
    # period: it dates an event)
    ("day", r"(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日\s?0\s?[—\-－–~～至到]\s?24\s?时"),
    ("years_n", r"(?P<n>[两二三四五六七八九十])(?<![第0-9一二三四五六七八九十两多几][两二三四五六七八九十])年(?=年均|累计|共|增加|增长|提高|下降|减少|间|里|中)"),
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
_TAKES_YEAR = frozenset({"month_range", "half", "quarters_to_date", "quarter", "month", "year_end", "month_end", "day"})
# Plan names printed in quotes (“十四五”时期): the period's text keeps them.
_QUOTED_NAMES = frozenset({"five_year_plan", "plan_end"})
_OPENING_QUOTES = "“\""
# Spans of years a change may be stated over (五年年均增长, 十四五期间年均).
SPAN_KINDS = frozenset({"past_years", "years_n", "five_year_plan", "year_range", "since_year"})
# Periods that, opening a paragraph, date the paragraphs after it.
SCOPE_KINDS = frozenset({"past_years", "past_year", "five_year_plan", "year_range", "since_year", "year", "years_n"})
# What may stand before such a period at a paragraph's start: dashes,
# quotes, list markers (——, “, （一）).
SCOPE_LEAD_RE = re.compile(r"^[\s—\-“\"]*(?:[（(][一二三四五六七八九十]+[）)])?")
SCOPE_REACH = 12
# A part heading (二、2023年经济社会发展总体要求) ends a paragraph scope.
PART_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]+、")
# Periods that are a moment, not a span: a stock's figures have no period_start.
STOCK_KINDS = frozenset({"year_end", "ytd_until", "by_year", "month_end", "until_now", "plan_end"})


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
            if kind in _TAKES_YEAR and "y" not in fields:
                found.append(_with_year(text, start, match.start(), match.end(), kind, fields))
            elif kind in _QUOTED_NAMES and match.start() > start and text[match.start() - 1] in _OPENING_QUOTES:
                found.append(Period(match.start() - 1, match.end(), text[match.start() - 1:match.end()], kind, fields))
            else:
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


@dataclass(frozen=True)
class Setting:
    """Where a figure stands: the span its part of the document covers
    (`part`: the reviewed or the planned period, or its heading's), the
    year the text speaks in there (`present`), whether it looks ahead (a
    plan or a target may name a period after the document's date), and
    the document's date."""

    part: Span | None
    present: int | None
    forward: bool = False
    spoken: date | None = None
    reviewed: Span | None = None

    @classmethod
    def default(cls, frame: TimeFrame, forward: bool = False) -> Setting:
        part = frame.plan if forward else frame.review
        return cls(part, frame.present, forward, frame.spoken, frame.review)


def resolve(period: Period, where: Setting) -> tuple[date | None, date | None]:
    """Dates covered by `period` for a figure standing `where`."""
    f, kind = period.fields, period.kind
    part_year = where.part[0].year if where.part else where.present
    present = where.present
    if kind == "year_range":
        return date(int(f["y1"]), 1, 1), date(int(f["y2"]), 12, 31)
    if kind == "five_year_plan":
        first, last = FIVE_YEAR_PLANS[f["plan"]]
        return date(first, 1, 1), date(last, 12, 31)
    if kind == "plan_end":
        return None, date(FIVE_YEAR_PLANS[f["plan"]][1], 12, 31)
    if kind == "year":
        return year_span(int(f["y"]))
    if kind == "day":
        year = int(f["y"]) if f.get("y") else (where.spoken.year if where.spoken else present)
        try:
            day = date(year, int(f["m"]), int(f["d"])) if year else None
        except ValueError:
            return None, None
        return day, day
    if kind == "by_year":
        return None, date(int(f["y"]), 12, 31)
    if kind == "since_year":
        end = where.part[1] if where.part else where.spoken
        return date(int(f["y"]), 1, 1), end
    if kind == "until_now":
        return None, (where.part[1] if where.part else where.spoken)
    if kind == "past_year":
        if where.reviewed and where.reviewed[0].year == where.reviewed[1].year:
            return year_span(where.reviewed[0].year)
        return year_span(present - 1) if present else (None, None)
    if kind in ("past_years", "years_n"):
        if present is None:
            return None, None
        n = int(f["n"]) if f["n"].isdigit() else _CN_COUNT[f["n"]]
        return date(present - n, 1, 1), date(present - 1, 12, 31)
    explicit = f.get("y")
    if kind in ("this_year", "last_year", "same_period_last_year", "next_year", "year_to_date"):
        if present is None:
            return None, None
        year = {"this_year": present, "year_to_date": present, "next_year": present + 1}.get(kind, present - 1)
        if kind == "year_to_date":
            return date(year, 1, 1), where.spoken or date(year, 12, 31)
        return year_span(year)
    year = int(explicit) if explicit else part_year
    if year is None:
        return None, None
    if kind == "whole_year":
        return year_span(year)
    if kind == "year_end":
        return None, date(year, 12, 31)
    months = _months(kind, f)
    if months is None:
        return None, None
    m1, m2, day = months
    if not (1 <= m1 <= m2 <= 12):
        return None, None
    span = _span(year, m1, m2, day)
    if span is None:
        return None, None
    if not explicit and not where.forward and where.spoken is not None and span[1] > where.spoken:
        span = _span(year - 1, m1, m2, day)
    if span is None:
        return None, None
    return (None, span[1]) if kind in STOCK_KINDS else span


def _span(year: int, m1: int, m2: int, day: int | None) -> Span | None:
    end = month_end(year, m2)
    if day is not None:
        if not 1 <= day <= end.day:
            return None
        end = date(year, m2, day)
    return date(year, m1, 1), end


def _months(kind: str, f: dict) -> tuple[int, int, int | None] | None:
    if kind == "month_range":
        return int(f["m1"]), int(f["m2"]), None
    if kind == "month":
        return int(f["m"]), int(f["m"]), None
    if kind == "month_end":
        return int(f["m"]), int(f["m"]), None
    if kind == "ytd_until":
        return 1, int(f["m"]), int(f["d"]) if f.get("d") else None
    if kind == "half":
        return (1, 6, None) if f["h"] == "上" else (7, 12, None)
    if kind == "quarter":
        q = int(f["q"])
        return 3 * q - 2, 3 * q, None
    if kind == "quarters_to_date":
        return 1, 3 * int(f["q"]), None
    return None


def shift_year(span: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    """The same dates one year earlier (29 February becomes the 28th)."""
    return tuple(_back_one_year(d) if d else None for d in span)  # type: ignore[return-value]


def _back_one_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)
