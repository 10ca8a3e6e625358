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
from pipeline.model import Claim

# Periods that describe a comparison's base, never the figure they precede.
_BASE_PERIOD_KINDS = frozenset({"same_period_last_year"})
_LAST_YEAR_KINDS = frozenset({"same_period_last_year", "last_year"})
_PERIOD_BREAK = "，,；;。：:！？!?\n"


class _Text:
    """What attribution needs about the whole text, computed once."""

    def __init__(self, text: str, doc_date: date | None) -> None:
        self.text = text
        self.doc_date = doc_date
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
        self._openers: dict[int, list[periods.Period]] = {}
        self._leading: dict[int, periods.Period | None] = {}
        self._inherited: dict[int, periods.Period | None] = {}
        self._dates: dict[tuple[int, bool], tuple[date | None, date | None]] = {}

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

    def dates(self, period: periods.Period, forward: bool) -> tuple[date | None, date | None]:
        """`periods.resolve` for this text's date, once per period: a
        heading's or a paragraph's period serves many figures."""
        key = (period.start, forward)
        if key not in self._dates:
            self._dates[key] = periods.resolve(period, self.doc_date, forward)
        return self._dates[key]

    def heading_before(self, pos: int):
        i = bisect.bisect_right(self.heading_starts, pos) - 1
        return self.headings[i] if i >= 0 else None


def extract_claims(text: str, doc_date: date | None = None) -> list[Claim]:
    """Every numeric claim in `text`, sorted by char_start."""
    if not isinstance(text, str):
        raise TypeError(f"extract_claims needs str text, got {type(text).__name__}")
    if isinstance(doc_date, datetime):
        doc_date = doc_date.date()
    figures = find_figures(text)
    if not figures:
        return []
    doc = _Text(text, doc_date)
    attributed = [_attribute(doc, figures, i) for i in range(len(figures))]
    records = [record for record, _ in attributed]
    states_base = [base for _, base in attributed]
    _share_list_metrics(text, figures, records)
    _share_ratio_metrics(doc, figures, records)
    _respective_metrics(text, figures, records)
    _link_comparisons(doc, records, states_base)
    _borrow_generic_metrics(records)
    return [Claim(**_stored(record)) for record in records]


def _stored(record: dict) -> dict:
    """The claim's fields: the stored sentence is the capped quote and starts where it starts."""
    fields = dict(record)
    fields["sentence_start"] = fields.pop("quote_start")
    return fields


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
    targeted = bool(
        roles.TARGET_RE.search(text, period_clause, f.start)
        or roles.TARGET_AFTER_RE.match(text, f.end)
    )
    span = doc.dates(period, section_role == "plan" or targeted) if period else (None, None)
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
        "period": period.text if period else None,
        "period_start": span[0],
        "period_end": span[1],
        "role": role,
        "comparison": None,
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
    if post:
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
    words = metrics.pre_text(text, start, f.start, found, after_figure)
    if not words and start > s_start and text[start - 1] in "）)":
        # 财政总收入(不含免抵调)预计完成52.3亿元: the subject precedes the aside.
        opening = max(text.rfind("(", s_start, start), text.rfind("（", s_start, start))
        if opening > s_start:
            outer = _break_before(text, s_start, opening, metrics.CLAUSE_BREAK)
            found = [(p.start, p.end) for p in doc.periods_between(outer, opening)]
            words = metrics.pre_text(text, outer, opening, found)
    if not words and start == s_start:
        words = _before_line_break(doc, start)
    return words or None


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
    except a short one inside a word (入（返）岚人员, 居民消费价格（CPI）比上年)."""
    start = _break_before(text, lo, pos, metrics.CLAUSE_BREAK)
    while start > lo and text[start - 1] in "）)":
        inner = _break_before(text, lo, start - 1, metrics.CLAUSE_BREAK)
        opened = inner - 1
        if (
            opened <= lo or text[opened] not in "（(" or start - 1 - inner > metrics.MAX_INNER_BRACKET
            or text[opened - 1] in metrics.CLAUSE_BREAK
        ):
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
    return heading[2] if heading else None


def _share_ratio_metrics(doc: _Text, figures: list[Figure], records: list[dict]) -> None:
    """每2.5万人设置1个粮食应急供应网点: the standard is about the thing the
    second figure counts, so the first one takes its metric."""
    for i in range(len(records) - 1):
        if doc.text.endswith(roles.PER_WORDS, 0, figures[i].start) and _per_ratio(doc, figures, i):
            records[i]["metric"] = records[i + 1]["metric"]


def _respective_metrics(text: str, figures: list[Figure], records: list[dict]) -> None:
    """新增发明专利45件、注册商标1073件,分别同比增长31.8%、8.3%: the k-th
    figure after 分别 measures what the k-th of as many figures before it
    does, when its own clause names nothing."""
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
        i = j + 1


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
            for k in range(i, j + 1):
                records[k]["metric"] = shared
        i = j + 1


def _borrow_generic_metrics(records: list[dict]) -> None:
    for before, record in zip(records, records[1:]):
        metric = record["metric"]
        if metric and metrics.GENERIC_RE.match(metric) and before["sentence_start"] == record["sentence_start"]:
            record["metric"] = before["metric"]


def _changes(text: str, records: list[dict]) -> list[bool]:
    """Which figures are printed as changes (增长9.4%、9.1%: both are)."""
    changes = []
    for i, record in enumerate(records):
        same = i > 0 and records[i - 1]["sentence_start"] == record["sentence_start"]
        gap = text[records[i - 1]["char_end"] if same else record["sentence_start"]:record["char_start"]]
        changes.append(comparisons.is_change(gap) or (same and gap == "、" and changes[-1]))
    return changes


def _link_comparisons(doc: _Text, records: list[dict], states_base: list[bool]) -> None:
    """Set comparison/compared_to; members take their level's metric and
    period, a base its own 去年同期 resolved against the level's dates. A
    level that states a base year (在2022年(30.20亿元)基础上增长10%) passes
    on its metric only: the change is the current period's."""
    text = doc.text
    changes = _changes(text, records)
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
                and records[k]["comparison"] in (None, "level")
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
        if states_base[at]:
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
        level["comparison"] = "level"
