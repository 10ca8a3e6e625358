"""Split an OCR'd newspaper page into its articles.

A page is a sequence of paragraphs in which every article opens with a
headline block: one to three short lines without clause punctuation (引题,
主标题, 副题). Inside an article the same shape is a subhead, so a headline
block opens a new article only with evidence on either side of it:

* before it: a closing byline (撰稿 俞超, 本报记者 袁玮), a continuation line
  (下转第2版), or a gap of three or more blank lines after a finished
  sentence (the e-paper's article separator);
* after it: a lead (本报讯, 本报X电) or a bare author name followed by body
  text (a signed commentary: 财政力度尽显惠民温度 / 杨欢).

An opening byline (■本报记者 曹之光) sits under a lead, so what follows it is
still the same article. Standalone byline lines go to `Article.byline` and
out of the text; an inline one (本报讯（记者 章磊）) stays in the text and is
copied to the byline. Continuation markers are cut from the text and kept in
`Article.jumps`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import patterns as P
from .ocr_joins import rejoin
from .paragraphs import Para, byline_of, is_bare_names, is_headline_like, is_terminated

WIDE_GAP = 3
LEAD_HEAD_MAX_CHARS = 60


@dataclass
class Article:
    head: list[Para]
    body: list[Para]
    bylines: list[str] = field(default_factory=list)
    jumps: list[str] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        lines = [p.text for p in self.head if is_headline_like(p.text)]
        return " ".join(lines) if lines else None

    @property
    def byline(self) -> str | None:
        return " ".join(dict.fromkeys(self.bylines)) if self.bylines else None

    def paragraphs(self) -> list[Para]:
        return self.head + rejoin(self.body, broken_subheads=True)


def is_newspaper_page(paras: list[Para]) -> bool:
    text = "\n".join(p.text for p in paras)
    return len(P.NEWSPAPER_MARKERS.findall(text)) >= P.NEWSPAPER_MIN_MARKERS


def _cut_jumps(paras: list[Para]) -> tuple[list[Para], dict[int, list[str]]]:
    """Remove 下转第2版-style markers; remember which paragraph held them."""
    out: list[Para] = []
    jumps: dict[int, list[str]] = {}
    for para in paras:
        found = P.PAGE_JUMP.findall(para.text)
        text = P.PAGE_JUMP.sub("", para.text).strip() if found else para.text
        if found:
            jumps.setdefault(len(out) if text else len(out) - 1, []).extend(found)
        if text:
            out.append(replace(para, text=text))
    return out, jumps


def _kind(paras: list[Para], k: int) -> str:
    text = paras[k].text
    found = byline_of(text)
    if found:
        return "opening_byline" if found[1] else "closing_byline"
    if is_headline_like(text):
        return "head"
    return "body"


def _opens_article(paras: list[Para], kinds: list[str], start: int, end: int, jumps: dict[int, list[str]]) -> bool:
    """Whether the headline run paras[start:end] opens a new article."""
    before = start - 1
    if kinds[before] == "closing_byline" or any(P.JUMP_OUT.search(j) for j in jumps.get(before, [])):
        return True
    if paras[start].gap >= WIDE_GAP and kinds[before] == "body" and is_terminated(paras[before].text):
        return True
    if end < len(paras) and P.ARTICLE_LEAD.match(paras[end].text):
        return True
    return _signed_run(paras, kinds, start, end)


def _signed_run(paras: list[Para], kinds: list[str], start: int, end: int) -> bool:
    """Headline then a bare author name then body: a signed piece."""
    return (
        end - start >= 2
        and is_bare_names(paras[end - 1].text)
        and end < len(paras)
        and kinds[end] == "body"
    )


def _has_body(paras: list[Para]) -> bool:
    """Whether an article so far has body text: a lead, or text after its
    headline (a page's first article may open with a punctuated 引题 above
    the headline, which is not body)."""
    headline_seen = False
    for p in paras:
        if P.ARTICLE_LEAD.match(p.text) or (headline_seen and not is_headline_like(p.text)):
            return True
        headline_seen = headline_seen or is_headline_like(p.text)
    return False


def _runs(kinds: list[str]) -> list[tuple[int, int]]:
    runs, k = [], 0
    while k < len(kinds):
        if kinds[k] == "head":
            start = k
            while k < len(kinds) and kinds[k] == "head":
                k += 1
            runs.append((start, k))
        else:
            k += 1
    return runs


def split_articles(paras: list[Para]) -> list[Article]:
    paras, jumps = _cut_jumps(paras)
    if not paras:
        return []
    kinds = [_kind(paras, k) for k in range(len(paras))]
    starts = [0]
    for s, e in _runs(kinds):
        if s > 0 and _has_body(paras[starts[-1] : s]) and _opens_article(paras, kinds, s, e, jumps):
            starts.append(s)
    bounds = list(zip(starts, starts[1:] + [len(paras)]))
    articles: list[Article] = []
    for s, e in bounds:
        article = _article(paras[s:e], kinds[s:e], [j for k in range(s, e) for j in jumps.get(k, [])])
        if article.body or not articles:
            articles.append(article)
        else:
            articles[-1].body.extend(article.head)
    return [a for a in articles if a.body]


def _head_length(paras: list[Para], kinds: list[str]) -> int:
    """Leading headline lines; a page's first article may also carry a long
    引题 with punctuation above its title, up to its 本报讯 lead."""
    lead = next((k for k, p in enumerate(paras) if P.ARTICLE_LEAD.match(p.text)), None)
    if lead is not None and all(kinds[k] == "head" or len(paras[k].text) <= LEAD_HEAD_MAX_CHARS for k in range(lead)):
        return lead
    n = 0
    while n < len(paras) and kinds[n] == "head":
        n += 1
    return n


def _article(paras: list[Para], kinds: list[str], jumps: list[str]) -> Article:
    n = _head_length(paras, kinds)
    head, body, bylines = [], [], []
    for k, para in enumerate(paras):
        if kinds[k].endswith("byline"):
            bylines.append(byline_of(para.text)[0])
        elif is_bare_names(para.text) and ((k == n - 1 and k > 0) or (k == len(paras) - 1 and k > n)):
            bylines.append(para.text)
        elif k < n:
            head.append(para)
        else:
            body.append(para)
    inline = next((found for found in map(inline_byline, body) if found), None)
    if inline:
        bylines.insert(0, inline)
    return Article(head, body, bylines, jumps)


def inline_byline(para: Para) -> str | None:
    """The byline inside a lead paragraph, spacing normalised; the text keeps it."""
    match = P.INLINE_BYLINE.match(para.text)
    return re.sub(r"\s+", " ", match.group(1)) if match else None
