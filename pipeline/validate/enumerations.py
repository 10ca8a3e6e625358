"""Stated counts against the items listed: 数字孪生、零碳行动、未来农场、智能互联四大应用场景.

Found in the text itself (the extractor may or may not emit 四大 or 十二 as
claims); a claim at the count's span is referenced when there is one.
Three shapes:
- a list right before the count (A、B、C三大X; “甲”“乙”与“丙”三大X);
- a count with its list in parentheses (10个必备专项预案(包括A、…、J));
- a glossary entry whose term carries the count (四个最严:A、B、C、D;
  一体两翼多点:一体:…;两翼:A、B;多点:…).
A list ending in 等 is open: it only bounds the count from below, so it is
never inconsistent. Guards keep prose from passing for a list (items hold
no figure and no 了/着, are short, the count is between 2 and 20; see
`_reads_as_list` for the rest); where a conjunction may or may not split
the last item (站房及相关工程), the reading that fits the count is taken.
Chinese numerals are read with cn2an rather than a hand table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cn2an

from pipeline.model import ClaimRow

CLASSIFIERS = ("大类", "大", "个", "项", "类", "种", "张", "条", "家", "所", "支", "座", "方面")
CN_NUMERAL = r"(?:二十|十[一二三四五六七八九]?|[两二三四五六七八九])"
COUNT = re.compile(
    rf"(?P<quote>“)?(?P<n>(?<![一二三四五六七八九十两百千万\d第.\-—~～至])(?:{CN_NUMERAL}|\d{{1,2}})(?![一二三四五六七八九十\d.]))"
    rf"(?P<cls>{'|'.join(CLASSIFIERS)})?(?P<rest>[^”\n]{{0,6}}”)?"
)
CLAUSE_START = "，,；;：:。！？!?\n（("
LIST_LABEL = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]+)[、.．]|^\s*[（(][一二三四五六七八九十\d]+[)）]")
OPENERS = {"“": "”", "‘": "’", "《": "》", "「": "」", "（": "）", "(": ")"}
CONJUNCTIONS = ("以及", "与", "和", "及")
NOT_A_NOUN_LIST = ("了", "着")
FIGURE_IN_ITEM = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?[家个项条户处人名台套组间块支篇次起件场份元米吨亩%％]")
MAX_ITEM_CHARS = 25
MIN_COUNT, MAX_COUNT = 2, 20
OPEN_MARKS = ("等等", "等")
# A list item ending in one of these is a verb phrase, not a name:
# 上海落实“四个放在”, 学习贯彻二十大, 启动“五心融合”.
VERB_ENDINGS = ("落实", "贯彻", "学习", "推广", "提炼", "发布", "启动", "推进", "深化", "实施", "开展", "召开", "坚持", "强化", "围绕", "出台", "坚定", "立足", "做到", "升级")
# A quoted count without a classifier (“三入手”) is a short coined term (at
# most six characters after the numeral, see COUNT) read after three short items or more.
MIN_ITEMS_FOR_QUOTED = 3
MAX_QUOTED_TERM_ITEM = 8
MEMBERSHIP_WORDS = ("入选", "获评", "评为", "列入", "纳入", "跻身", "位列", "分别")
QUOTED_NUMERAL = re.compile(r"“[^”]*[一二三四五六七八九十两百千万][^”]*”")
PAREN_LIST = re.compile(
    r"(?P<noun>[^\s，,。；;（()）、“”]{1,12})[（(](?:包括|包含|含|即|分别为|分别是)?[:：]?(?P<list>[^（()）]+)[)）]"
)
COUNTED_WORDS = re.compile(r"[^，,。；;：:（(、“”\s\d的中和及等]{0,4}")
# Words that introduce a list; dropped from the first item when it is shown.
LEAD_INS = ("包括", "包含", "涵盖了", "涵盖", "聚焦", "选取", "推进", "完成", "开展", "发挥", "深化打造", "形成", "搭建", "构建", "以")
GLOSSARY_HEAD = "名词解释"
GLOSSARY_ENTRY = re.compile(r"^\s*\d{1,2}[、.．]\s*(?P<term>[^:：\n]{1,40})[:：](?P<definition>[^\n]+)$", re.MULTILINE)
SUB_LABEL = re.compile(r"^(?P<label>[^:：]{1,8})[:：](?P<list>.+)$")


@dataclass(frozen=True)
class StatedCount:
    """A count the text states and the items it lists for it."""

    start: int
    end: int
    surface: str
    stated: int
    items: tuple[str, ...]
    open: bool
    claim: ClaimRow | None
    quote: str
    name: str = ""  # the count with the words it counts: 四大应用场景


def numeral(text: str) -> int | None:
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def split_items(segment: str, plain_conjunction: bool = True) -> list[str] | None:
    """Split a list at quote/parenthesis depth 0; None when it is not a plain list.

    Items are separated by 、 when the list has any; otherwise by adjacent
    quotes (“甲”“乙”). One conjunction (与/和/及) may join the last two items;
    next to a quote (”与“) it always does, elsewhere only if
    `plain_conjunction` (站房及相关工程 may be one item). In a 、-list,
    adjacent quotes stay inside one item (推进“双报到”“两网”联系机制).
    """
    cuts = _separators(segment)
    enumeration_comma = any(kind == "、" for _, _, kind in cuts)
    wanted = {"conj-quoted", "、" if enumeration_comma else "quote"} | ({"conj"} if plain_conjunction else set())
    chosen = [(a, b) for a, b, kind in cuts if kind in wanted]
    if sum(1 for _, _, kind in cuts if kind.startswith("conj")) > 1:
        return None
    items = []
    cursor = 0
    for a, b in chosen:
        items.append(segment[cursor:a].strip())
        cursor = b
    items.append(segment[cursor:].strip())
    return None if any(not it for it in items) else items


def readings(segment: str) -> list[list[str]]:
    """The list read with and without a plain conjunction as a separator (one reading if the same)."""
    out = []
    for plain in (True, False):
        items = split_items(segment, plain)
        if items is not None and items not in out:
            out.append(items)
    return out


def _separators(segment: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every depth-0 separator: 、, a quote boundary ”|“, or a conjunction."""
    cuts = []
    stack: list[str] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if stack and ch == stack[-1]:
            stack.pop()
            if not stack and segment.startswith("“", i + 1):
                cuts.append((i + 1, i + 1, "quote"))
            i += 1
        elif ch in OPENERS:
            stack.append(OPENERS[ch])
            i += 1
        elif not stack and ch == "、":
            cuts.append((i, i + 1, "、"))
            i += 1
        else:
            conj = next((c for c in CONJUNCTIONS if not stack and i > 0 and segment.startswith(c, i)), None)
            if conj and not segment.startswith("及时", i):
                quoted = segment[i - 1] == "”" or segment.startswith("“", i + len(conj))
                cuts.append((i, i + len(conj), "conj-quoted" if quoted else "conj"))
                i += len(conj)
            else:
                i += 1
    return cuts


def _plain(items: list[str], start: int, end: int, claims: list[ClaimRow]) -> bool:
    """Items of a list of names: short, no figure inside (text[start:end] is the list)."""
    if any(len(it) > MAX_ITEM_CHARS or any(w in it for w in NOT_A_NOUN_LIST) or FIGURE_IN_ITEM.search(it) for it in items):
        return False
    return not any(r.claim.char_start < end and r.claim.char_end > start for r in claims)


def _open(items: list[str], strict: bool) -> tuple[list[str], bool] | None:
    """(items, open?) — open when the list ends in 等.

    `strict` (a list read backwards from a count) refuses 等 inside an item:
    …等增设完善医疗健康设施、…等代表书面建议7条 is not a list of 7. A glossary
    or parenthesised list is delimited, so 等 inside its last item only
    qualifies that item (做好四季节庆等关爱项目).
    """
    last = items[-1]
    for mark in OPEN_MARKS:
        if last.endswith(mark):
            items = items[:-1] + [last[: -len(mark)].strip()]
            return None if not items[-1] or any("等" in it for it in items) else (items, True)
    inner = items if strict else items[:-1]
    return None if any("等" in it for it in inner) else (items, False)


def _count_end(m: re.Match[str]) -> int:
    """End of the stated count: the classifier, or the whole quoted term (“三入手”)."""
    if m.group("quote") and m.group("rest"):
        return m.end("rest") - 1
    return m.end("cls") if m.group("cls") else m.end("n")


def _congress(m: re.Match[str]) -> bool:
    """党的二十大, 十九大: an ordinal congress, not a count of 20 things."""
    return m.group("cls") == "大" and len(m.group("n")) == 2 and not m.group("n").isdigit()


def _claim_at(claims: list[ClaimRow], start: int, end: int) -> ClaimRow | None:
    return next((r for r in claims if r.claim.char_start < end and r.claim.char_end > start), None)


def _clause(text: str, start: int, end: int) -> str:
    s = start
    while s > 0 and text[s - 1] not in "。！？\n":
        s -= 1
    e = end
    while e < len(text) and text[e] not in "。！？\n":
        e += 1
    return text[s : min(e + 1, len(text))].strip()


def _lists_before(text: str, claims: list[ClaimRow]) -> list[StatedCount]:
    found = []
    for m in COUNT.finditer(text):
        stated = numeral(m.group("n"))
        if stated is None or not _in_range(m, stated) or _congress(m) or not _counts_a_noun(m, text):
            continue
        seg_start = m.start()
        while seg_start > 0 and text[seg_start - 1] not in CLAUSE_START:
            seg_start -= 1
        label = LIST_LABEL.match(text[seg_start : m.start()])
        if label:
            seg_start += label.end()
        segment = text[seg_start : m.start()]
        options = readings(segment)
        if not options or not all(_reads_as_list(m, segment, items) for items in options):
            continue
        chosen = _choose(stated, options, strict=True)
        if chosen is None or not _plain(chosen[0], seg_start, m.start(), claims):
            continue
        count_start, count_end = m.start("n"), _count_end(m)
        found.append(
            StatedCount(
                count_start, count_end, text[count_start:count_end], stated, tuple(chosen[0]), chosen[1],
                _claim_at(claims, count_start, count_end), _clause(text, seg_start, count_end),
            )
        )
    return found


def _in_range(m: re.Match[str], stated: int) -> bool:
    """2..20; an Arabic count (read after three items at least) may also be 0 or 1, a slip from 4个 to 1个."""
    low = 0 if m.group("n").isdigit() else MIN_COUNT
    return low <= stated <= MAX_COUNT


def _counts_a_noun(m: re.Match[str], text: str) -> bool:
    """四大应用场景, “三入手”: the count modifies what follows; 分中心6家, ends a clause as a total."""
    if not m.group("cls"):
        return bool(m.group("quote") and m.group("rest") and not m.group("n").isdigit())
    return m.end() < len(text) and text[m.end()] not in CLAUSE_START + "、。和及与"


def _reads_as_list(m: re.Match[str], segment: str, items: list[str]) -> bool:
    """Guards that keep prose from passing for the list a count counts.

    - Arabic counts (6个, 12项) are mostly statistics: three items at least.
    - A quoted count without classifier (“三入手”) needs three short items.
    - No item ends in a verb (上海落实“四个放在”), holds a quoted numeral
      term (增强“四个意识”、坚定“四个自信”), says membership of a larger set
      (…先后入选全国年度十大考古新发现) or 分别 (per-item counts follow).
    - A quoted count right after another quoted name is part of a name run.
    """
    quoted_term = not m.group("cls")
    minimum = MIN_ITEMS_FOR_QUOTED if quoted_term or m.group("n").isdigit() else 2
    if len(items) < minimum:
        return False
    if quoted_term and any(len(it) > MAX_QUOTED_TERM_ITEM for it in items):
        return False
    if m.group("quote") and segment.rstrip().endswith("”"):
        return False
    if items[-1].endswith(VERB_ENDINGS) or any(w in it for it in items for w in MEMBERSHIP_WORDS):
        return False
    return not any(QUOTED_NUMERAL.search(it) for it in items)


def _choose(stated: int, options: list[list[str]], strict: bool) -> tuple[list[str], bool] | None:
    """The reading that fits the stated count if one does, else the first; (items, open?)."""
    opened = [o for o in (_open(items, strict) for items in options) if o is not None]
    if not opened:
        return None
    fitting = [o for o in opened if (len(o[0]) <= stated if o[1] else len(o[0]) == stated)]
    return (fitting or opened)[0]


def _lists_in_parentheses(text: str, claims: list[ClaimRow]) -> list[StatedCount]:
    found = []
    for m in COUNT.finditer(text):
        if not m.group("cls"):
            continue
        stated = numeral(m.group("n"))
        after = PAREN_LIST.match(text, m.end())
        if stated is None or not MIN_COUNT <= stated <= MAX_COUNT or after is None:
            continue
        opened = _choose(stated, [r for r in readings(after.group("list")) if len(r) >= 2], strict=False)
        if opened is None or not _plain(opened[0], after.start("list"), after.end("list"), claims):
            continue
        start = m.start("n")
        found.append(
            StatedCount(
                start, m.end(), text[start : m.end()], stated, tuple(opened[0]), opened[1],
                _claim_at(claims, start, m.end()), _clause(text, start, after.end()),
            )
        )
    return found


def _glossary(text: str, claims: list[ClaimRow]) -> list[StatedCount]:
    head = text.find(GLOSSARY_HEAD)
    if head < 0:
        return []
    found = []
    for entry in GLOSSARY_ENTRY.finditer(text, head):
        term = entry.group("term")
        definition = entry.group("definition").split("。")[0]
        def_start = entry.start("definition")
        subs = [SUB_LABEL.match(piece) for piece in re.split("[；;]", definition)]
        if len(subs) > 1 and all(subs):
            offset = def_start
            for piece, sub in zip(re.split("[；;]", definition), subs):
                found += _glossary_list(text, claims, sub.group("label"), offset, sub.group("list"), offset + sub.start("list"))
                offset += len(piece) + 1
            continue
        counts = [m for m in COUNT.finditer(term) if numeral(m.group("n"))]
        if len(counts) != 1 or re.search(r"[，,]", definition):
            continue
        found += _glossary_list(text, claims, term, entry.start("term"), definition, def_start)
    return found


def _glossary_list(
    text: str, claims: list[ClaimRow], term: str, term_start: int, listed: str, list_start: int
) -> list[StatedCount]:
    m = next(iter(COUNT.finditer(term)), None)
    stated = None if m is None else numeral(m.group("n"))
    if m is None or stated is None or not MIN_COUNT <= stated <= MAX_COUNT:
        return []
    opened = _choose(stated, [r for r in readings(listed) if len(r) >= 2], strict=False)
    if opened is None or not _plain(opened[0], list_start, list_start + len(listed), claims):
        return []
    start = term_start + m.start("n")
    end = term_start + _count_end(m)
    return [StatedCount(start, end, text[start:end], stated, tuple(opened[0]), opened[1], _claim_at(claims, start, end), _clause(text, term_start, list_start + len(listed)))]


def _without_lead_in(items: tuple[str, ...]) -> tuple[str, ...]:
    """以数字孪生 -> 数字孪生: the verb or preposition before a list is not part of its first item."""
    first = items[0]
    for word in LEAD_INS:
        if first.startswith(word) and len(first) > len(word):
            return (first[len(word) :].strip(), *items[1:])
    return items


def find_stated_counts(text: str, claims: list[ClaimRow]) -> list[StatedCount]:
    """Each count once: a glossary or parenthesis reading wins over a list-before reading of the same span."""
    by_span: dict[tuple[int, int], StatedCount] = {}
    for found in (_lists_before(text, claims), _lists_in_parentheses(text, claims), _glossary(text, claims)):
        for sc in found:
            tail = COUNTED_WORDS.match(text, sc.end).group()
            by_span[(sc.start, sc.end)] = replace(sc, name=sc.surface + tail, items=_without_lead_in(sc.items))
    return sorted(by_span.values(), key=lambda s: s.start)
