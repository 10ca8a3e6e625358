"""What a document is and which period it reports on.

- `doc_kind`: from the title (or the opening lines when there is no title),
  by the patterns of pipeline/data/doc_kinds.tsv.
- `delivered_date`: a work report states when it was delivered
  (——2023年3月5日在第十四届全国人民代表大会第一次会议上); that date is
  when the report speaks, the publication date when the page gives none.
- `reference_period`: the period the document reports on by default — a
  hint when given; else the title (2022年…统计公报 -> 2022; 2024年…半年工作
  情况报告 -> 2024-H1; 工作总结及计划 -> the year summed up); else the kind
  and the date: a work report delivered in the first months of a year
  reviews the year before, a bulletin published in the first half of a
  year reports on the year before, anything else on its own year. A title
  year of a work report is the year it was delivered in when the report is
  published that year (2026年浙江省政府工作报告, delivered January 2026,
  reviews 2025) and the year reviewed when it is published after it
  (新场镇2023年政府工作报告, published January 2024).
"""

from __future__ import annotations

import re
from datetime import date

from pipeline import vocab

KIND_PATTERNS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), kind) for pattern, kind in vocab.rows("doc_kinds.tsv")
)
OPENING_CHARS = 300
DELIVERED_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:在|于)[^。]{0,40}?(?:人民代表大会|人代会|代表会议|会议)"
)
# 重庆市开州区统计局 国家统计局开州调查队2024年4月29日: the issuing body's
# line under a bulletin's title ends with the date it was issued.
ISSUED_RE = re.compile(
    r"(?:局|队|政府|委员会|办公室|中心|管委会)\s*(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*$", re.M
)
_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR_RE = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=年)")
YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?=年)")
HALF_RE = re.compile(r"(上半年|下半年|半年)")
QUARTER_RE = re.compile(r"第?([一二三四1-4])季度")
MONTHS_RE = re.compile(r"(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月")
# 一、2014年工作回顾: the year a report reviews, in its first heading.
REVIEW_HEADING_RE = re.compile(r"((?:19|20)\d{2})年(?:主要)?工作(?:回顾|总结|情况)|过去一年")
# 第一部分 上半年主要工作情况: a mid-year report reviews the half it names.
HALF_REVIEW_RE = re.compile(r"(?:((?:19|20)\d{2})年)?(上半年|下半年)(?:主要)?工作(?:情况|回顾|总结)")
# 2022年4月12日0—24时, opening a daily statistics post: the day it reports on.
DAILY_RE = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s?0\s?[—\-－–~～至到]\s?24\s?时")
REPORT_MONTHS = 6  # a report published up to June reviews the year before
# Kinds published after the period they report on.
REPORTS = frozenset({"work_report", "work_summary", "bulletin", "open_info_report", "fiscal_report"})
REFERENCE_RE = re.compile(r"^\d{4}(?:-H[12]|-Q[1-4]|-\d{2}-\d{2}|-\d{2}\.\.\d{4}-\d{2})?$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def doc_kind(title: str | None, text: str) -> str | None:
    for source in (title or "", text[:OPENING_CHARS]):
        for pattern, kind in KIND_PATTERNS:
            if pattern.search(source):
                return kind
    return None


def delivered_date(text: str) -> str | None:
    """ISO date of delivery (or issue) stated in the document's opening, if any."""
    m = DELIVERED_RE.search(text, 0, OPENING_CHARS * 2) or ISSUED_RE.search(text, 0, OPENING_CHARS)
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def reference_period(hint: str | None, title: str | None, kind: str | None, spoken: date | None, text: str = "") -> str | None:
    if hint and REFERENCE_RE.match(str(hint).strip()):
        return str(hint).strip()
    title = _arabic_years(title or "")
    years = [int(y) for y in YEAR_RE.findall(title)]
    if years:
        return _with_part(_title_year(years[0], kind, spoken, title), title)
    half = HALF_REVIEW_RE.search(text, 0, OPENING_CHARS * 3)
    if kind in ("work_report", "work_summary") and half and (half.group(1) or spoken):
        year = int(half.group(1)) if half.group(1) else spoken.year
        return f"{year}-H1" if half.group(2) == "上半年" else f"{year}-H2"
    review = REVIEW_HEADING_RE.search(text, 0, OPENING_CHARS * 3)
    if kind in ("work_report", "work_summary") and review and review.group(1):
        return review.group(1)
    if spoken is None:
        day = DAILY_RE.search(text, 0, OPENING_CHARS)
        return f"{int(day['y']):04d}-{int(day['m']):02d}-{int(day['d']):02d}" if day else None
    if HALF_RE.search(title) or QUARTER_RE.search(title) or MONTHS_RE.search(title):
        return _with_part(spoken.year, title)
    if kind in REPORTS and spoken.month <= REPORT_MONTHS:
        return str(spoken.year - 1)
    return str(spoken.year)


def _title_year(year: int, kind: str | None, spoken: date | None, title: str) -> int:
    """A work report's title year is its delivery year (so it reviews the
    year before) unless the report came out after that year; any other
    kind (a summary, a plan, a bulletin) is about its title year."""
    if kind != "work_report":
        return year
    if spoken is None or (spoken.year == year and spoken.month <= REPORT_MONTHS):
        return year - 1
    return year


def _with_part(year: int, title: str) -> str:
    half = HALF_RE.search(title)
    if half:
        return f"{year}-H2" if half.group(1) == "下半年" else f"{year}-H1"
    quarter = QUARTER_RE.search(title)
    if quarter:
        return f"{year}-Q{_QUARTERS[quarter.group(1)]}"
    months = MONTHS_RE.search(title)
    if months and 1 <= int(months[1]) <= int(months[2]) <= 12:
        return f"{year}-{int(months[1]):02d}..{year}-{int(months[2]):02d}"
    return str(year)


def _arabic_years(title: str) -> str:
    """二〇二三年 -> 2023年, so one pattern reads both."""
    return _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGITS[ch] for ch in m.group()), title)
