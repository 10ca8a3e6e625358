"""build_documents on plain text: quarantine, metadata precedence, ids."""

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import ids
from pipeline.documents import build_documents
from pipeline.model import RawDocument

REPORT = "\n".join(
    [
        "张江镇政府工作报告",
        "各位代表：",
        "上半年，共计完成税收20.17亿元，比去年同期13.88亿元增长6.39亿元，增幅45.4%；完成区级财政收入5.72亿元。",
        "新增就业岗位3844个，累计完成招商引资31.17亿元，其中注册资金500万元以上",
        "36家。",
    ]
)


def raw_text(content: bytes, uri: str = "doc.txt", **hints) -> RawDocument:
    return RawDocument("test", uri, content, ids.sha256_hex(content), "text/plain", hints=hints)


def test_plain_report_is_one_document_with_joined_lines():
    (doc,), quarantined = build_documents(raw_text(REPORT.encode("utf-8"), doc_kind="work_report"))
    assert quarantined == []
    assert doc.part == 0 and doc.doc_kind == "work_report"
    assert doc.title == "张江镇政府工作报告"
    assert "其中注册资金500万元以上36家。" in doc.text
    assert doc.doc_id == ids.doc_id(ids.sha256_hex(REPORT.encode("utf-8")), 0)


def test_gb18030_text_with_bom_less_bytes():
    (doc,), _ = build_documents(raw_text(REPORT.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert "20.17亿元" in doc.text


def test_utf8_bom_text():
    (doc,), _ = build_documents(raw_text(codecs.BOM_UTF8 + REPORT.encode("utf-8")))
    assert doc.encoding == "utf-8-sig"
    assert doc.text.startswith("张江镇政府工作报告")


def test_text_without_body_is_quarantined():
    docs, (q,) = build_documents(raw_text("首页\n新闻中心\n联系我们".encode("utf-8"), "nav.txt"))
    assert docs == []
    assert q.stage == "parse" and q.reason == "no article body found in nav.txt"


def test_empty_text_is_quarantined_at_decode():
    docs, (q,) = build_documents(raw_text(b"", "empty.txt"))
    assert docs == [] and q.stage == "decode" and "empty.txt" in q.reason


def test_digits_and_punctuation_are_kept_verbatim():
    (doc,), _ = build_documents(raw_text(REPORT.encode("utf-8")))
    for fragment in ("20.17亿元", "13.88亿元", "45.4%；", "各位代表："):
        assert fragment in doc.text


CORPUS_TEXTS = Path("/work/shared/corpus/texts")
TEXT_FILES = sorted(CORPUS_TEXTS.glob("*.txt")) if CORPUS_TEXTS.is_dir() else []


@pytest.mark.skipif(not TEXT_FILES, reason="corpus texts not available")
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_corpus_text_builds_without_chrome(path):
    docs, quarantined = build_documents(raw_text(path.read_bytes(), path.name))
    assert quarantined == []
    for doc in docs:
        assert doc.text.strip()
        for chrome in ("Public domain", "【字号", "页面链接与图片详见", "==== 正文"):
            assert chrome not in doc.text


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=400), media_type=st.sampled_from(["text/plain", "text/html"]))
def test_any_bytes_give_documents_or_quarantine_never_an_exception(content, media_type):
    raw = RawDocument("fuzz", "fuzz.bin", content, ids.sha256_hex(content), media_type)
    docs, quarantined = build_documents(raw)
    assert len(docs) + len(quarantined) >= 1
    assert all(d.text.strip() for d in docs)
    assert all(q.source_uri == "fuzz.bin" and q.reason for q in quarantined)


def test_inline_lead_byline_is_copied_not_cut():
    lead = "新华社北京3月5日电（记者 张三）十四届全国人大二次会议5日上午开幕，国务院总理作政府工作报告。"
    (doc,), _ = build_documents(raw_text(("政府工作报告开幕\n" + lead).encode("utf-8")))
    assert doc.byline == "记者 张三"
    assert lead in doc.text
