"""Units, scale words and measure words, as data.

Every unit a number may carry is one row of `UNITS`: the printed form, the
canonical unit written to the claims table, and the exact factor that turns
the printed quantity into the canonical one. Scale words (万, 亿, ...) are
kept apart in `SCALES` because they may stand between a number and its unit
(`20.17亿元`, `1.6万条`) or inside a unit (`万元`); either way they move into
the value, so `unit` is always scale-free.

Only exact factors appear here: synonyms (平米 = 平方米, 千米 = 公里), scale
prefixes (万元 = 10^4 元) and 成 = 10 %. Units that are merely related
(米 and 公里) stay distinct: the validator compares like with like and a
conversion table it did not ask for would hide a misprint.

The tables live in pipeline/data/units.tsv (one reviewed row per word,
with the reason for each guard). Measure words (个 家 名 户 ...) are units
too: `unit` of `3844个` is `个`. The `大` of `四大应用场景` / `8大类` counts
items, so it maps to `个` / `类` — when the items are listed with it
(nonclaims.counts_listed_items); otherwise N大 is a label.
"""

from __future__ import annotations

from pipeline import vocab
from pipeline.tries import alternation

SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
    # 10万万 = 10亿, 3千万亿 = 3e15
    "万万": 1e8,
    "千万亿": 1e15,
}

# A scale word is not one when it starts a unit: 3千米 is 3 公里, 5千瓦 5 千瓦.
SCALE_NOT_BEFORE: dict[str, str] = {"千": "米瓦克"}

# printed unit -> (canonical unit, factor), measure words, and the
# characters after which a word is not the unit (80年代, 5银行, 3代表): all
# in pipeline/data/units.tsv, one reviewed row per word.


def _load_units() -> tuple[dict[str, tuple[str, float]], tuple[str, ...], dict[str, str]]:
    units, measure, guards = {}, [], {}
    for row in vocab.rows("units.tsv"):
        word, canonical, factor, kind = row[:4]
        if kind not in ("unit", "measure") or word in units:
            raise ValueError(f"units.tsv: {word}: bad kind {kind!r} or listed twice")
        units[word] = (canonical, float(factor))
        if kind == "measure":
            measure.append(word)
        if len(row) > 4 and row[4]:
            guards[word] = row[4]
    return units, tuple(measure), guards


UNITS, MEASURE_WORDS, UNIT_NOT_BEFORE = _load_units()

# 兆 ends a numeral chain (五兆 = 5 x 10^12) unless it starts one of these
# units (兆瓦, 兆赫, 兆字节).
MEGA_UNIT_STARTS = "瓦赫字比帕焦伏"

# Percent words printed before the number (百分之八十, 千分之三) -> unit.
PERCENT_WORDS: dict[str, str] = {"百分之": "%", "千分之": "‰"}

# Currency signs printed before the number ($20, ￥300) -> canonical unit.
CURRENCY_SIGNS: dict[str, str] = {"$": "美元", "＄": "美元", "￥": "元", "¥": "元"}

# 元角分: the coins after a yuan amount (123元1角1分) and their factor in 元.
YUAN_PARTS: dict[str, float] = {"角": 0.1, "分": 0.01}

# Units whose quantities may be negative: an upper bound alone (不到, 以下)
# then leaves the lower end open instead of closing it at zero.
SIGNED_UNITS: frozenset[str] = frozenset({"百分点"})


def scale_alternation() -> str:
    """Longest first (万亿 before 万), with the SCALE_NOT_BEFORE guards."""
    return _trie(SCALES, SCALE_NOT_BEFORE)


def unit_alternation() -> str:
    """Longest first, so 万平方米 wins over 万 and 个百分点 over 个, with
    the UNIT_NOT_BEFORE guards."""
    return _trie(UNITS, UNIT_NOT_BEFORE)


def _trie(words, guards: dict[str, str]) -> str:
    """The words as a regex trie (个(?:月|百分点|)...), each word's guard
    where it ends: see the tries module."""
    return alternation({word: f"(?![{guards[word]}])" if word in guards else "" for word in words})
