"""Crawling a source from the local site into the store."""

from __future__ import annotations

import pytest
from werkzeug import Response

from pipeline.registry import load_registry, load_source
from pipeline.scrape.crawl import crawl_source, find_new, plan_crawl
from pipeline.scrape.fetch import Fetcher, make_client
from pipeline.scrape.store import RawStore
from tests.test_scrape_discover import (
    OPEN_INFO_COLUMN,
    OPEN_INFO_ITEMS,
    WORK_REPORT_BODY,
    open_info_article,
    open_info_listing,
    serve_open_info,
    write_source,
)

ITEM_PATHS = sorted(OPEN_INFO_ITEMS)


@pytest.fixture
def client():
    with make_client() as http:
        yield Fetcher(http, sleep=lambda s: None)


@pytest.fixture
def store(tmp_path):
    return RawStore(tmp_path / "raw")


@pytest.fixture
def source(site, tmp_path):
    return load_source(write_source(tmp_path / "sources", site))


def test_a_full_crawl_stores_every_publication_with_registry_hints(site, source, store, client):
    serve_open_info(site)
    report = crawl_source(source, store, client)
    assert report.snapshots == [site.url(p) for p in ITEM_PATHS]
    assert report.unchanged == [] and report.failures == []
    docs = store.load_all()
    assert [d.source_uri for d in docs] == report.snapshots
    assert docs[0].hints["publisher"] == "张江镇人民政府"
    assert docs[0].hints["jurisdiction"] == "上海市浦东新区张江镇"
    assert docs[0].hints["content_profile"] == "gov_open_info"
    assert docs[0].hints["declared_encoding"] == "utf-8"


def test_a_second_crawl_finds_everything_unchanged_and_writes_no_object(site, source, store, client):
    serve_open_info(site)
    crawl_source(source, store, client)
    objects = sorted(store.root.rglob("objects/*/*"))
    report = crawl_source(source, store, client)
    assert report.snapshots == [] and len(report.unchanged) == len(ITEM_PATHS)
    assert sorted(store.root.rglob("objects/*/*")) == objects


def test_an_unchanged_etag_means_a_304_and_no_new_object(site, source, store, client):
    path = ITEM_PATHS[0]
    page = open_info_article("张江镇政府工作报告", "2023-08-03", WORK_REPORT_BODY)

    def etagged(request):
        if request.headers.get("If-None-Match") == '"r1"':
            return Response(status=304)
        return Response(page, content_type="text/html; charset=utf-8", headers={"ETag": '"r1"'})

    site.server.expect_request(path).respond_with_handler(etagged)
    url = site.url(path)
    assert crawl_source(source, store, client, only_urls=[url]).snapshots == [url]
    objects = sorted(store.root.rglob("objects/*/*"))
    again = crawl_source(source, store, client, only_urls=[url])
    assert again.unchanged == [url] and again.snapshots == []
    assert sorted(store.root.rglob("objects/*/*")) == objects
    assert [r.headers.get("If-None-Match") for r in site.requests_to(path)] == [None, '"r1"']
    assert store.entries()[-1]["status"] == 304
    assert store.load_all()[0].content == page.encode("utf-8")


def test_gbk_page_is_stored_byte_for_byte_with_its_declared_encoding(site, source, store, client):
    path = f"{OPEN_INFO_COLUMN}/2023/215/313260.html"
    gbk = open_info_article("张江镇政府工作报告", "2023-08-03", WORK_REPORT_BODY, charset="gbk").encode("gbk")
    url = site.page(path, gbk, charset="GBK")
    report = crawl_source(source, store, client, only_urls=[url])
    [doc] = store.load_all()
    assert report.snapshots == [url]
    assert doc.content == gbk
    assert doc.hints["declared_encoding"].lower() == "gbk"
    assert store.object_path(doc.content_sha256).read_bytes() == gbk


def test_failures_are_recorded_and_do_not_stop_the_other_urls(site, source, store, client):
    serve_open_info(site)
    missing = site.url(f"{OPEN_INFO_COLUMN}/2023/1/404.html")
    site.server.expect_request(f"{OPEN_INFO_COLUMN}/2023/1/404.html").respond_with_data("gone", status=404)
    foreign = site.url(f"{OPEN_INFO_COLUMN}/2023/1/302.html")
    site.server.expect_request(f"{OPEN_INFO_COLUMN}/2023/1/302.html").respond_with_response(
        Response(status=302, headers={"Location": "https://evil.example/x.html"})
    )
    good = site.url(ITEM_PATHS[0])
    report = crawl_source(source, store, client, only_urls=[missing, foreign, good])
    assert report.snapshots == [good]
    assert {(f.source_uri, f.reason) for f in report.failures} == {
        (missing, "HTTP 404"),
        (foreign, "redirect to foreign host evil.example"),
    }
    assert {q.source_uri: q.reason for q in store.failures()} == {f.source_uri: f.reason for f in report.failures}
    assert all(q.stage == "fetch" for q in store.failures())


def test_a_304_to_an_unconditional_request_is_a_failure_not_a_crash(site, source, store, client):
    path = ITEM_PATHS[0]
    site.server.expect_request(path).respond_with_response(Response(status=304))
    report = crawl_source(source, store, client, only_urls=[site.url(path)])
    assert [f.reason for f in report.failures] == ["HTTP 304 Not Modified to an unconditional request"]


def test_a_pdf_is_a_recorded_failure_not_a_document(site, source, store, client):
    path = f"{OPEN_INFO_COLUMN}/2023/9/9.html"
    site.server.expect_request(path).respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    report = crawl_source(source, store, client, only_urls=[site.url(path)])
    assert [f.reason for f in report.failures] == ["unsupported media type application/pdf"]
    assert store.load_all() == []


def test_find_new_lists_only_items_the_store_has_not_held(site, source, store, client):
    serve_open_info(site)
    crawl_source(source, store, client, only_urls=[site.url(ITEM_PATHS[0])])
    assert find_new(source, store, client) == [site.url(p) for p in ITEM_PATHS[1:]]


def test_listing_304_still_proposes_items_that_were_never_fetched(site, source, store, client):
    for path, (title, date) in OPEN_INFO_ITEMS.items():
        site.page(path, open_info_article(title, date, WORK_REPORT_BODY))
    listing_path = f"{OPEN_INFO_COLUMN}/index.html"
    body = open_info_listing(OPEN_INFO_ITEMS)

    def listing(request):
        if request.headers.get("If-None-Match") == '"L1"':
            return Response(status=304, headers={"ETag": '"L1"'})
        return Response(body, content_type="text/html; charset=utf-8", headers={"ETag": '"L1"'})

    site.server.expect_request(listing_path).respond_with_handler(listing)
    first = find_new(source, store, client)
    second = find_new(source, store, client)
    assert first == second == [site.url(p) for p in ITEM_PATHS]
    assert [r.headers.get("If-None-Match") for r in site.requests_to(listing_path)] == [None, '"L1"']


def test_a_failing_listing_is_reported_and_yields_nothing(site, source, store, client):
    site.server.expect_request(f"{OPEN_INFO_COLUMN}/index.html").respond_with_data("gone", status=404)
    report = crawl_source(source, store, client)
    assert [f.reason for f in report.failures] == ["HTTP 404"]
    assert find_new(source, store, client) == []


def test_a_hook_module_can_replace_link_discovery(site, tmp_path, store, client, monkeypatch):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "zj_hook.py").write_text(
        "def discover_links(source, content, base_url, encoding):\n"
        "    return [base_url.rsplit('/', 1)[0] + '/2023/7/7.html', 'https://elsewhere.example/zwgk/qtzcxwj-zjz/2023/7/8.html']\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "hooks"))
    source = load_source(write_source(tmp_path / "sources", site, hook="zj_hook"))
    serve_open_info(site)
    # the hook's links still pass the allow-list and the pattern
    assert find_new(source, store, client) == [site.url(f"{OPEN_INFO_COLUMN}/2023/7/7.html")]


def test_plan_names_unknown_and_disabled_sources(site, tmp_path):
    on = load_source(write_source(tmp_path, site, "on"))
    off = load_source(write_source(tmp_path, site, "off", enabled=False))
    with pytest.raises(ValueError, match="'nowhere'"):
        plan_crawl([on, off], {"nowhere": ["http://127.0.0.1/x"]}, [], False)
    with pytest.raises(ValueError, match="'off'"):
        plan_crawl([on, off], {}, ["off"], False)
    assert plan_crawl([on, off], {}, [], True) == [(on, None)]
    assert plan_crawl([on, off], {"on": ["b", "a", "a"]}, [], False) == [(on, ["a", "b"])]
    assert plan_crawl([on, off], {}, [], False) == []


def test_an_archive_source_cannot_be_crawled(store, client):
    embedded = next(s for s in load_registry() if s.kind == "archive")
    with pytest.raises(ValueError, match="not web"):
        crawl_source(embedded, store, client)
