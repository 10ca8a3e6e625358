"""Attribution: turn the figures of a text into claims.

Per text: find the figures (spans), split sentences, then attribute each
figure: period and role (periods, roles), metric (metrics), comparison
links (comparisons). The rules live in those modules as tables; this one
only applies them near the figures, using indexes (sentences, periods,
headings) built once per text. Every offset is into the text given, so
`text[c.char_start:c.char_end] == c.surface` always.
"""

from __future__ import annotations

import bisect
import functools
import re
from datetime import date, datetime

from pipeline.extract import comparisons, metrics, periods, roles
from pipeline.extract.sentences import is_run_in_heading, opens_unit, quote_bounds, split_sentences
from pipeline.extract.spans import Figure, find_figures
from pipeline.extract.timeframe import TimeFrame
from pipeline.model import Claim
from pipeline.places import ClaimPlaces, divisions

# Periods that describe a comparison's base, never the figure they precede.
_BASE_PERIOD_KINDS = frozenset({"same_period_last_year"})
_LAST_YEAR_KINDS = frozenset({"same_period_last_year", "last_year"})
_PERIOD_BREAK = "，,；;。：:！？!?\n"
# A period followed by a comma is a fronted adverbial (保险2022年末，全区…):
# it opens what follows even when a heading runs into it.
_FRONTED = ("，", ",")


class _Text:
    """What attribution needs about the whole text, computed once."""

    def __init__(self, text: str, frame: TimeFrame, place: str | None) -> None:
        self.text = text
        self.frame = frame
        self.places = ClaimPlaces(text, place)
        self.doc_date = frame.spoken
        self.sentences = split_sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.periods = [
            p for p in periods.find_periods(text, 0, len(text)) if p.kind not in _BASE_PERIOD_KINDS
        ]
        self.period_starts = [p.start for p in self.periods]
        self.base_ends = {}
        for p in self.periods:
            scope = periods.base_scope(text, p)
            if scope is not None:
                self.base_ends[p.start] = scope
        self.headings = []
        for start, heading in roles.find_headings(text):
            found = self.periods_between(start, start + len(heading))
            self.headings.append((start, heading, found[0] if found else None))
        self.heading_starts = [h[0] for h in self.headings]
        self.scopes = self._scope_openers()
        self.target_lists = roles.target_lists(text)
        self.target_list_starts = [start for start, _ in self.target_lists]
        self.scope_starts = [start for start, _ in self.scopes]
        self._openers: dict[int, list[periods.Period]] = {}
        self._leading: dict[int, periods.Period | None] = {}
        self._inherited: dict[int, periods.Period | None] = {}
        self._dates: dict[tuple[int, periods.Setting], tuple[date | None, date | None]] = {}
        self._settings: dict[tuple[int, bool], periods.Setting] = {}

    def sentence_index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return i if i >= 0 and self.sentences[i][1] > pos else None

    def periods_between(self, lo: int, hi: int) -> list[periods.Period]:
        """Periods lying wholly inside text[lo:hi]."""
        i = bisect.bisect_left(self.period_starts, lo)
        out = []
        while i < len(self.periods) and self.periods[i].start < hi:
            if self.periods[i].end <= hi:
                out.append(self.periods[i])
            i += 1
        return out

    def is_own(self, period: periods.Period, hi: int) -> bool:
        """False when `period` names a comparison's base that a figure at
        `hi` comes after (the figure that states the base keeps it)."""
        return hi < self.base_ends.get(period.start, hi + 1)

    def last_own_period(self, lo: int, hi: int) -> periods.Period | None:
        """The last period in text[lo:hi] that a figure at `hi` may take."""
        i = bisect.bisect_left(self.period_starts, hi) - 1
        while i >= 0 and self.periods[i].start >= lo:
            if self.periods[i].end <= hi and self.is_own(self.periods[i], hi):
                return self.periods[i]
            i -= 1
        return None

    def clause_openers(self, index: int) -> list[periods.Period]:
        """Periods of sentence `index` that open a clause (1-5月,共计... / 上半年安排...)."""
        if index not in self._openers:
            lo, hi = self.sentences[index]
            self._openers[index] = [
                p for p in self.periods_between(lo, hi)
                if p.start == lo or self.text[p.start - 1] in _PERIOD_BREAK
                or self.text.startswith(_FRONTED, p.end)
            ]
        return self._openers[index]

    def opener_before(self, index: int, pos: int) -> periods.Period | None:
        """The last clause-opening period of sentence `index` before `pos`."""
        for period in reversed(self.clause_openers(index)):
            if period.end <= pos and self.is_own(period, pos):
                return period
        return None

    def leading_period(self, index: int) -> periods.Period | None:
        """The first clause-opening period of a sentence, for the sentences after it."""
        if index not in self._leading:
            end = self.sentences[index][1]
            self._leading[index] = next((p for p in self.clause_openers(index) if self.is_own(p, end)), None)
        return self._leading[index]

    def inherited_period(self, index: int) -> periods.Period | None:
        """The clause-opening period of the nearest earlier sentence of the
        same paragraph item (no list marker or run-in heading between; a
        heading's own period still counts)."""
        pending = []
        k = index
        while k not in self._inherited:
            if self._opens_item(k):
                self._inherited[k] = None
                break
            lead = self.leading_period(k - 1)
            if lead is not None or is_run_in_heading(self.text, self.sentences[k - 1]):
                self._inherited[k] = lead
                break
            pending.append(k)
            k -= 1
        for j in pending:
            self._inherited[j] = self._inherited[k]
        return self._inherited[index]

    def _opens_item(self, index: int) -> bool:
        """True when sentence `index` inherits nothing from the one before."""
        start = self.sentences[index][0]
        return (
            index == 0
            or self.text.rfind("\n", self.sentences[index - 1][0], start) >= 0
            or opens_unit(self.text, start)
        )

    def setting(self, heading, forward: bool) -> periods.Setting:
        """Where a figure under `heading` stands: the part of the document
        (the heading's own period when it names one: 一、2022年工作总结;
        else the planned period in a plan or for a target, the reviewed
        one otherwise) and the year the text speaks in there."""
        key = (heading[0] if heading else -1, forward)
        if key not in self._settings:
            where = periods.Setting.default(self.frame, forward)
            named = heading[2] if heading else None
            if named is not None:
                start, end = periods.resolve(named, where)
                if end is not None:
                    start = start or date(end.year, 1, 1)
                    present = max(self.frame.present or start.year, start.year)
                    where = periods.Setting((start, end), present, forward, self.frame.spoken, self.frame.review)
            self._settings[key] = where
        return self._settings[key]

    def dates(self, period: periods.Period | None, where: periods.Setting) -> tuple[date | None, date | None]:
        """`periods.resolve` once per period and setting: a heading's or a
        paragraph's period serves many figures. No period: the part's."""
        if period is None:
            return where.part or (None, None)
        key = (period.start, where)
        if key not in self._dates:
            self._dates[key] = periods.resolve(period, where)
        return self._dates[key]

    def _scope_openers(self) -> list[tuple[int, periods.Period | None]]:
        """Paragraphs that open with a period (过去五年…, 五年来，…, 2022年是…,
        过去一年，…) date the paragraphs after them that state none, up to
        the next such paragraph or the next part heading (二、…), which
        ends the scope (a None entry)."""
        text, out = self.text, []
        pos = 0
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            lead = len(line) - len(periods.SCOPE_LEAD_RE.sub("", line, count=1))
            found = self.periods_between(pos + lead, min(end, pos + lead + periods.SCOPE_REACH))
            if found and found[0].start == pos + lead and found[0].kind in periods.SCOPE_KINDS:
                out.append((pos, found[0]))
            elif periods.PART_HEADING_RE.match(line):
                out.append((pos, None))
            pos = end + 1
        return out

    def in_target_list(self, pos: int) -> bool:
        i = bisect.bisect_right(self.target_list_starts, pos) - 1
        return i >= 0 and pos < self.target_lists[i][1]

    def scope_before(self, pos: int) -> periods.Period | None:
        i = bisect.bisect_right(self.scope_starts, pos) - 1
        return self.scopes[i][1] if i >= 0 else None

    def heading_before(self, pos: int):
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        return self.headings[i] if i >= 0 else None


def extract_claims(
    text: str, doc_date: date | None = None, frame: TimeFrame | None = None, place: str | None = None
) -> list[Claim]:
    """Every numeric claim in `text`, sorted by char_start. `frame` says
    which periods the document's words mean (documents.reference_period);
    without one, a bare `doc_date` is taken as the year the text speaks in.
    `place` is the document's division code, the default place of a figure."""
    if not isinstance(text, str):
        raise TypeError(f"extract_claims needs str text, got {type(text).__name__}")
    if isinstance(doc_date, datetime):
        doc_date = doc_date.date()
    figures = find_figures(text)
    if not figures:
        return []
    doc = _Text(text, frame or TimeFrame.from_date(doc_date), place)
    attributed = [_attribute(doc, figures, i) for i in range(len(figures))]
    records = [record for record, _ in attributed]
    states_base = [base for _, base in attributed]
    _structures(doc, figures, records)
    _from_to(doc, figures, records)
    _shares(doc, figures, records)
    _share_list_metrics(text, figures, records)
    _share_ratio_metrics(doc, figures, records)
    respective = _respective_metrics(text, figures, records)
    changes = _changes(text, records)
    _link_comparisons(doc, records, states_base, changes)
    _borrow_generic_metrics(records)
    _directions(text, records, changes)
    before = [r["metric"] for r in records]
    _complete_elided(text, records)
    _follow_completed(records, before, respective)
    _span_ends(text, records)
    _outcome_targets(text, records)
    _without_own_place(records)
    return [Claim(**_stored(record)) for record in records]


def _stored(record: dict) -> dict:
    """The claim's fields: the stored sentence is the capped quote and starts where it starts."""
    fields = dict(record)
    fields["sentence_start"] = fields.pop("quote_start")
    return fields


def _without_own_place(records: list[dict]) -> None:
    """平潭游客接待量 in a Pingtan report is 游客接待量: the place column
    says where, so a name of the figure's own place opening its metric
    goes (a name that selects a part, 城镇, stays: it is no division)."""
    table = divisions()
    for record in records:
        metric, place = record["metric"], record["place_code"]
        if not metric or not place or place not in table:
            continue
        for name in table.own_names(place):
            if metric.startswith(name) and len(metric) - len(name) >= 2:
                record["metric"] = metric[len(name):]
                break


def _outcome_targets(text: str, records: list[dict]) -> None:
    """In a plan, the value an outcome indicator is to reach (增长5%,
    城镇化率提高至62%以上, 比重达到35%左右) is a target; only counts of the
    work the government will do (新建学校3所, 安排资金2亿元) stay plans."""
    for i, record in enumerate(records):
        if record["role"] != "plan":
            continue
        lo = records[i - 1]["char_end"] if i > 0 and records[i - 1]["sentence_start"] == record["sentence_start"] else record["sentence_start"]
        if record["comparison"] in ("rate", "share") or record["unit"] in metrics.RATE_UNITS or _reached(text, record, lo):
            record["role"] = "target"


def _attribute(doc: _Text, figures: list[Figure], i: int) -> tuple[dict, bool]:
    """The fields of one claim, as a dict the later passes may amend, and
    whether the figure states a comparison's base (2022年(30.20亿元)基础上)."""
    text, f = doc.text, figures[i]
    index = doc.sentence_index(f.start)
    s_start, s_end = doc.sentences[index] if index is not None else (f.start, f.end)
    q_start, q_end = quote_bounds((s_start, s_end), f.start, f.end)
    heading = doc.heading_before(f.start)
    section_role = roles.heading_role(heading[1]) if heading else "actual"

    period_clause = _break_before(text, s_start, f.start, _PERIOD_BREAK)
    period = _pick_period(doc, f, period_clause, index, heading)
    target_word = roles.TARGET_RE.search(text, period_clause, f.start)
    if target_word and section_role != "plan" and target_word.group() in roles.OBTAINING_WORDS:
        target_word = None  # a review's 争取 reports what was obtained
    targeted = bool(
        target_word
        or roles.TARGET_AFTER_RE.match(text, f.end)
        or doc.in_target_list(f.start)
    )
    where = doc.setting(heading, section_role == "plan" or targeted)
    span = doc.dates(period, where)
    own_clause = period is not None and period.start >= period_clause
    if period is not None and period.kind == "year_end" and period.start < s_start:
        # 年末 of an earlier sentence dates states (保有量, 余额); a flow there
        # (演出850场) is the year's
        if metrics.FLOW_RE.search(text, _clause_start(text, s_start, f.start), f.end + metrics.MAX_POST_CHARS):
            span = (date(span[1].year, 1, 1), span[1]) if span[1] else span
    elif not own_clause and span[1] is not None and metrics.OPEN_CUMULATIVE_RE.search(text, period_clause, f.start):
        span = (None, span[1])  # a total to date with no start stated
    role = section_role
    if f.threshold or _per_ratio(doc, figures, i):
        role = "threshold"
    elif targeted:
        role = "target"
    elif roles.PLAN_RE.search(text, period_clause, f.start):
        role = "plan"
    elif role == "plan" and doc.doc_date and span[1] and span[1] < doc.doc_date:
        role = "actual"

    return {
        "char_start": f.start,
        "char_end": f.end,
        "surface": text[f.start:f.end],
        "value": f.value,
        "value_low": f.low,
        "value_high": f.high,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "sentence": text[q_start:q_end],
        "sentence_start": s_start,
        "quote_start": q_start,
        "metric": _metric(doc, figures, i, s_start),
        "place_code": doc.places.at(s_start, f.start),
        "period": period.text if period else None,
        "period_start": span[0],
        "period_end": span[1],
        "role": role,
        "comparison": "level",
        "compared_to": None,
    }, period is not None and period.start in doc.base_ends


def _per_ratio(doc: _Text, figures: list[Figure], i: int) -> bool:
    """每2.5万人设置1个: a figure after 每 followed by another in its clause,
    and that other one. (每三年一届 states no ratio: one figure only.)"""
    text = doc.text

    def after_per(k: int) -> bool:
        return text.endswith(roles.PER_WORDS, 0, figures[k].start)

    def same_clause(a: int, b: int) -> bool:
        gap = text[figures[a].end:figures[b].start]
        return not any(ch in _PERIOD_BREAK for ch in gap)

    if after_per(i):
        return i + 1 < len(figures) and same_clause(i, i + 1)
    return i > 0 and after_per(i - 1) and same_clause(i - 1, i)


def _metric(doc: _Text, figures: list[Figure], i: int, s_start: int) -> str | None:
    """The noun the unit abbreviates (19金); else the noun after the figure
    (or after the figure glued to it: 19类46项工程); else, for the second of
    two glued figures (68户82人, not 500万元以上36家), the first one's; else
    the clause before it, from the previous figure on."""
    text, f = doc.text, figures[i]
    if f.unit in metrics.UNIT_NOUNS:
        return metrics.UNIT_NOUNS[f.unit]
    post = metrics.post_text(text, f.end)
    if not post and i + 1 < len(figures) and figures[i + 1].start == f.end:
        post = metrics.post_text(text, figures[i + 1].end)
    if post and metrics.names_something(post):
        return post
    if i > 0 and figures[i - 1].end == f.start and not figures[i - 1].threshold:
        return _metric(doc, figures, i - 1, s_start)
    start = _clause_start(text, s_start, f.start)
    after_figure = i > 0 and start <= figures[i - 1].end < f.start
    if after_figure:
        start = figures[i - 1].end
    elif start == f.start and start > s_start and text[start - 1] in "（(":
        start = _break_before(text, s_start, start - 1, _PERIOD_BREAK)
    found = [(p.start, p.end) for p in doc.periods_between(start, f.start)]
    words = metrics.pre_text(text, start, f.start, found, after_figure, f.unit not in metrics.RATE_UNITS)
    if not words and start > s_start and text[start - 1] in "）)":
        # 财政总收入(不含免抵调)预计完成52.3亿元: the subject precedes the aside.
        opening = max(text.rfind("(", s_start, start), text.rfind("（", s_start, start))
        if opening > s_start:
            outer = _break_before(text, s_start, opening, metrics.CLAUSE_BREAK)
            found = [(p.start, p.end) for p in doc.periods_between(outer, opening)]
            words = metrics.pre_text(text, outer, opening, found)
    if not words and start == s_start:
        words = _before_line_break(doc, start)
    return words if words and metrics.names_something(words) else None


def _before_line_break(doc: _Text, start: int) -> str:
    """The metric words of a clause that a line break cuts in two (产值已
    \n\n达2634亿元, a newspaper column joined by OCR): the line before
    `start` ends in no punctuation, so the clause goes on across the break."""
    text = doc.text
    end = start
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    if end == start or end == 0 or text[end - 1] in metrics.CLAUSE_BREAK:
        return ""
    index = doc.sentence_index(end - 1)
    lo = doc.sentences[index][0] if index is not None else 0
    outer = _break_before(text, lo, end, metrics.CLAUSE_BREAK)
    found = [(p.start, p.end) for p in doc.periods_between(outer, end)]
    return metrics.pre_text(text, outer, end, found)


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the metric clause holding `pos`: brackets end a clause,
    except a short one inside a word (入（返）岚人员, 居民消费价格（CPI）比上年)
    and an aside within a name (贝类（不含其它类）产量)."""
    start = _break_before(text, lo, pos, metrics.CLAUSE_BREAK)
    while start > lo and text[start - 1] in "）)":
        inner = _break_before(text, lo, start - 1, metrics.CLAUSE_BREAK)
        opened = inner - 1
        short = start - 1 - inner <= metrics.MAX_INNER_BRACKET or metrics.ASIDE_RE.match(text, inner, start - 1)
        if opened <= lo or text[opened] not in "（(" or not short or text[opened - 1] in metrics.CLAUSE_BREAK:
            break
        start = _break_before(text, lo, opened, metrics.CLAUSE_BREAK)
    return start


def _break_before(text: str, lo: int, pos: int, breaks: str) -> int:
    """Start of the clause holding `pos`, not before `lo` (lo <= pos)."""
    last = _last_break_re(breaks).search(text, lo, pos)
    return last.start() + 1 if last else lo


@functools.lru_cache(maxsize=None)
def _last_break_re(breaks: str) -> re.Pattern:
    """A break with no other after it up to the end of the span searched.
    The regex engine skips to each break in C, so this beats stepping back
    from `pos` character by character in Python."""
    chars = "".join(map(re.escape, breaks))
    return re.compile(f"[{chars}][^{chars}]*+\\Z")


def _pick_period(doc: _Text, f: Figure, clause_start: int, index: int | None, heading):
    """The nearest period before the figure in its clause; else the last
    clause-opening period before it in its sentence; else the first
    clause-opening period of the nearest earlier sentence of its paragraph
    item (1-5月,共计完成税收...;完成区级财政收入... / 全年...。其中,...);
    else the period opening an earlier paragraph of its part (过去五年…);
    else the one in its section heading. Periods that name a comparison's
    base (比上年) are skipped throughout."""
    in_clause = doc.last_own_period(clause_start, f.start)
    if in_clause is not None:
        return in_clause
    if index is not None:
        leading = doc.opener_before(index, f.start)
        if leading is not None:
            return leading
        inherited = doc.inherited_period(index)
        if inherited is not None:
            return inherited
    scope = doc.scope_before(f.start)
    if scope is not None and (heading is None or scope.start > heading[0]):
        return scope
    return heading[2] if heading else None


def _share_ratio_metrics(doc: _Text, figures: list[Figure], records: list[dict]) -> None:
    """每2.5万人设置1个粮食应急供应网点: the standard is about the thing the
    second figure counts, so the first one takes its metric."""
    for i in range(len(records) - 1):
        if doc.text.endswith(roles.PER_WORDS, 0, figures[i].start) and _per_ratio(doc, figures, i):
            records[i]["metric"] = records[i + 1]["metric"]


def _from_to(doc: _Text, figures: list[Figure], records: list[dict]) -> None:
    """常住人口城镇化率从60.2%提高到65.2%: two states of one quantity, the
    first the base (compared_to the second), the second the level; both
    measure what the clause names before 从/由 (分别从50%、75%提高至100%:
    each from-value pairs with the to-value)."""
    text = doc.text
    for i in range(len(records) - 1):
        opened = comparisons.FROM_RE.search(text, max(0, figures[i].start - comparisons.FROM_REACH), figures[i].start)
        if not opened:
            continue
        j = i + 1
        while j < len(records) and text[figures[j - 1].end:figures[j].start] == "、":
            j += 1
        if j >= len(records) or not comparisons.TO_RE.match(text[figures[j - 1].end:figures[j].start]):
            continue
        s_start = records[i]["sentence_start"]
        start = _clause_start(text, s_start, opened.start())
        found = [(p.start, p.end) for p in doc.periods_between(start, opened.start())]
        metric = metrics.pre_text(text, start, opened.start(), found, counts=figures[j].unit not in metrics.RATE_UNITS)
        if not metric:
            continue
        for k in range(i, j):
            records[k].update(metric=metric, comparison="base", compared_to=figures[j].start)
        records[j]["metric"] = metric


def _structures(doc: _Text, figures: list[Figure], records: list[dict]) -> None:
    """The terms of a structure ratio (三次产业结构由上年11.7:24.8:63.5调整为
    11.6:25.2:63.2) are shares of one whole, named by the words before the
    first term: every term takes that name."""
    i, last_name, last_sentence = 0, None, None
    while i < len(figures):
        if not figures[i].structure:
            i += 1
            continue
        j = i
        while j + 1 < len(figures) and figures[j + 1].structure and doc.text[figures[j].end:figures[j + 1].start] in metrics.RATIO_MARKS:
            j += 1
        name = records[i]["metric"]
        if not name and records[i]["sentence_start"] == last_sentence:
            name = last_name  # …调整为本期的11.6:25.2:63.2: the same structure
        last_name, last_sentence = name, records[i]["sentence_start"]
        for k in range(i, j + 1):
            records[k].update(comparison="share", metric=name, period=records[i]["period"],
                              period_start=records[i]["period_start"], period_end=records[i]["period_end"])
        i = j + 1


def _shares(doc: _Text, figures: list[Figure], records: list[dict]) -> None:
    """A percentage of a stated whole is a share, named part占whole比重
    (民营经济增加值占经济总量比重) whatever word the text uses for the
    ratio; its part is the clause's subject or, when the clause leaves it
    out (，占全区经济总量的58.4%), what the figure before it measures. A
    percentage of a target (完成年度计划的82.3%) is a completion share,
    named quantity完成target."""
    text = doc.text
    for i, record in enumerate(records):
        if record["unit"] not in metrics.SHARE_UNITS:
            continue
        s_start = record["sentence_start"]
        start = _clause_start(text, s_start, figures[i].start)
        if i > 0 and start <= figures[i - 1].end < figures[i].start:
            start = figures[i - 1].end
        clause = text[start:figures[i].start]
        before = next((records[k] for k in range(i - 1, -1, -1) if records[k]["sentence_start"] == s_start
                       and records[k]["unit"] not in metrics.SHARE_UNITS and records[k]["metric"]), None)
        share = metrics.share_name(clause, before["metric"] if before else None)
        if share:
            record.update(metric=share, comparison="share")
        elif metrics.SHARE_WORD_RE.search(clause) and record["comparison"] == "level":
            # 比例达98.7%, 占比超过80%: a share whose whole the name implies
            record["comparison"] = "share"


def _follow_completed(records: list[dict], before: list[str | None], respective: dict[int, int]) -> None:
    """Members of a comparison and figures after 分别 measure what their
    level or counterpart measures: when that name was completed
    (注册商标 -> 新增注册商标), theirs follows."""
    index = {r["char_start"]: k for k, r in enumerate(records)}
    for i, record in enumerate(records):
        k = respective.get(i, index.get(record["compared_to"]) if record["compared_to"] is not None else None)
        if k is not None and record["metric"] == before[k] and records[k]["metric"] != before[k]:
            record["metric"] = records[k]["metric"]


def _respective_metrics(text: str, figures: list[Figure], records: list[dict]) -> dict[int, int]:
    """新增发明专利45件、注册商标1073件,分别同比增长31.8%、8.3%: the k-th
    figure after 分别 measures what the k-th of as many figures before it
    does, when its own clause names nothing. Returns which figure each
    took its metric from."""
    taken: dict[int, int] = {}
    i = 0
    while i < len(records):
        j = i
        while j + 1 < len(records) and text[figures[j].end:figures[j + 1].start] == "、":
            j += 1
        size = j - i + 1
        if size > 1 and i >= size and records[i]["metric"] is None:
            earlier = records[i - size:i]
            if metrics.RESPECTIVELY in text[figures[i - 1].end:figures[i].start] and all(
                r["sentence_start"] == records[i]["sentence_start"] for r in earlier
            ):
                for k in range(size):
                    records[i + k]["metric"] = earlier[k]["metric"]
                    taken[i + k] = i - size + k
        i = j + 1
    return taken


def _share_list_metrics(text: str, figures: list[Figure], records: list[dict]) -> None:
    """Figures joined only by 、 share a metric: the noun after the last one,
    else the metric of the first one."""
    i = 0
    while i < len(records):
        j = i
        while j + 1 < len(records) and text[figures[j].end:figures[j + 1].start] == "、":
            j += 1
        if j > i:
            last = records[j]["metric"]
            shared = last if metrics.post_text(text, figures[j].end) else records[i]["metric"]
            each = metrics.distribute(shared, j - i + 1) or [shared] * (j - i + 1)
            for k in range(i, j + 1):
                records[k]["metric"] = each[k - i]
        i = j + 1


def _borrow_generic_metrics(records: list[dict]) -> None:
    for before, record in zip(records, records[1:]):
        metric = record["metric"]
        if metric and metrics.GENERIC_RE.match(metric) and before["sentence_start"] == record["sentence_start"]:
            record["metric"] = before["metric"]


def _span_ends(text: str, records: list[dict]) -> None:
    """Within a span of years (过去五年, 十四五时期), a level reached at its
    end (国内生产总值增加到121万亿元, 突破7万元) is the last year's, and the
    from-value it rose from (从2.5万公里增加到) the year's before the span;
    totals, averages and rates over the span keep the span."""
    by_start = {r["char_start"]: r for r in records}
    for i, record in enumerate(records):
        start, end = record["period_start"], record["period_end"]
        if start is None or end is None or start.year >= end.year:
            continue
        if record["comparison"] == "base" and record["compared_to"] in by_start:
            record.update(period_start=date(start.year - 1, 1, 1), period_end=date(start.year - 1, 12, 31))
            continue
        if record["comparison"] not in ("level", "share"):
            continue
        lo = records[i - 1]["char_end"] if i > 0 and records[i - 1]["sentence_start"] == record["sentence_start"] else record["sentence_start"]
        is_to_value = any(r["compared_to"] == record["char_start"] and r["comparison"] == "base" for r in records[max(0, i - 3):i])
        if is_to_value or _reached(text, record, lo):
            record.update(period_start=date(end.year, 1, 1), period_end=date(end.year, 12, 31))


def _reached(text: str, record: dict, lo: int) -> bool:
    """A level reached (增加到121万亿元, 突破7万元: 突破 is in the surface)."""
    start = record["char_start"]
    return bool(
        metrics.REACHED_RE.search(text, max(lo, start - metrics.REACHED_REACH), start)
        or record["surface"].startswith(metrics.REACHED_PREFIXES)
    )


def _complete_elided(text: str, records: list[dict]) -> None:
    """Names a breakdown leaves incomplete, completed from what it breaks
    down (metrics.completed): the anchor is the nearest earlier figure of
    the sentence, or of the sentence before when this one opens with 其中,
    that is not itself completed or a change. Also: a percentage-point
    change right after a growth rate of the same quantity is a change of
    that rate (比上年下降54.2%，同比回落68.2个百分点: 增速); and a contribution
    (拉动GDP增长0.2个百分点) is its subject's (第一产业贡献率 … -> 第一产业)."""
    original = [r["metric"] for r in records]
    for i, record in enumerate(records):
        metric = original[i]
        prev = records[i - 1] if i > 0 else None
        same = prev is not None and prev["sentence_start"] == record["sentence_start"]
        if not metric and not (same and original[i - 1] and record["unit"] == "百分点"):
            continue
        if (same and record["unit"] == "百分点" and record["comparison"] == "increment"
                and prev["comparison"] == "rate" and (prev["metric"] == metric or not metric)):
            named = metrics.RATE_NOUN_RE.search(text, prev["char_end"], record["char_start"])
            record["metric"] = original[i - 1] + (named.group() if named else metrics.GROWTH_RATE_NAME)
            continue
        if not metric:
            continue
        if metric.startswith(metrics.CONTRIBUTION_VERB) and record["unit"] == "百分点":
            # a contribution to a growth rate is a level of its own, not a change
            record.update(comparison="level", direction=None, compared_to=None)
            subject = metrics.CONTRIBUTION_OF_RE.sub("", prev["metric"]) if same and prev["metric"] else ""
            if subject and subject != prev["metric"]:
                record["metric"] = subject + metric + ("" if metric.endswith("增长") else "增长")
            continue
        anchor = _anchor(text, records, original, i)
        part = metrics.PART_OF_TOTAL_RE.search(text, record["sentence_start"], record["char_start"]) is not None
        done = metrics.completed(metric, original[anchor], part) if anchor is not None else None
        if done:
            record["metric"] = done
        elif same and prev["metric"] and _follows_item(text, prev, record):
            record["metric"] = metrics.inherited(metric, original[i - 1] or "") or metric
        elif same and original[i - 1] and metric in metrics.LIST_HEADS and _next_clause(text, prev, record):
            record["metric"] = metrics.subject_of(original[i - 1]) + metric


def _follows_item(text: str, prev: dict, record: dict) -> bool:
    """Whether `record` is the next item of a list after `prev`
    (…6000家、科技型中小企业1.76万家) or a part after a total (…3000万千瓦，
    其中可再生能源装机…): only names and fillers between them."""
    gap = text[prev["char_end"]:record["char_start"]]
    return bool(metrics.NEXT_ITEM_RE.match(gap)) and record["comparison"] in ("level", "share")


def _next_clause(text: str, prev: dict, record: dict) -> bool:
    """Whether `record` opens the clause right after `prev`'s (全区证券机构
    6家，实现营业收入6098.44万元): a bare attribute there is its subject's."""
    gap = text[prev["char_end"]:record["char_start"]]
    return bool(metrics.NEXT_CLAUSE_RE.match(gap)) and prev["comparison"] == "level" and record["comparison"] in ("level", "share")


def _anchor(text: str, records: list[dict], original: list[str | None], i: int) -> int | None:
    """The nearest earlier figure of this sentence, or of the sentence
    before (a 其中 sentence, or a clause of outcomes after a count of
    events: …事故7起…；死亡3人), whose metric is neither a change nor
    itself incomplete."""
    sentence = records[i]["sentence_start"]
    reach_back = text.startswith(metrics.PART_OPENERS, sentence) or original[i] in metrics.DEPENDENT_METRICS
    sentences = {sentence}
    for k in range(i - 1, -1, -1):
        other = records[k]
        if other["sentence_start"] not in sentences:
            if not reach_back or len(sentences) > metrics.ANCHOR_SENTENCES:
                return None
            sentences.add(other["sentence_start"])
        name = original[k]
        if name and other["comparison"] in ("level", "share", "rate") and name != original[i]:
            if not metrics.is_bare_class(name) and name not in metrics.DEPENDENT_METRICS:
                return k
    return None


def _changes(text: str, records: list[dict]) -> list[bool]:
    """Which figures are printed as changes (增长9.4%、9.1%: both are)."""
    changes = []
    for i, record in enumerate(records):
        same = i > 0 and records[i - 1]["sentence_start"] == record["sentence_start"]
        gap = text[records[i - 1]["char_end"] if same else record["sentence_start"]:record["char_start"]]
        changes.append(comparisons.is_change(gap) or (same and gap == "、" and changes[-1]))
    return changes


def _link_comparisons(doc: _Text, records: list[dict], states_base: list[bool], changes: list[bool]) -> None:
    """Set comparison/compared_to; members take their level's metric and
    period, a base its own 去年同期 resolved against the level's dates. A
    level that states a base year (在2022年(30.20亿元)基础上增长10%) passes
    on its metric only: the change is the current period's."""
    text = doc.text
    linked: set[int] = set()
    for i in range(1, len(records)):
        record, before = records[i], records[i - 1]
        if before["sentence_start"] != record["sentence_start"]:
            continue
        gap = text[before["char_end"]:record["char_start"]]
        if not comparisons.MAY_COMPARE_RE.search(gap) or comparisons.opens_new_subject(gap):
            continue
        at = next(
            (
                k for k in range(i - 1, -1, -1)
                if records[k]["sentence_start"] == record["sentence_start"]
                and k not in linked
                and records[k]["unit"] not in comparisons.NOT_A_LEVEL_UNITS
                and not changes[k]
            ),
            None,
        )
        if at is None:
            continue
        level = records[at]
        kind = comparisons.classify(gap, record["unit"], level["unit"])
        if kind is None:
            continue
        period, start, end = level["period"], level["period_start"], level["period_end"]
        own_span = any(p.kind in periods.SPAN_KINDS for p in doc.periods_between(before["char_end"], record["char_start"]))
        if states_base[at] or own_span:
            # 五年年均增长5.2% after the level reached: the rate is over its own span
            period, start, end = record["period"], record["period_start"], record["period_end"]
        if kind == "base":
            own = [
                p for p in periods.find_periods(text, before["char_end"], record["char_start"])
                if p.kind in _LAST_YEAR_KINDS
            ]
            if own:
                period = own[-1].text
                start, end = periods.shift_year((level["period_start"], level["period_end"]))
        record.update(
            comparison=kind, compared_to=level["char_start"], metric=level["metric"],
            period=period, period_start=start, period_end=end,
        )
        linked.add(i)


def _in_change_column(text: str, record: dict) -> bool:
    """A bare percentage cell of a table whose column reads 比上年增长(%):
    a rate, its sign its direction (the unit came from the header)."""
    if record["unit"] != "%" or not record["surface"].lstrip("-－−").replace(".", "").isdigit():
        return False
    return comparisons.CHANGE_COLUMN_RE.search(text, max(0, record["char_start"] - comparisons.COLUMN_REACH), record["char_start"]) is not None


def _directions(text: str, records: list[dict], changes: list[bool]) -> None:
    """A figure printed as a change is an increment or a rate even when no
    level is printed with it (同比增长9.4%); its change word gives the
    direction (增长/提高 increase, 下降/回落/收窄 decrease, 持平 unchanged),
    which gives Claim.signed_value its sign. A figure in a list after a change
    word (增长9.4%、9.1%) takes the direction of the first one."""
    for i, record in enumerate(records):
        if changes[i] and record["comparison"] == "level":
            record["comparison"] = comparisons.change_kind(record["unit"])
        elif record["comparison"] == "level" and _in_change_column(text, record):
            record["comparison"] = "rate"
        record["direction"] = None
        if record["comparison"] in comparisons.CHANGE_KINDS:
            same = i > 0 and records[i - 1]["sentence_start"] == record["sentence_start"]
            gap = text[records[i - 1]["char_end"] if same else record["sentence_start"]:record["char_start"]]
            found = comparisons.direction(gap)
            if found is None and same and gap == "、":
                found = records[i - 1]["direction"]
            record["direction"] = found or "increase"
            if record["value"] < 0:
                # 增长-2.3%: a fall of 2.3%, the size positive and the sign the direction's
                record.update(value=-record["value"], value_low=-record["value_high"], value_high=-record["value_low"],
                              direction=comparisons.OPPOSITE[record["direction"]])
