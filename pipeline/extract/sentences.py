"""Split text into sentence spans.

A sentence ends at 。！？；!?; (with any closing quotes or brackets that
follow) or at a newline. A quotation or bracket that closes on the same line
is kept whole, so “……。”he said stays one sentence and （……；……） does not
split; one that never closes is treated as plain text. Hand-written because
the splitters in the usual Chinese NLP packages either drop offsets or pull
in large models; a single regular expression does the job at regex speed.

`opens_unit` tells whether a sentence starts a new item of a paragraph —
a list marker (一是, （三）, 二、, 1.) or a run-in heading (经济形势稳中向好:)
— and `is_run_in_heading` whether a sentence is itself a heading run into
the paragraph (科创支撑不断增强。: short, one clause); beyond either, what
earlier sentences said (their period) no longer holds.

Lengths are bounded, because attribution works per sentence and every claim
stores its sentence: a sentence longer than MAX_SENTENCE_CHARS (no real one
comes near; a hostile line without punctuation does) is cut at its last
clause mark before the limit, or else between two characters that are not
both part of a number; and the sentence stored with a claim is at most
MAX_QUOTE_CHARS around the claim (`quote_bounds`), its start kept as an
offset into the full text.
"""

from __future__ import annotations

import re

_END = "。！？；!?;"
_SENTENCE_RE = re.compile(
    rf"""
    (?:
        [^{_END}\n“”「」『』（）()]+
      | “[^”\n]*”
      | 「[^」\n]*」
      | 『[^』\n]*』
      | （[^）\n]*）
      | \([^)\n]*\)
      | [“”「」『』（）()]
    )+
    [{_END}]*
    [”」』’）)]*
    """,
    re.VERBOSE,
)


MAX_SENTENCE_CHARS = 2000
MAX_QUOTE_CHARS = 500
_CLAUSE_CUTS = "，,、：:　 "
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．%％零〇一二三四五六七八九十百千万亿")
_NUMBER_CUT_SEARCH = 32


def _cut(text: str, start: int, end: int) -> int:
    """Where to end the first piece of an overlong sentence text[start:end]."""
    limit = start + MAX_SENTENCE_CHARS
    half = start + MAX_SENTENCE_CHARS // 2
    clause = max(text.rfind(mark, half, limit) for mark in _CLAUSE_CUTS)
    if clause >= 0:
        return clause + 1
    for at in range(limit, limit - _NUMBER_CUT_SEARCH, -1):
        if not (text[at - 1] in _NUMBER_CHARS and text[at] in _NUMBER_CHARS):
            return at
    return limit


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start, end)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into `text`, in order, without surrounding
    whitespace; blank stretches and bare punctuation yield no span."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        # most sentences have no whitespace at either edge: test before copying
        if text[start].isspace() or text[end - 1].isspace():
            chunk = match.group()
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
        if end - start > MAX_SENTENCE_CHARS:
            spans += _bounded(text, start, end)
        elif end > start:
            spans.append((start, end))
    return spans


def quote_bounds(sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The stretch of a sentence stored with the claim text[start:end]: the
    whole sentence, or MAX_QUOTE_CHARS of it centred on the claim."""
    s_start, s_end = sentence
    if s_end - s_start <= MAX_QUOTE_CHARS:
        return s_start, s_end
    lo = max(s_start, min(start - (MAX_QUOTE_CHARS - (end - start)) // 2, s_end - MAX_QUOTE_CHARS))
    if end > lo + MAX_QUOTE_CHARS:  # a figure running past a cut of an overlong sentence
        lo = max(start, end - MAX_QUOTE_CHARS)
    return lo, max(end, lo + MAX_QUOTE_CHARS)


UNIT_OPENER_RE = re.compile(
    r"[（(][一二三四五六七八九十0-9]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}(?:是|、)"
    r"|[0-9]{1,2}[、.．](?![0-9])"
    r"|[^，,。；;：:！？!?\n]{1,16}[：:]"
)


def opens_unit(text: str, start: int) -> bool:
    """True when the sentence starting at `start` opens a new item."""
    return UNIT_OPENER_RE.match(text, start) is not None


# A sentence this short (in characters, end mark included) with a single
# clause reads as a heading: 政策创制加速提质。 特色产业稳步提升。
MAX_HEADING_CHARS = 13
_CLAUSE_MARK_RE = re.compile(r"[，,；;：:、0-9]")


def is_run_in_heading(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    return end - start <= MAX_HEADING_CHARS and not _CLAUSE_MARK_RE.search(text, start, end)
