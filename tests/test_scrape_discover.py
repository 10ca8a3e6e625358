"""A fake publication site on 127.0.0.1, and discovery of links on its listings.

The pages imitate the real ones the seeds came from: the Pudong
open-information portal (seed 002: title, then the 索引号/发布机构/公开类别/
发布时间 table, then the report) and a xinmin.cn news post (seed 001:
您现在的位置 breadcrumb, title, 来源/编辑/time line, paragraphs). Other
scrape tests import the server fixture and page builders from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.registry import load_source
from pipeline.scrape.discover import page_links, select_links

OPEN_INFO_COLUMN = "/zwgk/qtzcxwj-zjz"
OPEN_INFO_ITEMS = {
    f"{OPEN_INFO_COLUMN}/2023/215/313260.html": ("张江镇第五届人民代表大会第四次会议政府工作报告", "2023-08-03"),
    f"{OPEN_INFO_COLUMN}/2023/32/298811.html": ("张江镇2023年区域化党建工作要点", "2023-02-14"),
    f"{OPEN_INFO_COLUMN}/2022/355/301977.html": ("张江镇第五届人民代表大会第三次会议政府工作报告", "2022-12-21"),
}


def open_info_listing(items: dict[str, tuple[str, str]]) -> str:
    """An open-information column page: chrome, the item list, paging, off-site links."""
    rows = "\n".join(
        f'<li><a href="{path}" target="_blank" title="{title}">{title}</a><span class="time">{date}</span></li>'
        for path, (title, date) in items.items()
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>张江镇_其他主动公开文件_上海市浦东新区人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/index.html">政务公开</a>
<a href="javascript:void(0)">无障碍</a><a href="https://www.gov.cn/">中国政府网</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 张江镇</div>
<ul class="list">
{rows}
</ul>
<div class="page"><a href="{OPEN_INFO_COLUMN}/index_2.html">下一页</a></div>
<div class="footer">主办：上海市浦东新区人民政府办公室 沪ICP备05006294号 <a href="mailto:web@pudong.gov.cn">联系我们</a></div>
</body></html>"""


def open_info_article(title: str, date: str, body: list[str], charset: str = "utf-8") -> str:
    """An open-information item page, laid out like seed 002's page."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date}">
<title>{title}</title></head>
<body>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 张江镇</div>
<h1>{title}</h1>
<table class="info">
<tr><td>索引号</td><td></td><td>发布机构</td><td>张江镇</td></tr>
<tr><td>公开类别</td><td>主动公开</td><td>发布时间</td><td>{date}</td></tr>
</table>
<div class="article">{paragraphs}</div>
<div class="footer">版权所有：上海市浦东新区人民政府 网站标识码3101150001</div>
</body></html>"""


def news_article(title: str, source: str, editor: str, when: str, body: list[str]) -> str:
    """A news post laid out like seed 001 (news.xinmin.cn)."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}-新民网</title></head>
<body>
<div class="crumb">您现在的位置:<a href="/">首页</a> &gt; <a href="/shizheng/">时政</a> &gt; 正文</div>
<h1>{title}</h1>
<div class="info">来源:{source} &nbsp; 编辑:{editor} &nbsp; {when}</div>
<div class="content">{paragraphs}</div>
</body></html>"""


WORK_REPORT_BODY = [
    "各位代表、同志们:",
    "经济形势稳中向好:1-5月,共计完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,增幅45.4%。",
]
NEWS_BODY = ["张江镇8大党建项目品牌在大会中集体亮相。", "张江镇党群服务中心于2020年5月开始运行。"]


class Site:
    """A local HTTP server whose robots.txt the test chooses (404 unless set)."""

    def __init__(self, server: HTTPServer):
        self.server = server
        self.robots_txt: str | None = None
        self.robots_status = 404

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def _robots(self, request: Request) -> Response:
        if self.robots_txt is None:
            return Response("not found", status=self.robots_status)
        return Response(self.robots_txt, content_type="text/plain")

    def reset(self) -> None:
        self.server.clear()
        self.robots_txt = None
        self.robots_status = 404
        self.server.expect_request("/robots.txt").respond_with_handler(self._robots)

    def page(self, path: str, html: str | bytes, charset: str = "utf-8", headers: dict | None = None) -> str:
        data = html if isinstance(html, bytes) else html.encode(charset)
        self.server.expect_request(path).respond_with_data(
            data, content_type=f"text/html; charset={charset}", headers=headers or {}
        )
        return self.url(path)

    def requests_to(self, path: str) -> list[Request]:
        return [req for req, _ in self.server.log if req.path == path]


@contextmanager
def local_server() -> Iterator[HTTPServer]:
    """One server per test module (each module declares its own two fixtures from this)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def fresh_site(server: HTTPServer) -> Site:
    site = Site(server)
    site.reset()
    return site


def serve_open_info(site: Site, items: dict[str, tuple[str, str]] = OPEN_INFO_ITEMS) -> str:
    """The listing and every item page; returns the listing URL."""
    for path, (title, date) in items.items():
        site.page(path, open_info_article(title, date, WORK_REPORT_BODY))
    return site.page(f"{OPEN_INFO_COLUMN}/index.html", open_info_listing(items))


def write_source(folder: Path, site: Site, source_id: str = "zhangjiang_local", **overrides) -> Path:
    """A web source YAML pointing at the local site, with test-sized fetch limits."""
    port = site.server.port
    spec = {
        "id": source_id,
        "kind": "web",
        "name": "张江镇 (local test site)",
        "enabled": True,
        "publisher": "张江镇人民政府",
        "jurisdiction": {"province": "上海市", "district": "浦东新区", "town": "张江镇"},
        "doc_kind": "work_report",
        "content_profile": "gov_open_info",
        "encoding": "utf-8",
        "listing_urls": [site.url(f"{OPEN_INFO_COLUMN}/index.html")],
        "link_pattern": rf"^http://127\.0\.0\.1:{port}{OPEN_INFO_COLUMN}/\d{{4}}/\d+/\d+\.html$",
        "allowed_hosts": ["127.0.0.1"],
        "fetch": {"min_interval": 0, "timeout": 0.5, "max_retries": 1, "backoff": 0},
    }
    spec.update(overrides)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{source_id}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


BASE = "https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/index.html"
PATTERN = re.compile(r"^https://www\.pudong\.gov\.cn/zwgk/qtzcxwj-zjz/\d{4}/\d+/\d+\.html$")


def test_listing_yields_exactly_the_publications_absolute_and_sorted():
    html = open_info_listing(OPEN_INFO_ITEMS).encode("utf-8")
    links = select_links(page_links(html, BASE), PATTERN, ["www.pudong.gov.cn"])
    assert links == sorted("https://www.pudong.gov.cn" + p for p in OPEN_INFO_ITEMS)


def test_duplicates_fragments_and_relative_links_collapse_to_one_url():
    html = b"""<html><body><a href="2023/215/313260.html">a</a>
    <a href="/zwgk/qtzcxwj-zjz/2023/215/313260.html#top">b</a>
    <a href="https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html">c</a></body></html>"""
    links = select_links(page_links(html, BASE), PATTERN, ["www.pudong.gov.cn"])
    assert links == ["https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html"]


def test_links_on_hosts_outside_the_allow_list_are_dropped_even_when_the_pattern_matches():
    html = b'<a href="https://mirror.example/zwgk/qtzcxwj-zjz/2023/215/313260.html">x</a>'
    loose = re.compile(r"/zwgk/qtzcxwj-zjz/\d{4}/\d+/\d+\.html$")
    assert select_links(page_links(html, BASE), loose, ["www.pudong.gov.cn"]) == []


def test_base_href_is_honoured_when_absolutising():
    html = (
        b'<html><head><base href="https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2022/"></head>'
        b'<body><a href="355/301977.html">x</a></body></html>'
    )
    assert page_links(html, BASE) == ["https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2022/355/301977.html"]


def test_gbk_listing_with_chinese_link_text_is_read():
    html = open_info_listing(OPEN_INFO_ITEMS).replace("utf-8", "gbk").encode("gbk")
    links = select_links(page_links(html, BASE, "gbk"), PATTERN, ["www.pudong.gov.cn"])
    assert len(links) == len(OPEN_INFO_ITEMS)


def test_empty_page_has_no_links():
    assert page_links(b"  ", BASE) == []


def test_local_site_serves_pages_laid_out_like_the_seeds(site, tmp_path):
    listing = serve_open_info(site)
    source = load_source(write_source(tmp_path, site))
    page = httpx.get(listing, timeout=1).content
    links = select_links(page_links(page, listing), source.link_pattern, source.allowed_hosts)
    assert links == sorted(site.url(p) for p in OPEN_INFO_ITEMS)
    article = httpx.get(links[0], timeout=1).text
    assert "公开类别" in article and "发布机构" in article
