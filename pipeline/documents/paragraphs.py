"""Paragraphs and the shape tests every later step asks about them.

A paragraph is one non-empty line of the decoded text, stripped of the
surrounding whitespace only (indentation and trailing spaces carry no
characters a claim can point at); `gap` counts the blank lines above it,
which on OCR'd pages is the only trace of the layout (articles are separated
by wider gaps than paragraphs); `detached` says that cleaning removed a line
right above it, so it was not adjacent to its predecessor on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as P

# Zero-width marks some sources leave at a line end (各位代表：\u200d); str.strip
# handles every Unicode space (ideographic, no-break, em) but not these.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def strip_line(line: str) -> str:
    previous = None
    while previous != line:
        previous, line = line, line.strip().strip(ZERO_WIDTH)
    return line


@dataclass(frozen=True)
class Para:
    text: str
    gap: int = 0
    detached: bool = False


def split_paragraphs(text: str) -> list[Para]:
    paras: list[Para] = []
    gap = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = strip_line(line)
        if not stripped:
            gap += 1
            continue
        paras.append(Para(stripped, gap))
        gap = 0
    return paras


def is_terminated(text: str) -> bool:
    """Whether the paragraph ends a sentence (closing quotes look behind)."""
    end = text.rstrip(P.CLOSERS)
    if not end:
        return False
    if end != text and end[-1] in P.SENTENCE_END:
        return True
    return text[-1] in P.SENTENCE_END


def is_headline_like(text: str) -> bool:
    """Headlines and subheads carry no clause punctuation."""
    return len(text) <= P.HEADLINE_MAX_CHARS and not any(ch in P.CLAUSE_PUNCT for ch in text)


def is_list_heading(text: str) -> bool:
    return bool(P.FRESH_START.match(text)) and len(text) <= P.LIST_HEADING_MAX_CHARS and not is_terminated(text)


def starts_fresh(text: str) -> bool:
    return bool(P.FRESH_START.match(text) or P.ARTICLE_LEAD.match(text))


def byline_of(text: str) -> tuple[str, bool] | None:
    """(byline, opens the article) for a standalone byline line, else None."""
    for pattern, opens in P.BYLINES:
        match = pattern.match(text)
        if match:
            return match.group(1), opens
    return None


def is_bare_names(text: str) -> bool:
    return bool(P.BARE_NAMES.match(text))
