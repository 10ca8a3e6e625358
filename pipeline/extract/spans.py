"""Find the figures in a text: number, scale, unit and qualifier, with offsets.

A handful of compiled patterns (`FIGURE_PATTERNS`) walk the whole text;
everything else (qualifier prefixes, non-claim patterns) is looked at only
at the figures they find, which keeps the pass near regex speed.
Hand-written rather than a library because none of the measured ones
(STACK-NOTES) knows Chinese measure words, keeps 多/余/近/超, and leaves
13号线 and 7-9地块 alone, and cn2an.transform rewrites running text.

Signs: a figure printed with 负 or a minus sign (负3.9%, 增速:-3.5%) has a
negative value. A figure after a word of decline (下降3.5%, 减少12个) keeps
its printed, positive value: it is the size of the change, and the
direction is the comparison word's, which the validator and the comparison
links read themselves (a decline printed as 下降-3.5% would be a rise).

Surfaces: qualifier + number + scale + unit as printed, with a space
PDF text puts before the unit (16715.15 亿元), a per-unit denominator
(元/年, 5分/千瓦时 = 0.05 元/千瓦时), an alternative measure word in brackets
(15.6万套（间）), 多 after a span of time (3年多) and 级 (30万吨级, 亿元级).
A scale word alone is a figure when a qualifier, 多/余, 以上/以下 or 级 makes
it one (上亿人, 亿元以上项目, 百亿级). Numbers printed without a unit that
are claims by their setting — structure ratios (marked `structure`), a
unit printed once for a list, from-to changes, indices, table cells — are
found by `bare`; neighbours are then read together (find_figures).

Ranges: 1-2个月, 10至15个, 两到三万, 八九亿 and 数十亿 are qualifier `range`.
The low end takes the high end's scale word when that keeps it below the
high end (两到三万 = 2万-3万, 八到九百亿 = 800亿-900亿, 从8500到3万 =
8500-3万).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract import bare
from pipeline.extract.nonclaims import (
    DURATION_UNITS,
    TITLE_OPEN,
    counts_listed_items,
    duration_name,
    inside_book_title,
    inside_spans,
    nonclaim_name,
    short_quotes,
)
from pipeline.extract.numerals import Number, parse_arabic, parse_chinese
from pipeline.extract.qualifiers import (
    AT_LEAST,
    BARE_ONLY_PREFIXES,
    EXACT,
    PREFIXES,
    RANGE,
    STEP_SUFFIXES,
    SUFFIXES,
    interval,
)
from pipeline.extract.units import (
    CURRENCY_SIGNS,
    MEASURE_WORDS,
    MEGA_UNIT_STARTS,
    PERCENT_WORDS,
    SCALES,
    SIGNED_UNITS,
    UNITS,
    YUAN_PARTS,
    scale_alternation,
    unit_alternation,
)

_ONE = Decimal(1)
_SCALE_FACTORS = {word: Decimal(repr(f)).normalize() for word, f in SCALES.items()}
_UNIT_FACTORS = {word: Decimal(repr(f)).normalize() for word, (_, f) in UNITS.items()}

_DIGITS = "0-9０-９"
# Thousands separators: ASCII commas between ASCII digits; a full-width
# comma between full-width digits (４，５６５), before a decimal part
# (82，225.00) or before a group opening with 0 (12，000人: no figure starts
# with 0); otherwise, between ASCII digits, it separates list items
# (20，300美圆). The lookahead skips the separator branches for the many
# numbers without one.
_ARABIC_REST = (
    r"(?:(?=[0-9０-９]{0,2}[,，][0-9０-９])"
    r"(?:[0-9]{0,2}(?:(?:,[0-9]{3})+(?![0-9])|(?:[,，][0-9]{3})+(?=[.．][0-9])|(?:，0[0-9]{2})+(?![0-9]))"
    r"|[０-９]{0,2}(?:[,，][０-９]{3})+(?![０-９]))|[0-9０-９]*)(?:[.．][0-9０-９]+)?"
)
_ARABIC = f"[{_DIGITS}]{_ARABIC_REST}"
# The same number, written so that the pattern starts with a character
# class: Python's regex engine then skips ahead in C to the next digit.
_ARABIC_HEAD = rf"[{_DIGITS}](?<![{_DIGITS}.．A-Za-z][{_DIGITS}]){_ARABIC_REST}"
# Financial (大写) numerals are left out: in prose 陆 is 陆家嘴 far more
# often than 6.
_CN_DIGIT = "〇零一二两三四五六七八九"
_CN_ALL = _CN_DIGIT + "十百千万亿"
_CN_BODY = f"[{_CN_ALL}]*(?:兆(?![{MEGA_UNIT_STARTS}])[{_CN_ALL}]*)*"
_CN_POINT = "(?:点[〇零一二三四五六七八九]+)?"
_CN = f"[{_CN_DIGIT}十]{_CN_BODY}{_CN_POINT}"
# 数十/几百 open a vague number, except 数 ending a word (人数十万 is 十万).
_NOT_VAGUE_AFTER = "人次户件总倍岁位个少多函参指分天家台篇项无变系码"
_VAGUE = f"(?:(?<![{_NOT_VAGUE_AFTER}])数|几)"
# A leading 百/千 counts only before a digit (百三 = 130; 千万 is "by all means").
_CN_HEAD = (
    # not inside a numeral (一万三千), but after an Arabic figure's scale
    # word a new one starts (9万亿三个大台阶)
    f"[{_CN_DIGIT}十百千数几](?:(?<![{_CN_ALL}兆点][{_CN_ALL}])|(?<=[{_DIGITS}][万亿].)|(?<=[{_DIGITS}]万亿.))"
    f"(?<!{_VAGUE}[十百千])"
    f"(?:(?<![百千数几])|(?<=[百千])(?=[一二三四五六七八九])|(?<={_VAGUE})(?=[十百千万亿]))"
    f"{_CN_BODY}(?:(?<=十)几[万亿]*)?{_CN_POINT}(?:个亿(?![元级]))?"
)
# Digit groups between scale words: 5万4千6百, 3万4000, 2千零30万.
_MIX = (
    f"(?:(?:[十百千万亿]+[零〇]?[{_DIGITS}]+)+"
    f"(?:[十百千](?![米瓦克])|[万亿])*(?![年月日号{_DIGITS}]))?"
)
_RANGE_SEP = r"\s?(?:[-－—–~～]{1,2}|至|到)\s?"
_SCALE = scale_alternation()
_UNIT = unit_alternation()
_SUFFIX = "|".join(SUFFIXES)
_STEP = "".join(STEP_SUFFIXES)
_YUAN_PART = f"[0-9{_CN_DIGIT}](?:角|分(?!钟))"
# After a unit: 半 (两米半), a tenth after 成 (七成六), 角/分 after 元 (123元1角1分).
_FRACTION = (
    f"(?P<frac>半(?![年月日天小时个周])|(?<=成)[一二三四五六七八九](?![{_CN_ALL}点个])"
    f"|(?<=元){_YUAN_PART}(?:(?<=角){_YUAN_PART})?)?"
)
# After a unit: a per-unit denominator (元/年, 万元/人, 元/㎡); an
# alternative measure word in brackets (15.6万套（间）); 多 after a span of
# time (3年多, 2小时多: "and some"); 级 naming a class (30万吨级, 亿元级).
_PER = (
    "年|月|日|天|人次|人|户|平方米|㎡|m²|千瓦时|kWh|度|公斤|千克|kg|吨|亩|小时|次|立方米|m³|斤"
    "|台|辆|张|床|公里|千米|km|头|只|份|件|个|家|项|例|篇|秒|周|平方公里|升|间|套|箱|车"
)
_PER_UNIT = rf"(?:[/／](?P<per>{_PER})(?![0-9０-９]))?"
_ALT_MEASURE = f"(?P<alt>[（(][{''.join(w for w in MEASURE_WORDS if len(w) == 1)}][）)])?"
_AFTER_TIME = "(?P<after>(?<=[年天时周钟月])多(?![元种次个项家样方面数少名人位层彩功措举渠重维点边头部]))?"
_GRADE = "(?P<grade>级(?![别数差市区县镇乡村政]))?"
# 5分/千瓦时: 角 and 分 are units of money only before a denominator.
_COIN_PER = rf"(?P<coin>[角分])[/／](?P<per2>{_PER})(?![0-9０-９])"
_UNIT_TAIL = (
    rf"(?:(?P<unit>{_UNIT}){_FRACTION}{_PER_UNIT}{_ALT_MEASURE}{_AFTER_TIME}|{_COIN_PER})"
)
# PDF text often prints a space between the number and its unit
# (16715.15 亿元, 3.8 %, 53014 户): one space, when a scale word or unit follows.
_SPACE = rf"(?P<sp>[ \u00a0](?=(?:{_SCALE})|(?:{_UNIT})|[角分][/／]))?"
_TAIL = (
    rf"{_SPACE}(?P<scale>{_SCALE})?(?P<step>[{_STEP}])?(?P<scale2>(?<=[{_STEP}])(?:{_SCALE}))?"
    rf"{_UNIT_TAIL}?{_GRADE}(?P<post>{_SUFFIX})?"
)
# A Chinese numeral needs a unit, unless it ends in a scale word (三百万).
_CN_TAIL = (
    rf"(?P<step>[{_STEP}])?(?P<scale2>(?<=[{_STEP}])(?:{_SCALE}))?"
    rf"(?:{_UNIT_TAIL}|(?<=[万亿兆{_STEP}])){_GRADE}(?P<post>{_SUFFIX})?"
)
_PERCENT_WORD = "|".join(PERCENT_WORDS)
# 万 千 百 亿 万亿 千亿 百亿 千万 百万, not inside a numeral; written to start
# with a character class, which the regex engine scans for quickly
_BARE_SCALE = f"[万千百亿](?<![{_CN_ALL}{_DIGITS}].)(?:(?<=[万千百])亿|(?<=[千百])万)?"

# One pattern per way of writing a figure, each starting with a literal or
# a character class (see _ARABIC_HEAD), and the characters one of which a
# text must hold for the pattern to be worth running (most texts have no
# 分之 or currency sign; `in` costs far less than a regex scan). A figure
# written in Arabic digits must carry a scale word or a unit; one in
# Chinese numerals a unit or a final scale word.
FIGURE_PATTERNS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (
        re.compile(
            rf"(?P<num>(?P<a>{_ARABIC_HEAD}{_MIX})(?:{_RANGE_SEP}(?P<a2>{_ARABIC}{_MIX}))?){_TAIL}"
            rf"(?<![{_DIGITS}])"
        ),
        (),
    ),
    (
        re.compile(
            rf"(?P<num>(?P<c>{_CN_HEAD})(?:{_RANGE_SEP}(?P<c2>{_CN}|{_ARABIC}{_MIX}[十百千万亿]*))?)"
            rf"{_CN_TAIL}"
        ),
        (),
    ),
    (re.compile(rf"(?P<num>(?P<den>{_CN_HEAD})分之(?P<nom>{_CN}|{_ARABIC}))(?P<post>{_SUFFIX})?"), ("分之",)),
    (
        re.compile(
            rf"(?P<num>(?P<pw>{_PERCENT_WORD})(?P<pct>{_ARABIC}|[{_CN_DIGIT}十百][{_CN_ALL}]*{_CN_POINT})(?!分))"
            rf"(?P<post>{_SUFFIX})?"
        ),
        ("分之",),
    ),
    # $20, ￥300: a currency sign stands for the unit.
    (
        re.compile(rf"(?P<sign>[{''.join(CURRENCY_SIGNS)}])(?P<num>(?P<a>{_ARABIC}{_MIX}))(?P<scale>{_SCALE})?"),
        tuple(CURRENCY_SIGNS),
    ),
    # 万余人次, 逾百人, 上亿人, 亿元以上项目, 千万级以上, 百亿级: a scale word
    # standing for one of its kind (see _bare_counts for when it is a figure).
    (
        re.compile(rf"(?P<num>(?P<bare>{_BARE_SCALE})){_TAIL}"),
        ("万", "千", "百", "亿"),
    ),
)
_SIGN = "-−－"
# ... after which a minus sign is one (增速:-3.5%, 增长-3.5%), not a dash.
_SIGN_CONTEXT = ":：，,（( \t\n为是长速幅率"
# 负3.9%: 负 makes the figure negative, except in words (正负, 胜负, 减负).
_MINUS_WORD = "负"
_NOT_MINUS_AFTER = "正胜抱身担背欺自肩减辜重不"
_MINUS_CHARS = frozenset(_SIGN + _MINUS_WORD)
_HAS_CHINESE = re.compile(f"[{_CN_ALL}兆点个]")
_BIG_SUFFIX = re.compile("[万亿兆]+$")
_UNIT_SUFFIX = re.compile("[十百千万亿兆]+$")
_SMALL_UNIT = re.compile("[十百千]")
# 八九亿, 三四十万: two neighbouring digits before the scale mean "8 or 9亿".
_NEIGHBOURS = re.compile("([一二三四五六七八])([二三四五六七八九])([十百千万亿]+)")
_CN_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

# 上 before a bare scale word means "reaching" (上亿人, 上千万), but not in
# 以上, 比上, 向上, 北上.
_BARE_UP = re.compile("(?<![以比向往北])上")
_PREFIX_RE = re.compile(
    "(?:"
    + "|".join(
        {
            "约": "(?<![签合节制公预条契邀履违集婚特相简])约",
            "近": "(?<![最附靠亲邻])近",
            "超": "(?<![赶])超",
            "破": "(?<![打跌击攻爆])破",
        }.get(word, re.escape(word))
        for word in sorted(PREFIXES, key=len, reverse=True)
        if word not in BARE_ONLY_PREFIXES
    )
    + ")$"
)
_PREFIX_START_RE = re.compile("|".join(sorted(map(re.escape, PREFIXES), key=len, reverse=True)))
_BARE_PREFIX_ENDS = frozenset(word[-1] for word in PREFIXES)
_TIME_WORDS = frozenset("年月日天")
# Only a figure after one of these characters can carry a prefix.
_PREFIX_ENDS = frozenset(word[-1] for word in PREFIXES)
# A scaled figure without a unit running into letters is a code (5万GB?).
_CODE_AFTER = re.compile(r"[A-Za-z0-9]")
_THRESHOLD_AFTER = re.compile(r"[\u4e00-\u9fff0-9０-９]")
_THRESHOLD_POSTS = frozenset(("以上", "以下", "及以上", "及以下"))
_MEASURE = frozenset(MEASURE_WORDS)
# N大 (四大领域, 8大类) counts items only when they are listed right there
_ITEM_UNITS = frozenset(("大", "大类"))
_CJK = re.compile(r"[\u4e00-\u9fff]")
# words of comparison that follow a figure's unit (户,比上年 / 户比上年增长)
_AFTER_SPACED_MEASURE = "比增下同较占降减"


class Figure(NamedTuple):
    """A figure as printed, before attribution. A named tuple rather than a
    frozen dataclass: a text yields thousands, and a tuple is built several
    times faster."""

    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: str
    threshold: bool
    # a term of a structure ratio (三次产业结构11.6:25.2:63.2): comparison "share"
    structure: bool = False


# 1/4, 超1/4: a fraction of small numbers (not a date 2023/10/01, not a code
# K1/2). Tried only where a slash stands (str.find is far cheaper than a
# regex scan over every digit of the text).
_FRACTION_RE = re.compile(
    rf"(?P<num>(?<![0-9０-９/／.．A-Za-z])(?P<fn>[0-9]{{1,2}})[/／](?P<fd>[0-9]{{1,3}}))(?![0-9０-９/／.．])"
    rf"(?P<post>{_SUFFIX})?"
)


def _fractions(text: str):
    for slash in ("/", "／"):
        at = text.find(slash)
        while at >= 0:
            for start in (at - 2, at - 1):
                match = _FRACTION_RE.match(text, start) if start >= 0 else None
                if match:
                    yield match
                    break
            at = text.find(slash, at + 1)


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order, non-claims removed; where two
    rules found overlapping figures, the one starting first (then the
    longer, then the one with a unit) is kept. Then neighbours are read
    together: a figure with a unit lends it to the bare numbers listed
    before it (bare.list_members), two figures with one unit joined by a
    dash are a range (16080元/年-39144元/年), and a qualifier before the
    first of a 、 list qualifies the rest (分别超过8万元、4.5万元)."""
    found: list[tuple[int, Figure, dict | None]] = []
    titled = TITLE_OPEN in text
    quoted = short_quotes(text)
    for pattern, needs in _PATTERN_RUNS:
        if needs and not any(word in text for word in needs):
            continue
        for match in pattern(text):
            m = match.groupdict()
            figure = _figure(text, m, match, titled, quoted)
            if figure is None:
                continue
            found.append((_FOUND, figure, m))
            if (m.get("unit") or m.get("coin")) and figure.start and text[figure.start - 1] in bare.JOIN_ENDS:
                found.extend((_LENT, f, None) for f in _members(text, figure, m, titled, quoted))
    for rule in _BARE_RULES:
        for b in rule(text):
            figure = _bare_figure(text, b, titled, quoted)
            if figure is not None:
                found.append((_BARE, figure, None))
    found.sort(key=lambda x: (x[1].start, -x[1].end, x[0]))
    kept: list[tuple[Figure, dict | None]] = []
    for _, figure, m in found:
        if not kept or figure.start >= kept[-1][0].end:
            kept.append((figure, m))
    return _read_neighbours(text, kept)


_PATTERN_RUNS = tuple((p.finditer, needs) for p, needs in FIGURE_PATTERNS) + ((_fractions, ("/", "／")),)

# ranks: a bare number given its list's unit wins over the same span found
# without one (10.6万、3.8万平方公里); a figure of the patterns over a bare reading
_LENT, _FOUND, _BARE = 0, 1, 2
_BARE_RULES = (
    bare.structure_ratios,
    bare.bare_changes,
    bare.indices,
    bare.table_rows,
    bare.table_columns,
    bare.inline_units,
    bare.movers,
    bare.words,
    bare.template_rows,
)
_RANGE_JOINS = frozenset(("-", "－", "—", "–", "~", "～", "——", "至"))
_LIST_JOINS = frozenset(("、", "和", "及", "与"))
_FROM_BEFORE = "从由"


def _members(text: str, figure: Figure, m: dict, titled: bool, quoted: tuple) -> list[Figure]:
    """The bare numbers that take `figure`'s unit (bare.list_members)."""
    out = []
    own_scale = m.get("scale") or m.get("scale2")
    for start, end, digits, scale in bare.list_members(text, figure.start):
        if nonclaim_name(text, start) or (titled and inside_book_title(text, start)):
            continue
        if quoted and inside_spans(quoted, start):
            continue
        groups = {"num": digits, "a": digits, "scale": scale or (own_scale if not scale else None)}
        if scale is None and own_scale and _FROM_BEFORE.find(text[start - 1:start]) >= 0:
            groups["scale"] = None  # 从1720提高至1960元: the from-value takes the unit word only
        for key in ("unit", "per", "coin", "per2"):
            groups[key] = m.get(key)
        try:
            reading = _reading(tuple(groups.items()), False, None)
        except ValueError:
            continue
        if reading is not None:
            value, low, high, unit, qualifier = reading
            out.append(Figure(start, end, value, low, high, unit, qualifier, False))
    return out


def _bare_figure(text: str, b: bare.Bare, titled: bool, quoted: tuple) -> Figure | None:
    if not (b.structure or b.sure):
        if nonclaim_name(text, b.start + b.negative) or (titled and inside_book_title(text, b.start)):
            return None
        if quoted and inside_spans(quoted, b.start):
            return None
    groups = (("num", b.number), ("a", b.number), ("scale", b.scale), ("unit", b.unit), ("post", b.post))
    try:
        reading = _reading(groups, b.negative, b.prefix)
    except ValueError:
        return None
    if reading is None:
        return None
    value, low, high, unit, qualifier = reading
    return Figure(b.start, b.end, value, low, high, unit, qualifier, False, b.structure)


def _read_neighbours(text: str, kept: list[tuple[Figure, dict | None]]) -> list[Figure]:
    """Ranges of two figures with one unit, and a list's shared qualifier."""
    figures: list[Figure] = []
    carried: str | None = None  # the qualifier word a 、 list carries on
    for figure, m in kept:
        if not figures or figure.start - figures[-1].end > 2:
            carried = None
            figures.append(figure)
            continue
        prev = figures[-1]
        join = text[prev.end:figure.start]
        if (
            join in _RANGE_JOINS
            and prev.unit
            and prev.unit == figure.unit
            and prev.qualifier == figure.qualifier == "exact"
            and prev.value < figure.value
            and not text[prev.start - 1:prev.start] in ("从", "由")
        ):
            figures[-1] = prev._replace(
                end=figure.end, value=(prev.value + figure.value) / 2, high=figure.high, qualifier="range"
            )
            carried = None
            continue
        word = None
        if join in _LIST_JOINS and m is not None and figure.qualifier == "exact" and prev.unit == figure.unit:
            word = _prefix_word(text, prev) or carried
        if word and not figure.structure:
            try:
                reading = _reading(_key(m), figure.value < 0, word)
            except ValueError:
                reading = None
            if reading is not None:
                value, low, high, unit, qualifier = reading
                figure = figure._replace(value=value, low=low, high=high, qualifier=qualifier)
        carried = word
        figures.append(figure)
    return figures


def _prefix_word(text: str, figure: Figure) -> str | None:
    """The qualifier word a figure's surface opens with (超过8万元 -> 超过)."""
    match = _PREFIX_START_RE.match(text, figure.start, figure.end)
    return match.group() if match else None


def _figure(text: str, m: dict, match: re.Match, titled: bool, quoted: tuple) -> Figure | None:
    start = match.start()
    if m.get("bare") and not (
        m.get("step") or m.get("grade") or m.get("post") or m.get("unit") == "名"
        or (start and text[start - 1] in _BARE_PREFIX_ENDS)
    ):
        return None  # 百姓, 千方百计: see _bare_counts
    unit_text = m.get("unit") or m.get("coin")
    if unit_text is None and not (
        m.get("scale") or m.get("scale2") or m.get("pct") or m.get("den") or m.get("fd") or m.get("bare")
    ):
        if not (m.get("sign") or _BIG_SUFFIX.search(m.get("a") or m.get("c") or "")):
            return None
    end = match.end()
    if m.get("sp") and not m.get("scale") and unit_text in _MEASURE and not _after_spaced_measure(text, match.end("unit")):
        return None
    if end < len(text) and unit_text is None and _CODE_AFTER.match(text, end):
        return None
    num_start = match.start("num")
    if nonclaim_name(text, num_start) or (titled and inside_book_title(text, num_start)):
        return None
    if unit_text in DURATION_UNITS and duration_name(text, num_start):
        return None
    if quoted and inside_spans(quoted, num_start):
        return None
    negative = bool(start and text[start - 1] in _MINUS_CHARS and _negative(text, start, m))
    if negative:
        start -= 1
    prefix = start and text[start - 1] in _PREFIX_ENDS and _PREFIX_RE.search(text, max(0, start - 3), start)
    prefix_word = prefix.group() if prefix else None
    if prefix:
        start = prefix.start()
    if m.get("bare"):
        if unit_text is None and end < len(text) and text[end] in _TIME_WORDS:
            return None  # 近百年来: a period (年 did not take the figure: 年来)
        if prefix_word is None and start and _BARE_UP.match(text, start - 1):
            prefix_word, start = "上", start - 1
        if not _bare_counts(m, prefix_word):
            return None
    try:
        reading = _reading(_key(m), negative, prefix_word)
    except ValueError:
        return None
    if reading is None:
        return None
    value, low, high, unit, qualifier = reading
    if unit_text in _ITEM_UNITS and not counts_listed_items(text, num_start, value, end):
        return None
    # 以上/以下 (or 级 on a bare scale word: 亿元级项目) before the noun it
    # delimits marks a threshold (年主营业务收入2000万元以上的工业企业) —
    # but not a from-value (从一个月以上压缩到…)
    threshold = bool(
        (m.get("post") in _THRESHOLD_POSTS or (m.get("grade") and m.get("bare")))
        and end < len(text)
        and _THRESHOLD_AFTER.match(text, end)
        and not (start and text[start - 1] in "从由")
    )
    return Figure(start, end, value, low, high, unit, qualifier, threshold)


def _key(m: dict) -> tuple:
    """The groups that matched, as the memo key of _reading (a figure's
    groupdict has some twenty names, most of them None)."""
    return tuple(item for item in m.items() if item[1] is not None)


@lru_cache(maxsize=4096)
def _reading(
    groups: tuple[tuple[str, str | None], ...], negative: bool, prefix: str | None
) -> tuple[float, float, float, str, str] | None:
    """(value, low, high, canonical unit, qualifier kind) of a figure
    from its match groups, sign and qualifier prefix. Memoised: the same
    figures (1个, 10%, 3家) are printed over and over (over the seeds and
    the shared corpus, one in four repeats an earlier one), and the Decimal
    arithmetic that turns one into an interval is a good part of its cost."""
    m = dict(groups)
    parsed = _parse(m)
    if parsed is None:
        return None
    number, high_number, factor, high_factor, unit = parsed
    if m.get("sign"):
        unit = CURRENCY_SIGNS[m["sign"]]
    value = number.value * factor
    place = number.place * factor
    step = number.nonzero_place * factor
    if negative:
        value = -value
    qualifier = EXACT
    if prefix:
        qualifier = PREFIXES[prefix]
    elif m.get("post"):
        qualifier = SUFFIXES[m["post"]]
    elif m.get("step"):
        qualifier = STEP_SUFFIXES[m["step"]]
    elif m.get("after"):
        qualifier = STEP_SUFFIXES[m["after"]]
    elif m.get("grade") and m.get("bare"):
        qualifier = AT_LEAST  # 亿元级, 百亿级: an order of magnitude, from its round figure up
    if high_number is not None:
        qualifier = RANGE
    signed = unit in SIGNED_UNITS or value < 0
    low, high = interval(qualifier, value, place, step, signed)
    if high_number is not None:
        high = float((high_number.value + high_number.place / 2) * high_factor)
        value = (value + high_number.value * high_factor) / 2
    return float(value), low, high, unit, qualifier.kind


def _bare_counts(m: dict, prefix: str | None) -> bool:
    """A scale word alone (万, 亿, 千万, 百亿) is a figure when something
    makes it a quantity: 多/余 after it (万余人次), a qualifier before it
    (逾百人, 超过万亿元, 上亿人), 以上/以下 (亿元以上项目), 级 (亿元级,
    百亿级) — or 名 after 万/千 (带动万名青年). Otherwise it is a word
    (千方百计, 万家民企, 每万人口)."""
    return bool(
        m.get("step")
        or prefix
        or m.get("grade")
        or m.get("post") in _THRESHOLD_POSTS
        or (m.get("unit") == "名" and m["bare"] in ("万", "千"))
    )


def _per_unit(word: str) -> str:
    """The canonical denominator of a per-unit unit: 元/㎡ -> 元/平方米."""
    return UNITS[word][0] if word in UNITS else word


def _after_spaced_measure(text: str, pos: int) -> bool:
    """After a space, a measure word is the figure's (53014 户,比上年) only
    when no word runs on from it: in a flattened table 13 台湾地区 and
    2 本市 are a cell and the next row's label."""
    return pos >= len(text) or not _CJK.match(text, pos) or text[pos] in _AFTER_SPACED_MEASURE


def _negative(text: str, start: int, m: dict) -> bool:
    """负 before any figure; a minus sign before an Arabic one at the start
    of a clause (增速:-3.5%), where it cannot be a dash between figures."""
    if start < 1 or m.get("c2") or m.get("a2"):
        return False
    before = text[start - 1]
    if before == _MINUS_WORD:
        return start == 1 or text[start - 2] not in _NOT_MINUS_AFTER
    return bool(m.get("a")) and before in _SIGN and (start == 1 or text[start - 2] in _SIGN_CONTEXT)


def _parse(m: dict) -> tuple[Number, Number | None, Decimal, Decimal, str] | None:
    """(number, upper number of a range, factor to canonical of each, canonical unit).

    A range's low end takes the scale word of its high end when that keeps
    it below the high end: 两到三万 is 2万-3万 and 八到九百亿 800亿-900亿,
    but 从8500到3万 is 8500-3万.
    """
    scale = _ONE
    if m.get("scale"):
        scale = _SCALE_FACTORS[m["scale"]]
    if m.get("scale2"):
        scale *= _SCALE_FACTORS[m["scale2"]]
    unit, factor = "", _ONE
    if m.get("unit"):
        unit = UNITS[m["unit"]][0]
        factor = _UNIT_FACTORS[m["unit"]]
        if m.get("per"):
            unit = f"{unit}/{_per_unit(m['per'])}"
    elif m.get("coin"):
        unit = f"元/{_per_unit(m['per2'])}"
        factor = Decimal(repr(YUAN_PARTS[m["coin"]]))
    low_text = m.get("a") or m.get("c")
    if low_text is None:
        return _parse_word_forms(m, unit, factor, scale)
    high_text = m.get("a2") or m.get("c2")
    if "几" in low_text or low_text[0] == "数":
        low, high = _vague(low_text)
        return low, high, factor, factor, unit
    if high_text is None and m.get("c"):
        neighbours = _NEIGHBOURS.fullmatch(low_text)
        if neighbours and _CN_VALUES[neighbours[2]] == _CN_VALUES[neighbours[1]] + 1:
            low_text, high_text = neighbours[1] + neighbours[3], neighbours[2] + neighbours[3]
    if low_text[0] in "0０" and low_text[1:2].isdigit():
        return None  # 05, 000: a code or the tail of a grouped number, not a figure
    number = _number(low_text)
    if m.get("frac"):
        number = _with_fraction(number, m["frac"])
    if high_text is None:
        return number, None, factor * scale, factor * scale, unit
    high = _number(high_text)
    if high.value * scale <= number.value:
        return None
    low_factor = factor
    if scale != 1 and number.value < high.value:
        low_factor = factor * scale
    elif scale == 1:
        number = _shared_scale(low_text, high_text, number, high)
    return number, high, low_factor, factor * scale, unit


def _parse_word_forms(m: dict, unit: str, factor: Decimal, scale: Decimal):
    """百分之八十, 三分之一, 万余: figures whose number is partly words."""
    if m.get("pct"):
        return _number(m["pct"]), None, _ONE, _ONE, PERCENT_WORDS[m["pw"]]
    if m.get("den"):
        den, nom = parse_chinese(m["den"]), _number(m["nom"])
        if den.value == 0 or nom.value > den.value:
            return None
        # GUIDE: a fraction is one claim, unit "", value the quotient
        return _quotient(nom.value, den.value), None, _ONE, _ONE, ""
    if m.get("fd"):
        num, den = Decimal(m["fn"]), Decimal(m["fd"])
        if den < 2 or num >= den or num == 0:
            return None
        return _quotient(num, den), None, _ONE, _ONE, ""
    # a scale word alone is a round number by definition: no rounding, 多/余
    # step one of its kind
    number = Number(_ONE, Decimal(0), _ONE)
    return number, None, factor * scale * _SCALE_FACTORS[m["bare"]], factor, unit


def _quotient(num: Decimal, den: Decimal) -> Number:
    """1/3 as a number: exact by definition (no printed digit is rounded)."""
    return Number(num / den, Decimal(0), Decimal(0))


def _shared_scale(low_text: str, high_text: str, low: Number, high: Number) -> Number:
    """两到三万 -> 两万; 十八至三十万 -> 十八万 (the scale words that end the
    high end, all of them after a lone number, the 万/亿/兆 after a number
    with units of its own), when the result stays below the high end."""
    units = _UNIT_SUFFIX.search(high_text)
    if units is None:
        return low
    if _BIG_SUFFIX.search(low_text):
        return low
    if _SMALL_UNIT.search(low_text):
        big = _BIG_SUFFIX.search(units.group())
        if big is None:
            return low
        shared = big.group()
    else:
        shared = units.group()
    try:
        widened = parse_chinese(low_text + shared)
    except ValueError:
        return low
    return widened if widened.value < high.value else low


def _vague(text: str) -> tuple[Number, Number]:
    """数十亿 = [10亿, 100亿], 几百 = [100, 1000]; 十几万 = [10万, 20万],
    二十几 = [20, 30]. Both ends exact: the words set the range, no
    printed digit is rounded."""
    if text[0] in "数几":
        low = parse_chinese("一" + text[1:]).value
        high = low * 10
    else:
        tens, _, scale = text.partition("几")
        unit = parse_chinese("一" + scale).value if scale else Decimal(1)
        low = parse_chinese(tens).value * unit
        high = low + 10 * unit
    return Number(low, Decimal(0), Decimal(0)), Number(high, Decimal(0), Decimal(0))


def _with_fraction(number: Number, fraction: str) -> Number:
    """两米半 = 2.5米, 七成六 = 7.6成, 123元1角1分 = 123.11元."""
    if fraction == "半":
        return Number(number.value + Decimal("0.5"), Decimal("0.1"), Decimal("0.1"))
    if len(fraction) == 1:
        tenth = Decimal(_CN_VALUES[fraction]) / 10
        return Number(number.value + tenth, Decimal("0.1"), Decimal("0.1"))
    value, place = number.value, number.place
    for digit, coin in zip(fraction[::2], fraction[1::2]):
        place = Decimal(repr(YUAN_PARTS[coin]))
        value += Decimal(_CN_VALUES.get(digit, digit)) * place
    return Number(value, place, place)


def _number(text: str) -> Number:
    if text.isdigit() or not _HAS_CHINESE.search(text):
        return parse_arabic(text)
    return parse_chinese(text)
