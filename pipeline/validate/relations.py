"""Relations between figures that a text states, found from words and positions.

Detection reads the skeleton (claims as tokens) and the claims' units, not
the extractor's `metric`/`comparison` guesses, so a rough extractor still
yields the right relations. Each relation is a typed record; `checks.py`
evaluates them.

Decisions recorded here:
- A level with only a rate (同比增长30%) or a rate whose base is not printed
  (核减金额590.20万元,核减率5.46%; 完成全年目标的80%) yields no relation: the
  check would be vacuous, so nothing is recorded rather than `undecidable`.
- 其中 introduces a subset. Its parts are summed only when they are said to
  cover the total: two or more parts joined by 、, each `label figure`,
  labels that differ only in a grade running down to the first
  (三星项目9个、二星项目15个、一星项目15个). 其中国家级赛事13场、省级赛事13场
  or a threshold (注册资金500万元以上36家) is a subset: each part gets a
  bound check part ≤ total.
- A parenthesis right after a total (4718家(镇域企业2506家、管镇企业2212家))
  and a total named 总数/合计/共计 followed by same-unit figures are partitions.
- Rates named …率 (not growth rates) are bounded to [0, 100]% unless the
  label says 超额/超过; those are the bound checks that can fail. Whole
  counts printed as integers cannot fail a wholeness check, so they get none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import ClaimRow
from pipeline.validate import skeleton as sk
from pipeline.validate.intervals import COUNT_UNITS
from pipeline.validate.skeleton import TOKEN, Skeleton

PERCENT = "%"
POINTS = "个百分点"
DECLINE_WORDS = ("下降", "减少", "降低", "下滑", "回落", "缩减")

COMPARISON = sk.compile_pattern(
    r"""
    (?P<L>X)\s*[，,]?\s*
    (?:(?:同比|较|比)(?P<when>[^X，,。；;、\n]{0,8}?)\s*(?P<B>X)?\s*)?
    (?P<dir>增长|增加|下降|减少|提高|降低|上升|下滑|回落|缩减|增)了?\s*
    (?P<I>X)?
    (?:\s*[，,、]?\s*(?:增幅|增长率|增速|降幅|涨幅|幅度)(?:为|达到|达)?\s*(?P<R>X))?
    """
)

PARENTHESISED_PARTS = sk.compile_pattern(r"(?P<T>X)[（(](?P<body>[^（()）X]*X(?:[^（()）X]*X)+)[)）]")

GRADES = "一二三四五六七八九123456789甲乙丙丁ABCD"
FIRST_GRADES = "一1甲A"
SUBSET_MARK = re.compile(r"[，,]\s*其中\s*[，,：:]?")
TOTAL_WORDS = ("总数", "总计", "合计", "共计", "总量", "总额", "共")
PART_SEPARATORS = "、，,"

TARGET_COMPLETION = sk.compile_pattern(
    r"""
    (?P<L>X)\s*[，,]?\s*(?:完成|占|达到|达)了?(?:全年|年度|今年)?(?:目标|计划|任务)(?:任务|数)?\s*
    (?P<T>X)\s*的?\s*(?P<R>X)
    """
)

RATE_SUFFIX = "率"
GROWTH_RATE_WORDS = ("增长率", "增速", "增幅", "降幅", "涨幅", "下降率", "增长")
# Rates that may pass 100%: completion and execution against a plan, anything 超.
OVER_WORDS = ("超额", "超过", "超", "完成", "执行", "达成", "进度")
# A decimal count is fine when it is an average: 每万人口…拥有量29.6件, 千人口托位数4.7个.
AVERAGE_WORDS = ("每", "人均", "户均", "平均", "万人", "千人", "百人", "拥有量", "密度", "率")


@dataclass(frozen=True)
class Comparison:
    """level vs base: level − base = increment, level/base − 1 = rate (sign by direction)."""

    level: ClaimRow
    base: ClaimRow | None
    increment: ClaimRow | None
    rate: ClaimRow | None
    decline: bool
    metric: str
    quote: str


@dataclass(frozen=True)
class PartList:
    """A total and parts said to cover it (partition) or only to lie within it (subset)."""

    total: ClaimRow
    parts: tuple[ClaimRow, ...]
    partition: bool
    labels: tuple[str, ...]
    metric: str
    quote: str


@dataclass(frozen=True)
class Share:
    """part/total = printed rate: 主动公开42件 of 43件, 主动公开率98%."""

    part: ClaimRow
    total: ClaimRow
    rate: ClaimRow
    metric: str
    quote: str


@dataclass(frozen=True)
class TargetCompletion:
    """level/target = printed completion rate, when the target is printed."""

    level: ClaimRow
    target: ClaimRow
    rate: ClaimRow
    metric: str
    quote: str


@dataclass(frozen=True)
class RateBound:
    """A share or rate that must lie in [0, 100]%."""

    rate: ClaimRow
    metric: str
    quote: str


@dataclass(frozen=True)
class CountBound:
    """A count printed with decimals and no scale word: it must contain a whole number."""

    count: ClaimRow
    metric: str
    quote: str


Relation = Comparison | PartList | Share | TargetCompletion | RateBound | CountBound


def find_relations(sk_doc: Skeleton) -> list[Relation]:
    comparisons = _comparisons(sk_doc)
    used = {r.claim_id for c in comparisons for r in (c.level, c.base, c.increment, c.rate) if r is not None}
    parts = _parenthesised(sk_doc) + _subsets(sk_doc, used) + _totals(sk_doc, used)
    relations: list[Relation] = [*comparisons, *parts]
    relations += _shares(sk_doc, [p for p in parts if p.partition])
    relations += _target_completions(sk_doc)
    relations += _rate_bounds(sk_doc)
    relations += _count_bounds(sk_doc)
    return relations


def _unit(row: ClaimRow | None) -> str | None:
    return None if row is None else row.claim.unit


def _metric(sk_doc: Skeleton, row: ClaimRow) -> str:
    """The extractor's metric if it has one, else the words printed before the figure."""
    if row.claim.metric:
        return row.claim.metric
    label = sk_doc.label_before(sk_doc.positions[row.claim_id])
    return re.sub(r"^(?:共计|累计|共|完成|实现|达到|达)+", "", label) or row.claim.surface


def _comparisons(sk_doc: Skeleton) -> list[Comparison]:
    found = []
    for m in COMPARISON.finditer(sk_doc.skeleton):
        rows = {k: (sk_doc.claim_at(m.start(k)) if m.group(k) else None) for k in ("L", "B", "I", "R")}
        level, base, inc, rate = rows["L"], rows["B"], rows["I"], rows["R"]
        unit = level.claim.unit
        if inc is not None and _unit(inc) == PERCENT and unit != PERCENT and rate is None:
            inc, rate = None, inc
        if base is not None and _unit(base) != unit:
            continue
        if inc is not None and not (_unit(inc) == unit or (unit == PERCENT and _unit(inc) == POINTS)):
            inc = None
        if rate is not None and (_unit(rate) != PERCENT or unit == PERCENT):
            rate = None
        if sum(x is not None for x in (base, inc, rate)) < 2:
            continue
        found.append(
            Comparison(level, base, inc, rate, m.group("dir") in DECLINE_WORDS, _metric(sk_doc, level), sk_doc.quote(level))
        )
    return found


def _common_suffix(labels: list[str]) -> str:
    suffix = labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _graded(labels: list[str]) -> bool:
    """三星项目/二星项目/一星项目: labels differing only in a grade numeral, down to the first grade.

    Grades run out at 一, so such a list names every class of the total;
    国家级赛事/省级赛事 or 月亿楼/百亿楼 do not, and stay subsets.
    """
    if len(labels) < 2 or len({len(label) for label in labels}) != 1:
        return False
    differing = [i for i in range(len(labels[0])) if len({label[i] for label in labels}) > 1]
    if len(differing) != 1:
        return False
    grades = {label[differing[0]] for label in labels}
    return grades <= set(GRADES) and bool(grades & set(FIRST_GRADES))


def _is_partition(parts: list[tuple[str, str, str]], joined_by_enumeration_comma: bool) -> bool:
    labels = [label for _, label, _ in parts]
    return (
        joined_by_enumeration_comma
        and all(not after and not sk.has_threshold(label) for _, label, after in parts)
        and _graded(labels)
    )


def _parenthesised(sk_doc: Skeleton) -> list[PartList]:
    found = []
    for m in PARENTHESISED_PARTS.finditer(sk_doc.skeleton):
        total = sk_doc.claim_at(m.start("T"))
        rows, parts, consumed = _leading_parts(sk_doc, m.start("body"), m.end("body"))
        if not consumed or len(rows) < 2 or any(r.claim.unit != total.claim.unit for r in rows) or any(not label for _, label, _ in parts):
            continue
        labels = tuple(label for _, label, _ in parts)
        found.append(PartList(total, tuple(rows), True, labels, _metric(sk_doc, total), sk_doc.quote(total, *rows)))
    return found


def _is_threshold(sk_doc: Skeleton, row: ClaimRow) -> bool:
    """注册资金500万元以上: a figure that qualifies a label rather than counting anything."""
    return row.claim.role == "threshold" or row.claim.surface.endswith(sk.THRESHOLD_WORDS)


def _piece(sk_doc: Skeleton, piece: str, offset: int) -> tuple[ClaimRow, str, str] | None:
    """`label X after` -> (claim, label, after); threshold figures stay part of the label."""
    positions = [offset + i for i, ch in enumerate(piece) if ch == TOKEN]
    counted = [p for p in positions if not _is_threshold(sk_doc, sk_doc.claims[p])]
    if len(counted) != 1:
        return None
    main = counted[0] - offset
    label = "".join(sk_doc.claims[offset + i].claim.surface if ch == TOKEN else ch for i, ch in enumerate(piece[:main]))
    return sk_doc.claims[counted[0]], label.strip(), piece[main + 1 :].strip()


def _leading_parts(sk_doc: Skeleton, start: int, end: int) -> tuple[list[ClaimRow], list[tuple[str, str, str]], bool]:
    """The run of `label X` pieces with one unit from `start`, and whether it reached `end`."""
    pieces = re.split(f"([{PART_SEPARATORS}])", sk_doc.skeleton[start:end])
    rows: list[ClaimRow] = []
    parts: list[tuple[str, str, str]] = []
    offset = start
    sep = ""
    for i, piece in enumerate(pieces):
        if i % 2 == 1:
            sep = piece
            offset += len(piece)
            continue
        found = _piece(sk_doc, piece, offset)
        if found is None or (rows and found[0].claim.unit != rows[0].claim.unit):
            return rows, parts, False
        rows.append(found[0])
        parts.append((sep, found[1], found[2]))
        offset += len(piece)
    return rows, parts, True


def _subsets(sk_doc: Skeleton, used: set[str]) -> list[PartList]:
    found = []
    for m in SUBSET_MARK.finditer(sk_doc.skeleton):
        clause_start, clause_end = sk_doc.clause_bounds(m.start())
        rows, parts, _ = _leading_parts(sk_doc, m.end(), clause_end)
        if not rows or any(r.claim.unit == PERCENT for r in rows):
            continue
        unit = rows[0].claim.unit
        before = [sk_doc.claims[p] for p in range(clause_start, m.start()) if sk_doc.skeleton[p] == TOKEN]
        totals = [
            r for r in before
            if r.claim.unit == unit and r.claim_id not in used and not _is_threshold(sk_doc, r)
            and not sk.has_threshold(sk_doc.tail_after(sk_doc.positions[r.claim_id]))
        ]
        if not totals:
            continue
        total = totals[-1]
        enumeration = all(sep in ("", "、") for sep, _, _ in parts)
        labels = tuple(label for _, label, _ in parts)
        partition = _is_partition(parts, enumeration)
        found.append(PartList(total, tuple(rows), partition, labels, _metric(sk_doc, total), sk_doc.quote(total, *rows)))
    return found


def _totals(sk_doc: Skeleton, used: set[str]) -> list[PartList]:
    """备案公文总数43件,主动公开42件,免于公开1件: a named total and the figures that split it."""
    found = []
    for pos, total in sk_doc.claims.items():
        label = sk_doc.label_before(pos)
        if total.claim_id in used or not label.endswith(TOTAL_WORDS) or total.claim.unit == PERCENT:
            continue
        if sk_doc.tail_after(pos):
            continue
        _, clause_end = sk_doc.clause_bounds(pos)
        if pos + 1 >= clause_end or sk_doc.skeleton[pos + 1] not in PART_SEPARATORS:
            continue
        rows, parts, _ = _leading_parts(sk_doc, pos + 2, clause_end)
        if len(rows) < 2 or any(r.claim.unit != total.claim.unit or r.claim_id in used for r in rows):
            continue
        if any(after or not lbl or sk.has_threshold(lbl) for _, lbl, after in parts):
            continue
        labels = tuple(lbl for _, lbl, _ in parts)
        found.append(PartList(total, tuple(rows), True, labels, _metric(sk_doc, total), sk_doc.quote(total, *rows)))
    return found


def _rate_stem(label: str) -> str | None:
    """主动公开率 -> 主动公开; None for growth rates and non-rates."""
    if not label.endswith(RATE_SUFFIX) or label.endswith(GROWTH_RATE_WORDS):
        return None
    return label[: -len(RATE_SUFFIX)]


def _shares(sk_doc: Skeleton, partitions: list[PartList]) -> list[Share]:
    found = []
    for plist in partitions:
        _, clause_end = sk_doc.clause_bounds(sk_doc.positions[plist.total.claim_id])
        last = max(sk_doc.positions[r.claim_id] for r in plist.parts)
        for pos in range(last + 1, clause_end):
            if sk_doc.skeleton[pos] != TOKEN or sk_doc.claims[pos].claim.unit != PERCENT:
                continue
            stem = _rate_stem(sk_doc.label_before(pos))
            if not stem:
                continue
            for part, label in zip(plist.parts, plist.labels):
                if label and (stem.endswith(label) or label.endswith(stem)):
                    rate = sk_doc.claims[pos]
                    found.append(Share(part, plist.total, rate, label, sk_doc.quote(plist.total, part, rate)))
                    break
    return found


def _target_completions(sk_doc: Skeleton) -> list[TargetCompletion]:
    found = []
    for m in TARGET_COMPLETION.finditer(sk_doc.skeleton):
        level, target, rate = (sk_doc.claim_at(m.start(k)) for k in ("L", "T", "R"))
        if target.claim.unit != level.claim.unit or rate.claim.unit != PERCENT:
            continue
        found.append(TargetCompletion(level, target, rate, _metric(sk_doc, level), sk_doc.quote(level, target, rate)))
    return found


def _rate_bounds(sk_doc: Skeleton) -> list[RateBound]:
    found = []
    for pos, row in sk_doc.claims.items():
        if row.claim.unit != PERCENT:
            continue
        label = sk_doc.label_before(pos)
        names = [label] + _shared_rate_names(sk_doc, pos)
        if not any(_rate_stem(n) for n in names) or any(w in label for w in OVER_WORDS):
            continue
        found.append(RateBound(row, label or row.claim.surface, sk_doc.quote(row)))
    return found


def _shared_rate_names(sk_doc: Skeleton, pos: int) -> list[str]:
    """纠错率、败诉率0%: the names listed before a figure they share."""
    start = pos
    while start > 0 and sk_doc.skeleton[start - 1] not in "，,；;。：:（(\n" + TOKEN:
        start -= 1
    return sk_doc.skeleton[start:pos].split("、")


def _count_bounds(sk_doc: Skeleton) -> list[CountBound]:
    found = []
    for pos, row in sk_doc.claims.items():
        c = row.claim
        if c.unit not in COUNT_UNITS or c.qualifier != "exact":
            continue
        digits = re.search(r"\d+\.(\d+)", c.surface)
        if digits is None or re.search("[万亿千百]", c.surface):
            continue
        clause_start, _ = sk_doc.clause_bounds(pos)
        if any(w in sk_doc.skeleton[clause_start:pos] for w in AVERAGE_WORDS):
            continue
        found.append(CountBound(row, _metric(sk_doc, row), sk_doc.quote(row)))
    return found
