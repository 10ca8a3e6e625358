"""A document's text with every claim replaced by one placeholder character.

Relation patterns (比…增长, 4718家(…、…), 其中…) are regular expressions
over this skeleton: a claim is one token `X`, so a pattern says where
figures sit relative to the words around them without re-parsing numbers,
and a match maps straight back to the claims by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import ClaimRow

TOKEN = "\ue000"
STRAY = "\ufffd"  # stands in for a TOKEN character already present in a text
CLAUSE_END = "。；;！？!?\n"
LABEL_STOP = "，,、；;。：:（(）)！？!?\n" + TOKEN
# Words that make a label a threshold, not a category: 注册资金500万元以上.
THRESHOLD_WORDS = ("以上", "以下", "及以上", "超过", "不足", "不到", "低于", "高于")


@dataclass(frozen=True)
class Skeleton:
    text: str
    skeleton: str
    claims: dict[int, ClaimRow]  # skeleton position -> claim
    positions: dict[str, int]  # claim_id -> skeleton position

    def claim_at(self, pos: int) -> ClaimRow:
        return self.claims[pos]

    def label_before(self, pos: int) -> str:
        """The words between the previous stop (punctuation or figure) and a figure."""
        start = pos
        while start > 0 and self.skeleton[start - 1] not in LABEL_STOP:
            start -= 1
        return self.skeleton[start:pos].strip()

    def tail_after(self, pos: int) -> str:
        """The words between a figure and the next stop."""
        end = pos + 1
        while end < len(self.skeleton) and self.skeleton[end] not in LABEL_STOP:
            end += 1
        return self.skeleton[pos + 1 : end].strip()

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        start = pos
        while start > 0 and self.skeleton[start - 1] not in CLAUSE_END:
            start -= 1
        end = pos
        while end < len(self.skeleton) and self.skeleton[end] not in CLAUSE_END:
            end += 1
        return start, end

    def quote(self, *claims: ClaimRow) -> str:
        """The sentence(s) the claims sit in, from the claims' own sentence fields."""
        seen: list[str] = []
        for c in sorted(claims, key=lambda r: r.claim.char_start):
            if c.claim.sentence not in seen:
                seen.append(c.claim.sentence)
        return "".join(seen)


def build(text: str, claims: list[ClaimRow]) -> Skeleton:
    """Overlapping claims keep the first (earliest, then longest) one."""
    parts: list[str] = []
    mapping: dict[int, ClaimRow] = {}
    cursor = 0
    length = 0
    for row in sorted(claims, key=lambda r: (r.claim.char_start, -r.claim.char_end)):
        c = row.claim
        if c.char_start < cursor:
            continue
        chunk = text[cursor : c.char_start].replace(TOKEN, STRAY)
        parts.append(chunk)
        length += len(chunk)
        mapping[length] = row
        parts.append(TOKEN)
        length += 1
        cursor = c.char_end
    parts.append(text[cursor:].replace(TOKEN, STRAY))
    return Skeleton(text, "".join(parts), mapping, {r.claim_id: p for p, r in mapping.items()})


def has_threshold(label: str) -> bool:
    return any(w in label for w in THRESHOLD_WORDS)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Patterns are written with `X` for a figure token (patterns hold no literal X)."""
    return re.compile(pattern.replace("X", TOKEN), re.VERBOSE)
