"""Which role a figure plays: actual, target, plan or threshold.

Rules, as data:
- `HEADING_RE` finds section headings (`INLINE_HEADING_RE` those that run
  into their first sentence); `HEADING_ROLES` says which role a
  heading switches to. A work report's 第二部分 下半年主要工作安排 makes
  the figures after it plans; 第一部分 ...工作情况 switches back. The
  名词解释 glossary defines programmes, so its figures are plans too.
- `TARGET_RE`: a target word (力争 目标 确保 年内完成 ...; not 争取到,
  which reports what was obtained) earlier in the
  same clause, or `TARGET_AFTER_RE` right after the figure (不低于10%的目标),
  makes the figure a target, in any section.
- A figure printed with 以上/以下 and directly followed by a noun or another
  figure (注册资金500万元以上36家, 60周岁以上老年人) is a threshold: it
  delimits what is counted, it is not the count (`Figure.threshold`).
- `PLAN_RE` (拟) earlier in the clause makes a plan.
- A figure right after 每, and the next figure of its clause, state a ratio
  standard (每2.5万人设置1个网点): thresholds.
- In a plan section, a figure whose own period ended before the document
  date (税收在2022年(30.20亿元)基础上) reports a fact: actual.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEADING = (
    r"[ \t\u3000]*(?P<h>(?:第[一二三四五六七八九十]+部分[^\n。;；]{0,30}"
    r"|[^\n。;；，,]{0,24}?(?:工作安排|工作打算|工作计划|主要任务|目标任务|工作思路|主要目标|重点工作|工作的建议|工作建议|发展成就|总体要求|政策取向|工作任务"
    r"|名词解释|工作情况|工作回顾|工作总结|完成情况)[^\n。;；，,]{0,16}))[ \t\u3000]*$"
)
# A heading fills a line; found from the line break before it, since a
# pattern that starts with a character lets the regex engine skip through
# the text in C, where ^ would be tried at every position (the text's very
# start is tried apart).
HEADING_RE = re.compile(r"(?m)\n" + _HEADING)
_HEADING_AT_START_RE = re.compile(r"(?m)" + _HEADING)

# Scraped pages often lose the line break after a numbered part heading
# (二、2023年工作计划2023年是...): such a heading runs into its first
# sentence, so it ends at its keyword. It opens a line or follows a
# sentence end; the pattern starts with that character, so the regex engine
# skips through the text quickly (the text's very start is tried apart).
_INLINE_HEADING = (
    r"[ \t\u3000]*(?P<h>[一二三四五六七八九十]{1,3}、[^\n。;；，,、]{0,16}?"
    r"(?:工作安排|工作打算|工作计划|主要任务|目标任务|工作思路|主要目标|重点工作|工作的建议|工作建议|发展成就|总体要求|政策取向|工作任务|工作情况|工作回顾|工作总结|完成情况))"
)
INLINE_HEADING_RE = re.compile(r"[。！？!?\n]" + _INLINE_HEADING)
_INLINE_HEADING_AT_START_RE = re.compile(_INLINE_HEADING)


def find_headings(text: str) -> list[tuple[int, str]]:
    """(start, heading) of every section heading in `text`, in order."""
    found = [(m.start("h"), m.group("h")) for m in HEADING_RE.finditer(text)]
    first = _HEADING_AT_START_RE.match(text)
    if first:
        found.append((first.start("h"), first.group("h")))
    found += [(m.start("h"), m.group("h")) for m in INLINE_HEADING_RE.finditer(text)]
    first = _INLINE_HEADING_AT_START_RE.match(text)
    if first:
        found.append((first.start("h"), first.group("h")))
    return sorted(set(found))


# (pattern searched in the heading, role of the section it opens); first hit wins.
HEADING_ROLES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile("情况|回顾|总结|成效|成绩|进展|成就"), "actual"),
    (re.compile("名词解释|安排|打算|计划|任务|目标|思路|展望|要求|建议|重点工作|取向"), "plan"),
    (re.compile("部分"), "actual"),
)

TARGET_RE = re.compile(
    r"力争|争取(?!到)|争创|目标|确保|年内完成|力求|计划(?:于|在|到|将|完成|新建|投资|建设|实施|开工)"
)
# An intention word earlier in the clause (计划拟分三年落地, 计划总投资) makes a plan.
PLAN_RE = re.compile(r"拟|计划(?:总)?投资")
# Target words that in a review report what was obtained (争取中央资金…亿元).
OBTAINING_WORDS = frozenset({"争取"})
# A list of targets: 主要预期目标是：A；B；C。 — every figure up to the
# sentence's end is a target.
TARGET_LIST_RE = re.compile(r"目标(?:是|为)?[：:]|主要预期目标|预期目标")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def target_lists(text: str) -> list[tuple[int, int]]:
    """Spans from each target-list opener to the end of its sentence
    (split at 。 or a line break only: the list's items end in ；)."""
    spans = []
    for m in TARGET_LIST_RE.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    return spans
# 每2.5万人设置1个网点: a ratio standard; both figures define a norm.
PER_WORDS: tuple[str, ...] = ("每",)
# A target word right after the figure (增长不低于10%的目标) also makes it one.
TARGET_AFTER_RE = re.compile(r"的?(?:目标|任务)")


@lru_cache(maxsize=256)
def heading_role(heading: str) -> str:
    """Memoised: every figure of a section asks about the same heading."""
    for pattern, role in HEADING_ROLES:
        if pattern.search(heading):
            return role
    return "actual"
