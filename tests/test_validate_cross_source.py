"""Duplicates diffed against each other (and a third source), independent sources matched."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline import ids
from pipeline.model import ClaimRow, Document
from pipeline.validate import validate
from pipeline.validate.cross_source import clusters, compare_duplicates, compare_sources
from tests.test_validate_relations import make_claim

ARCHIVE = Path(__file__).resolve().parent.parent / "sources" / "archive"


def seed(name: str) -> str:
    return next(ARCHIVE.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def story_docs() -> list[Document]:
    """Seed 000's first article, seed 001 (same story) and seed 002 (the work report)."""
    page = seed("000")
    first_article = page[: page.index("清明首个祭扫")]
    return [
        Document("d000", "000.txt#1", "embedded", "s0", first_article, part=1, publisher="浦东新区区报"),
        Document("d001", "001.txt", "embedded", "s1", seed("001"), publisher="新民网", duplicate_of="d000"),
        Document("d002", "002.txt", "embedded", "s2", seed("002"), publisher="张江镇人民政府"),
    ]


def test_name_conflict_between_duplicates_is_blamed_on_the_copy_the_third_source_contradicts():
    checks = compare_duplicates(story_docs(), [])
    flagged = [c for c in checks if c.verdict == "inconsistent"]
    assert len(flagged) == 1
    [c] = flagged
    assert c.kind == "duplicate"
    assert "心·共擎" in c.message and "心·共萃" in c.message
    assert "张江镇人民政府" in c.message
    assert c.message.endswith("浦东新区区报 is the one that disagrees.")
    assert c.doc_id == "d000"
    assert "擎" in c.arithmetic and "萃" in c.arithmetic


def test_figures_in_duplicates_corroborate_or_conflict():
    docs = story_docs()
    a, b = docs[0], docs[1]
    anchor_a = a.text.index("300多位")
    anchor_b = b.text.index("300多位")
    rows = [
        _row(a, make_claim(a.text, "300", anchor_a)),
        _row(b, make_claim(b.text, "300", anchor_b)),
    ]
    checks = compare_duplicates(docs[:2], rows)
    corroborated = [c for c in checks if c.verdict == "consistent"]
    assert len(corroborated) == 1 and set(corroborated[0].claim_ids) == {r.claim_id for r in rows}
    assert "not independent" in corroborated[0].message

    changed = replace(b, text=b.text.replace("300多位", "500多位"))
    rows_changed = [rows[0], _row(changed, make_claim(changed.text, "500", anchor_b))]
    conflicts = [c for c in compare_duplicates([a, changed], rows_changed) if c.verdict == "inconsistent"]
    figure = [c for c in conflicts if c.claim_ids]
    assert figure and "300" in figure[0].message and "500" in figure[0].message


def _row(doc, claim):
    return ClaimRow(ids.claim_id(doc.doc_id, claim.char_start, claim.char_end, claim.surface), doc.doc_id, claim)


def _metric_claim(doc: Document, surface: str, metric: str = "税收", period: str = "1-5月"):
    pos = doc.text.index(surface)
    return _row(doc, replace(make_claim(doc.text, surface, pos), metric=metric, period=period))


def test_cross_source_counts_a_duplicated_story_once():
    a = Document("da", "a", "s", "a", "1-5月税收20.17亿元。", place_code="310115125000", place_name="上海市浦东新区张江镇", publisher="A")
    a_copy = Document("db", "b", "s", "b", "1-5月税收20.17亿元。", place_code="310115125000", place_name="上海市浦东新区张江镇", publisher="A'", duplicate_of="da")
    other = Document("dc", "c", "s", "c", "1-5月税收20.2亿元。", place_code="310115125000", place_name="上海市浦东新区张江镇", publisher="C")
    rows = [_metric_claim(a, "20.17亿元"), _metric_claim(a_copy, "20.17亿元"), _metric_claim(other, "20.2亿元")]
    assert clusters([a, a_copy, other]) == {"da": "da", "db": "da", "dc": "dc"}
    checks = compare_sources([a, a_copy, other], rows)
    assert len(checks) == 1
    assert checks[0].kind == "cross_source" and checks[0].verdict == "consistent"


def test_cross_source_conflict_and_other_places_ignored():
    a = Document("da", "a", "s", "a", "1-5月税收20.17亿元。", place_code="310115125000", place_name="上海市浦东新区张江镇", publisher="A")
    b = Document("dc", "c", "s", "c", "1-5月税收21.17亿元。", place_code="310115125000", place_name="上海市浦东新区张江镇", publisher="C")
    elsewhere = Document("dd", "d", "s", "d", "1-5月税收21.17亿元。", place_code="310115120000", place_name="上海市浦东新区金桥镇", publisher="D")
    rows = [_metric_claim(a, "20.17亿元"), _metric_claim(b, "21.17亿元"), _metric_claim(elsewhere, "21.17亿元")]
    checks = validate([a, b, elsewhere], rows)
    cross = [c for c in checks if c.kind == "cross_source"]
    assert [c.verdict for c in cross] == ["inconsistent"]
    assert "20.17亿元" in cross[0].message and "21.17亿元" in cross[0].message


def test_open_ended_figures_corroborate_without_breaking_intervals():
    a = Document("da", "a", "s", "a", "今年招商引资超10亿元,创历史新高。", publisher="A")
    b = Document("db", "b", "s", "b", "今年招商引资超10亿元,创历史新高。", publisher="B", duplicate_of="da")
    rows = [_row(d, replace(make_claim(d.text, "10亿元", d.text.index("10亿元")), value_high=float("inf"), qualifier="more_than")) for d in (a, b)]
    [c] = compare_duplicates([a, b], rows)
    assert c.verdict == "consistent" and c.observed_high == float("inf")
