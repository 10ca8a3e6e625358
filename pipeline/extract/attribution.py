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
from datetime import date, datetime

from pipeline.extract import comparisons, metrics, periods, roles
from pipeline.extract.sentences import split_sentences
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
        self.headings = []
        for match in roles.HEADING_RE.finditer(text):
            found = self.periods_between(match.start("h"), match.end("h"))
            self.headings.append((match.start(), match.group("h"), found[0] if found else None))
        self.heading_starts = [h[0] for h in self.headings]
        self._leading: dict[int, periods.Period | None] = {}

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

    def clause_leading_periods(self, lo: int, hi: int) -> list[periods.Period]:
        """Periods in text[lo:hi] that open a clause (1-5月,共计... / 上半年安排...)."""
        return [
            p for p in self.periods_between(lo, hi)
            if p.start == lo or self.text[p.start - 1] in _PERIOD_BREAK
        ]

    def leading_period(self, index: int) -> periods.Period | None:
        """The first clause-opening period of a sentence, for the sentences after it."""
        if index not in self._leading:
            found = self.clause_leading_periods(*self.sentences[index])
            self._leading[index] = found[0] if found else None
        return self._leading[index]

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
    records = [_attribute(doc, figures, i) for i in range(len(figures))]
    _share_list_metrics(text, figures, records)
    _link_comparisons(doc, records)
    _borrow_generic_metrics(records)
    return [Claim(**record) for record in records]


def _attribute(doc: _Text, figures: list[Figure], i: int) -> dict:
    """The fields of one claim, as a dict the later passes may amend."""
    text, f = doc.text, figures[i]
    index = doc.sentence_index(f.start)
    s_start, s_end = doc.sentences[index] if index is not None else (f.start, f.end)
    heading = doc.heading_before(f.start)
    section_role = roles.heading_role(heading[1]) if heading else "actual"

    period_clause = _break_before(text, s_start, f.start, _PERIOD_BREAK)
    period = _pick_period(doc, f, period_clause, index, heading)
    targeted = bool(
        roles.TARGET_RE.search(text, period_clause, f.start)
        or roles.TARGET_AFTER_RE.match(text, f.end)
    )
    span = (
        periods.resolve(period, doc.doc_date, section_role == "plan" or targeted)
        if period else (None, None)
    )
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
        "sentence": text[s_start:s_end],
        "sentence_start": s_start,
        "metric": _metric(doc, figures, i, s_start),
        "period": period.text if period else None,
        "period_start": span[0],
        "period_end": span[1],
        "role": role,
        "comparison": None,
        "compared_to": None,
    }


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
    """The noun after the figure (or after the figure glued to it: 19类46项
    工程), else the clause before it, from the previous figure on."""
    text, f = doc.text, figures[i]
    post = metrics.post_text(text, f.end)
    if not post and i + 1 < len(figures) and figures[i + 1].start == f.end:
        post = metrics.post_text(text, figures[i + 1].end)
    if post:
        return post
    start = _break_before(text, s_start, f.start, metrics.CLAUSE_BREAK)
    if i > 0 and figures[i - 1].end > start and figures[i - 1].end < f.start:
        start = figures[i - 1].end
    elif start == f.start and start > s_start and text[start - 1] in "（(":
        start = _break_before(text, s_start, start - 1, _PERIOD_BREAK)
    found = [(p.start, p.end) for p in doc.periods_between(start, f.start)]
    words = metrics.pre_text(text, start, f.start, found)
    if not words and start > s_start and text[start - 1] in "）)":
        # 财政总收入(不含免抵调)预计完成52.3亿元: the subject precedes the aside.
        opening = max(text.rfind("(", s_start, start), text.rfind("（", s_start, start))
        if opening > s_start:
            outer = _break_before(text, s_start, opening, metrics.CLAUSE_BREAK)
            found = [(p.start, p.end) for p in doc.periods_between(outer, opening)]
            words = metrics.pre_text(text, outer, opening, found)
    return words or None


def _break_before(text: str, lo: int, pos: int, breaks: str) -> int:
    """Start of the clause holding `pos`, not before `lo`."""
    i = pos - 1
    while i >= lo and text[i] not in breaks:
        i -= 1
    return i + 1


def _pick_period(doc: _Text, f: Figure, clause_start: int, index: int | None, heading):
    """The nearest period before the figure in its clause; else the last
    clause-opening period before it in its sentence; else the first
    clause-opening period of an earlier sentence joined to this one by
    semicolons (1-5月,共计完成税收...;完成区级财政收入...); else the one in
    its section heading."""
    in_clause = doc.periods_between(clause_start, f.start)
    if in_clause:
        return in_clause[-1]
    if index is not None:
        leading = doc.clause_leading_periods(doc.sentences[index][0], f.start)
        if leading:
            return leading[-1]
        line_start = doc.text.rfind("\n", 0, f.start) + 1
        k = index - 1
        while k >= 0 and doc.sentences[k][0] >= line_start and doc.text[doc.sentences[k][1] - 1] in "；;":
            lead = doc.leading_period(k)
            if lead is not None:
                return lead
            k -= 1
    return heading[2] if heading else None


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


def _link_comparisons(doc: _Text, records: list[dict]) -> None:
    """Set comparison/compared_to; members take their level's metric and
    period, a base its own 去年同期 resolved against the level's dates."""
    text = doc.text
    changes = _changes(text, records)
    for i in range(1, len(records)):
        record, before = records[i], records[i - 1]
        if before["sentence_start"] != record["sentence_start"]:
            continue
        gap = text[before["char_end"]:record["char_start"]]
        if not comparisons.MAY_COMPARE_RE.search(gap) or comparisons.NEW_SUBJECT_RE.search(gap):
            continue
        level = next(
            (
                records[k] for k in range(i - 1, -1, -1)
                if records[k]["sentence_start"] == record["sentence_start"]
                and records[k]["comparison"] in (None, "level")
                and records[k]["unit"] not in comparisons.NOT_A_LEVEL_UNITS
                and not changes[k]
            ),
            None,
        )
        if level is None:
            continue
        kind = comparisons.classify(gap, record["unit"], level["unit"])
        if kind is None:
            continue
        period, start, end = level["period"], level["period_start"], level["period_end"]
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
