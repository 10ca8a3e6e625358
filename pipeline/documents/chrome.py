"""Remove page chrome from a list of paragraphs, keeping its metadata.

A saved page wraps the article in chrome: a breadcrumb and a 来源/编辑/时间
line above it, share and 打印/字号 rows around it, link rows and a licence
footer below it. Metadata lines (来源, 编辑, 发布时间, the open-information
table rendered as pipes) are read into a `PageMeta` before they are dropped;
everything else that matches `patterns.CHROME_LINES` is dropped wherever it
is. A single-field metadata line is only read in the head (before the first
body paragraph) and the tail (after the last one), because inside a body a
"来源：" line is a data-source note, not the page's publisher; a line of two
or more fields (来源 + 编辑 + a date) is page metadata wherever it stands.

Paragraph text is never edited here: a paragraph is kept whole or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import patterns as P
from .metadata import normalise_date
from .paragraphs import Para, byline_of, is_bare_names, is_headline_like, is_terminated

BODY_MIN_CHARS = 30
TAIL_SHORT_CHARS = 20
PENDING_VALUE_MAX_CHARS = 30
# A line with this many label: value fields is page metadata wherever it is.
STRONG_METADATA_FIELDS = 2


@dataclass
class PageMeta:
    """What the page says about itself; every field may stay empty."""

    fields: dict[str, str] = field(default_factory=dict)
    dropped: int = 0

    def add(self, label: str, value: str) -> None:
        name = P.METADATA_LABELS.get(label, label)
        value = value.strip(" |\u3000")
        if value and name != "ignored" and name not in self.fields:
            self.fields[name] = value

    def get(self, name: str) -> str | None:
        return self.fields.get(name)


def is_link_row(text: str) -> bool:
    items = [item for item in P.LINK_ROW_SEPARATOR.split(text) if item.strip()]
    return len(items) >= P.LINK_ROW_MIN_ITEMS and all(len(item) <= P.LINK_ROW_MAX_ITEM_CHARS for item in items)


def is_chrome(text: str) -> bool:
    if len(text) > P.CHROME_MAX_CHARS:
        return False
    return any(p.search(text) for p in P.CHROME_LINES) or is_link_row(text) or bool(P.BREADCRUMB.search(text))


def open_info_table(text: str) -> dict[str, str] | None:
    """Cells of an open-information table row rendered as text: pipes
    (索引号 | 发布机构 | 张江镇) or spaces (公开类别 主动公开 发布时间 2021-12-23)."""
    if "|" in text:
        cells = [cell.strip() for cell in text.split("|")]
    else:
        cells = text.split()
        if not cells or cells[0] not in P.OPEN_INFO_LABELS:
            return None
    if not any(cell in P.OPEN_INFO_LABELS for cell in cells):
        return None
    found: dict[str, str] = {}
    for k, cell in enumerate(cells):
        if cell in P.OPEN_INFO_LABELS:
            value = cells[k + 1] if k + 1 < len(cells) else ""
            found[cell] = "" if value in P.OPEN_INFO_LABELS else value
    return found


def metadata_line(text: str) -> list[tuple[str, str]] | None:
    """The (label, value) fields of a line made only of metadata, else None."""
    fields = [(re.sub(r"[ \u3000]", "", m.group(1)), m.group(2)) for m in P.METADATA_FIELD.finditer(text)]
    if not fields or (len(text) > P.METADATA_LINE_MAX_CHARS and len(fields) < P.METADATA_LONG_LINE_FIELDS):
        return None
    rest = P.METADATA_FIELD.sub(" ", text)
    dates = P.DATE.findall(rest)
    rest = P.DATE.sub(" ", rest)
    rest = "".join(ch for ch in rest if not ch.isspace() and ch not in "|:：-•·●【】[]" and not ch.isdigit())
    if len(rest) > 8:
        return None
    if dates:
        y, m, d = dates[0]
        fields.append(("发布时间", f"{y}-{m}-{d}"))
    return fields


def _body_span(paras: list[Para]) -> tuple[int, int]:
    body = [
        k
        for k, p in enumerate(paras)
        if len(p.text) >= BODY_MIN_CHARS
        and not is_headline_like(p.text)
        and (is_terminated(p.text) or len(p.text) >= 2 * BODY_MIN_CHARS)
        and not is_chrome(p.text)
        and metadata_line(p.text) is None
    ]
    if not body:
        return len(paras), len(paras)
    return body[0], body[-1]


def clean_page(paras: list[Para]) -> tuple[list[Para], PageMeta]:
    meta = PageMeta()
    first, last = _body_span(paras)
    layout_chrome = _breadcrumb_trail(paras) | _footer_block(paras)
    kept: list[Para] = []
    pending: str | None = None
    dropped_before = 0
    for k, para in enumerate(paras):
        text = para.text
        in_margin = k < first or k > last
        if pending is not None:
            label, pending = pending, None
            if in_margin and len(text) <= PENDING_VALUE_MAX_CHARS and metadata_line(text) is None and not is_chrome(text):
                meta.add(label, text)
                meta.dropped += 1
                continue
        table = open_info_table(text)
        if table is not None:
            for label, value in table.items():
                meta.add(label, value)
            meta.dropped += 1
            continue
        fields = metadata_line(text)
        if fields is not None and (in_margin or len(fields) >= STRONG_METADATA_FIELDS):
            for label, value in fields:
                if value:
                    meta.add(label, value)
                elif P.METADATA_LABELS.get(label) != "ignored":
                    pending = label
            meta.dropped += 1
            continue
        if in_margin and P.BARE_DATETIME.match(text):
            meta.add("发布时间", text)
            meta.dropped += 1
            continue
        if k in layout_chrome or is_chrome(text):
            meta.dropped += 1
            continue
        kept.append(replace(para, detached=True) if kept and meta.dropped > dropped_before else para)
        dropped_before = meta.dropped
    return _trim_tail(kept, meta), meta


def _footer_block(paras: list[Para]) -> set[int]:
    """Indices from a footer-block opener near the end of the page on."""
    zone = int(len(paras) * P.FOOTER_ZONE_START)
    start = next(
        (k for k in range(zone, len(paras)) if len(paras[k].text) <= P.CHROME_MAX_CHARS and P.FOOTER_BLOCK_START.search(paras[k].text)),
        None,
    )
    return set(range(start, len(paras))) if start is not None else set()


def _breadcrumb_trail(paras: list[Para]) -> set[int]:
    """A "当前位置：" label with its trail on the following lines (one crumb a
    line): the short lines between the label and the last short line before
    the body, which is the title."""
    label_at = next((k for k, p in enumerate(paras[:10]) if P.BREADCRUMB.match(p.text) and p.text[-1] in ":："), None)
    if label_at is None:
        return set()
    crumbs = []
    for k in range(label_at + 1, len(paras)):
        text = paras[k].text
        if not is_headline_like(text) or metadata_line(text) is not None or len(text) >= BODY_MIN_CHARS:
            break
        crumbs.append(k)
    return set(crumbs[:-1])


def _trim_tail(paras: list[Para], meta: PageMeta) -> list[Para]:
    """Drop the footer: trailing short lines that close no sentence and hold
    no figure, keeping bylines (they become metadata later)."""
    end = len(paras)
    keep_tail: list[Para] = []
    while end > 0:
        text = paras[end - 1].text
        if byline_of(text) or is_bare_names(text):
            keep_tail.append(paras[end - 1])
        elif len(text) <= TAIL_SHORT_CHARS and not is_terminated(text) and not any(ch.isdigit() for ch in text):
            meta.dropped += 1
        else:
            break
        end -= 1
    return paras[:end] + keep_tail[::-1]


def page_date(meta: PageMeta) -> str | None:
    for name in ("date", "written_date"):
        value = meta.get(name)
        if value:
            normalised = normalise_date(value)
            if normalised:
                return normalised
    return None
