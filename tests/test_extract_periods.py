"""Periods as printed and the dates they cover."""

from datetime import date

import pytest

from pipeline.extract.periods import base_scope, find_periods, resolve, shift_year

DOC = date(2023, 8, 3)


@pytest.mark.parametrize(
    ("text", "printed", "start", "end"),
    [
        ("1-5月,共计", "1-5月", date(2023, 1, 1), date(2023, 5, 31)),
        ("上半年,新增", "上半年", date(2023, 1, 1), date(2023, 6, 30)),
        ("下半年", "下半年", date(2022, 7, 1), date(2022, 12, 31)),
        ("一季度", "一季度", date(2023, 1, 1), date(2023, 3, 31)),
        ("第二季度", "第二季度", date(2023, 4, 1), date(2023, 6, 30)),
        ("前三季度", "前三季度", date(2022, 1, 1), date(2022, 9, 30)),
        ("截至9月底", "截至9月底", date(2022, 1, 1), date(2022, 9, 30)),
        ("截至6月底", "截至6月底", date(2023, 1, 1), date(2023, 6, 30)),
        ("今年以来", "今年以来", date(2023, 1, 1), DOC),
        ("2022年(30.20亿元)", "2022年", date(2022, 1, 1), date(2022, 12, 31)),
        ("2023年上半年", "2023年上半年", date(2023, 1, 1), date(2023, 6, 30)),
        ("2022年1-11月", "2022年1-11月", date(2022, 1, 1), date(2022, 11, 30)),
        ("(2021-2023)目标", "2021-2023", date(2021, 1, 1), date(2023, 12, 31)),
        ("去年", "去年", date(2022, 1, 1), date(2022, 12, 31)),
        ("年内完成", "年内", date(2023, 1, 1), date(2023, 12, 31)),
        ("9月份", "9月份", date(2022, 9, 1), date(2022, 9, 30)),
        ("2022年底", "2022年底", date(2022, 1, 1), date(2022, 12, 31)),
    ],
)
def test_period(text, printed, start, end):
    (period,) = find_periods(text, 0, len(text))
    assert period.text == printed
    assert resolve(period, DOC, forward=False) == (start, end)


def test_a_plan_may_name_a_period_ahead():
    """A review never reports on a period ending after its date (下半年 above
    is last year's); a plan or target may."""
    (period,) = find_periods("三季度投入使用", 0, 7)
    assert resolve(period, DOC, forward=True) == (date(2023, 7, 1), date(2023, 9, 30))
    (period,) = find_periods("下半年", 0, 3)
    assert resolve(period, DOC, forward=True) == (date(2023, 7, 1), date(2023, 12, 31))


def test_dates_are_not_periods():
    text = "2023年7月13日在张江镇"
    assert find_periods(text, 0, len(text)) == []


def test_no_document_date_no_dates():
    (period,) = find_periods("上半年", 0, 3)
    assert resolve(period, None, forward=False) == (None, None)


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
