"""A claim's metric spelled the way the vocabulary spells names.

The extractor keeps the document's words; the same indicator then comes
with quotes, a bracketed abbreviation (地区生产总值(GDP), 细颗粒物（PM2.5）)
or a word for the place in front (全市生产总值, 全区地区生产总值,
平潭地区生产总值). Those are taken off; nothing else is changed, so the
lookup stays an exact match.

A place word is taken off only when it names the claim's own place: 全市
for a city (or a province-level city), 全国 for the country, the
division's name or its stem. 全省 in a county's claim, or the name of the
province, is kept: the figure would then be the province's, and its
metric matches nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline import vocab
from pipeline.places.divisions import divisions

QUOTES = "“”\"'‘’「」《》 \u3000"
# An abbreviation in brackets, closed or not: (GDP, （PM2.5）, (M2).
ABBREVIATION_RE = re.compile(r"[(（][A-Za-z0-9.&]*[)）]?")
# 我镇, 本街道: the document's own place, which the claim's place already is.
OWN_PLACE_RE = re.compile(r"^(?:我|本)(?:省|市|区|县|镇|乡|街道)")


def clean(text: str) -> str:
    """Without quotes, spaces and a bracketed abbreviation."""
    return ABBREVIATION_RE.sub("", text.strip(QUOTES).replace(" ", ""))


@lru_cache(maxsize=1)
def _scope_words() -> dict[str, tuple[str, ...]]:
    """全市 -> the levels of division it may mean (place_scope_words.tsv)."""
    return {word: tuple(levels.split(",")) for word, levels, *_ in vocab.rows("place_scope_words.tsv")}


@lru_cache(maxsize=4096)
def own_words(place_code: str | None) -> tuple[str, ...]:
    """Words that name exactly the division `place_code`, longest first."""
    division = divisions().get(place_code)
    if division is None:
        return ()
    words = [w for w, levels in _scope_words().items() if division.level in levels]
    if division.level != "country":
        words.append(division.name)
        if len(division.stem) >= 2:
            words.append(division.stem)
    return tuple(sorted(set(words), key=len, reverse=True))


def normalise(metric: str | None, place_code: str | None) -> str:
    """`metric` cleaned, without the leading words for its own place."""
    text = clean(metric or "")
    words = own_words(place_code)
    changed = True
    while changed:
        changed = False
        own = OWN_PLACE_RE.match(text)
        if own and len(text) > own.end():
            text, changed = text[own.end():], True
        for word in words:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
    return text
