"""Crawling one source: listing pages -> publication URLs -> snapshots in the store.

Every outcome is written to the store (snapshot, unchanged, failure) as it
happens, so a run that stops half-way keeps what it fetched and the next run
only asks again for what is missing. Listing pages are fetched with
conditional requests; on a 304 their stored copy is read again for links, so
items a failed run never fetched are still proposed.

Publications on different hosts are fetched concurrently, one thread per
host and at most `max_hosts` at once (the per-crawl cap): each host's URLs
go one after another, so its rate limit holds, and one slow host (each of
its responses bounded by the fetch deadline) no longer stalls the others.
The store has one writer at a time, so its reads and writes are serialised;
the report lists URLs in sorted order whatever order they finished in.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pipeline.model import Quarantined
from pipeline.registry import Source
from pipeline.scrape.discover import page_links, select_links
from pipeline.scrape.fetch import Fetcher, FetchFailure, FetchPolicy, host_of
from pipeline.scrape.store import ITEM, LISTING, SNAPSHOT, RawStore, media_type_of

STAGE = "fetch"
MAX_CONCURRENT_HOSTS = 4


@dataclass
class CrawlReport:
    """What one crawl of one source did, URL by URL."""

    source_id: str
    snapshots: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[Quarantined] = field(default_factory=list)


def policy_for(source: Source) -> FetchPolicy:
    """The default fetch limits with the source's `fetch:` overrides applied."""
    return dataclasses.replace(FetchPolicy(), **source.fetch_overrides)


def _require_web(source: Source) -> None:
    if source.kind != "web":
        raise ValueError(f"source {source.id} ({source.path}) is of kind {source.kind}, not web: nothing to crawl")


def _fail(source: Source, store: RawStore, role: str, failure: FetchFailure, report: CrawlReport) -> bool:
    store.record_failure(source.id, role, failure)
    report.failures.append(Quarantined(source.id, failure.url, STAGE, failure.reason))
    return False


def _fetch_into_store(
    source: Source, store: RawStore, client: Fetcher, url: str, role: str, report: CrawlReport, guard: threading.Lock
) -> bool:
    """Fetch one URL conditionally and log the outcome; True when the store holds a copy afterwards.
    `guard` serialises the store's reads and writes between the threads of a crawl."""
    with guard:
        validators = store.validators(url)
    result = client.fetch(url, source.allowed_hosts, policy_for(source), validators)
    with guard:
        if isinstance(result, FetchFailure):
            return _fail(source, store, role, result, report)
        if result.not_modified and validators is None:
            reason = "HTTP 304 Not Modified to an unconditional request"
            return _fail(source, store, role, FetchFailure(url, reason, result.fetched_at, status=304), report)
        if not result.not_modified and media_type_of(result.content_type, result.final_url) is None:
            reason = f"unsupported media type {result.content_type}"
            return _fail(source, store, role, FetchFailure(url, reason, result.fetched_at, status=result.status), report)
        kind = store.record_fetch(source.id, role, result, source.document_hints(url) if role == ITEM else {})
    if role == ITEM:
        (report.snapshots if kind == SNAPSHOT else report.unchanged).append(url)
    return True


def discover_items(source: Source, store: RawStore, client: Fetcher, report: CrawlReport | None = None) -> list[str]:
    """Publication URLs linked from the source's listing pages (fetched into the store as listings)."""
    _require_web(source)
    report = report if report is not None else CrawlReport(source.id)
    hook = source.hook()
    found: list[str] = []
    guard = threading.Lock()
    for listing in source.listing_urls:
        if not _fetch_into_store(source, store, client, listing, LISTING, report, guard):
            continue
        held = store.latest_content(listing)
        if held is None:
            continue
        content, encoding = held
        if hook is not None and hasattr(hook, "discover_links"):
            found += hook.discover_links(source, content, listing, encoding)
        else:
            found += page_links(content, listing, encoding)
    return select_links(found, source.link_pattern, source.allowed_hosts)


def find_new(source: Source, store: RawStore, client: Fetcher) -> list[str]:
    """Publication URLs on the listing pages that the store has never held."""
    known = store.known_urls(source.id)
    return [u for u in discover_items(source, store, client) if u not in known]


def crawl_source(
    source: Source, store: RawStore, client: Fetcher, only_urls: Iterable[str] | None = None, max_hosts: int = MAX_CONCURRENT_HOSTS
) -> CrawlReport:
    """Fetch `only_urls`, or else every publication the listing pages link to (conditionally);
    hosts in parallel, at most `max_hosts` at a time."""
    _require_web(source)
    report = CrawlReport(source.id)
    urls = sorted(set(only_urls)) if only_urls is not None else discover_items(source, store, client, report)
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_of(url), []).append(url)
    guard = threading.Lock()

    def crawl_host(host_urls: list[str]) -> CrawlReport:
        part = CrawlReport(source.id)
        for url in host_urls:
            _fetch_into_store(source, store, client, url, ITEM, part, guard)
        return part

    with ThreadPoolExecutor(max_workers=max(1, min(max_hosts, len(by_host)))) as pool:
        parts = list(pool.map(crawl_host, by_host.values()))
    order = {url: k for k, url in enumerate(urls)}
    report.snapshots = sorted((u for p in parts for u in p.snapshots), key=order.__getitem__)
    report.unchanged = sorted((u for p in parts for u in p.unchanged), key=order.__getitem__)
    report.failures += sorted((f for p in parts for f in p.failures), key=lambda f: order.get(f.source_uri, -1))
    return report


def plan_crawl(
    sources: list[Source], urls: dict[str, list[str]], crawl_sources: list[str], crawl_all: bool
) -> list[tuple[Source, list[str] | None]]:
    """Which source to crawl with which URLs (None: everything its listings link to).

    A request naming an unknown, non-web or disabled source is a mistake in
    the run config and fails before any request, naming the source.
    """
    by_id = {s.id: s for s in sources}
    for source_id in [*urls, *crawl_sources]:
        source = by_id.get(source_id)
        if source is None:
            raise ValueError(f"run config names source {source_id!r}, which is not in the registry")
        if source.kind != "web" or not source.enabled:
            raise ValueError(f"run config names source {source_id!r} ({source.path}), which is not an enabled web source")
    whole = {s.id for s in sources if s.kind == "web" and s.enabled} if crawl_all else set(crawl_sources)
    plan: list[tuple[Source, list[str] | None]] = [(by_id[i], None) for i in sorted(whole)]
    plan += [(by_id[i], sorted(set(u))) for i, u in sorted(urls.items()) if i not in whole and u]
    return plan
