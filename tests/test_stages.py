"""Stage functions: one bad input is recorded with its reason and the rest go on."""

from datetime import date

from pipeline import stages
from pipeline.archive import read_archive


def _archive(tmp_path):
    (tmp_path / "a.txt").write_text("上半年,新增就业岗位3844个。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("上半年,新增就业岗位3844个。", encoding="utf-8")
    (tmp_path / "c.txt").write_text("完成区级财政收入5.72亿元,比去年同期3.69亿元增长2.03亿元。", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"")
    return read_archive(tmp_path)[0]


def test_identical_bytes_make_one_document_and_an_empty_file_is_quarantined(tmp_path):
    docs, quarantined = stages.build_all_documents(_archive(tmp_path))
    assert sorted(d.source_uri for d in docs) == ["a.txt", "c.txt"]
    reasons = {q.source_uri: q.reason for q in quarantined}
    assert reasons["b.txt"] == "same bytes as a.txt"
    assert "d.txt" in reasons


def test_an_extractor_failure_is_quarantined_and_the_others_go_on(tmp_path, monkeypatch):
    docs, _ = stages.build_all_documents(_archive(tmp_path))
    real = stages.extract_claims

    def flaky(text, doc_date=None, **context):
        if "3844" in text:
            raise RuntimeError("boom")
        return real(text, doc_date, **context)

    monkeypatch.setattr(stages, "extract_claims", flaky)
    rows, quarantined = stages.extract_all_claims(docs)
    assert {r.claim.surface for r in rows} >= {"5.72亿元", "3.69亿元", "2.03亿元"}
    [q] = quarantined
    assert q.source_uri == "a.txt" and q.stage == "extract" and "boom" in q.reason


def test_partial_publication_dates_stand_for_their_first_day():
    assert stages.document_date("2023-08-03") == date(2023, 8, 3)
    assert stages.document_date("2023-04") == date(2023, 4, 1)
    assert stages.document_date("2022") == date(2022, 1, 1)
    assert stages.document_date("not a date") is None
    assert stages.document_date(None) is None


def _raw(name, text, publisher, published):
    from pipeline.ids import sha256_hex
    from pipeline.model import RawDocument

    data = text.encode("utf-8")
    hints = {"publisher": publisher, "published_date": published, "jurisdiction": "上海市浦东新区张江镇", "doc_kind": "news_post"}
    return RawDocument("test", name, data, sha256_hex(data), "text/plain", hints=hints)


def test_two_publishers_disagreeing_on_one_figure_are_flagged_across_sources():
    from pipeline.validate import validate

    raws = [
        _raw("a.txt", "张江镇经济运行情况。1-5月,张江镇共计完成税收20.17亿元,同比增长45.4%。镇域企业持续增加。", "张江镇人民政府", "2023-06-20"),
        _raw("b.txt", "浦东各镇上半年经济数据发布。张江镇1-5月完成税收20.71亿元,继续保持增长势头,领跑全区。", "浦东发布", "2023-06-25"),
    ]
    docs, _ = stages.build_all_documents(raws)
    rows, _ = stages.extract_all_claims(docs)
    [conflict] = [c for c in validate(docs, rows) if c.kind == "cross_source"]
    assert conflict.verdict == "inconsistent"
    assert "20.71亿元" in conflict.message and "20.17亿元" in conflict.message
