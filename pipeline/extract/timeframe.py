"""When a document speaks and which periods its words mean.

A relative period (全年, 今年, 上年, 年末, 上半年) means different years in
different documents: 全年 in the 2022 bulletin published in March 2023 is
2022; 今年 in a work report delivered in January 2024 is 2024, 去年 2023;
全年 in that report's review is 2023 and in its plan part 2024. A
`TimeFrame` holds what decides it, computed once per document:

- `review`: the reference period (documents.reference_period), the span a
  figure with no period of its own covers in a review part;
- `plan`: the span a plan part is for (the second half after a mid-year
  review; the delivery year after an annual one; else the reference);
- `present`: the year the text speaks in — the delivery year of a work
  report that reviews an earlier year, else the reference year (a bulletin
  speaks as of its own year: 上年 is the year before it);
- `spoken`: the publication or delivery date, the end of 今年以来.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

Span = tuple[date, date]

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def parse_reference(reference: str | None) -> Span | None:
    """2022, 2023-H1, 2023-Q3, 2023-01..2023-05, 2022-04-12 -> (first day, last day)."""
    if not reference:
        return None
    ref = reference.strip()
    if m := _YEAR.match(ref):
        return year_span(int(m[1]))
    if m := _HALF.match(ref):
        y = int(m[1])
        return (date(y, 1, 1), date(y, 6, 30)) if m[2] == "1" else (date(y, 7, 1), date(y, 12, 31))
    if m := _QUARTER.match(ref):
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if m := _MONTHS.match(ref):
        return date(int(m[1]), int(m[2]), 1), month_end(int(m[3]), int(m[4]))
    if m := _DAY.match(ref):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return day, day
    return None


@dataclass(frozen=True)
class TimeFrame:
    review: Span | None = None
    plan: Span | None = None
    present: int | None = None
    spoken: date | None = None

    @classmethod
    def of(cls, reference: str | None, spoken: date | None, kind: str | None = None) -> TimeFrame:
        review = parse_reference(reference)
        if review is None:
            present = spoken.year if spoken else None
            return cls(None, None, present, spoken)
        ref_year = review[0].year
        half_year = review == (date(ref_year, 1, 1), date(ref_year, 6, 30))
        if half_year:
            plan: Span = (date(ref_year, 7, 1), date(ref_year, 12, 31))
        elif spoken is not None and spoken.year > review[1].year:
            plan = year_span(spoken.year)
        elif spoken is None and kind == "work_report" and review == year_span(ref_year):
            plan = year_span(ref_year + 1)
        else:
            plan = review
        present = plan[0].year if kind == "work_report" else ref_year
        return cls(review, plan, present, spoken)

    @classmethod
    def from_date(cls, spoken: date | None) -> TimeFrame:
        """What a bare publication date tells (no reference period known):
        the text speaks in that year and reviews it."""
        if spoken is None:
            return cls()
        return cls(year_span(spoken.year), year_span(spoken.year), spoken.year, spoken)
