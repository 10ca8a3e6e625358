"""Relations evaluated on intervals, then written up as checks.

Each relation yields one or more `Outcome`s (an outcome is a check before
localisation). Outcomes of one relation form a group; `finish` names the
suspect figure of a group (see localise.py), adds the repair hint and turns
outcomes into `Check` rows with deterministic ids.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction

from pipeline import ids
from pipeline.model import Check, ClaimRow
from pipeline.validate import messages as fmt
from pipeline.validate import relations as rel
from pipeline.validate.enumerations import StatedCount
from pipeline.validate.intervals import Interval, Printed, add, div, point, printed, ratio_to_increment, ratio_to_sum, sub
from pipeline.validate.localise import suspect

HUNDRED = Fraction(100)
RATE_RANGE = Interval(Fraction(0), HUNDRED)
REAL_GROWTH_WORDS = ("可比价", "扣除价格因素", "实际增长")
REAL_REASON = "the rate is real growth at comparable prices, the levels are nominal"
# Kinds whose expected interval is the value the suspect figure should have had.
REPAIRABLE = frozenset({"difference", "growth_rate", "part_sum", "share", "target_completion"})


@dataclass(frozen=True)
class Outcome:
    kind: str
    rows: tuple[ClaimRow, ...]
    observed_row: ClaimRow | None
    verdict: str
    expected: Interval | None
    observed: Interval | None
    arithmetic: str
    message: str
    quote: str
    group: str
    summary: str = ""
    discriminator: str = ""
    internal: bool = False


def judge(expected: Interval | None, observed: Interval) -> str:
    """Inconsistent only when both are bounded and do not meet; undecidable when unbounded or too wide."""
    if expected is None or not expected.bounded or not observed.bounded:
        return "undecidable"
    if not expected.meets(observed):
        return "inconsistent"
    return "undecidable" if expected.too_wide() else "consistent"


ARTICLES = {"increase": "an ", "growth": "", "decline": "a ", "decrease": "a ", "total": "a ", "share": "a ", "rate": "a ", "completion": "a "}


def _tail(verdict: str, what: str, surface: str, expected: Interval | None, reason: str | None = None) -> str:
    if verdict == "consistent":
        return f"consistent with the printed {what} of {surface} within rounding"
    if verdict == "inconsistent":
        return f"but the report prints {ARTICLES[what]}{what} of {surface}"
    if reason is None:
        reason = "a figure is open-ended or cannot be computed" if expected is None or not expected.bounded else "the computed range is too wide to tell"
    return f"which cannot be tested against the printed {what} of {surface} ({reason})"


def _overlap(verdict: str) -> str:
    return {"consistent": "overlap", "inconsistent": "no overlap", "undecidable": "not decidable"}[verdict]


def _times(iv: Interval | None, k: Fraction) -> Interval | None:
    return None if iv is None else iv.scaled(k)


def _one_minus(iv: Interval | None) -> Interval | None:
    if iv is None:
        return None
    return Interval(None if iv.hi is None else 1 - iv.hi, None if iv.lo is None else 1 - iv.lo)


def _minus_one(iv: Interval | None) -> Interval | None:
    if iv is None:
        return None
    return Interval(None if iv.lo is None else iv.lo - 1, None if iv.hi is None else iv.hi - 1)


def comparison(c: rel.Comparison) -> list[Outcome]:
    pl = printed(c.level.claim)
    group = f"cmp:{c.level.claim_id}"
    out = []
    if c.base is not None and c.increment is not None:
        out.append(_difference(c, pl, printed(c.base.claim), printed(c.increment.claim), group))
    if c.base is not None and c.rate is not None:
        out.append(_growth(c, pl, printed(c.base.claim), printed(c.rate.claim), group))
    elif c.increment is not None and c.rate is not None:
        out.append(_growth_from_increment(c, pl, printed(c.increment.claim), printed(c.rate.claim), group))
    if c.base is not None and c.increment is not None and c.rate is not None:
        out.append(_increment_rate(c, printed(c.base.claim), printed(c.increment.claim), printed(c.rate.claim), group))
    return out


def _difference(c: rel.Comparison, pl: Printed, pb: Printed, pi: Printed, group: str) -> Outcome:
    expected = sub(pb.interval, pl.interval) if c.decline else sub(pl.interval, pb.interval)
    verdict = judge(expected, pi.interval)
    a, b = (c.base, c.level) if c.decline else (c.level, c.base)
    pa, pb2 = (pb, pl) if c.decline else (pl, pb)
    what = "decrease" if c.decline else "increase"
    message = f"{c.metric}: {a.claim.surface} − {b.claim.surface} = {fmt.value(pi, fmt.midpoint(expected))}, {_tail(verdict, what, c.increment.claim.surface, expected)}"
    arithmetic = (
        f"{pa.number} − {pb2.number} = {fmt.bare_interval(pi, pa.interval)} − {fmt.bare_interval(pi, pb2.interval)} = "
        f"{fmt.interval(pi, expected)}; printed {c.increment.claim.surface} = {fmt.interval(pi, pi.interval)}: {_overlap(verdict)}"
    )
    summary = f"the increase of {c.increment.claim.surface} fits {pl.number} and {pb.number}"
    return Outcome("difference", (c.level, c.base, c.increment), c.increment, verdict, expected, pi.interval, arithmetic, message, c.quote, group, summary)


def _real_terms(quote: str) -> bool:
    """按可比价格计算: the rate is real growth, the levels nominal, so their ratio need not match it."""
    return any(w in quote for w in REAL_GROWTH_WORDS)


def _rate_from_ratio(ratio: Interval | None, decline: bool) -> Interval | None:
    return _times(_one_minus(ratio) if decline else _minus_one(ratio), HUNDRED)


def _growth(c: rel.Comparison, pl: Printed, pb: Printed, pr: Printed, group: str) -> Outcome:
    expected = _rate_from_ratio(div(pl.interval, pb.interval), c.decline)
    real = _real_terms(c.quote)
    verdict = "undecidable" if real else judge(expected, pr.interval)
    formula = f"1 − {c.level.claim.surface} / {c.base.claim.surface}" if c.decline else f"{c.level.claim.surface} / {c.base.claim.surface} − 1"
    what = "decline" if c.decline else "growth"
    message = f"{c.metric}: {formula} = {fmt.value(pr, fmt.midpoint(expected))}, {_tail(verdict, what, c.rate.claim.surface, expected, REAL_REASON if real else None)}"
    arithmetic = (
        f"{'1 − ' if c.decline else ''}{pl.number}/{pb.number}{'' if c.decline else ' − 1'} over "
        f"{fmt.bare_interval(pl, pl.interval)} / {fmt.bare_interval(pl, pb.interval)} = "
        f"{fmt.interval(pr, expected) if expected else 'not computable'}; printed {c.rate.claim.surface} = {fmt.interval(pr, pr.interval)}: {_overlap(verdict)}"
    )
    summary = f"{c.rate.claim.surface} {'decline' if c.decline else 'growth'} is consistent with {pl.number} and {pb.number}"
    return Outcome("growth_rate", (c.level, c.base, c.rate), c.rate, verdict, expected, pr.interval, arithmetic, message, c.quote, group, summary)


def _growth_from_increment(c: rel.Comparison, pl: Printed, pi: Printed, pr: Printed, group: str) -> Outcome:
    """No base printed: the rate is increment/(level ∓ increment)."""
    ratio = ratio_to_sum(pl.interval, pi.interval) if c.decline else ratio_to_increment(pl.interval, pi.interval)
    expected = _times(ratio, HUNDRED)
    real = _real_terms(c.quote)
    verdict = "undecidable" if real else judge(expected, pr.interval)
    sign = "+" if c.decline else "−"
    message = (
        f"{c.metric}: {c.increment.claim.surface} / ({c.level.claim.surface} {sign} {c.increment.claim.surface}) = "
        f"{fmt.value(pr, fmt.midpoint(expected))}, {_tail(verdict, 'rate', c.rate.claim.surface, expected, REAL_REASON if real else None)}"
    )
    arithmetic = (
        f"{pi.number}/({pl.number} {sign} {pi.number}) = {fmt.interval(pr, expected) if expected else 'not computable'}; "
        f"printed {c.rate.claim.surface} = {fmt.interval(pr, pr.interval)}: {_overlap(verdict)}"
    )
    return Outcome("growth_rate", (c.level, c.increment, c.rate), c.rate, verdict, expected, pr.interval, arithmetic, message, c.quote, group)


def _increment_rate(c: rel.Comparison, pb: Printed, pi: Printed, pr: Printed, group: str) -> Outcome:
    """increment/base = rate: internal, it only helps tell which figure is off."""
    expected = _times(div(pi.interval, pb.interval), HUNDRED)
    verdict = judge(expected, pr.interval)
    return Outcome("growth_rate", (c.base, c.increment, c.rate), c.rate, verdict, expected, pr.interval, "", "", c.quote, group, internal=True)


def part_list(p: rel.PartList) -> list[Outcome]:
    pt = printed(p.total.claim)
    group = f"parts:{p.total.claim_id}"
    if not p.partition:
        return [_subset(p, part, pt, group) for part in p.parts]
    expected = add(*(printed(r.claim).interval for r in p.parts))
    verdict = judge(expected, pt.interval)
    terms = " + ".join(r.claim.surface for r in p.parts)
    message = f"{p.metric}: {terms} = {fmt.value(pt, fmt.midpoint(expected))}, {_tail(verdict, 'total', p.total.claim.surface, expected)}"
    arithmetic = (
        " + ".join(fmt.bare_interval(pt, printed(r.claim).interval) for r in p.parts)
        + f" = {fmt.interval(pt, expected)}; printed {p.total.claim.surface} = {fmt.interval(pt, pt.interval)}: {_overlap(verdict)}"
    )
    summary = f"the parts add up to {p.total.claim.surface}"
    return [Outcome("part_sum", (p.total, *p.parts), p.total, verdict, expected, pt.interval, arithmetic, message, p.quote, group, summary)]


def _subset(p: rel.PartList, part: ClaimRow, pt: Printed, group: str) -> Outcome:
    """其中 a subset: part ≤ total (and ≥ 0)."""
    pp = printed(part.claim)
    expected = Interval(Fraction(0), pt.interval.hi)
    verdict = "inconsistent" if not expected.meets(pp.interval) else ("consistent" if expected.bounded and pp.interval.bounded else "undecidable")
    if verdict == "inconsistent":
        message = f"{p.metric}: the part {part.claim.surface} (其中) is larger than the total {p.total.claim.surface} it belongs to"
    else:
        message = f"{p.metric}: the part {part.claim.surface} (其中) is within the total {p.total.claim.surface}"
    arithmetic = f"0 ≤ {pp.number} ≤ {pt.show(pt.interval.hi)}: {_overlap(verdict)}"
    return Outcome("bound", (p.total, part), part, verdict, expected, pp.interval, arithmetic, message, p.quote, group, discriminator="subset")


def _ratio(kind: str, word: str, metric: str, num: ClaimRow, den: ClaimRow, rate: ClaimRow, quote: str, group: str, summary: str = "") -> Outcome:
    """num / den × 100 against a printed percentage: shares and completion rates alike."""
    pn, pd, pr = (printed(r.claim) for r in (num, den, rate))
    expected = _times(div(pn.interval, pd.interval), HUNDRED)
    verdict = judge(expected, pr.interval)
    message = f"{metric}: {num.claim.surface} / {den.claim.surface} = {fmt.value(pr, fmt.midpoint(expected))}, {_tail(verdict, word, rate.claim.surface, expected)}"
    arithmetic = (
        f"{pn.number}/{pd.number} = {fmt.interval(pr, expected) if expected else 'not computable'}; "
        f"printed {rate.claim.surface} = {fmt.interval(pr, pr.interval)}: {_overlap(verdict)}"
    )
    return Outcome(kind, (num, den, rate), rate, verdict, expected, pr.interval, arithmetic, message, quote, group, summary)


def share(s: rel.Share) -> list[Outcome]:
    summary = f"the share {s.rate.claim.surface} fits {printed(s.part.claim).number} of {printed(s.total.claim).number}"
    return [_ratio("share", "share", s.metric, s.part, s.total, s.rate, s.quote, f"parts:{s.total.claim_id}", summary)]


def target_completion(t: rel.TargetCompletion) -> list[Outcome]:
    return [_ratio("target_completion", "completion", t.metric, t.level, t.target, t.rate, t.quote, f"target:{t.level.claim_id}")]


def rate_bound(b: rel.RateBound) -> list[Outcome]:
    pr = printed(b.rate.claim)
    verdict = "inconsistent" if not RATE_RANGE.meets(pr.interval) else "consistent"
    message = f"{b.metric} {b.rate.claim.surface}: a rate must lie between 0% and 100%, so this is {'impossible' if verdict == 'inconsistent' else 'possible'}"
    arithmetic = f"0% ≤ {fmt.interval(pr, pr.interval)} ≤ 100%: {_overlap(verdict)}"
    return [Outcome("bound", (b.rate,), b.rate, verdict, RATE_RANGE, pr.interval, arithmetic, message, b.quote, f"bound:{b.rate.claim_id}", discriminator="rate")]


def count_bound(b: rel.CountBound) -> list[Outcome]:
    pc = printed(b.count.claim)
    iv = pc.interval
    whole = iv.bounded and math.floor(iv.hi) >= math.ceil(iv.lo)
    verdict = "consistent" if whole else "inconsistent"
    expected = point(round(fmt.midpoint(iv))) if iv.bounded else None
    message = f"{b.metric} {b.count.claim.surface}: a count of {b.count.claim.unit} must be a whole number, {'and one rounds to it' if whole else 'and none rounds to the printed figure'}"
    arithmetic = f"whole numbers in {fmt.interval(pc, iv)}: {'some' if whole else 'none'}"
    return [Outcome("bound", (b.count,), b.count, verdict, expected, iv, arithmetic, message, b.quote, f"bound:{b.count.claim_id}", discriminator="whole")]


def stated_count(s: StatedCount) -> list[Outcome]:
    listed = len(s.items)
    rows = (s.claim,) if s.claim is not None else ()
    if s.open:
        verdict = "consistent" if listed <= s.stated else "undecidable"
        expected = Interval(Fraction(listed), None)
        relation = f"names {listed} items and 等 (so at least {listed})"
    else:
        verdict = "consistent" if listed == s.stated else "inconsistent"
        expected = point(listed)
        relation = f"lists {listed} items"
    shown = "、".join(s.items)
    message = f"“{s.name}” states {s.stated}; the text {relation}: {shown}" + ("" if verdict == "consistent" else f" — {verdict}")
    arithmetic = f"count({shown}) = {listed}{'+' if s.open else ''} vs stated {s.stated}: {_overlap(verdict) if verdict != 'undecidable' else 'not decidable'}"
    return [
        Outcome(
            "enumeration_count", rows, s.claim, verdict, expected, point(s.stated), arithmetic, message, s.quote,
            f"enum:{s.start}", discriminator=f"{s.start}:{s.end}",
        )
    ]


EVALUATORS = {
    rel.Comparison: comparison,
    rel.PartList: part_list,
    rel.Share: share,
    rel.TargetCompletion: target_completion,
    rel.RateBound: rate_bound,
    rel.CountBound: count_bound,
    StatedCount: stated_count,
}


def evaluate(relation: rel.Relation | StatedCount) -> list[Outcome]:
    return EVALUATORS[type(relation)](relation)


def _with_suspect(o: Outcome, suspect_row: ClaimRow, siblings: list[Outcome]) -> Outcome:
    notes = [s.summary for s in siblings if s.verdict == "consistent" and s.summary and suspect_row not in s.rows]
    extra = f" ({'; '.join(notes)})" if notes else ""
    hint = None
    if o.kind in REPAIRABLE and suspect_row == o.observed_row and o.expected is not None:
        hint = fmt.repair_hint(printed(suspect_row.claim), o.expected)
    if hint:
        tail = f"; likely misprint: {hint}"
    elif len(o.rows) > 1:
        tail = f"; the figure that does not fit is {suspect_row.claim.surface}"
    else:
        tail = ""
    return replace(o, message=o.message + extra + tail)


def finish(doc_id: str, outcomes: list[Outcome]) -> list[Check]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.group].append(o)
    checks = []
    for members in groups.values():
        by_id = {r.claim_id: r for o in members for r in o.rows}
        sid = suspect((frozenset(r.claim_id for r in o.rows), o.verdict) for o in members)
        for o in members:
            if o.internal:
                continue
            involved = sid is not None and o.verdict == "inconsistent" and sid in {r.claim_id for r in o.rows}
            final = _with_suspect(o, by_id[sid], members) if involved else o
            checks.append(_to_check(doc_id, final, sid if involved else None))
    return checks


def _to_check(doc_id: str, o: Outcome, suspect_id: str | None) -> Check:
    claim_ids = tuple(sorted(r.claim_id for r in o.rows))
    exp = o.expected or Interval(None, None)
    obs = o.observed or Interval(None, None)
    return Check(
        check_id=ids.check_id(o.kind, doc_id, claim_ids, o.discriminator),
        kind=o.kind,
        doc_id=doc_id,
        claim_ids=claim_ids,
        verdict=o.verdict,
        message=o.message.rstrip(".") + ".",
        expected_low=fmt.as_float(exp.lo, float("-inf")) if o.expected else None,
        expected_high=fmt.as_float(exp.hi, float("inf")) if o.expected else None,
        observed_low=fmt.as_float(obs.lo, float("-inf")) if o.observed else None,
        observed_high=fmt.as_float(obs.hi, float("inf")) if o.observed else None,
        arithmetic=o.arithmetic,
        suspect_claim_id=suspect_id,
        quote=o.quote,
    )
