"""The fetcher against a local server: every failure is a reason, never an exception."""

from __future__ import annotations

import socket
import time

import pytest
from werkzeug import Request, Response

from pipeline.scrape.fetch import USER_AGENT, Fetched, Fetcher, FetchFailure, FetchPolicy, Validators, make_client
from tests.test_scrape_discover import (
    WORK_REPORT_BODY,
    open_info_article,
)

ALLOWED = ["127.0.0.1"]
FAST = FetchPolicy(timeout=0.3, max_retries=2, backoff=0.5, min_interval=0)
REPORT = open_info_article("张江镇政府工作报告", "2023-08-03", WORK_REPORT_BODY)


class FakeTime:
    """A clock that only moves when the fetcher sleeps; records every sleep."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def http():
    with make_client() as client:
        yield client


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def fetcher(http, fake_time):
    return Fetcher(http, clock=fake_time.clock, sleep=fake_time.sleep)


def test_a_page_is_fetched_with_a_govfacts_user_agent(site, fetcher):
    url = site.page("/a.html", REPORT)
    result = fetcher.fetch(url, ALLOWED, FAST)
    assert isinstance(result, Fetched)
    assert result.status == 200 and result.content == REPORT.encode("utf-8")
    assert result.declared_encoding == "utf-8"
    assert site.requests_to("/a.html")[0].headers["User-Agent"] == USER_AGENT
    assert "govfacts" in USER_AGENT


def test_gbk_bytes_come_back_unchanged_with_the_declared_encoding(site, fetcher):
    gbk = open_info_article("张江镇政府工作报告", "2023-08-03", WORK_REPORT_BODY, charset="gbk").encode("gbk")
    url = site.page("/gbk.html", gbk, charset="GBK")
    result = fetcher.fetch(url, ALLOWED, FAST)
    assert result.content == gbk
    assert result.declared_encoding.lower() == "gbk"


def test_404_is_a_failure_that_is_not_retried(site, fetcher):
    site.server.expect_request("/missing.html").respond_with_data("not found", status=404)
    result = fetcher.fetch(site.url("/missing.html"), ALLOWED, FAST)
    assert isinstance(result, FetchFailure)
    assert result.reason == "HTTP 404" and not result.retryable
    assert len(site.requests_to("/missing.html")) == 1


def test_slow_page_past_the_timeout_fails_after_bounded_retries(site, http, fake_time):
    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response(REPORT, content_type="text/html; charset=utf-8")

    site.server.expect_request("/slow.html").respond_with_handler(slow)
    fetcher = Fetcher(http, clock=fake_time.clock, sleep=fake_time.sleep)
    result = fetcher.fetch(site.url("/slow.html"), ALLOWED, FetchPolicy(timeout=0.1, max_retries=1, backoff=0.5, min_interval=0))
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("timeout after 0.1 s") and result.retryable
    assert fake_time.sleeps == [0.5]


def test_redirect_to_a_foreign_host_is_refused_before_any_request_to_it(site, fetcher):
    site.server.expect_request("/moved.html").respond_with_response(
        Response(status=302, headers={"Location": "http://elsewhere.example/zwgk/1.html"})
    )
    result = fetcher.fetch(site.url("/moved.html"), ALLOWED, FAST)
    assert isinstance(result, FetchFailure)
    assert result.reason == "redirect to foreign host elsewhere.example"


def test_redirect_within_the_site_is_followed_and_the_final_url_kept(site, fetcher):
    site.server.expect_request("/old.html").respond_with_response(Response(status=301, headers={"Location": "/new.html"}))
    site.page("/new.html", REPORT)
    result = fetcher.fetch(site.url("/old.html"), ALLOWED, FAST)
    assert result.url == site.url("/old.html") and result.final_url == site.url("/new.html")


def test_redirect_loop_is_a_failure(site, fetcher):
    site.server.expect_request("/a").respond_with_response(Response(status=302, headers={"Location": "/b"}))
    site.server.expect_request("/b").respond_with_response(Response(status=302, headers={"Location": "/a"}))
    result = fetcher.fetch(site.url("/a"), ALLOWED, FAST)
    assert isinstance(result, FetchFailure)
    assert result.reason == f"redirect loop at {site.url('/a')}"


def test_too_many_redirects_is_a_failure(site, fetcher):
    for i in range(4):
        site.server.expect_request(f"/hop{i}").respond_with_response(Response(status=302, headers={"Location": f"/hop{i + 1}"}))
    result = fetcher.fetch(site.url("/hop0"), ALLOWED, FetchPolicy(max_redirects=2, min_interval=0, timeout=0.5))
    assert result.reason == f"more than 2 redirects from {site.url('/hop0')}"


def test_oversized_page_with_content_length_is_refused(site, fetcher):
    url = site.page("/big.html", "x" * 5000)
    result = fetcher.fetch(url, ALLOWED, FetchPolicy(max_bytes=1000, min_interval=0, timeout=0.5))
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("too large") and not result.retryable


def test_oversized_streamed_page_stops_past_the_limit(site, fetcher):
    def chunks():
        for _ in range(100):
            yield b"y" * 1000

    site.server.expect_request("/stream.html").respond_with_handler(lambda r: Response(chunks(), content_type="text/html"))
    result = fetcher.fetch(site.url("/stream.html"), ALLOWED, FetchPolicy(max_bytes=5000, min_interval=0, timeout=0.5))
    assert result.reason == "too large: more than 5000 bytes"


def test_conditional_request_sends_the_etag_and_reads_304_as_unchanged(site, fetcher):
    def etagged(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(REPORT, content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'})

    site.server.expect_request("/etag.html").respond_with_handler(etagged)
    first = fetcher.fetch(site.url("/etag.html"), ALLOWED, FAST)
    second = fetcher.fetch(site.url("/etag.html"), ALLOWED, FAST, Validators(first.etag, first.last_modified))
    assert first.status == 200 and first.etag == '"v1"'
    assert second.not_modified and second.content is None
    assert site.requests_to("/etag.html")[1].headers["If-None-Match"] == '"v1"'


def test_robots_txt_disallow_is_honoured_without_requesting_the_page(site, fetcher):
    site.robots_txt = "User-agent: *\nDisallow: /private/\n"
    site.page("/private/report.html", REPORT)
    allowed = site.page("/public/report.html", REPORT)
    refused = fetcher.fetch(site.url("/private/report.html"), ALLOWED, FAST)
    assert isinstance(refused, FetchFailure)
    assert refused.reason.startswith("disallowed by robots.txt")
    assert site.requests_to("/private/report.html") == []
    assert isinstance(fetcher.fetch(allowed, ALLOWED, FAST), Fetched)
    assert len(site.requests_to("/robots.txt")) == 1  # cached per host


def test_robots_rules_for_govfacts_apply_to_its_user_agent(site, fetcher):
    site.robots_txt = "User-agent: govfacts\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    result = fetcher.fetch(site.page("/a.html", REPORT), ALLOWED, FAST)
    assert isinstance(result, FetchFailure) and "robots.txt" in result.reason


def test_unreachable_robots_txt_keeps_the_host_off_limits(site, fetcher):
    site.robots_status = 503
    result = fetcher.fetch(site.page("/a.html", REPORT), ALLOWED, FAST)
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("robots.txt of") and "HTTP 503" in result.reason
    assert site.requests_to("/a.html") == []


def test_server_error_then_success_is_retried_with_exponential_backoff(site, fetcher, fake_time):
    answers = iter([Response("busy", status=503), Response("busy", status=502), Response(REPORT, content_type="text/html")])
    site.server.expect_request("/flaky.html").respond_with_handler(lambda r: next(answers))
    result = fetcher.fetch(site.url("/flaky.html"), ALLOWED, FetchPolicy(max_retries=3, backoff=0.5, min_interval=0, timeout=0.5))
    assert isinstance(result, Fetched) and result.content == REPORT.encode("utf-8")
    assert fake_time.sleeps == [0.5, 1.0]


def test_persistent_server_error_gives_up_after_the_retry_budget(site, fetcher):
    site.server.expect_request("/down.html").respond_with_data("down", status=500)
    result = fetcher.fetch(site.url("/down.html"), ALLOWED, FAST)
    assert result.reason == "HTTP 500, 3 attempt(s)" and result.retryable and result.status == 500
    assert len(site.requests_to("/down.html")) == 3


def test_requests_to_one_host_are_spaced_by_the_minimum_interval(site, fetcher, fake_time):
    urls = [site.page(f"/p{i}.html", REPORT) for i in range(3)]
    policy = FetchPolicy(min_interval=2.0, timeout=0.5)
    for url in urls:
        fetcher.fetch(url, ALLOWED, policy)
    # robots.txt, then three pages: every request after the first waits 2 s
    assert fake_time.sleeps == [2.0, 2.0, 2.0]


def test_other_hosts_are_not_slowed_by_the_rate_limit(site, fetcher, fake_time):
    url = site.page("/p.html", REPORT)
    other = url.replace("127.0.0.1", "localhost")
    policy = FetchPolicy(min_interval=2.0, timeout=0.5)
    fetcher.fetch(url, ["127.0.0.1", "localhost"], policy)
    sleeps_for_first_host = list(fake_time.sleeps)
    fetcher.fetch(other, ["127.0.0.1", "localhost"], policy)
    assert sleeps_for_first_host == [2.0]  # its page waited for its robots.txt
    assert fake_time.sleeps == [2.0, 2.0]  # the other host: only its own page waited


def test_crawl_delay_in_robots_txt_widens_the_interval(site, fetcher, fake_time):
    site.robots_txt = "User-agent: *\nCrawl-delay: 5\n"
    for i in range(2):
        fetcher.fetch(site.page(f"/d{i}.html", REPORT), ALLOWED, FetchPolicy(min_interval=1.0, timeout=0.5))
    assert fake_time.sleeps == [5.0, 5.0]


def test_a_url_outside_the_allow_list_is_never_requested(site, fetcher):
    url = site.page("/a.html", REPORT)
    result = fetcher.fetch(url, ["www.pudong.gov.cn"], FAST)
    assert result.reason == "host 127.0.0.1 is not in the allowed hosts of the source"
    assert site.server.log == []


def test_network_error_is_a_retryable_failure(fetcher):
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = fetcher.fetch(f"http://127.0.0.1:{port}/x.html", ALLOWED, FetchPolicy(max_retries=1, backoff=0, min_interval=0, timeout=0.5))
    assert isinstance(result, FetchFailure) and result.retryable
    assert "robots.txt" in result.reason and "network error" in result.reason


def test_a_body_that_cannot_be_decoded_is_a_failure_not_a_crash(site, fetcher):
    site.server.expect_request("/broken.html").respond_with_data(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    result = fetcher.fetch(site.url("/broken.html"), ALLOWED, FAST)
    assert isinstance(result, FetchFailure) and "does not decode as gzip" in result.reason and result.status == 200
