"""Periods as printed and the dates they cover."""

from datetime import date

import pytest

from pipeline.extract.periods import Setting, base_scope, find_periods, resolve, shift_year
from pipeline.extract.timeframe import TimeFrame, parse_reference

DOC = date(2023, 8, 3)
# A news post of 2023-08-03: it speaks in 2023 and reviews 2023.
NEWS = Setting.default(TimeFrame.from_date(DOC))


@pytest.mark.parametrize(
    ("text", "printed", "start", "end"),
    [
        ("1-5月,共计", "1-5月", date(2023, 1, 1), date(2023, 5, 31)),
        ("上半年,新增", "上半年", date(2023, 1, 1), date(2023, 6, 30)),
        ("下半年", "下半年", date(2022, 7, 1), date(2022, 12, 31)),
        ("一季度", "一季度", date(2023, 1, 1), date(2023, 3, 31)),
        ("第二季度", "第二季度", date(2023, 4, 1), date(2023, 6, 30)),
        ("前三季度", "前三季度", date(2022, 1, 1), date(2022, 9, 30)),
        ("截至9月底", "截至9月底", None, date(2022, 9, 30)),
        ("截至6月底", "截至6月底", None, date(2023, 6, 30)),
        ("今年以来", "今年以来", date(2023, 1, 1), DOC),
        ("2022年(30.20亿元)", "2022年", date(2022, 1, 1), date(2022, 12, 31)),
        ("2023年上半年", "2023年上半年", date(2023, 1, 1), date(2023, 6, 30)),
        ("2022年1-11月", "2022年1-11月", date(2022, 1, 1), date(2022, 11, 30)),
        ("(2021-2023)目标", "2021-2023", date(2021, 1, 1), date(2023, 12, 31)),
        ("2021年至2025年", "2021年至2025年", date(2021, 1, 1), date(2025, 12, 31)),
        ("去年", "去年", date(2022, 1, 1), date(2022, 12, 31)),
        ("年内完成", "年内", date(2023, 1, 1), date(2023, 12, 31)),
        ("9月份", "9月份", date(2022, 9, 1), date(2022, 9, 30)),
        ("2022年底", "2022年底", None, date(2022, 12, 31)),
        ("年末", "年末", None, date(2023, 12, 31)),
        ("到2025年，达到", "到2025年", None, date(2025, 12, 31)),
        ("“十四五”时期", "“十四五”时期", date(2021, 1, 1), date(2025, 12, 31)),
        ("十三五期间", "十三五期间", date(2016, 1, 1), date(2020, 12, 31)),
        ("3月末", "3月末", None, date(2023, 3, 31)),
    ],
)
def test_period(text, printed, start, end):
    (period,) = find_periods(text, 0, len(text))
    assert period.text == printed
    assert resolve(period, NEWS) == (start, end)


def test_a_plan_may_name_a_period_ahead():
    """A review never reports on a period ending after its date (下半年 above
    is last year's); a plan or target may."""
    ahead = Setting.default(TimeFrame.from_date(DOC), forward=True)
    (period,) = find_periods("三季度投入使用", 0, 7)
    assert resolve(period, ahead) == (date(2023, 7, 1), date(2023, 9, 30))
    (period,) = find_periods("下半年", 0, 3)
    assert resolve(period, ahead) == (date(2023, 7, 1), date(2023, 12, 31))


def _one(text):
    (period,) = find_periods(text, 0, len(text))
    return period


def test_a_bulletin_dates_its_year_not_the_publication_year():
    """The 2022 bulletin published on 2023-03-29: 全年 and 年末 are 2022's, 上年 2021's."""
    frame = TimeFrame.of("2022", date(2023, 3, 29), "bulletin")
    where = Setting.default(frame)
    assert resolve(_one("全年实现"), where) == (date(2022, 1, 1), date(2022, 12, 31))
    assert resolve(_one("年末全区"), where) == (None, date(2022, 12, 31))
    assert resolve(_one("上年"), where) == (date(2021, 1, 1), date(2021, 12, 31))


def test_a_work_report_reviews_last_year_and_plans_this_one():
    """Delivered in January 2024: the review's 全年 is 2023, 去年 is 2023,
    the plan's 全年 and 今年 are 2024, 过去五年 is 2019-2023."""
    frame = TimeFrame.of("2023", date(2024, 1, 22), "work_report")
    review, plan = Setting.default(frame), Setting.default(frame, forward=True)
    assert resolve(_one("全年"), review) == (date(2023, 1, 1), date(2023, 12, 31))
    assert resolve(_one("去年"), review) == (date(2023, 1, 1), date(2023, 12, 31))
    assert resolve(_one("过去一年"), review) == (date(2023, 1, 1), date(2023, 12, 31))
    assert resolve(_one("全年"), plan) == (date(2024, 1, 1), date(2024, 12, 31))
    assert resolve(_one("今年"), plan) == (date(2024, 1, 1), date(2024, 12, 31))
    assert resolve(_one("过去五年"), review) == (date(2019, 1, 1), date(2023, 12, 31))


def test_a_mid_year_report_plans_the_second_half():
    frame = TimeFrame.of("2023-H1", date(2023, 7, 13), "work_report")
    assert frame.plan == (date(2023, 7, 1), date(2023, 12, 31))
    assert resolve(_one("下半年"), Setting.default(frame, forward=True)) == (date(2023, 7, 1), date(2023, 12, 31))


def test_reference_periods_parse():
    assert parse_reference("2022") == (date(2022, 1, 1), date(2022, 12, 31))
    assert parse_reference("2023-Q3") == (date(2023, 7, 1), date(2023, 9, 30))
    assert parse_reference("2016-01..2016-10") == (date(2016, 1, 1), date(2016, 10, 31))
    assert parse_reference("2022-04-12") == (date(2022, 4, 12), date(2022, 4, 12))
    assert parse_reference("last year") is None


def test_dates_are_not_periods():
    text = "2023年7月13日在张江镇"
    assert find_periods(text, 0, len(text)) == []


def test_no_document_date_no_dates():
    (period,) = find_periods("上半年", 0, 3)
    assert resolve(period, Setting.default(TimeFrame())) == (None, None)


def test_same_period_last_year():
    assert shift_year((date(2023, 1, 1), date(2023, 5, 31))) == (date(2022, 1, 1), date(2022, 5, 31))
    assert shift_year((date(2024, 2, 29), None)) == (date(2023, 2, 28), None)


@pytest.mark.parametrize(
    ("text", "scope_ends_at"),
    [
        ("比上年增长3.6%", 3),
        ("涨幅比2021年扩大", 8),
        ("在2022年(30.20亿元)基础上增长", 18),
        ("2022年，全区农林牧渔业总产值", None),
    ],
)
def test_base_scope(text, scope_ends_at):
    (period,) = find_periods(text, 0, len(text))
    assert base_scope(text, period) == scope_ends_at
