"""Link the figures of a comparison to the level they describe.

In 完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,增幅45.4% the level is
20.17亿元; 13.88亿元 is its base, 6.39亿元 the increment, 45.4% the rate.
Members are recognised by the words just before them (the "gap" since the
previous figure of the sentence), from the tables below:

- base: the gap ends with 比/较/相比/与 + an optional period (比去年同期);
- change: the gap ends with 增长/增加/下降/提高/增幅/同比 ...; the member is
  a `rate` when its unit is % or 倍, an `increment` when it is 百分点 or the
  level's own unit, and left unlinked otherwise.

The level is the nearest figure before the member in the same sentence that
is not itself a member, not a change (制造业投资分别增长9.4%、9.1%: both
are rates of something unprinted) and not a difference or duration
(百分点, 倍, 五年). A base or
increment must share the level's unit. A gap that opens a new subject
(其中..., or a clause naming its own subject: 第一产业贡献率为4.9%,拉动GDP
增长0.2个百分点) links to nothing.
"""

from __future__ import annotations

import re

from pipeline import vocab

BASE_RE = re.compile(
    r"(?:比|较|相比|相较|与|同)(?:去年|上年|上一年|(?:19|20)[0-9]{2}年)?(?:同期|全年|底|末)?(?:的)?\s*$"
)
# A change phrase: an optional base, up to CHANGE_FILLER other characters,
# a change word, an optional link, at the end of the gap.
CHANGE_BASES = ("同比", "环比", "比上年", "比去年", "较上年", "较去年", "比", "较")
CHANGE_FILLER = 2
# word -> direction of the quantity it describes (pipeline/data/change_words.tsv)
DIRECTION_OF: dict[str, str] = {word: direction for word, direction, _ in vocab.rows("change_words.tsv")}
CHANGE_WORDS = tuple(sorted(DIRECTION_OF, key=len, reverse=True))
CHANGE_LINKS = ("了", "为", "达", "达到", "是")
CHANGE_RE = re.compile(
    rf"(?:{'|'.join(CHANGE_BASES)})?[^，,；;。]{{0,{CHANGE_FILLER}}}"
    rf"(?:{'|'.join(CHANGE_WORDS)})(?:{'|'.join(CHANGE_LINKS)})?\s*$"
)
# The longest change phrase, trailing whitespace aside: how far back from
# the end of a gap one can start.
CHANGE_REACH = (
    max(map(len, CHANGE_BASES)) + CHANGE_FILLER + max(map(len, CHANGE_WORDS)) + max(map(len, CHANGE_LINKS))
)
# Cheap pre-check on the gap before looking for a level at all.
MAY_COMPARE_RE = re.compile(r"[比较同增减降提上回扩收翻净]")
# A gap that opens a new subject (其中工业投资同比增长) links to nothing.
NEW_SUBJECT_RE = re.compile(r"其中|分别")
# Words a member's own clause may hold besides its change word without
# naming a subject of its own: base phrases, rate nouns, linking verbs.
# Anything else left there (，拉动GDP增长; ，医疗保健类下降) is a new subject.
NOT_A_SUBJECT_RE = re.compile(
    r"按可比价格计算|扣除价格因素|可比价|名义|实际|同比|环比|(?:比|较|相比|与)(?:去年|上年|上一年|(?:19|20)[0-9]{2}年)?(?:同期|全年|底|末)?"
    rf"|{'|'.join(sorted(CHANGE_WORDS, key=len, reverse=True))}"
    r"|的?基础上|年均|平均|了|为|达到|达|是|的|\s"
)
SUBJECT_MIN_CHARS = 2
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;、]")
# Differences and durations are never the level of another figure.
NOT_A_LEVEL_UNITS = frozenset({"百分点", "倍", "年", "周年", "个月", "天", "小时", "分钟", "岁"})
RATE_UNITS = frozenset({"%", "倍"})
INCREMENT_UNITS = frozenset({"百分点"})
CHANGE_KINDS = frozenset({"increment", "rate"})


def change_kind(unit: str) -> str:
    """A change printed in % or 倍 is relative (a rate); in any other unit,
    百分点 included, it is an increment."""
    return "rate" if unit in RATE_UNITS else "increment"


# 从60.2%提高到65.2%: a from-value right after 从/由 (分别从, 由上年的) ...
FROM_RE = re.compile(r"(?:从|由)(?:上年的?|去年的?|(?:19|20)[0-9]{2}年的?|[^，,。；;、0-9]{0,6}的)?\s*$")
FROM_REACH = 12
# ... and the to-value after a change verb and 到/至/为 (提高到, 降至, 调整为).
TO_RE = re.compile(
    r"^\s*(?:[^，,。；;0-9]{0,6}?)(?:提高|增加|增长|上升|提升|扩大|降低|下降|降|减少|缩小|缩短|压减|调整|缩减|增|减)"
    r"(?:到|至|为)(?:了)?(?:近|约)?\s*$"
)


def opens_new_subject(gap: str) -> bool:
    """True when the words before a figure name something other than the
    level before them (其中工业投资同比增长, ，医疗保健类下降)."""
    if NEW_SUBJECT_RE.search(gap):
        return True
    own_clause = _CLAUSE_SPLIT_RE.split(gap)[-1]
    return len(NOT_A_SUBJECT_RE.sub("", own_clause)) >= SUBJECT_MIN_CHARS


def is_change(gap: str) -> bool:
    """True when the words before a figure say it is a change, not a level.

    A gap may run back to the sentence start, but a change phrase ends it
    (only whitespace after), so only its last CHANGE_REACH characters are
    searched: the pattern has no lookbehind, so that finds the same phrases."""
    return CHANGE_RE.search(gap, max(0, len(gap.rstrip()) - CHANGE_REACH)) is not None


_DIRECTION_RE = re.compile(f"(?:{'|'.join(CHANGE_WORDS)})(?!.*(?:{'|'.join(CHANGE_WORDS)}))", re.S)


def direction(gap: str) -> str | None:
    """Which way the change printed after `gap` goes: the direction of the
    last change word in its change phrase (比上年减少2人，下降66.7%: the
    word right before each figure decides)."""
    tail = gap[max(0, len(gap.rstrip()) - CHANGE_REACH):]
    found = _DIRECTION_RE.search(tail)
    return DIRECTION_OF[found.group()] if found else None


def classify(gap: str, unit: str, level_unit: str | None) -> str | None:
    """The comparison role a figure with `unit` plays after `gap`, if any."""
    if level_unit is None:
        return None
    if BASE_RE.search(gap):
        return "base" if unit == level_unit else None
    if is_change(gap):
        if unit in RATE_UNITS:
            return "rate"
        if unit in INCREMENT_UNITS or unit == level_unit:
            return "increment"
    return None
