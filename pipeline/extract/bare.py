"""Numbers printed without a unit that are claims by their place in the text.

A bare number (no unit, no scale word) is usually a code, a year, a page
or a list label, so `spans` drops it. Chinese government prose prints a
few kinds of bare numbers that are measurements all the same, each
recognisable by its setting:

- **Structure ratios** (三次产业结构为11.6:25.2:63.2, 男女性别比为103.6:100):
  terms joined by a ratio colon (: ： ∶). Three or more terms, or two when
  one has a decimal part or a ratio word (比, 结构, 比例) stands before them,
  so a time of day (9:30) is not one. Each term is a claim, unit "", marked
  as a structure term.
- **A unit printed once for a list** (增长0.8、2.0和3.4个百分点; 分别净减少
  10.6万、3.8万、3.3万平方公里): numbers joined by 、/和/及/与 right before
  a figure with a unit take that unit (and its scale word, when they have
  none).
- **From-to changes** (最低工资标准从1720提高至1960元; 收入倍差从1.96缩小至
  1.81): both ends of 从/由 X (verb) 至/到 Y are figures; X takes Y's unit.
- **Named indices** (空气质量综合指数为1.95, 基尼系数0.46, 收入倍差2.1):
  an index, coefficient or multiple has no unit.
- **Table cells**: a flattened row of label–number pairs (浦东 3229 黄浦
  455 徐汇 499 …, three pairs at least), and a cell alone on its line under
  a header that prints the unit (较上年增长(%) / 单位：万元).
- **Rows of the open-information report template** (行政许可4529,
  行政处罚 1100): the single-value rows of the nationally fixed table of
  政府信息公开工作年度报告, listed in pipeline/data/open_info_rows.tsv.
- **Counts of movers** (八大类价格“六升两降”): two Chinese numerals before
  升/涨 and 降/跌 count the items that rose and fell, unit "".
- **Numbers said in words**: 翻一番 doubles (an increase of 1倍; 翻两番
  quadruples: 3倍), 两位数增长 is growth of at least 10 %.

Each rule returns `Bare` records; `spans` turns them into figures with the
same numeral parsing and intervals as every other figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline import vocab
from pipeline.extract.units import SCALES, UNITS

_NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_NUM_RE = re.compile(_NUM)
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))


class Bare(NamedTuple):
    """A bare number found by one of the rules: where it stands, the digits,
    the printed unit and scale words it takes (None: none), whether it is a
    structure term, whether it is printed with a minus sign."""

    start: int
    end: int
    number: str
    unit: str | None = None
    scale: str | None = None
    structure: bool = False
    negative: bool = False
    # the rule's own pattern rules out dates, codes and names, so the
    # non-claim patterns are not consulted (“六升两降” stands in quotes,
    # 翻一番 opens with 一)
    sure: bool = False
    prefix: str | None = None  # a qualifier word before the figure (接近翻一番)
    post: str | None = None  # a qualifier word after it


# --- structure ratios -------------------------------------------------------

_RATIO = re.compile(rf"(?<![0-9０-９.．:：∶]){_NUM}(?:\s?[:：∶]\s?{_NUM})+(?![0-9０-９.．:：∶])")
_RATIO_BACK = re.compile(r"[0-9０-９.．:：∶\s]*$")
_RATIO_CHARS = (":", "：", "∶")
_RATIO_WORDS = re.compile("比例|之比|比为|比是|比值|配比|结构")
_RATIO_AFTER = re.compile(r"\s?(?:的)?(?:比例|配比|比重|结构)")


def structure_ratios(text: str) -> list[Bare]:
    out = []
    seen = 0
    for at in _colons(text):
        if at < seen:
            continue
        back = _RATIO_BACK.search(text, max(0, at - 40), at)
        match = None
        for start in range(back.start(), at):
            match = _RATIO.match(text, start)
            if match:
                break
        if match is None:
            continue
        seen = match.end()
        terms = list(_NUM_RE.finditer(match.group()))
        if not _is_ratio(text, match, [t.group() for t in terms]):
            continue
        base = match.start()
        out.extend(Bare(base + t.start(), base + t.end(), t.group(), structure=True) for t in terms)
    return out


def _colons(text: str) -> list[int]:
    """Positions of ratio colons with a digit before them (found with
    str.find: a regex scan over every digit of a text costs far more)."""
    found = []
    for colon in _RATIO_CHARS:
        at = text.find(colon)
        while at >= 0:
            before = text[at - 2:at] if at >= 2 else text[:at]
            if before and (before[-1] in _DIGIT_CHARS or (before[-1] == " " and before[:1] in _DIGIT_CHARS)):
                found.append(at)
            at = text.find(colon, at + 1)
    return sorted(found)


_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


def _is_ratio(text: str, match: re.Match, terms: list[str]) -> bool:
    decimal = any("." in t or "．" in t for t in terms)
    if not decimal and all(len(t) == 2 and t < "60" for t in terms[1:]) and len(terms) <= 3:
        # 9:30, 12:30:45 read as a time unless a ratio word says otherwise
        return bool(_RATIO_WORDS.search(text, max(0, match.start() - 8), match.start()) or _RATIO_AFTER.match(text, match.end()))
    if len(terms) >= 3 or decimal:
        return True
    return bool(_RATIO_WORDS.search(text, max(0, match.start() - 8), match.start()) or _RATIO_AFTER.match(text, match.end()))


# --- a unit printed once for a list, and from-to changes -------------------

_JOIN = "、|和|及|与|或"
_MEMBERS = re.compile(rf"(?:(?<![0-9０-９.．A-Za-z]){_NUM}(?:{_SCALE})?(?:{_JOIN}))+$")
_MEMBER = re.compile(rf"(?P<n>{_NUM})(?P<s>{_SCALE})?(?:{_JOIN})")
_CHANGE_VERBS = (
    "(?:提高|提升|增加|增长|上升|下降|减少|降低|缩小|扩大|压缩|缩短|延长|调整|跃升|攀升|"
    "回落|缩减|放宽|升|降|增|减)"
)
_CHANGE_VERB = f"{_CHANGE_VERBS}?(?:至|到|为)"
_CHANGE_VERB_REQUIRED = f"{_CHANGE_VERBS}(?:至|到|为)"
_FROM_TO = re.compile(rf"[从由](?P<x>{_NUM}){_CHANGE_VERB}")
# with the change verb printed: 从0到1 (a first breakthrough) is an idiom
_FROM_TO_VERB = re.compile(rf"[从由](?P<x>{_NUM}){_CHANGE_VERB_REQUIRED}")
_FROM_TO_END = re.compile(rf"[从由](?P<x>{_NUM}){_CHANGE_VERB}$")
# what may stand right before a figure that lends its unit
JOIN_ENDS = frozenset("、和及与或至到为")


def list_members(text: str, start: int) -> list[tuple[int, int, str, str | None]]:
    """(start, end, digits, scale word) of the bare numbers that take the
    unit of the figure starting at `start`: members of a list joined by
    、/和/及/与/或 right before it (增长0.8、2.0和3.4个百分点), or the
    from-value of 从X提高至<figure>."""
    lo = max(0, start - 60)
    head = text[lo:start]
    members = _MEMBERS.search(head)
    if members:
        base = lo + members.start()
        return [
            (base + m.start("n"), base + (m.end("s") if m.group("s") else m.end("n")), m.group("n"), m.group("s"))
            for m in _MEMBER.finditer(members.group())
        ]
    from_to = _FROM_TO_END.search(head)
    if from_to:
        return [(lo + from_to.start("x"), lo + from_to.end("x"), from_to.group("x"), None)]
    return []


def bare_changes(text: str) -> list[Bare]:
    """从1.96缩小至1.81, 从84.7提升至89.6: both ends, when the to-value is
    bare too (a unit after it is handled with the figure it belongs to) and
    the change verb is printed (从0到1的突破 is an idiom)."""
    out = []
    for m in _literal_matches(text, ("从", "由"), _FROM_TO_VERB):
        y = _BARE_AFTER.match(text, m.end())
        if y:
            out.append(Bare(m.start("x"), m.end("x"), m.group("x")))
            out.append(Bare(y.start(), y.end(), y.group()))
    return out


_BARE_AFTER = re.compile(rf"{_NUM}(?![0-9０-９.．%％‰A-Za-z]|\s?(?:{_SCALE}|{_UNIT}))")

# --- named indices ---------------------------------------------------------

_INDEX_WORDS = ("指数", "系数", "倍差", "比值")
_INDEX = re.compile(rf"(?:指数|系数|倍差|比值)(?:为|是|达到|达|约为|约)?(?P<n>{_NUM})(?![0-9０-９.．%％‰A-Za-z])")


def indices(text: str) -> list[Bare]:
    return [
        Bare(m.start("n"), m.end("n"), m.group("n"))
        for m in _literal_matches(text, _INDEX_WORDS, _INDEX)
        if not _unit_after(text, m.end())
    ]


def _literal_matches(text: str, words: tuple[str, ...], pattern: re.Pattern) -> list[re.Match]:
    """pattern.match at every occurrence of one of `words` (each rule's
    pattern opens with one of them), in text order. str.find is far
    cheaper than a regex scan over the whole text."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            match = pattern.match(text, at)
            if match:
                found.append(match)
            at = text.find(word, at + 1)
    found.sort(key=lambda m: m.start())
    return found


def _unit_after(text: str, pos: int) -> bool:
    return bool(_UNIT_RE.match(text, pos))


_UNIT_RE = re.compile(rf"\s?(?:{_SCALE}|{_UNIT})")

# --- table cells -------------------------------------------------------------

_ROW_TOKEN = re.compile(r"[^\s]+")
_NUMBER_TOKEN = re.compile(rf"{_NUM}$")
_LABEL_START_NOT = set("".join(SCALES)) | {"%", "％", "‰", "(", "（", ")", "）", "。", "，", ",", "、", ";", "；"}
_YEAR = re.compile("(?:19|20)[0-9]{2}$")
_MIN_PAIRS = 3


def table_rows(text: str) -> list[Bare]:
    """Cells of a flattened table: label number label number ... with at
    least three label-number pairs in a run, the cells separated by spaces
    (浦东 3229 黄浦 455 徐汇 499, a row printed as text) or each on its own
    line (a web table rendered one cell a line)."""
    lines: dict[int, int] = {}
    for hit in _SPACED_NUMBER.finditer(text):  # opens with a space: a fast literal scan
        start = text.rfind("\n", 0, hit.start()) + 1
        lines[start] = lines.get(start, 0) + 1
    out = []
    for start, hits in lines.items():
        if hits >= _MIN_PAIRS:
            end = text.find("\n", start)
            line = text[start:end if end >= 0 else len(text)]
            out.extend(_cells([(start + m.start(), m.group()) for m in _ROW_TOKEN.finditer(line)]))
    cell_lines = [m.start("n") for m in _NUMBER_LINE.finditer(text)]
    if len(cell_lines) >= _MIN_PAIRS:
        out.extend(_cells(_line_tokens(text, cell_lines)))
    return out


_SPACED_NUMBER = re.compile(rf" {_NUM}(?= |\n|$)")
_NUMBER_LINE = re.compile(rf"\n[ \t\u3000]*(?P<n>{_NUM})[ \t\u3000]*(?=\n|$)")
_CELL_CHARS = 15


def _line_tokens(text: str, starts: list[int]) -> list[tuple[int, str]]:
    """The short lines around the number-only lines at `starts`, one token
    a line (blank lines skipped); a long line is a break (None)."""
    tokens: list[tuple[int, str] | None] = []
    pos = text.rfind("\n", 0, text.rfind("\n", 0, starts[0]))  # from the line before the first
    last_end = text.find("\n", starts[-1])
    last_end = len(text) if last_end < 0 else last_end
    pos = max(pos, 0)
    while pos < last_end:
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        raw = text[pos:end]
        line = raw.strip()
        if line:
            if len(line) > _CELL_CHARS:
                tokens.append(None)
            else:
                tokens.append((pos + raw.index(line), line))
        pos = end
    return tokens


def _cells(tokens: list[tuple[int, str] | None]) -> list[Bare]:
    """The numbers of runs of at least _MIN_PAIRS label-number pairs."""
    out: list[Bare] = []
    run: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        token, following = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            token is not None
            and following is not None
            and _is_label(token[1])
            and _NUMBER_TOKEN.match(following[1])
            and not _YEAR.match(following[1])
        ):
            run.append(following)
            i += 2
            continue
        if len(run) >= _MIN_PAIRS:
            out.extend(Bare(s, s + len(t), t) for s, t in run)
        run = []
        i += 1
    if len(run) >= _MIN_PAIRS:
        out.extend(Bare(s, s + len(t), t) for s, t in run)
    return out


def _is_label(token: str) -> bool:
    return (
        len(token) <= 15
        and token[0] not in _LABEL_START_NOT
        and not any(ch.isdigit() for ch in token)
        and any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in token)
    )


# A header that prints the unit of its cells: 较上年增长(%), （万元）, 单位：万元
_HEADER_UNIT = re.compile(rf"[（(]\s*(?:单位[:：]\s*)?(?P<u>{_UNIT})\s*[）)]\s*$|单位[:：]\s*(?P<v>{_UNIT})\s*[）)]?\s*$")
# a header line ends in a bracket or declares 单位
_HEADER_MARKS = (")\n", "）\n", "单位")
_CELL_LINE = re.compile(rf"(?P<sign>[-−－])?(?P<n>{_NUM})$")
_SHORT_LINE = 24
_HEADER_REACH = 40


def table_columns(text: str) -> list[Bare]:
    """A number alone on its line in a table whose header prints the unit
    (较上年增长(%) ... 0.5): the cell takes the header's unit. The cells
    are read down from the header over short lines only (a table flattened
    one cell a line); a line of prose, or another header, ends them."""
    out = []
    for header_end, unit in _headers(text):
        pos = header_end + 1
        for _ in range(_HEADER_REACH):
            if pos >= len(text):
                break
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end].strip()
            if len(line) > _SHORT_LINE or "。" in line or _HEADER_UNIT.search(line):
                break
            cell = _CELL_LINE.match(line)
            if cell:
                start = pos + (len(text[pos:end]) - len(text[pos:end].lstrip()))
                out.append(Bare(start, start + len(line), cell.group("n"), unit=unit, negative=bool(cell.group("sign"))))
            pos = end + 1
    return out


def _headers(text: str) -> list[tuple[int, str]]:
    """(end of line, unit) of the short lines that print a unit for their column."""
    found = {}
    text = text if text.endswith("\n") else text + "\n"  # a header on the last line
    for mark in _HEADER_MARKS:
        at = text.find(mark)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            line = text[start:end].strip()
            header = _HEADER_UNIT.search(line) if len(line) <= _SHORT_LINE else None
            if header:
                found[end] = header.group("u") or header.group("v")
            at = text.find(mark, end)
    return sorted(found.items())


# A unit declared in a flattened table line (（单位：万元）行政事业性收费18651.06):
# the numbers glued to the row labels after it take it, up to the next
# section heading or sentence end.
_INLINE_UNIT = re.compile(rf"[（(]单位[:：]\s*(?P<u>{_UNIT})[）)]")
_INLINE_CELL = re.compile(rf"(?<=[\u4e00-\u9fff]){_NUM}(?![0-9０-９.．%％‰A-Za-z])")
_INLINE_STOP = re.compile("[。；;]|[一二三四五六七八九十]+、")


def inline_units(text: str) -> list[Bare]:
    out = []
    for header in _literal_matches(text, ("（单位", "(单位"), _INLINE_UNIT):
        stop = _INLINE_STOP.search(text, header.end())
        end = min(stop.start() if stop else len(text), header.end() + 200, _line_end(text, header.end()))
        for cell in _INLINE_CELL.finditer(text, header.end(), end):
            if not _unit_after(text, cell.end()):
                out.append(Bare(cell.start(), cell.end(), cell.group(), unit=header.group("u")))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


# --- counts of movers --------------------------------------------------------

_MOVERS = re.compile("(?P<a>[一二两三四五六七八九十])[升涨增](?P<b>[一二两三四五六七八九十])[降跌减]")


def movers(text: str) -> list[Bare]:
    """六升两降: six items rose and two fell."""
    out = []
    for fall in "降跌减":
        at = text.find(fall, 3)
        while at >= 0:
            m = _MOVERS.match(text, at - 3)
            if m:
                out.append(Bare(m.start("a"), m.end("a"), m.group("a"), sure=True))
                out.append(Bare(m.start("b"), m.end("b"), m.group("b"), sure=True))
            at = text.find(fall, at + 1)
    return sorted(out)


# --- numbers said in words -------------------------------------------------------

_DOUBLING = re.compile("翻(?P<n>[一两二三四五])番")
_DOUBLING_PREFIX = re.compile("(?:接近|将近|近|超过|超)$")
_DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_DIGIT_GROWTH = re.compile("(?P<n>[两三])位数(?=增长|的增长|以上的增长)")


def words(text: str) -> list[Bare]:
    """翻一番 = an increase of 1倍 (翻两番: 3倍), approximate after 近/接近;
    两位数增长 = growth of at least 10 %, 三位数 at least 100 %."""
    out = []
    if "番" in text:
        for m in _DOUBLING.finditer(text):
            times = 2 ** _DOUBLINGS[m.group("n")] - 1
            pre = _DOUBLING_PREFIX.search(text, max(0, m.start() - 2), m.start())
            out.append(Bare(m.start("n"), m.end(), str(times), unit="倍", sure=True, prefix=pre.group() if pre else None))
    if "位数" in text:
        for m in _DIGIT_GROWTH.finditer(text):
            out.append(Bare(m.start(), m.end(), "10" if m.group("n") == "两" else "100", unit="%", sure=True, post="以上"))
    return out


# --- single-value rows of the open-information report template ----------------

_TEMPLATE_ROWS = {row[0]: (row[1] if len(row) > 1 and row[1] else None) for row in vocab.rows("open_info_rows.tsv")}
_TEMPLATE_CELL = re.compile(rf"[ \t\u3000\n]*(?P<n>{_NUM})(?![0-9０-９.．%％‰A-Za-z])")


def template_rows(text: str) -> list[Bare]:
    out = []
    for label, unit in _TEMPLATE_ROWS.items():
        at = text.find(label)
        while at >= 0:
            cell = _TEMPLATE_CELL.match(text, at + len(label))
            if cell and not _unit_after(text, cell.end()):
                out.append(Bare(cell.start("n"), cell.end("n"), cell.group("n"), unit=unit))
            at = text.find(label, at + 1)
    return out

