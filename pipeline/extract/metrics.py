"""What a figure measures, in the document's words.

Chinese counts put the counted noun after the measure word (163家党组织共建
单位, 4个部委, 2大片区), while report prose also puts the measured item
before the figure and ends the clause there (共计完成税收20.17亿元,). So:

- the noun after the figure's unit, up to the first verb or break
  (`POST_STOP_RE`), or up to an action done to the counted things
  (`POST_ACTION_RE`: 14个具体项目已全部完工, 4个居委会补选), when there is
  one; a phrase ending in the work done (8个美丽家园特色小区门头修整) ends
  the counted noun at its last collective noun (`COUNTED_HEADS_RE`); a
  passive predicate (235篇被全国政协采用) or 获得 + prize (131名选手
  获得金牌) is kept, because it says which of the things are counted
  (`POST_PREDICATE_RE`);
- else the clause before the figure (from the previous figure or the clause
  start), with periods, examples before 等, reporting words and leading
  verbs (`LEADING_FILLERS_RE`, `LEADING_VERBS_RE`, `TRAILING_FILLERS_RE`)
  taken off. Whatever stands before the last verb that takes the measured
  thing as its object (`OBJECT_VERBS`) is the subject, the agent or an
  adverb (浦东新区政协向全国政协编报信息4158篇, 谷有琪先后荣立个人一等功1次)
  and is taken off too, and so is a list of modifiers before the head
  noun (服务类、工程类、土地相关类合同 -> 合同) or of the bodies it is
  measured in (各居住区、单位垃圾分类达标率). A duration after a career
  verb (从警16年) measures the career (`CAREER_VERBS`). A line break
  after no punctuation (OCR'd columns, table rows) does not end the
  clause before a figure.

A metric that only says "the goal" (的目标) or restates the previous figure
(折合1148亿元) borrows the previous figure's (`GENERIC_RE`). Figures joined
only by 、 share one metric (拆除新增违建50处、1212平方米): the noun after
the last one, else the clause before the first one. The members of a
comparison take their level's metric (comparisons module). Figures after
分别 with no noun of their own take, in order, the metrics of as many
figures before them (`RESPECTIVELY`). A unit that abbreviates the counted
noun (19金17银10铜) names it (`UNIT_NOUNS`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline import vocab
from pipeline.extract.comparisons import CHANGE_WORDS
from pipeline.extract.units import UNITS as UNIT_WORDS

# A space also ends a clause: OCR'd pages join a headline to its body with one.
CLAUSE_BREAK = "，,；;。：:！？!?（）()\n \u3000"


def _words(kind: str) -> tuple[str, ...]:
    """Words of `kind` from pipeline/data/metric_words.tsv, longest first."""
    return tuple(sorted({row[0] for row in vocab.rows("metric_words.tsv") if row[1] == kind}, key=len, reverse=True))


LEADING_FILLERS = _words("leading")
LEADING_FILLERS_RE = re.compile(f"^(?:{'|'.join(LEADING_FILLERS)})+")
# Generic quantifiers (各种肉类总产量 is 肉类总产量), taken out anywhere.
QUANTIFIERS_RE = re.compile("|".join(_words("quantifier")))
# Phrases that name nothing: a metric equal to one of them is no metric.
NEVER_METRICS: frozenset[str] = frozenset(_words("never"))
# Verbs whose object is the measured thing; searched anywhere in the clause,
# so only words that are verbs wherever they stand (not 组织, 建设, 新增).
OBJECT_VERBS = (
    "荣立|荣获|获得|编报|挽回|整理|摸排|核查|抽查|设置|采集|推进|抽调|召开|引进|开展|提出|"
    "受理|举办|打造|发放|筹集|培育|配备|清除|整治|发动|审核|摘除|梳理|推出|化解|完成|实现|列入|纳入|认定|评定"
)
# Before an object verb, marks that the things counted are new ones.
NEW_PREFIXES = ("新",)
# At least this much must follow an object verb for the rest to be the object.
MIN_OBJECT_CHARS = 2
# Greedy, so it ends at the last object verb that has an object after it.
_UP_TO_OBJECT_RE = re.compile(rf".*(?P<verb>{OBJECT_VERBS})(?=.{{{MIN_OBJECT_CHARS}}})", re.S)
# Whether there is an object verb at all: most clauses have none, and this
# search skips through them in C, where the greedy match backtracks
# through every position.
_OBJECT_VERB_RE = re.compile(rf"(?:{OBJECT_VERBS})(?=.{{{MIN_OBJECT_CHARS}}})", re.S)
TRAILING_FILLERS = _words("trailing")
TRAILING_CHANGES = (*CHANGE_WORDS, "增")
TRAILING_FILLERS_RE = re.compile(
    rf"(?:{'|'.join(TRAILING_FILLERS)}|"
    r"(?:同比|环比|(?:比|较)(?:上年|去年|上一年)?)?"
    rf"(?:{'|'.join(TRAILING_CHANGES)}))+$"
)
# The last characters a trailing filler can end with: most metrics end
# with none, and `str.endswith` says so far faster than the pattern, which
# the regex engine tries at every position.
_TRAILING_ENDS = tuple(sorted({word[-1] for word in TRAILING_FILLERS + TRAILING_CHANGES}))
# Careers whose length a duration states (谷有琪从警16年): the verb is the
# metric, whoever precedes it the subject.
CAREER_VERBS: tuple[str, ...] = ("从警", "从教", "从医", "从军", "从业", "执教", "任教", "执业")
# 等 after a numeral is a grade (一等功, 二等奖), not "and so on".
GRADE_RE = re.compile(r"[一二三四五六七八九十0-9]等")
# After a figure, its own noun and 的 (8个项目的土地征收428.407亩) belong to
# that figure, not to the next one.
AFTER_FIGURE_RE = re.compile(r"^[^的，,；;。]{1,8}的")
# The noun after a figure ends where a verb, a linking word or a figure starts.
POST_STOP_RE = re.compile(
    r"[、，,；;。：:！？!?（）()\n“”\"‘’《》0-9０-９①-⑳]|获|被|开展|完成|参与|实现|的|和|及|或|与(?!会)|"
    r"在(?!建|岗|校|职|册|营|线)|等|进行|"
    r"纳入|成立|提供|达|设置|配备|其中|分别|同比|比|较|增长|下降|以上|以下|左右|联合|参加|之一|"
    r"提高|增加|上升|提升|降低|降至|降到|减少|扩大|缩小|缩短|压减"
)
# Actions done to the counted things, and adverbs opening their predicate.
POST_ACTION_RE = re.compile(r"(?<=.)(?:规范)?实施|已|均|全部|全面|超额|顺利|基本|正式|相继|陆续|完工|补选|选举|首次|帮困|维护|助力")
# A noun phrase after a count that ends in the work done (8个美丽家园特色
# 小区门头修整, 14家企业前期征收, 1500户小型经营场所电气火灾入户检查) names
# the counted things, then what the work is done on, then the work: the
# counted things end at the last collective noun (`COUNTED_HEADS_RE`)
# before the action. A phrase with no such noun is kept whole.
POST_ACTIONS: tuple[str, ...] = ("建设", "创建", "修整", "征收", "加装", "检查", "帮扶", "改造", "安装", "体检")
# Nouns naming the units or people a count is made of.
COUNTED_HEADS_RE = re.compile(r"小区|社区|居民区|居村|场所|群体|企业|项目|单位|学校|家庭|乡|人")
# Predicates that select what is counted: kept with the noun before them.
POST_PREDICATE_RE = re.compile(r"(?:被|获得)[^、，,；;。：:！？!?（）()\n0-9]{1,12}")
# Words after the unit that still belong to it (1148亿元人民币).
POST_UNIT_WORDS: tuple[str, ...] = ("人民币",)
# Figures after this word pair up with as many figures before it.
RESPECTIVELY = "分别"
# Units that abbreviate the noun they count (19金17银10铜).
UNIT_NOUNS: dict[str, str] = {"金": "金牌", "银": "银牌", "铜": "铜牌"}
# Metrics that only say "the goal" (增长不低于10%的目标上调到15%): the figure
# measures what the previous figure of its sentence measures.
GENERIC_RE = re.compile(r"^(?:的?(?:目标|任务|标准)|折合|约合|相当于)$")
MAX_POST_CHARS = 20
# Figures in these units are rates, not counts of things acted upon.
RATE_UNITS = frozenset({"%", "‰", "百分点", "倍"})
# A list marker (九、 （三）) opening a clause run on from a heading.
LIST_MARK_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# The document's own area in the middle of a run-on clause.
OWN_AREA_RE = re.compile("|".join(w for w in LEADING_FILLERS if w.startswith(("全", "我", "本"))))
# A bracketed aside closing a metric, closed or cut off by the clause end.
TRAILING_ASIDE_RE = re.compile(r"[（(][^（）()]{1,12}[）)]?$")
# The content of an aside inside a name: what it includes or excludes, or a
# Latin abbreviation (贝类（不含其它类）产量, 生产总值（GDP）增长).
ASIDE_RE = re.compile(r"(?:不含|含|包括|不包括|其中|即|下同|注)[^（）()]{0,12}(?=[）)])|[A-Za-z0-9 ]{1,8}(?=[）)])")
_INNER_ASIDE_RE = re.compile(r"[（(](?:(?:不含|含|包括|不包括|其中|即|下同|注)[^（）()]{0,12}|[A-Za-z ]{1,8})[）)]")
PART_OF_RE = re.compile(r"^(?P<whole>.{2,8}?)中(?P<part>.+(?P=whole))$")
# A bracket this short (in characters) inside a clause is part of a word.
MAX_INNER_BRACKET = 3
_EDGE = " \t\u3000、“”\"《》（）()"
_BRACKETS = (("（", "）"), ("(", ")"))
_CLOSINGS = tuple(closing for _, closing in _BRACKETS)
_PREDICATE_STARTS = frozenset("被获")


def pre_text(
    text: str, start: int, end: int, periods: list[tuple[int, int]], after_figure: bool = False, counts: bool = True
) -> str:
    """text[start:end] without periods, reporting words, and whatever
    precedes the last object verb; `after_figure`: text[start:] follows a
    figure, whose own noun phrase (up to 的) is dropped. `counts`: the
    figure counts things (a measure word or an amount), so the action done
    to them is part of what it measures (改造老旧小区19个); a rate is not
    (抽查在岗率98%: the rate is 在岗率, 抽查 says how it was measured)."""
    pieces = []
    cursor = start
    for p_start, p_end in periods:
        if p_end <= start or p_start >= end:
            continue
        pieces.append(text[cursor:max(cursor, p_start)])
        cursor = max(cursor, p_end)
    pieces.append(text[cursor:end])
    return _metric_words("".join(pieces), after_figure, counts)


@lru_cache(maxsize=4096)
def _metric_words(words: str, after_figure: bool, counts: bool = True) -> str:
    """The rules of `pre_text` on the words left; memoised, since the same
    subjects (地区生产总值, 一般公共预算收入) recur: over the seeds and
    the shared corpus, one clause in four repeats an earlier one."""
    if after_figure:
        words = AFTER_FIGURE_RE.sub("", words)
    cut = words.rfind("等")
    while cut > 0 and GRADE_RE.match(words, cut - 1):
        cut = words.rfind("等", 0, cut - 1)
    if cut > 0 and "、" in words[:cut]:
        # 开展反诈、禁毒等各类宣传活动: the item follows the examples, and
        # a verb opening the examples is the item's (推出…、…等创新举措)
        opener = _ACTION_OR_OBJECT_RE.match(LEADING_FILLERS_RE.sub("", words[:cut]))
        rest = words[cut + 1:]
        words = ((opener.group() if opener and counts else "") + rest) if rest else words
    words = LIST_MARK_RE.sub("", QUANTIFIERS_RE.sub("", _INNER_ASIDE_RE.sub("", words)).strip(_EDGE))
    words = _after_body_list(_after_own_area(LEADING_FILLERS_RE.sub("", words).strip(_EDGE)))
    verb = _OBJECT_VERB_RE.search(words) and _UP_TO_OBJECT_RE.match(words)
    if verb:
        # 浦东新区政协向全国政协编报信息: the agent goes, the action stays
        at = verb.start("verb")
        if counts and words.endswith(NEW_PREFIXES, 0, at):
            at -= 1  # 新认定, 新引进: new ones are what is counted
        kept = words[at if counts else verb.end():].strip(_EDGE)
        words = LEADING_FILLERS_RE.sub("", kept) or kept
    if words.endswith(_TRAILING_ENDS) or words.endswith("\n"):
        words = TRAILING_FILLERS_RE.sub("", words)
    if words.endswith(CAREER_VERBS):
        return words[-2:]
    words = _part_of(_trim(words))
    return "" if words in NEVER_METRICS else words


def _trim(words: str) -> str:
    """`words` without edge punctuation and without a bracketed aside or
    abbreviation at its end (居民消费价格（CPI）, 地区生产总值(GDP, 村卫生所
    (卫生室): the name is what stands before it."""
    trimmed = TRAILING_ASIDE_RE.sub("", words).strip(_EDGE)
    return trimmed if len(trimmed) >= MIN_OBJECT_CHARS else words.strip(_EDGE)


def _after_own_area(words: str) -> str:
    """A clause run on from a heading (九、教育、卫生和科学技术全区中小学在校
    学生数): the document's own area (全区) opens the subject; whatever
    stands before it is not part of the name."""
    cut = OWN_AREA_RE.search(words)
    return LEADING_FILLERS_RE.sub("", words[cut.start():]) if cut and cut.start() > 0 else words


def _after_body_list(words: str) -> str:
    """各学校、单位垃圾分类达标率: a list of the bodies a rate is measured
    in (opened by 各) is where, not what; the name follows the last body
    (a one-character body such as 乡 may open a longer word: 乡镇卫生院)."""
    if not words.startswith("各") or "、" not in words:
        return words
    last = words.rsplit("、", 1)[1]
    counted = COUNTED_HEADS_RE.match(last)
    head = last[counted.end():] if counted and counted.end() >= MIN_OBJECT_CHARS else ""
    return head if len(head) >= MIN_OBJECT_CHARS else words


def _part_of(words: str) -> str:
    """销售额中批发业销售额: a part named within its whole is the part."""
    m = PART_OF_RE.match(words)
    return m.group("part") if m else words


# Heads a list of modifiers shares (pipeline/data/metric_heads.tsv).
LIST_HEADS: tuple[str, ...] = tuple(sorted((row[0] for row in vocab.rows("metric_heads.tsv")), key=len, reverse=True))
_LIST_SPLIT_RE = re.compile(r"、|和|及|与")


def distribute(metric: str | None, count: int) -> list[str] | None:
    """The metrics of `count` figures stated for a list of as many
    quantities sharing one head: 城镇和农村居民人均可支配收入 (2) ->
    城镇居民人均可支配收入, 农村居民人均可支配收入; 基础设施、制造业投资
    -> 基础设施投资, 制造业投资. The head is a known one
    (metric_heads.tsv) that only the last item carries, else what follows
    the last item's modifier when all modifiers are as long as the first.
    None when `metric` is no such list."""
    if not metric:
        return None
    items = metric.split("、")
    if len(items) != count:
        items = _LIST_SPLIT_RE.split(metric)
    if len(items) != count or any(not item for item in items):
        return None
    last = items[-1]
    head = next((h for h in LIST_HEADS if last.endswith(h) and len(last) > len(h)), None)
    if head and not any(item.endswith(head) for item in items[:-1]):
        return [*(item + head for item in items[:-1]), last]
    width = len(items[0])
    if all(len(item) == width for item in items[:-1]) and len(last) > width + 1:
        head = last[width:]
        return [*(item + head for item in items[:-1]), last]
    return None


SHARE_UNITS = frozenset({"%", "‰", "成"})
# part 占 whole (的)(比重|比例|份额) (为|达到 ...): the words of a share.
SHARE_RE = re.compile(
    r"(?P<part>[^，,；;。：:]*?)占(?!比)(?P<whole>[^，,；;。：:]{2,24}?)的?(?:比重|比例|份额|比)?"
    r"(?:为|达到|达|是|提高到|提高至|提升到|提升至|上升到|上升至|下降到|下降至|降至|降到|超过|在)?(?:近|约|超)?\s*$"
)
# A ratio's name (比重, 比例, 占比, 份额) before a percentage: a share.
SHARE_WORD_RE = re.compile(r"(?:比重|比例|占比|份额)[^，,；;。]{0,8}$")
COMPLETION_RE = re.compile(
    r"完成(?P<target>(?:[^，,；;。0-9]{0,8}?)(?:目标|计划|任务|预算)(?:任务|数)?)的?\s*$"
)


def share_name(clause: str, subject: str | None) -> str | None:
    """The metric of a percentage whose clause states its whole (see
    attribution._shares); None when the clause states none."""
    m = SHARE_RE.search(clause)
    if m:
        part = _metric_words(m.group("part"), False) or subject
        whole = _metric_words(m.group("whole"), False)
        return f"{part}占{whole}比重" if part and whole else None
    m = COMPLETION_RE.search(clause)
    if m and subject:
        return f"{subject}完成{m.group('target')}"
    return None


DEPENDENT_METRICS: frozenset[str] = frozenset(_words("dependent"))
# Words of a flow (演出, 收入, 新增): a figure of one is the year's even
# when 年末 of an earlier sentence opens its paragraph.
FLOW_RE = re.compile("|".join(_words("flow")))
# A total to date over years nobody states: a stock.
OPEN_CUMULATIVE_RE = re.compile(r"多年累计|多年来|历年累计|历年")
ACTIONS: tuple[str, ...] = _words("action")
_ACTION_RE = re.compile(f"^(?:{'|'.join(ACTIONS)})")
_ACTION_OR_OBJECT_RE = re.compile(f"^(?:{'|'.join(ACTIONS)}|{OBJECT_VERBS})")
# Verbs of reaching a level (增加到121万亿元, 突破7万元), right before a figure.
REACHED_RE = re.compile(
    r"(?:增加到|增加至|提高到|提高至|提升到|提升至|上升到|上升至|增长到|增至|降至|降到|下降到|下降至|减少到|减少至|"
    r"缩短到|缩短至|缩小到|缩小至|扩大到|扩大至|达到|突破|超过|跨越|稳定在|保持在|控制在|超)(?:了)?(?:近|约)?\s*$"
)
REACHED_REACH = 8
# A percentage-point change of a growth rate names the rate so.
GROWTH_RATE_NAME = "增速"
# A change of a rate that the text names (涨幅比2021年扩大0.4个百分点).
RATE_NOUN_RE = re.compile(r"涨幅|增幅|增速|降幅|跌幅|增长率")
# 拉动GDP增长0.2个百分点 after 第一产业贡献率为4.9％.
CONTRIBUTION_VERB = "拉动"
CONTRIBUTION_OF_RE = re.compile(r"(?:对[^，,]{0,8})?贡献率$")
# How many sentences back a breakdown or an outcome looks for what it
# belongs to (事故7起…；死亡3人…；受伤4人: two back).
ANCHOR_SENTENCES = 2
# Between an item of a list and the next one: 、 or ，其中, then a name.
NEXT_ITEM_RE = re.compile(r"^(?:、|，其中，?|,其中,?|；其中，?)[^，,；;。0-9]{1,20}$")
# The next clause: a comma, then a name with no figure or change word.
NEXT_CLAUSE_RE = re.compile(r"^[，,][^，,；;。0-9增减降提]{1,14}$")
# A sentence opening with these breaks down the one before (其中，农业产值…).
PART_OPENERS = ("其中",)
_ACTION_OPENER_RE = re.compile(f"^(?:{'|'.join(_words('action_opener'))})")
CLASS_PREFIXES: tuple[str, ...] = _words("class_prefix")
_BARE_CLASS_RE = re.compile(r"^[^、，,]{1,14}[类业]$")


def completed(metric: str, anchor: str) -> str | None:
    """`metric` completed from `anchor`, the metric of a figure stated
    before it for the whole it breaks down or the event it follows; None
    when neither rule applies.

    - A bare class (衣着类, 非金属矿物制品业) after a figure for a class
      with a head (食品烟酒类价格, 规上工业增加值) takes the head and the
      classifier prefix: 衣着类价格, 规上非金属矿物制品业增加值.
    - An outcome or attendance (死亡, 观众, 参与人数) after a count of events
      (发生生产经营性事故7起) is the events': 生产经营性事故死亡."""
    if metric in DEPENDENT_METRICS:
        subject = _ACTION_OPENER_RE.sub("", anchor)
        return subject + metric if subject and subject not in DEPENDENT_METRICS else None
    if not _BARE_CLASS_RE.match(metric):
        return None
    cut = max(anchor.rfind("类"), anchor.rfind("业"))
    head = anchor[cut + 1:] if cut >= 0 else ""
    if not head or len(head) > 6:
        head = next((h for h in LIST_HEADS if anchor.endswith(h)), "")
    if not head or metric.endswith(head):
        return None
    prefix = next((p for p in CLASS_PREFIXES if anchor.startswith(p) and not metric.startswith(p)), "")
    return prefix + metric + head


def inherited(metric: str, before: str) -> str | None:
    """`metric` of an item of a list or a part of a total, completed from
    `before`, the metric of the item or total it follows:
    - a verb opening the list applies to every item (新增高新技术企业6000家、
      科技型中小企业1.76万家 -> 新增科技型中小企业; 新增电力装机3000万千瓦，其中
      可再生能源装机 -> 新增可再生能源装机);
    - a bare attribute (产量, 总产量) is the subject's whose other attribute
      came before (贻贝养殖面积6885亩，产量3.3万吨 -> 贻贝产量).
    None when neither applies."""
    verb = _ACTION_RE.match(before)
    if verb and not _ACTION_RE.match(metric) and not before.endswith(metric) and metric not in DEPENDENT_METRICS:
        return verb.group() + metric
    if metric in LIST_HEADS:
        head = next((h for h in LIST_HEADS if before.endswith(h) and len(before) > len(h)), None)
        if head and head != metric:
            return before[: -len(head)] + metric
    return None


def names_something(words: str) -> bool:
    """False for a phrase that is never a metric (metric_words.tsv) or a
    unit alone (亿元, 公里): a fragment is worse than no name."""
    return words not in NEVER_METRICS and words not in UNIT_WORDS


def subject_of(metric: str) -> str:
    """What a metric is about, without the attribute it ends in
    (贻贝养殖面积 -> 贻贝); the whole metric when it ends in none (证券机构)."""
    head = next((h for h in LIST_HEADS if metric.endswith(h) and len(metric) > len(h)), None)
    return metric[: -len(head)] if head else metric


def post_text(text: str, end: int) -> str:
    """The noun right after a figure, up to the first verb, break or figure,
    with a predicate that selects what is counted."""
    for words in POST_UNIT_WORDS:
        if text.startswith(words, end):
            end += len(words)
    window = text[end:end + MAX_POST_CHARS]
    stop = POST_STOP_RE.search(window)
    cut = stop.start() if stop else len(window)
    if cut:
        action = POST_ACTION_RE.search(window, 0, cut)
        if action:
            cut = action.start()
    if window[cut:cut + 1] in _PREDICATE_STARTS:
        predicate = POST_PREDICATE_RE.match(window, cut)
        if predicate and (cut > 0 or window.startswith("被")):
            cut = predicate.end()
    noun = window[:cut].strip(_EDGE)
    if noun.endswith("工作") and len(noun) > 2:
        noun = noun[:-2]
    return _counted_before_action(noun)


def _counted_before_action(noun: str) -> str:
    """`noun` up to its last collective noun when it ends in an action
    (`POST_ACTIONS`); `noun` otherwise."""
    if not noun.endswith(POST_ACTIONS):
        return noun
    heads = [m.end() for m in COUNTED_HEADS_RE.finditer(noun, 0, len(noun) - 2)]
    return noun[:heads[-1]] if heads else noun
