"""Numbers that are not claims, as named patterns and word lists.

A figure found by `spans` is dropped when one of these patterns matches at
the first character of its number (with lookbehinds for what comes before:
第, an opening quote, 最后 of 最后一公里). One anchored match per figure
keeps the cost independent of the length of the list.

Footnote markers (①–⑱) are not digits to the figure patterns, so they need
no entry. Most codes and dates need no pattern at all: a figure without a unit
(13号线, 7-9地块, 2023年, 4月1日, 15900430043) is never a claim unless it
carries a scale word (11.35万). The patterns below cover what would
otherwise look like a counted quantity (第10届, 三次全会, 四个最严, 一起)
and keep the documented exclusions in one readable place.

Policy for Chinese numerals: a Chinese numeral followed by a measure word
is a count and a claim (4个部委, 三家事业单位, 两大范畴, 四大应用场景),
except a lone 一 before a measure word or a span of time, which in
official prose is the indefinite article (一批, 一份, 一起, 一站式, 一年来;
一吨, 一美元, 一个百分点 are quantities), the fixed expressions in
`IDIOMS`, and names:
a number opening a short quotation (“四项清单”, “12345”) or standing inside
a book title (《……五大问题……》, `inside_book_title`).
"""

from __future__ import annotations

import bisect
import re

from pipeline import vocab
from pipeline.tries import alternation
from pipeline.extract.units import MEASURE_WORDS, UNITS

_CN = "〇零一二两三四五六七八九十百千万亿"
_D = "0-9０-９"
_YEAR = "(?:[1１][9９]|[2２][0０])[0-9０-９]{2}"

# Fixed expressions and names, one a line in pipeline/data/nonclaim_idioms.tsv.
IDIOMS: tuple[str, ...] = tuple(row[0] for row in vocab.rows("nonclaim_idioms.tsv"))

# Units written in Latin letters: 5G is a code, 5km a length.
_LETTER_UNITS = "|".join(
    re.escape(u) + "(?![A-Za-z])" for u in sorted(UNITS, key=len, reverse=True) if u[0].isascii() and u[0].isalpha()
)
# 一 before a measure word or a span of time is the indefinite article
# (一批, 一份, 一年来, 一倍); before a unit of measure (一吨, 一美元, 一公里,
# 一个百分点) it is a quantity.
_ARTICLE_UNITS = frozenset(MEASURE_WORDS) | {"年", "天", "小时", "分钟", "个月", "周年", "岁", "倍"}
_QUANTITY_UNITS = "|".join(
    re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if UNITS[u][0] not in _ARTICLE_UNITS
)

_YI_COUNTED = "个?(?:月|年|天|小时|周|星期|个)(?:以上|以下|以内|左右|及以上|及以下)"

# 几/数 open vague numbers (几十年如一日), so idioms are seen from them too.
_NUMERALS = set(_CN + "几数0123456789０１２３４５６７８９")


def _idiom_alternatives(words: tuple[str, ...]) -> str:
    """Each idiom as seen from each numeral in it: 最后一公里 -> 一公里 with
    最后 before it, so the idiom is recognised at the start of whichever
    figure it hides. As a trie (tried at every figure, a flat list of a
    hundred idioms is slow), so what must precede is checked at the end,
    by a lookbehind over the whole idiom: 一公里(?<=最后一公里)."""
    befores: dict[str, set[str]] = {}
    for word in words:
        for i, ch in enumerate(word):
            if ch in _NUMERALS and (i == 0 or word[i - 1] not in _NUMERALS):
                befores.setdefault(word[i:], set()).add(word[:i])
    tails = {}
    for seen, before in befores.items():
        if "" in before:
            tails[seen] = ""
        else:
            checks = sorted(f"(?<={re.escape(b + seen)})" for b in before)
            tails[seen] = checks[0] if len(checks) == 1 else "(?:" + "|".join(checks) + ")"
    return alternation(tails)


# Words after which a span of years is an anniversary (建军一百年) or a
# period (过去五年, 近三年, 经过八年), as lookbehinds.
_ANNIVERSARY_AFTER = "|".join(
    f"(?<={w})" for w in ("成立", "建党", "建军", "建国", "诞辰", "建区", "建县", "建市", "建校", "回归")
)
_PERIOD_AFTER = "|".join(f"(?<={w})" for w in ("过去", "经过", "未来", "今后", "最近", "近", "这", "那"))

# (name, pattern). Each pattern is tried at the first character of a
# figure's number (lookbehinds see the text before it); a match means the
# figure is not a claim.
NONCLAIM_PATTERNS: tuple[tuple[str, str], ...] = (
    # (PDF text may print a space before 年: 2023 年)
    ("date", rf"[{_D}]{{4}} ?年(?:[{_D}]{{1,2}}月(?:[{_D}]{{1,2}}[日号])?)?"),
    ("date", rf"[{_D}]{{2}}年[{_D}]{{1,2}}月"),
    # 2023—2025 (years 19xx/20xx: 1000至3000万元 is a range of money)
    ("date", rf"{_YEAR}\s?[-－—–~～至到]\s?{_YEAR}"),
    ("school_grade", rf"[{_D}{_CN}]+年级"),
    ("date", rf"[{_D}]{{1,2}}月[{_D}]{{1,2}}[日号]"),
    ("date", rf"[{_D}]{{4}}[-/.][{_D}]{{1,2}}[-/.][{_D}]{{1,2}}"),
    ("date", r"[〇零一二三四五六七八九]{4}年"),
    ("period", rf"[{_D}]{{1,2}}\s?[-－—–~～至]\s?[{_D}]{{1,2}}月"),
    # 9点, 12点30分, 九点三十分; but 十五点七 is a decimal
    ("time_of_day", rf"[{_D}{_CN}]{{1,3}}(?:点(?![〇零一二三四五六七八九])|点[{_CN}]+分|时)(?:[{_D}]{{1,2}}分)?(?!钟|段)"),
    ("time_of_day", rf"[{_D}]{{1,2}}[:：][{_D}]{{2}}"),
    ("ordinal", "(?<=第)|(?<=第 )"),
    ("ordinal", r"(?:十[五六七八九]|二十[一二]?)大(?![类项])"),
    ("ordinal", rf"[{_CN}{_D}]+次(?:全会|全体会议|会议|党代会|代表大会)"),
    # 十四届全国人大 is an ordinal without 第; after a verb of holding or
    # counting (连续举办8届, 共3届) 届 counts sessions
    ("ordinal", rf"(?<!举办)(?<!举行)(?<!连续)(?<!累计)(?<![共已办])[{_CN}{_D}]+届"),
    # 三期工程, 西湖大学三期: a Chinese numeral before 期 names a phase;
    # after 分/共/累计/举办 (分两期投放) it counts
    ("ordinal", r"(?<![分共计办])[一二两三四五六七八九十]+期"),
    # 投促三部、招商二部: a Chinese numeral + 部 closing a noun phrase names a
    # department; a count of laws or works has its noun after it (三部法规)
    ("name", r"[一二两三四五六七八九十]+部(?=[、，,。；;）)\s])"),
    ("ordinal", r"[一二三四五六七八九十]+中全会"),
    ("ordinal", r"十[一二三四五六七八九]五"),
    ("code", rf"(?<=[0-9A-Za-z][-~～])[{_D}]"),
    ("code", rf"[{_D}]+(?!{_LETTER_UNITS})[A-Za-z]"),
    ("code", rf"[{_D}]+号线"),
    ("code", rf"[{_D}]+(?:[-—~～][{_D}]+)+(?:、[{_D}]+(?:[-—~～][{_D}]+)+)*(?:地块|号)"),
    ("formula", rf"[{_D}A-Za-z]+(?:\+(?:[{_D}]+|[A-Za-z]))+"),
    ("quoted_name", rf"(?<=[“\"「『‘])[{_D}{_CN}][^”\"」』’\n]{{0,12}}[”\"」』’]"),
    ("hotline", rf"[{_D}]{{5}}(?=市民服务热线|热线|亲子|服务热线)"),
    ("generation", rf"[{_D}]0后"),
    ("list_label", rf"(?:(?<![^\n])|(?<=[（(]))[{_D}一二三四五六七八九十]+[)）、.．](?![{_D}])"),
    ("chrome", r"(?<=ICP备)[0-9]+|(?<=ICP证)[0-9]+|(?<=公网安备)[0-9]+|(?<=公网安备 )[0-9]+"),
    ("chrome", r"(?<=许可证)[0-9]+|(?<=许可证:)[0-9]+|(?<=许可证：)[0-9]+|(?<=©)[0-9]{4}|(?<=© )[0-9]{4}"),
    ("phone", r"1[3-9][0-9]{9}(?![0-9])"),
    ("phone", r"0[0-9]{2,3}[-－][0-9]{7,8}(?![0-9])"),
    ("reduplication", r"一(?P<measure>[个辆道条件家座栋处张台位项次])(?P=measure)"),
    ("idiom", _idiom_alternatives(IDIOMS)),
    # ... but 一 with a qualifier after its unit is counted (一个月以上, 一年以内)
    ("indefinite_yi", rf"一(?<![{_CN}{_D}.]一)(?!{_QUANTITY_UNITS})(?![{_CN}点多余])(?!{_YI_COUNTED})"),
)

# Spans of time (and 篇 of 三篇文章) that are no claims, as above but tried
# only at figures whose unit is one of DURATION_UNITS (the list is long; a
# figure of any other unit need not pay for it).
DURATION_UNITS = frozenset(("年", "周年", "个月", "天", "小时", "分钟", "篇"))
DURATION_PATTERNS: tuple[tuple[str, str], ...] = (
    # 做好“强城”“兴村”三篇文章: a Chinese numeral of 篇文章 counts tasks, figuratively
    ("idiom", r"[一二两三四五六七八九十]+篇大?文章"),
    # Anniversaries are ordinals (GUIDE rulings): 75周年, 建军一百年, 实施20年系列活动
    ("anniversary", rf"[{_CN}{_D}]+周年"),
    ("anniversary", rf"(?:{_ANNIVERSARY_AFTER})[{_CN}{_D}]+年"),
    ("anniversary", rf"[{_CN}{_D}]+年(?=系列活动|主题活动|纪念|华诞|庆典|之际)"),
    # A span that dates the figures of its sentence is a period, not a claim:
    # 五年来, 三年多来, 十年间, 五年工作回顾; 过去五年, 近三年, 近12年新低,
    # 经过八年; “十四五”的五年; and a span followed by what was measured over
    # it (五年年均增长5.2%, 十年增加近70万亿元, 五年累计减税, 十年1.4亿人) —
    # except a streak (连续3年增长), which is a claim.
    ("period", rf"[{_CN}{_D}]+多?个?(?:年|月|天)多?(?:来|以来|间|里(?!程)|工作)"),
    ("period", rf"(?:{_PERIOD_AFTER})[{_CN}{_D}]+多?个?(?:年|月|天)"),
    ("period", rf"(?<!连续)[{_CN}{_D}]+多?年(?=年均|累计|总体|共计|合计|平均|增长|增加|下降|减少|提高|降低|接近|翻|净增|[{_D}])"),
    ("period", rf"(?<=[”\"]的)[{_CN}{_D}]+年"),
    # Names of programmes and things: 三年行动, 十年禁渔, 九年一贯制, 三年新冠疫情防控,
    # 15分钟养老服务圈, “1小时交通圈”, 18小时、24小时、48小时游产品
    ("name", rf"[{_CN}{_D}]+年(?=行动|攻坚|计划|规划|禁渔|一贯制|新低|新高|最低|最高|奋斗目标|新冠|疫情|大计)"),
    ("name", rf"[{_CN}{_D}]+(?:分钟|小时)(?=[^，,。；;、\n]{{0,8}}圈)"),
    ("name", rf"[{_CN}{_D}]+(?:小时|天)(?=(?:[、和及与][{_CN}{_D}]+(?:小时|天))*游)"),
)
DURATION_RE = re.compile("|".join(f"(?P<d{i}>{pattern})" for i, (_, pattern) in enumerate(DURATION_PATTERNS)))


def duration_name(text: str, pos: int) -> str | None:
    """The name of the DURATION_PATTERNS entry that matches at `pos`, if any."""
    match = DURATION_RE.match(text, pos)
    return DURATION_PATTERNS[int(match.lastgroup[1:])][0] if match else None


# A figure inside a book or document title (《……五大问题……》) is part of
# the name; the title must open on the same line within this many characters.
TITLE_OPEN, TITLE_CLOSE, TITLE_REACH = "《", "》", 60

# One alternation, alternative i named n{i}, matched once per figure.
NONCLAIM_RE = re.compile(
    "|".join(f"(?P<n{i}>{pattern})" for i, (_, pattern) in enumerate(NONCLAIM_PATTERNS))
)


def nonclaim_name(text: str, pos: int) -> str | None:
    """The name of the non-claim pattern that matches at `pos`, the first
    character of a figure's number, if any."""
    match = NONCLAIM_RE.match(text, pos)
    if match is None:
        return None
    # n{i} wraps its whole alternative, so it is the last group to close
    return NONCLAIM_PATTERNS[int(match.lastgroup[1:])][0]


def inside_book_title(text: str, pos: int) -> bool:
    """True when `pos` lies between an unclosed 《 and its 》 on the same line."""
    lo = max(0, pos - TITLE_REACH, text.rfind("\n", 0, pos) + 1)
    opening = text.rfind(TITLE_OPEN, lo, pos)
    return opening >= 0 and text.rfind(TITLE_CLOSE, opening, pos) < 0


# A figure inside a short quotation (“民营经济32条”, “一极两大三区”,
# “15分钟品质文化生活圈”) is part of a name or slogan: government prose
# quotes names, not measurements — except quoted speech and a quoted norm
# (see _SPEECH_OR_NORM).
QUOTES = {"“": "”", "「": "」", "『": "』"}
# A quotation with a line break, a clause break or a personal pronoun is
# quoted speech (“我还特意设定了闹钟提前5分钟去还”), and one with 每 a norm:
# their figures are claims.
_SPEECH_OR_NORM = re.compile("[\n，,！!？?；;我你您咱每]")
QUOTE_REACH = 20


def short_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every quotation of at most QUOTE_REACH characters on
    one line that states no norm (see above), in order."""
    spans = []
    for opening, closing in QUOTES.items():
        start = text.find(opening)
        while start >= 0:
            end = text.find(closing, start + 1, start + QUOTE_REACH + 2)
            if end >= 0 and not _SPEECH_OR_NORM.search(text, start, end):
                spans.append((start, end))
            start = text.find(opening, start + 1)
    return tuple(sorted(spans))


def inside_spans(spans: tuple[tuple[int, int], ...], pos: int) -> bool:
    """True when `pos` lies inside one of `spans` (from short_quotes)."""
    i = bisect.bisect_right(spans, (pos, pos)) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def inside_short_quote(text: str, pos: int) -> bool:
    """True when `pos` lies inside a short quotation (see short_quotes)."""
    return inside_spans(short_quotes(text), pos)


# N大 + noun counts what the text lists right there (GUIDE rulings:
# 聚焦文旅、数字、海洋、绿色四大领域; 投资促进和重点项目建设推进两大机制;
# “治荟”“治学”“治芯”与“治迹”四大提升行动; “要事共商、资源共享、项目共推”三大工作机制;
# 营商环境、招生入学、住房保障等7大领域, where 等 leaves the list open),
# or after a verb that divides a whole into its parts (划分为2大片区,
# 包括四大项目内容), or when a colon or 包含/包括 after its noun opens the list (三大亮点：,
# 8大党建项目品牌包含…).
# Otherwise (八大类商品和服务, 强力推进八大高耗能行业, 全国年度十大考古新发现)
# it is a label.
_CLAUSE_BREAK = re.compile("[，,。；;：:！？!?\n（(]")
_AND = re.compile("[和及与]")
_QUOTED_ITEMS = re.compile("(?:“[^”]{1,20}”[、和及与]?){2,}$")
_ONE_QUOTE = re.compile("“([^”]{1,40})”$")
_PARTS_VERBS = ("分为", "划分为", "分成", "包括", "包含", "涵盖")
_LIST_AFTER = re.compile("[\u4e00-\u9fff]{1,8}(?:[：:]|包含|包括|分别是|分别为)")


def counts_listed_items(text: str, pos: int, n: float, end: int) -> bool:
    """Whether the N大 figure at `pos`..`end` counts listed items (see above)."""
    if text.endswith(_PARTS_VERBS, 0, pos) or _LIST_AFTER.match(text, end):
        return True
    lo = pos - 1
    while lo >= 0 and pos - lo <= 80 and not _CLAUSE_BREAK.match(text, lo):
        lo -= 1
    clause = text[lo + 1:pos]
    if _listed(clause, n):
        return True
    quoted = _QUOTED_ITEMS.search(clause)
    if quoted and quoted.group().count("“") == n:
        return True
    one = _ONE_QUOTE.search(clause)
    return bool(one) and _listed(one.group(1), n)


def _listed(clause: str, n: float) -> bool:
    """`clause` ends in a list of n items (or fewer, closed by 等)."""
    open_list = clause.endswith("等")
    clause = clause.removesuffix("等")
    items = clause.split("、")
    if _AND.search(items[-1]):
        items = items[:-1] + _AND.split(items[-1], maxsplit=1)
    if not all(items) or len(items) < 2:
        return False
    return len(items) == n or (open_list and len(items) < n)
