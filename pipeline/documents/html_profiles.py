"""HTML page to body paragraphs plus the page's own metadata.

Parsing is lxml.html's (a real, forgiving parser). The main content block is
chosen by text density, Readability-style: every text block scores by its
length, discounted when it carries no clause punctuation (menus, link lists);
the score flows to its parent and half of it to its grandparent, and the
element with the best score times (1 - link density) is the article. No
article-extraction library is used because the pages here are a handful of
CMS templates whose text is then cleaned by the same chrome rules as plain
text, and the scoring above is about forty lines, deterministic and free of
the language models or English stop-word lists such libraries rely on.

Profiles only decide what the page's metadata means (a government
open-information page's 发布机构 is its publisher; a news page's 来源 is);
the first profile whose markers the page carries wins:

(a) gov_open_info — 索引号/发布机构/公开类别/发布时间 cells, or the TRS/CMS
    meta tags SiteName / ArticleTitle / PubDate / ContentSource / ColumnName;
(b) news_article — 来源 / 编辑 / 责任编辑 lines;
(c) generic.

A page nested deeper than MAX_TREE_DEPTH elements is read flat: libxml2
stops building the tree at 255 levels and drops the rest of the page, and the
walks below recurse, so such a page is parsed again with every tag but the
head's turned into a line break (block elements) or nothing (inline ones),
and scripts and styles removed with their content. Its text survives; only
the choice of a main block is lost, and the chrome rules still apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from . import patterns as P
from .chrome import PageMeta, metadata_line, open_info_table
from .paragraphs import strip_line

DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "option", "button", "input", "textarea", "svg", "head", "nav", "footer", "header", "aside", "object", "embed")
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody",
    "td", "th", "thead", "tr", "ul", "br", "caption", "tfoot",
}
MAX_TREE_DEPTH = 200
FLAT_KEPT_TAGS = frozenset({"html", "head", "title", "meta", "body", "br"})
# `[^<>]*` rather than `[^>]*`: an unclosed tag ends at the next `<`, so a run of them stays linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
CODE_TAGS = ("script", "style", "noscript", "textarea", "svg", "select")
_CODE_OPEN = re.compile(r"<(" + "|".join(CODE_TAGS) + r")\b", re.I)
UNPUNCTUATED_WEIGHT = 0.2
GRANDPARENT_SHARE = 0.5
MIN_BLOCK_CHARS = 10
MIN_BODY_CHARS = 40

META_KEYS = {
    "title": ("articletitle", "og:title", "title"),
    "date": ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:release_date", "maketime"),
    "source": ("contentsource", "source"),
    "site": ("sitename", "og:site_name"),
}
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|-)\s*")
SOURCE_PREFIX = re.compile(r"^(?:来源|信息来源)\s*[:：]\s*")
PROFILES = (
    ("gov_open_info", "gov_page", lambda meta, labels: bool(labels & {"索引号", "公开类别"}) or "articletitle" in meta or "sitename" in meta),
    ("news_article", "news_post", lambda meta, labels: bool(labels & {"source", "editor"})),
    ("generic", None, lambda meta, labels: True),
)


class ParseError(ValueError):
    """The page holds no article body."""


@dataclass
class HtmlPage:
    lines: list[str]
    profile: str
    doc_kind: str | None
    found: dict[str, str | None] = field(default_factory=dict)


def _meta_tags(root) -> dict[str, str]:
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in tags:
            tags[name] = content
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        tags.setdefault("title", title.text_content().strip())
    return tags


def _first(tags: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((tags[k] for k in keys if tags.get(k)), None)


def block_lines(element) -> list[str]:
    """Text of `element`, one line per block element or <br>."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        lines.extend(part for part in map(strip_line, "".join(buf).split("\n")) if part)
        buf.clear()

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in DROP_TAGS:
            return
        block = node.tag in BLOCK_TAGS
        if block:
            flush()
        if node.text:
            buf.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(element)
    flush()
    return lines


def _own_text(node) -> str:
    parts = [node.text or ""] + [child.tail or "" for child in node]
    return "".join(parts).strip()


def _block_score(text: str) -> float:
    if len(text) < MIN_BLOCK_CHARS:
        return 0.0
    punctuated = any(ch in P.CLAUSE_PUNCT for ch in text)
    return len(text) * (1.0 if punctuated else UNPUNCTUATED_WEIGHT)


def _link_density(node) -> float:
    total = len(node.text_content())
    if not total:
        return 1.0
    linked = sum(len(a.text_content()) for a in node.iter("a"))
    return linked / total


def main_block(body):
    """The element holding the article, by accumulated text-block score."""
    scores: dict = {}
    for node in body.iter():
        if not isinstance(node.tag, str) or node.tag in DROP_TAGS:
            continue
        text = node.text_content().strip() if node.tag == "p" else _own_text(node)
        score = _block_score(text)
        if not score:
            continue
        parent = node if node.tag != "p" else node.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score * GRANDPARENT_SHARE
    if not scores:
        return None
    return max(scores, key=lambda n: (scores[n] * (1.0 - _link_density(n)), -len(scores)))


def _clean_tree(root) -> None:
    etree.strip_elements(root, etree.Comment, *DROP_TAGS, with_tail=False)


def _labels(lines: list[str], meta: PageMeta) -> set[str]:
    """Read metadata lines of the whole page into `meta`; return labels seen."""
    seen: set[str] = set()
    pending: str | None = None
    for line in lines:
        if pending is not None and len(line) <= 40 and metadata_line(line) is None:
            meta.add(pending, line)
        pending = None
        if P.BARE_DATETIME.match(line):
            meta.add("发布时间", line)
        bare = line.strip(" :：")
        if bare in P.OPEN_INFO_LABELS:
            seen.add(bare)
            pending = bare
            continue
        table = open_info_table(line)
        fields = list(table.items()) if table else metadata_line(line)
        for label, value in fields or ():
            seen.add(label)
            seen.add(P.METADATA_LABELS.get(label, label))
            if value:
                meta.add(label, value)
            else:
                pending = label
    return seen


def _page_title(tags: dict[str, str]) -> str | None:
    title = _first(tags, META_KEYS["title"])
    if not title:
        return None
    if "articletitle" in tags or "og:title" in tags:
        return title
    parts = [p for p in TITLE_SEPARATORS.split(title) if p]
    return max(parts, key=len) if parts else title


def _parse(text: str, uri: str):
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unparseable HTML in {uri}: {exc}") from exc


def tree_depth(root) -> int:
    """The deepest nesting of elements, counted without recursion."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def flatten_markup(text: str) -> str:
    """The page with no nesting left in its body: block tags become <br>, other tags vanish."""

    def replace(match: re.Match) -> str:
        name = match.group(2).lower()
        if name in FLAT_KEPT_TAGS:
            return match.group(0)
        return "<br>" if name in BLOCK_TAGS else ""

    return _TAG.sub(replace, _without_code(text))


def _without_code(text: str) -> str:
    """The text with script, style ... elements and their content removed, in one pass."""
    lowered = text.lower()
    kept, position = [], 0
    for match in _CODE_OPEN.finditer(text):
        if match.start() < position:
            continue
        close = lowered.find("</" + match.group(1).lower(), match.end())
        if close < 0:
            break
        kept.append(text[position : match.start()])
        end = text.find(">", close)
        position = len(text) if end < 0 else end + 1
    kept.append(text[position:])
    return "".join(kept)


def parse_html(text: str, uri: str) -> HtmlPage:
    root = _parse(text, uri)
    if tree_depth(root) >= MAX_TREE_DEPTH:
        root = _parse(flatten_markup(text), uri)
    tags = _meta_tags(root)
    _clean_tree(root)
    body = root.find("body")
    if body is None:
        raise ParseError(f"no article body found in {uri}")
    page_meta = PageMeta()
    labels = _labels(block_lines(body), page_meta)
    block = main_block(body)
    lines = block_lines(block) if block is not None else []
    if sum(len(line) for line in lines) < MIN_BODY_CHARS:
        raise ParseError(f"no article body found in {uri}")
    profile, doc_kind = next((name, kind) for name, kind, test in PROFILES if test(tags, labels))
    source = _first(tags, META_KEYS["source"])
    found = {
        "title": _page_title(tags),
        "publisher": page_meta.get("publisher") or page_meta.get("source") or (SOURCE_PREFIX.sub("", source).split()[0] if source else None) or _first(tags, META_KEYS["site"]),
        "date": page_meta.get("date") or _first(tags, META_KEYS["date"]),
        "author": page_meta.get("author"),
    }
    return HtmlPage(lines=lines, profile=profile, doc_kind=doc_kind, found=found)
