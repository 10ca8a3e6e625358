"""The place a figure is about.

A figure is about its document's place unless the words before it in its
sentence name another as its subject: 全国 / 我国 (the country), 全省,
全市, 全区, 全县 (the division of that level holding the document's
place, pipeline/data/place_scope_words.tsv), or a division by name
(杭州市, 萧山区, 张江镇). A place named as what the figure is compared
with or ranked in (高于全省平均, 居全国第一, 占全市的) does not change it,
nor does the name of a body (全国人民代表大会).

`ClaimPlaces` finds every place word of a text once; each figure then
looks up the last one of its sentence before it.
"""

from __future__ import annotations

import bisect
import re

from pipeline import vocab
from pipeline.places.divisions import COUNTRY, divisions
from pipeline.places.document import resolve
from pipeline.places.mentions import find_mentions

# 全省 -> the levels it may mean, tried in order.
SCOPE_LEVELS: dict[str, tuple[str, ...]] = {
    word: tuple(levels.split(",")) for word, levels, *_ in vocab.rows("place_scope_words.tsv")
}
_SCOPE_RE = re.compile("|".join(sorted(SCOPE_LEVELS, key=len, reverse=True)))
# Words right before a place that make it a reference, not the subject.
REFERENCE_BEFORE_RE = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|优于|比|较|同|与|占|居|位居|位列|列|排名|领跑|跑赢|在)$")
# 来自中国香港: where cases or goods come from, not what the figure is about.
ORIGIN_BEFORE_RE = re.compile(r"(?:来自|源自|输入自|从)(?:中国)?$")
# Words right after a place that make it part of a name (全国人民代表大会, 浙江大学).
NAME_AFTER_RE = re.compile(r"人民代表大会|人大|政协|大学|学院|人民政府|政府|党委|委员会|银行|集团|日报|电视台")


class ClaimPlaces:
    """Place words of one text, resolved against the document's place."""

    def __init__(self, text: str, doc_place: str | None) -> None:
        self.doc_place = doc_place
        found: list[tuple[int, str]] = []
        for m in _SCOPE_RE.finditer(text):
            code = _scope(m.group(), doc_place)
            if code and not _is_reference(text, m.start()) and not NAME_AFTER_RE.match(text, m.end()):
                found.append((m.start(), code))
        context = [doc_place] if doc_place else []
        for m in find_mentions(text):
            got = resolve([m], context)
            if got and not _is_reference(text, m.start) and not NAME_AFTER_RE.match(text, m.end):
                if not _inside_scope_word(text, m.start):
                    found.append((m.start, got[0]))
        found.sort()
        self.starts = [start for start, _ in found]
        self.codes = [code for _, code in found]

    def at(self, lo: int, pos: int) -> str | None:
        """The place of a figure at `pos` whose sentence starts at `lo`."""
        i = bisect.bisect_left(self.starts, pos) - 1
        if i >= 0 and self.starts[i] >= lo:
            return self.codes[i]
        return self.doc_place


def _is_reference(text: str, start: int) -> bool:
    return (
        REFERENCE_BEFORE_RE.search(text, max(0, start - 2), start) is not None
        or ORIGIN_BEFORE_RE.search(text, max(0, start - 6), start) is not None
    )


def _inside_scope_word(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == "全"


def _scope(word: str, doc_place: str | None) -> str | None:
    """The division `word` (全省, 全市 ...) means in a document of `doc_place`."""
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


def claim_place(text: str, lo: int, pos: int, doc_place: str | None) -> str | None:
    """One figure's place (for a single lookup; a text's many figures use
    `ClaimPlaces` once)."""
    return ClaimPlaces(text, doc_place).at(lo, pos)
