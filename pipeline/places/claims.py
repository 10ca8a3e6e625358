"""The place a figure is about.

A figure is about its document's place unless the words before it in its
sentence name another as its subject: 全国 / 我国 (the country), 全省,
全市, 全区, 全县 (the division of that level holding the document's
place), or a division by name (杭州市, 萧山区, 张江镇). A place named as
what the figure is compared with or ranked in (高于全省平均, 居全国第一,
占全市的) does not change it.
"""

from __future__ import annotations

import re

from pipeline import vocab
from pipeline.places.divisions import COUNTRY, divisions
from pipeline.places.document import resolve
from pipeline.places.mentions import find_mentions

# 全省 -> the province holding the document's place, and so on.
SCOPE_LEVELS: dict[str, tuple[str, ...]] = {
    word: tuple(levels.split(","))
    for word, levels, *_ in vocab.rows("place_scope_words.tsv")
}
_SCOPE_RE = re.compile("|".join(sorted(SCOPE_LEVELS, key=len, reverse=True)))
# Words right before a place that make it a reference, not the subject.
REFERENCE_BEFORE_RE = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|优于|比|较|同|与|占|居|位居|位列|列|排名|领跑|跑赢|全)$")


def claim_place(text: str, lo: int, pos: int, doc_place: str | None) -> str | None:
    """The place of the figure at `pos`, named in text[lo:pos] (its
    sentence up to the figure), else `doc_place`."""
    named = _last_named(text, lo, pos, doc_place)
    return named or doc_place


def _last_named(text: str, lo: int, pos: int, doc_place: str | None) -> str | None:
    table = divisions()
    candidates: list[tuple[int, str]] = []
    for m in _SCOPE_RE.finditer(text, lo, pos):
        if _is_reference(text, lo, m.start()):
            continue
        code = _scope(m.group(), doc_place)
        if code:
            candidates.append((m.start(), code))
    context = [doc_place] if doc_place else []
    mentions = find_mentions(text, lo, pos)
    for m, code in zip(mentions, _resolved_each(mentions, context)):
        if code and not _is_reference(text, lo, m.start) and not _inside_scope_word(text, m.start):
            candidates.append((m.start, code))
    if not candidates:
        return None
    code = max(candidates)[1]
    return code if code in table else None


def _resolved_each(mentions, context: list[str]) -> list[str | None]:
    out = []
    for m in mentions:
        got = resolve([m], context)
        out.append(got[0] if got else None)
    return out


def _is_reference(text: str, lo: int, start: int) -> bool:
    return REFERENCE_BEFORE_RE.search(text, max(lo, start - 2), start) is not None


def _inside_scope_word(text: str, start: int) -> bool:
    """全国人民代表大会 names a body, not a subject."""
    return text.startswith("全", start - 1) if start else False


def _scope(word: str, doc_place: str | None) -> str | None:
    """The division `word` (全省, 全市 ...) means from a document of `doc_place`."""
    levels = SCOPE_LEVELS[word]
    if "country" in levels:
        return COUNTRY
    if not doc_place:
        return None
    table = divisions()
    for level in levels:
        code = table.up_to(doc_place, level)
        if code:
            return code
    return None
