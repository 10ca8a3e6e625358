"""HTML pages: the real corpus (skipped when absent) and built-in pages."""

from pathlib import Path

import pytest

from pipeline import ids
from pipeline.documents import build_documents
from pipeline.documents.html_profiles import block_lines, main_block, parse_html
from pipeline.model import RawDocument

CORPUS = Path("/work/shared/corpus/html")
CORPUS_PAGES = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []
FOOTER_CHROME = ("ICP", "公网安备", "版权所有", "网站标识码", "举报电话", "©")

BODY_1 = "上半年，张江镇新增就业岗位3844个，完成税收20.17亿元，比去年同期增长45.4%。"
BODY_2 = "下半年，镇政府将深化高水平改革开放，推动高质量发展，全面加快现代化城区建设。"


def raw_html(content: bytes, uri: str = "page.html", **hints) -> RawDocument:
    return RawDocument("test", uri, content, ids.sha256_hex(content), "text/html", hints=hints)


def gov_page(charset: str = "utf-8") -> str:
    return f"""<html><head><meta charset="{charset}">
<title>张江镇半年工作报告_浦东新区人民政府</title>
<meta name="SiteName" content="浦东新区人民政府"><meta name="ArticleTitle" content="张江镇半年工作报告">
<meta name="PubDate" content="2023-08-03 10:00"><meta name="ColumnName" content="政府工作报告">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/a">政务公开</a> | <a href="/b">政府信息</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 正文</div>
<table class="info"><tr><td>索引号：</td><td>SY001</td><td>发布机构：</td><td>张江镇</td></tr>
<tr><td>公开类别：</td><td>主动公开</td><td>发布时间：</td><td>2023-08-03</td></tr></table>
<div class="content"><h1>张江镇半年工作报告</h1><p>{BODY_1}</p><p>{BODY_2}</p><p>{BODY_1}</p></div>
<div class="share">分享到：微信 微博</div>
<div class="foot"><p>版权所有：上海市浦东新区人民政府</p><p>沪ICP备12345678号 沪公网安备 31011502000000号</p>
<p><a>关于我们</a>|<a>网站地图</a>|<a>联系我们</a></p></div>
</body></html>"""


@pytest.mark.skipif(not CORPUS_PAGES, reason="corpus html not available")
@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.name)
def test_corpus_page_gives_a_clean_document(path):
    docs, quarantined = build_documents(raw_html(path.read_bytes(), path.name))
    assert quarantined == []
    (doc,) = docs
    assert doc.title and len(doc.title) >= 5
    assert len(doc.text) >= 200
    assert sum(1 for ch in doc.text if "\u4e00" <= ch <= "\u9fff") > 0.5 * len(doc.text)
    for chrome in FOOTER_CHROME:
        assert chrome not in doc.text
    assert doc.encoding == "utf-8"


@pytest.mark.skipif(not (CORPUS / "gne_people_1.html").exists(), reason="corpus html not available")
def test_gb2312_declared_utf8_page_decodes_right():
    (doc,), _ = build_documents(raw_html((CORPUS / "gne_people_1.html").read_bytes()))
    assert doc.encoding == "utf-8"
    assert doc.title == "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
    assert "父亲节" in doc.text
    assert doc.published_date == "2019-06-15"


@pytest.mark.skipif(not (CORPUS / "gne_gzggw_1.html").exists(), reason="corpus html not available")
def test_gov_cms_page_metadata():
    (doc,), _ = build_documents(raw_html((CORPUS / "gne_gzggw_1.html").read_bytes()))
    assert doc.title == "1-10月德清县固定资产投资结构趋稳趋优"
    assert doc.published_date == "2016-11-22"
    assert doc.doc_kind == "gov_page"
    assert "246.79亿元" in doc.text


def test_gbk_encoded_gov_page():
    (doc,), quarantined = build_documents(raw_html(gov_page("gbk").encode("gbk")))
    assert quarantined == []
    assert doc.encoding == "gb18030"
    assert doc.title == "张江镇半年工作报告"
    assert doc.publisher == "张江镇"
    assert doc.published_date == "2023-08-03"
    assert doc.doc_kind == "work_report"  # a gov page titled 半年工作报告
    assert BODY_1 in doc.text and BODY_2 in doc.text
    for chrome in FOOTER_CHROME + ("分享到", "当前位置", "索引号"):
        assert chrome not in doc.text


def test_hints_win_over_page_metadata():
    (doc,), _ = build_documents(raw_html(gov_page().encode("utf-8"), title="登记的标题", publisher="张江镇人民政府", doc_kind="work_report"))
    assert (doc.title, doc.publisher, doc.doc_kind) == ("登记的标题", "张江镇人民政府", "work_report")
    assert doc.published_date == "2023-08-03"


def test_news_page_source_and_editor_lines_become_metadata():
    page = f"""<html><head><meta charset="utf-8"><title>标题一则_某某网</title></head><body>
<div id="main"><h1>浦东新闻标题一则</h1><div class="info">2023-04-03 21:01 来源：浦东发布 编辑：赵菊玲</div>
<div class="text"><p>{BODY_1}</p><p>{BODY_2}</p><p>（责任编辑：张三）</p></div></div>
<div class="links"><a>新民晚报</a>|<a>新民网</a>|<a>新民周刊</a></div></body></html>"""
    (doc,), _ = build_documents(raw_html(page.encode("utf-8")))
    assert doc.publisher == "浦东发布"
    assert doc.published_date == "2023-04-03"
    assert doc.doc_kind == "news_post"
    assert "来源" not in doc.text and "新民周刊" not in doc.text
    assert doc.text.splitlines()[-2:] == [BODY_1, BODY_2]


def test_main_block_prefers_punctuated_text_over_link_lists():
    import lxml.html

    root = lxml.html.document_fromstring(gov_page())
    lines = block_lines(main_block(root.find("body")))
    assert BODY_1 in lines
    assert not any("政务公开" in line for line in lines)


def test_parse_html_paragraph_lines():
    page = parse_html(gov_page(), "p.html")
    assert page.profile == "gov_open_info"
    assert page.lines[-3:] == [BODY_1, BODY_2, BODY_1]


@pytest.mark.parametrize(
    "content, stage, words",
    [
        (b"", "decode", "empty"),
        (bytes(range(256)) * 30, "decode", "no encoding"),
        ("<html><head><title>张江</title></head><body><div><p>上半年，张江镇新增".encode("utf-8"), "parse", "truncated"),
        ("<html><body><ul><li><a>首页</a></li><li><a>新闻</a></li></ul></body></html>".encode("utf-8"), "parse", "no article body"),
        (b"<html></html>", "parse", "no article body"),
    ],
)
def test_bad_pages_are_quarantined_with_a_reason(content, stage, words):
    docs, quarantined = build_documents(raw_html(content, "bad.html"))
    assert docs == []
    (q,) = quarantined
    assert q.stage == stage
    assert words in q.reason and "bad.html" in q.reason


def test_same_bytes_same_documents():
    content = gov_page("gbk").encode("gbk")
    assert build_documents(raw_html(content)) == build_documents(raw_html(content))
