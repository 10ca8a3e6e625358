"""The validator on the real seeds, through the documents stage and the extractor."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("pipeline.extract", reason="the extractor is another helper's module")

from pipeline import ids, stages  # noqa: E402
from pipeline.extract import extract_claims  # noqa: E402
from pipeline.model import ClaimRow, Document  # noqa: E402
from pipeline.validate import validate, validate_document  # noqa: E402
from pipeline.validate.cross_source import clusters  # noqa: E402
from tests.test_validate_relations import PLANTED, seed_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def seed_run():
    raws, _ = stages.read_raw(ROOT / "sources" / "archive", ROOT / "sources", ROOT / "no-raw-store")
    docs, _ = stages.build_all_documents(raws)
    rows, _ = stages.extract_all_claims(docs)
    return docs, rows, validate(docs, rows)


def surfaces(check, rows_by_id) -> list[str]:
    return [rows_by_id[i].claim.surface for i in check.claim_ids]


def test_seed_002_relations_and_verdicts():
    docs, rows, checks = seed_run()
    by_id = {r.claim_id: r for r in rows}
    report = next(d for d in docs if "政府工作报告" in (d.title or ""))
    mine = [c for c in checks if c.doc_id == report.doc_id]

    def one(kind, *figures):
        found = [c for c in mine if c.kind == kind and all(f in surfaces(c, by_id) for f in figures)]
        assert len(found) == 1, (kind, figures, [c.message for c in found])
        return found[0]

    tax = one("difference", "20.17亿元", "13.88亿元", "6.39亿元")
    assert tax.verdict == "inconsistent"
    assert by_id[tax.suspect_claim_id].claim.surface == "6.39亿元"
    assert "6.39 → 6.29" in tax.message
    assert one("growth_rate", "20.17亿元", "45.4%").verdict == "consistent"
    assert one("difference", "5.72亿元", "2.03亿元").verdict == "consistent"
    assert one("growth_rate", "5.72亿元", "55.2%").verdict == "consistent"
    assert one("part_sum", "4718家", "2506家", "2212家").verdict == "consistent"
    assert one("part_sum", "39个", "9个").verdict == "consistent"
    assert one("part_sum", "43件", "42件", "1件").verdict == "consistent"
    assert one("share", "42件", "43件", "98%").verdict == "consistent"
    assert one("bound", "91家", "36家").verdict == "consistent"
    enums = {c.message.split("”")[0].lstrip("“"): c for c in mine if c.kind == "enumeration_count"}
    assert {"四大应用场景", "十二工作法", "10个必备专项", "四个最严"} <= set(enums)
    scenes = enums["四大应用场景"]
    if scenes.claim_ids:  # the extractor may or may not emit 四大 as a claim; when it does, the check names it
        assert surfaces(scenes, by_id) == ["四大"]


def test_no_false_flags_on_the_seeds():
    """The only flags on the unmodified seeds are the two real ones."""
    docs, rows, checks = seed_run()
    flagged = sorted((c.kind, c.message) for c in checks if c.verdict == "inconsistent")
    assert [k for k, _ in flagged] == ["difference", "duplicate"]
    assert "心·共擎" in flagged[1][1] and "浦东新区区报 is the one that disagrees" in flagged[1][1]


def test_duplicate_story_is_linked_and_not_counted_as_independent():
    docs, rows, checks = seed_run()
    assert any(d.duplicate_of for d in docs), "the documents stage no longer links seed 001 to seed 000's first article"
    cluster = clusters(docs)
    doc_of = {r.claim_id: r.doc_id for r in rows}
    for c in checks:
        if c.kind == "cross_source":
            assert len({cluster[doc_of[i]] for i in c.claim_ids}) == 2
    assert any(c.kind == "duplicate" and c.verdict == "consistent" for c in checks)


def _extracted(text: str) -> tuple[Document, list[ClaimRow]]:
    doc = Document("d002", "002.txt", "embedded", "sha", text)
    rows = [ClaimRow(ids.claim_id(doc.doc_id, c.char_start, c.char_end, c.surface), doc.doc_id, c) for c in extract_claims(text)]
    return doc, rows


@pytest.mark.parametrize(("original", "mutant", "kind"), PLANTED, ids=[p[1] for p in PLANTED])
def test_planted_error_caught_through_the_extractor(original, mutant, kind):
    doc, rows = _extracted(seed_text().replace(original, mutant))
    checks = validate_document(doc, rows)
    assert [c for c in checks if c.verdict == "inconsistent" and c.kind == kind], f"{mutant} not caught"
