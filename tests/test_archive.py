import json

from pipeline.archive import LOCAL_SOURCE_ID, read_archive
from pipeline.resources import DEFAULT_ARCHIVE


def test_embedded_archive_carries_registry_metadata():
    raws, quarantined = read_archive(DEFAULT_ARCHIVE)
    assert quarantined == []
    assert len(raws) == 5
    report = next(r for r in raws if r.hints["file"].startswith("002_"))
    assert report.source_id == "embedded"
    assert report.source_uri == "https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html"
    assert report.hints["published_date"] == "2023-08-03"
    assert report.hints["doc_kind"] == "work_report"
    page = next(r for r in raws if r.hints["file"].startswith("000_"))
    assert page.source_uri == "000_a15f078195a3355d.txt"


def test_sidecars_and_bad_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("完成税收20.17亿元。", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"url": "http://example.gov.cn/a.html", "published": "2024-01-02"}), encoding="utf-8")
    (tmp_path / "b.html").write_bytes("<html><body>五</body></html>".encode("gb18030"))
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "orphan.json").write_text("{}", encoding="utf-8")
    raws, quarantined = read_archive(tmp_path)
    by_file = {r.hints["file"]: r for r in raws}
    assert set(by_file) == {"a.txt", "b.html"}
    assert by_file["a.txt"].source_uri == "http://example.gov.cn/a.html"
    assert by_file["a.txt"].hints["published_date"] == "2024-01-02"
    assert by_file["a.txt"].source_id == LOCAL_SOURCE_ID
    assert by_file["b.html"].media_type == "text/html"
    assert by_file["b.html"].content == "<html><body>五</body></html>".encode("gb18030")
    reasons = {q.source_uri: q.reason for q in quarantined}
    assert set(reasons) == {"b.json", "c.pdf", "orphan.json"}
    assert "b.json" in reasons["b.json"] and "c.pdf" in reasons["c.pdf"]
