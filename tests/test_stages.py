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

    def flaky(text, doc_date=None):
        if "3844" in text:
            raise RuntimeError("boom")
        return real(text, doc_date)

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
