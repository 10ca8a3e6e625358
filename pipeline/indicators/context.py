"""Whether a figure's sentence says it is less than its indicator's figure.

A metric can name an indicator word for word and still not state it,
because a word around it narrows the figure; the extractor's metric does
not always keep that word. Four such readings are refused:

- an annual average (城镇新增就业年均1270多万人) of a level or an
  increment is no level of the period it spans (a growth rate 年均增长
  is kept: it is how a span's growth is printed);
- a growth rate measured otherwise than the indicator's growth is
  (扣除价格因素实际增长3.3% of an income whose growth is nominal; 按现价
  计算 of GDP, whose growth is real): facts would put it beside the
  other kind;
- a size class (规模以上, 限额以上 ...) earlier in the sentence (up to
  the last 。, not the last ；), when the metric has none and the
  vocabulary also has the indicator for the size class alone: the class
  may head a list or a passage (限额以上企业城镇消费品零售总额…；乡村消费
  品零售额…) whose words the metric lost;
- words before the metric in its clause, after the last list separator,
  that are neither the place, a period, a quantifier nor a reporting
  verb (六大产业实现税收, 200幢重点楼宇实现税收): they name whose part
  the figure is.

A base, increment or rate is narrowed with the level it is compared to
(六大产业实现税收675.33亿元，同比增长5.7%: the 5.7% too).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.metrics import CLAUSE_BREAK, LEADING_FILLERS, QUANTIFIERS_RE
from pipeline.extract.periods import find_periods
from pipeline.indicators.names import QUOTES, own_words
from pipeline.indicators.vocabulary import SIZE_CLASSES, Indicator, has_size_class_counterpart
from pipeline.model import Claim

AVERAGE_WORDS = ("年均", "平均每年", "每年平均")
SENTENCE_END = "。！？!?\n"
LOOK_BACK = 500
# Words in a rate's clause that say how it is measured.
BASIS_WORDS = {
    "real": ("扣除价格因素", "可比价", "实际增长", "实际下降", "实际增速"),
    "nominal": ("名义增长", "名义下降", "按现价", "现价计算"),
}
# A list before the metric (城镇和农村居民人均可支配收入, 基础设施、制造业投资):
# what precedes the last separator is another item, not a subject.
LIST_SEPARATOR_RE = re.compile(r".*[、和及与]", re.S)
# Left over between a clause's start and its metric without naming a subject.
NEUTRAL_LEFTOVER_RE = re.compile(rf"^[\s{re.escape(QUOTES)}、\-—]*$")


def _last_break(text: str) -> int:
    return max(text.rfind(ch) for ch in CLAUSE_BREAK)


@lru_cache(maxsize=4096)
def _neutral_words_re(place_code: str | None) -> re.Pattern:
    words = sorted({*LEADING_FILLERS, *own_words(place_code)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _has_subject(clause: str, metric: str, place_code: str | None) -> bool:
    at = clause.rfind(metric)
    if at <= 0:
        return False
    before = LIST_SEPARATOR_RE.sub("", clause[:at])
    for period in reversed(find_periods(before, 0, len(before))):
        before = before[: period.start] + before[period.end:]
    before = QUANTIFIERS_RE.sub("", _neutral_words_re(place_code).sub("", before))
    return not NEUTRAL_LEFTOVER_RE.match(before)


def _other_basis(clause: str, indicator: Indicator) -> bool:
    """Whether a rate's clause says it is measured otherwise than `indicator`'s growth."""
    if indicator.growth not in BASIS_WORDS:
        return False
    return any(word in clause for basis, words in BASIS_WORDS.items() if basis != indicator.growth for word in words)


def _lost_size_class(before: str, metric: str, indicator: Indicator) -> bool:
    return (
        has_size_class_counterpart(indicator)
        and not any(word in metric for word in SIZE_CLASSES)
        and any(word in before for word in SIZE_CLASSES)
    )


def narrowed(claim: Claim, indicator: Indicator, text: str) -> bool:
    """Whether the words before the claim in `text`, its document's text,
    make it less than `indicator`'s figure."""
    # back to the sentence's end mark, at most LOOK_BACK characters: a
    # line without marks must not cost a scan through the whole text per claim
    lo = max(0, claim.char_start - LOOK_BACK)
    start = max(text.rfind(ch, lo, claim.char_start) for ch in SENTENCE_END) + 1 or lo
    before = text[max(start, lo):claim.char_start]
    clause = before[_last_break(before) + 1:]
    metric = claim.metric or ""
    if claim.comparison == "rate":
        if _other_basis(clause, indicator):
            return True
    elif any(word in clause for word in AVERAGE_WORDS):
        return True
    return _lost_size_class(before, metric, indicator) or _has_subject(clause, metric, claim.place_code)
