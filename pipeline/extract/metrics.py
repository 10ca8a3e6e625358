"""What a figure measures, in the document's words.

Chinese counts put the counted noun after the measure word (163家党组织共建
单位, 4个部委, 2大片区), while report prose also puts the measured item
before the figure and ends the clause there (共计完成税收20.17亿元,). So:

- the noun after the figure's unit, up to the first verb or break
  (`POST_STOP_RE`), when there is one;
- else the clause before the figure (from the previous figure or the clause
  start), with periods, examples before 等, reporting words and leading
  verbs (`LEADING_FILLERS_RE`, `LEADING_VERBS_RE`, `TRAILING_FILLERS_RE`)
  taken off.

A metric that only says "the goal" (的目标) borrows the previous figure's.
Figures joined only by 、 share one metric (拆除新增违建50处、1212平方米):
the noun after the last one, else the clause before the first one. The
members of a comparison take their level's metric (comparisons module).
"""

from __future__ import annotations

import re

# A space also ends a clause: OCR'd pages join a headline to its body with one.
CLAUSE_BREAK = "，,；;。：:！？!?（）()\n \u3000"

LEADING_FILLERS_RE = re.compile(
    r"^(?:其中|共计|累计|合计|总计|共有|共|另外|同时|此外|预计|成功|完成|实现|达到|达|为|是|有|以及|及|和|并|"
    r"截至目前|目前|力争|确保|争取|把|将|对)+"
)
# Verbs that introduce the measured item (开展各类宣传活动7场, 新建、改造充电桩
# 306组); taken off the front when something is left after them.
LEADING_VERBS_RE = re.compile(
    r"^(?:(?:开展|安装|增设|新建|改造|组织|形成|推进|实施|启动|建设|打造|举办|发放|筹集|培育|"
    r"配备|指导|清除|整治|发动|提供|受理|审核|安排|摘除|规范|选取|梳理|推出|成立|创建|编报|化解|"
    r"完成|实现|累计)[、和及并]?)+"
)
TRAILING_FILLERS_RE = re.compile(
    r"(?:预计|完成|实现|达到|达|为|是|共计|累计|合计|共|在|分别|上调到|提高到|增加到|等|"
    r"(?:同比|环比|比上年|比去年)?(?:增长|增加|下降|减少|提高|降低|上升|增))+$"
)
# The noun after a figure ends where a verb, a linking word or a figure starts.
POST_STOP_RE = re.compile(
    r"[、，,；;。：:！？!?（）()\n“”\"‘’《》0-9０-９①-⑳]|获|被|开展|完成|参与|实现|的|和|及|与(?!会)|在|等|进行|"
    r"纳入|成立|提供|达|设置|配备|其中|分别|同比|比|较|增长|下降|以上|以下|左右|联合|参加"
)
# Metrics that only say "the goal" (增长不低于10%的目标上调到15%): the figure
# measures what the previous figure of its sentence measures.
GENERIC_RE = re.compile(r"^的?(?:目标|任务|标准)$")
MAX_POST_CHARS = 16
_EDGE = " \t\u3000、“”\"《》（）()"


def pre_text(text: str, start: int, end: int, periods: list[tuple[int, int]]) -> str:
    """text[start:end] without periods and reporting words."""
    pieces = []
    cursor = start
    for p_start, p_end in periods:
        if p_end <= start or p_start >= end:
            continue
        pieces.append(text[cursor:max(cursor, p_start)])
        cursor = max(cursor, p_end)
    pieces.append(text[cursor:end])
    words = "".join(pieces)
    cut = words.rfind("等")
    if cut > 0 and "、" in words[:cut]:
        # 开展反诈、禁毒等各类宣传活动: the item follows the examples
        words = words[cut + 1:] or words
    words = LEADING_FILLERS_RE.sub("", words.strip(_EDGE)).strip(_EDGE)
    words = LEADING_VERBS_RE.sub("", words) or words
    return TRAILING_FILLERS_RE.sub("", words).strip(_EDGE)


def post_text(text: str, end: int) -> str:
    """The noun right after a figure, up to the first verb, break or figure."""
    window = text[end:end + MAX_POST_CHARS]
    stop = POST_STOP_RE.search(window)
    noun = (window[:stop.start()] if stop else window).strip(_EDGE)
    return noun[:-2] if noun.endswith("工作") and len(noun) > 2 else noun
