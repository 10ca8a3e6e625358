"""raw bytes -> clean Documents: decode, parse, clean, split.

The one entry point that never raises on bad input: whatever an input does
wrong (undecodable, empty, truncated, no article body, a parser surprise)
becomes a Quarantined record naming the input, so one bad file never stops a
run over thousands.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .. import ids
from ..places import divisions, document_place
from ..model import Document, Quarantined, RawDocument
from .articles import Article, inline_byline, is_newspaper_page, split_articles
from .chrome import PageMeta, clean_page, page_date
from .decode import DecodeError, decode_bytes, invalid_utf8_offsets
from .html_profiles import ParseError, parse_html
from .metadata import hinted, merge, normalise_date
from .ocr_joins import rejoin
from .paragraphs import Para, byline_of, is_bare_names, is_headline_like, is_terminated, split_paragraphs, starts_fresh
from .reference import delivered_date, doc_kind, reference_period

NEWSPAPER_PAGE = "newspaper_page"
NEWSPAPER_ARTICLE = "newspaper_article"
HTML_CLOSERS = re.compile(rb"</\s*(?:html|body)\s*>", re.I)
TITLE_SEARCH_PARAS = 3
LEAD_SEARCH_PARAS = 3
MIN_TITLE_CHARS = 4
FIRST_LINE_TITLE_MAX_CHARS = 60


def _quarantine(raw: RawDocument, stage: str, reason: str) -> tuple[list[Document], list[Quarantined]]:
    return [], [Quarantined(raw.source_id, raw.input_name, stage, reason, raw.content_sha256)]


def build_documents(raw: RawDocument) -> tuple[list[Document], list[Quarantined]]:
    try:
        return _build(raw)
    except Exception as exc:  # noqa: BLE001 - the contract: bad input never raises
        return _quarantine(raw, "parse", f"{type(exc).__name__} while parsing {raw.source_uri}: {exc}")


def _build(raw: RawDocument) -> tuple[list[Document], list[Quarantined]]:
    uri, hints = raw.source_uri, dict(raw.hints or {})
    try:
        text, encoding = decode_bytes(raw.content, uri, hints, raw.media_type)
    except DecodeError as exc:
        return _quarantine(raw, "decode", str(exc))
    notes = _replaced_bytes(raw, text, encoding)
    found: dict[str, str | None] = {}
    page_kind = None
    if raw.media_type == "text/html":
        if not HTML_CLOSERS.search(raw.content[-4096:]):
            return _quarantine(raw, "parse", f"truncated HTML (no closing </body> or </html>) in {uri}")
        try:
            page = parse_html(text, uri)
        except ParseError as exc:
            return _quarantine(raw, "parse", str(exc))
        paras = [Para(line) for line in page.lines]
        found, page_kind = dict(page.found), page.doc_kind
    else:
        paras = split_paragraphs(text)
    cleaned, meta = clean_page(paras)
    if not any(not is_headline_like(p.text) for p in cleaned):
        return _quarantine(raw, "parse", f"no article body found in {uri}")
    _fill_from_page(found, meta)
    newspaper = hinted(hints, "doc_kind") == NEWSPAPER_PAGE or (not hinted(hints, "doc_kind") and is_newspaper_page(cleaned))
    if newspaper:
        articles = split_articles(cleaned)
        if articles:
            return [_described(_article_document(raw, hints, found, encoding, n, a), hints) for n, a in enumerate(articles, start=1)], notes
    found.setdefault("doc_kind", page_kind)
    return [_described(_single_document(raw, hints, found, encoding, cleaned, raw.media_type != "text/html"), hints)], notes


def _described(doc: Document, hints: dict) -> Document:
    """The document's kind, delivery date, place and reference period, each
    from the hints when they give it, else from its title and text."""
    kind = doc_kind(doc.title, doc.text)
    published = doc.published_date or delivered_date(doc.text)
    place, _ = document_place(hints, doc.title, doc.publisher, doc.text, hints.get("url") or doc.source_uri)
    spoken = _first_day(published)
    return replace(
        doc,
        doc_kind=(kind or doc.doc_kind) if doc.doc_kind in (None, "gov_page") else doc.doc_kind,
        published_date=published,
        place_code=place,
        place_name=divisions().full_name(place) if place else None,
        reference_period=reference_period(hinted(hints, "reference_period"), doc.title, kind or doc.doc_kind, spoken, doc.text),
    )


def _first_day(published: str | None) -> date | None:
    """A partial date (2023-04, 2023) stands for its first day."""
    if not published:
        return None
    parts = published[:10].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return None


def _replaced_bytes(raw: RawDocument, text: str, encoding: str) -> list[Quarantined]:
    """A row saying where damaged UTF-8 was replaced; the document itself is kept."""
    if encoding != "utf-8" or "\ufffd" not in text:
        return []
    offsets = invalid_utf8_offsets(raw.content)
    if not offsets:
        return []
    shown = ", ".join(map(str, offsets[:10])) + (" ..." if len(offsets) > 10 else "")
    reason = f"{raw.input_name}: {len(offsets)} invalid UTF-8 sequence(s) at byte offset(s) {shown} replaced with U+FFFD; the rest of the text is kept"
    return [Quarantined(raw.source_id, raw.input_name, "decode", reason, raw.content_sha256)]


def _fill_from_page(found: dict[str, str | None], meta: PageMeta) -> None:
    found["title"] = found.get("title") or meta.get("title")
    found["publisher"] = found.get("publisher") or meta.get("publisher") or meta.get("source")
    found["published_date"] = normalise_date(found.get("date") or "") or page_date(meta)
    found["author"] = found.get("author") or meta.get("author")


def _could_be_title(text: str, first: bool) -> bool:
    """A headline-shaped line that is not a salutation (各位代表：), a list
    heading (一、…) or a stray mark; the first line may carry a comma, as web
    headlines do (为科学城建设注入澎湃动能,浦东这个镇…)."""
    return (
        (is_headline_like(text) or (first and len(text) <= FIRST_LINE_TITLE_MAX_CHARS))
        and not is_terminated(text)
        and not starts_fresh(text)
        and sum(ch.isalnum() for ch in text) >= MIN_TITLE_CHARS
    )


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)


def _single_document(raw: RawDocument, hints: dict, found: dict, encoding: str, paras: list[Para], join_lines: bool) -> Document:
    """One Document; `join_lines` re-joins broken lines, which plain text
    needs and HTML (whose paragraphs come from the markup) does not."""
    bylines = [byline_of(p.text)[0] for p in paras if byline_of(p.text)]
    body = [p for p in paras if not byline_of(p.text)]
    if len(body) > 1 and is_bare_names(body[-1].text):
        bylines.append(body.pop().text)
    if not bylines:
        bylines = [b for b in map(inline_byline, body[:LEAD_SEARCH_PARAS]) if b][:1]
    if not found.get("title"):
        found["title"] = next((p.text for k, p in enumerate(body[:TITLE_SEARCH_PARAS]) if _could_be_title(p.text, k == 0)), None)
    values = merge(hints, found)
    titled = 1 if body and body[0].text in {values["title"], found.get("title")} else 0
    return Document(
        doc_id=ids.doc_id(raw.content_sha256, 0),
        source_uri=raw.source_uri,
        source_id=raw.source_id,
        content_sha256=raw.content_sha256,
        text=_text(body[:titled] + rejoin(body[titled:]) if join_lines else body),
        part=0,
        publisher=values["publisher"],
        title=values["title"],
        published_date=values["published_date"],
        doc_kind=values["doc_kind"],
        encoding=encoding,
        byline=" ".join(bylines) or found.get("author"),
    )


def _article_document(raw: RawDocument, hints: dict, found: dict, encoding: str, part: int, article: Article) -> Document:
    values = merge(hints, found)
    return Document(
        doc_id=ids.doc_id(raw.content_sha256, part),
        source_uri=f"{raw.source_uri}#{part}",
        source_id=raw.source_id,
        content_sha256=raw.content_sha256,
        text=_text(article.paragraphs()),
        part=part,
        publisher=values["publisher"],
        title=article.title,
        published_date=values["published_date"],
        doc_kind=NEWSPAPER_ARTICLE,
        encoding=encoding,
        byline=article.byline,
    )
