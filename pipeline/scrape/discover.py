"""Publication links on a listing page.

A listing page (an open-information column, a news channel) links to far
more than publications: navigation, other columns, other sites. The source's
`link_pattern` (a regex over absolute URLs) and `allowed_hosts` say which
links are publications; anything else is dropped. The result is sorted so a
run's work list, and the sensor's run key, do not depend on page layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urldefrag, urljoin

import lxml.etree
import lxml.html

from pipeline.scrape.fetch import host_of


def page_links(content: bytes, base_url: str, declared_encoding: str | None = None) -> list[str]:
    """Every <a href> on the page, made absolute against the page URL (and any <base href>)."""
    if not content.strip():
        return []
    parser = lxml.html.HTMLParser(encoding=declared_encoding) if declared_encoding else None
    try:
        root = lxml.html.document_fromstring(content, parser=parser, base_url=base_url)
    except (lxml.etree.ParserError, LookupError):
        root = lxml.html.document_fromstring(content, base_url=base_url)
    base = root.xpath("string(//base/@href)").strip()
    page_base = urljoin(base_url, base) if base else base_url
    links = []
    for href in root.xpath("//a/@href"):
        href = href.strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "tel:")):
            continue
        links.append(urldefrag(urljoin(page_base, href)).url)
    return links


def select_links(links: Iterable[str], link_pattern: re.Pattern, allowed_hosts: Iterable[str]) -> list[str]:
    """The publication links: matching the pattern, on an allowed host, deduplicated, sorted."""
    hosts = frozenset(h.lower() for h in allowed_hosts)
    return sorted({u for u in links if host_of(u) in hosts and link_pattern.search(u)})
