"""Relation and enumeration detection on short texts: what is checked, what is left alone."""

from __future__ import annotations

import re

import pytest

from pipeline import ids
from pipeline.model import ClaimRow, Document
from pipeline.validate import validate_document
from pipeline.validate.enumerations import find_stated_counts
from tests.test_validate_relations import make_claim

FIGURES = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:个百分点|元|家|个|件|项|套|%)")


def check(text: str):
    rows = []
    for m in FIGURES.finditer(text):
        c = make_claim(text, m.group(), m.start())
        rows.append(ClaimRow(ids.claim_id("d", c.char_start, c.char_end, c.surface), "d", c))
    return validate_document(Document("d", "t", "s", "h", text), rows)


def kinds(text: str) -> list[tuple[str, str]]:
    return sorted((c.kind, c.verdict) for c in check(text))


def test_target_completion_checked_only_when_the_target_is_printed():
    assert kinds("前三季度新增就业岗位44万个,完成全年目标的80%。") == []
    assert kinds("前三季度新增就业岗位44万个,完成全年目标55万个的80%。") == [("target_completion", "consistent")]
    assert kinds("前三季度新增就业岗位44万个,完成全年目标55万个的90%。") == [("target_completion", "inconsistent")]


def test_level_with_only_a_rate_records_nothing():
    assert kinds("滚装车辆吞吐量共231692辆,同比增长32.9%。") == []


def test_level_increment_and_rate_without_base():
    assert kinds("完成税收20.17亿元,同比增长6.29亿元,增幅45.3%。") == [("growth_rate", "consistent")]
    assert kinds("完成税收20.17亿元,同比增长6.29亿元,增幅41.3%。") == [("growth_rate", "inconsistent")]


def test_decline_and_percentage_points():
    assert kinds("支出90亿元,比上年100亿元下降10亿元,降幅10%。") == [("difference", "consistent"), ("growth_rate", "consistent")]
    assert kinds("利用率51.1%,比去年48.1%提高3个百分点。") == [("bound", "consistent"), ("difference", "consistent")]
    assert ("difference", "inconsistent") in kinds("利用率51.1%,比去年47.1%提高3个百分点。")


def test_real_growth_against_nominal_levels_is_not_judged():
    text = "地区生产总值1234亿元,比上年1100亿元增长5.0%,按可比价格计算。"
    assert kinds(text) == [("growth_rate", "undecidable")]
    assert "comparable prices" in check(text)[0].message


def test_subset_without_partition_only_bounds_each_part():
    """编报信息4158篇,其中235篇…,692篇…: subsets joined by commas are not summed."""
    text = "编报信息4158件,其中235件被全国政协采用,692件被市政协采用。"
    assert kinds(text) == [("bound", "consistent"), ("bound", "consistent")]
    assert ("bound", "inconsistent") in kinds(text.replace("692件", "4692件"))


def test_partition_after_qizhong_is_summed():
    assert kinds("立项39个,其中三星项目9个、二星项目15个、一星项目15个。") == [("part_sum", "consistent")]
    assert kinds("立项39个,其中三星项目9个、二星项目15个、一星项目14个。") == [("part_sum", "inconsistent")]


def test_count_with_decimals_is_bounded_to_whole_numbers():
    assert kinds("改造2.5套。") == [("bound", "inconsistent")]


def test_rate_over_100_flagged_unless_exceeding_is_said():
    assert kinds("满意率103%。") == [("bound", "inconsistent")]
    assert kinds("超额完成率103%。") == []


@pytest.mark.parametrize(
    ("text", "stated", "listed", "is_open"),
    [
        ("以数字孪生、零碳行动、未来农场、智能互联四大应用场景,赋能企业。", 4, 4, False),
        ("包含“梦·共擎”“心·共萃”“行·共驰”与“爱·共臻”四大项目内容。", 4, 4, False),
        ("以职业技能、管理模式、后勤保障“三入手”为工作路径。", 3, 3, False),
        ("以圣御大厦、百坚园区、展想中心、德宏大厦等8家楼宇为重点。", 8, 4, True),
        ("1个总体预案,10个必备专项预案(包括防汛防台、火灾事故、公共卫生),X个自选。", 10, 3, False),
    ],
)
def test_stated_counts_found(text, stated, listed, is_open):
    [sc] = find_stated_counts(text, [])
    assert (sc.stated, len(sc.items), sc.open) == (stated, listed, is_open)


@pytest.mark.parametrize(
    "text",
    [
        "包含区域化党建“与共计划”及党建引领基层治理“四治提升计划”两大范畴。",  # “四治…” is a name, not a count
        "新民晚报、浦东、奉贤八区融媒体中心联合推出学习贯彻二十大精神。",  # an ordinal congress
        "张江镇梳理、总结了三个发展阶段。",  # verbs, not items
        "推进“双报到”“两网”联系机制、履行责任。",  # a quoted name next to another
        "开展反诈、禁毒等各类宣传活动7场。",  # 等 inside, count does not follow it
        "完成益丰新村、古桐四村小区3处电动自行车集中充电场所。",  # 处 counts places, not the list
        "指导39个居委(含筹备组)自治金项目。",  # a parenthesis with one item
        "采用“金桥地区最佳雇主评选”“专场招聘会”“5G智能大赛”等方式。",  # 5G is a name
    ],
)
def test_prose_is_not_read_as_a_counted_list(text):
    assert [sc for sc in find_stated_counts(text, []) if not sc.open and len(sc.items) != sc.stated] == []


def test_open_list_is_never_inconsistent():
    [c] = [c for c in check("推进兰沁苑、紫晶苑、孙桥花苑等2个小区。") if c.kind == "enumeration_count"]
    assert c.verdict == "undecidable"
    [c] = [c for c in check("推进兰沁苑、紫晶苑、孙桥花苑等8个小区。") if c.kind == "enumeration_count"]
    assert c.verdict == "consistent"


def test_glossary_sub_labels_are_counted():
    text = "《政府工作报告》名词解释\n7、一体两翼多点:一体:总站;两翼:孙桥分中心、张衡公园服务站;多点:各居村服务站。\n"
    [sc] = find_stated_counts(text, [])
    assert (sc.surface, sc.stated, sc.items) == ("两", 2, ("孙桥分中心", "张衡公园服务站"))
    wrong = text.replace("两翼:孙桥分中心、", "两翼:孙桥分中心、川沙站、")
    assert [c.verdict for c in check(wrong) if c.kind == "enumeration_count"] == ["inconsistent"]


def test_arabic_count_slipping_below_two_is_still_read():
    text = "选取黄浦花园、北贝越、香楠小区、益丰新村1个老旧小区,试点应用。"
    assert [c.verdict for c in check(text) if c.kind == "enumeration_count"] == ["inconsistent"]
