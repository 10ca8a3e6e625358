"""Canonical indicators for claims: which official statistic a figure states.

    from pipeline.indicators import with_indicators, classify, vocabulary

A claim's `metric` is in the document's words (全市生产总值, 地区生产总值,
国内生产总值, 生产总值 all name GDP), so figures of different documents
cannot be put side by side by metric. The vocabulary in
pipeline/data/indicators.tsv lists the indicators bulletins, work reports
and fiscal reports state most, each with the names documents print
(`vocabulary`). A claim gets an indicator only when

- its metric, without quotes, a bracketed abbreviation and words for its
  own place (`names.normalise`), is exactly one of those names — never a
  near match, because a wrong indicator joins figures that are not
  comparable, which is worse than leaving one out;
- the name holds for the claim's place (国内生产总值 only for the whole
  country, 地区生产总值 only below it);
- its unit and comparison say which measure of the indicator it is
  (`measure`): a level or an increment in the indicator's own units, a
  growth rate in %, or a change of a ratio in percentage points;
- nothing before it in its sentence narrows it (`context.narrowed`: an
  annual average, a size class, a subject whose part it is), nor the
  level it is compared to.

Everything else gets None. models/v_facts.sql derives the measure again
in SQL from the unit and comparison; it can, because every claim with an
indicator passed `measure` here (tests/test_facts.py compares the two).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pipeline.indicators.context import narrowed
from pipeline.indicators.names import normalise
from pipeline.indicators.vocabulary import Indicator, by_id, lookup, vocabulary
from pipeline.model import Claim

__all__ = ["MEASURES", "Indicator", "by_id", "classify", "measure", "normalise", "vocabulary", "with_indicators"]

MEASURES = ("level", "growth_rate", "increment", "change_pp")
POINTS = "百分点"
GROWTH_UNIT = "%"
# A metric naming the growth of an indicator (地区生产总值增速 5%): the
# figure is that indicator's growth rate.
GROWTH_SUFFIXES = ("增长速度", "增长幅度", "增长率", "增速", "增幅", "涨幅")


def measure(indicator: Indicator, comparison: str, unit: str, growth_named: bool = False) -> str | None:
    """Which measure of `indicator` a figure with this comparison and unit
    states, or None when it states none (a share of something unnamed, a
    growth rate compared in points with another place's)."""
    if unit == POINTS:
        return "change_pp" if indicator.is_ratio and comparison in ("increment", "rate") and not growth_named else None
    if indicator.is_ratio:
        ok = not growth_named and unit in indicator.units and comparison in ("level", "base", "share")
        return "level" if ok else None
    if unit == GROWTH_UNIT:
        return "growth_rate" if comparison == "rate" or (growth_named and comparison == "level") else None
    if growth_named or unit not in indicator.units:
        return None
    return {"level": "level", "base": "level", "increment": "increment"}.get(comparison)


def classify(metric: str | None, unit: str, comparison: str, place_code: str | None) -> tuple[Indicator, str] | None:
    """(indicator, measure) that a metric, unit, comparison and place name, or None."""
    name = normalise(metric, place_code)
    if not name:
        return None
    indicator, growth_named = lookup(name, place_code), False
    if indicator is None:
        suffix = next((s for s in GROWTH_SUFFIXES if name.endswith(s) and len(name) > len(s)), None)
        if suffix is None:
            return None
        indicator, growth_named = lookup(name[: -len(suffix)], place_code), True
        if indicator is None:
            return None
    found = measure(indicator, comparison, unit, growth_named)
    return (indicator, found) if found else None


def with_indicators(claims: list[Claim], text: str) -> list[Claim]:
    """The claims of `text`, each with `indicator` set where one applies
    and None elsewhere; a claim compared to a narrowed level is narrowed too."""
    found = {c.char_start: classify(c.metric, c.unit, c.comparison, c.place_code) for c in claims}
    refused = {c.char_start for c in claims if found[c.char_start] and narrowed(c, found[c.char_start][0], text)}
    out = []
    for c in claims:
        keep = found[c.char_start] and c.char_start not in refused and c.compared_to not in refused
        out.append(replace(c, indicator=found[c.char_start][0].id if keep else None))
    return out
