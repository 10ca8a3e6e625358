"""Relations in seed 002 found and checked from hand-built claims, and planted errors caught.

Claims are built by hand (located by text search in the real seed text), so
these tests do not depend on the extractor; test_validate_seeds.py runs the
same relations through it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline import ids
from pipeline.model import Claim, ClaimRow, Document
from pipeline.validate import validate, validate_document

SEED_002 = Path(__file__).resolve().parent.parent / "sources" / "archive" / "002_013173d67734eaa2.txt"
SURFACE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<unit>.*)$")
SCALES = {None: 1, "万": 10**4, "亿": 10**8}
UNITS = {"亿元": "元", "万元": "元", "元": "元"}


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, pos) for ch in "。；\n") + 1
    ends = [i for i in (text.find(ch, pos) for ch in "。；\n") if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def make_claim(text: str, surface: str, start: int, qualifier: str = "exact") -> Claim:
    """A claim as the extractor would emit it for a plain Arabic figure."""
    m = SURFACE.match(surface)
    if m is None:
        raise ValueError(f"test helper cannot parse surface {surface!r}")
    num = Decimal(m.group("num"))
    scale = SCALES[m.group("scale")]
    unit = m.group("unit") or "个"
    decimals = -num.as_tuple().exponent if num.as_tuple().exponent < 0 else 0
    half = Decimal(1).scaleb(-decimals) / 2
    s0, s1 = sentence_bounds(text, start)
    return Claim(
        char_start=start,
        char_end=start + len(surface),
        surface=surface,
        value=float(num * scale),
        value_low=float((num - half) * scale),
        value_high=float((num + half) * scale) if qualifier == "exact" else float("inf"),
        unit=unit.replace("%", "%") if unit == "%" else unit,
        qualifier=qualifier,
        sentence=text[s0:s1],
        sentence_start=s0,
    )


FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:元|家|个|件|项|%)(?!以上)")


def hand_claims(text: str, doc_id: str, anchor: str, count: int) -> list[ClaimRow]:
    """Claims for the next `count` figures after `anchor` (so a planted change is picked up)."""
    rows = []
    for m in list(FIGURE.finditer(text, text.index(anchor)))[:count]:
        c = make_claim(text, m.group(), m.start())
        rows.append(ClaimRow(ids.claim_id(doc_id, c.char_start, c.char_end, c.surface), doc_id, c))
    return rows


# (anchor, how many figures follow): the checkable relations of seed 002.
SEED_002_FIGURES = [
    ("1-5月,共计完成税收", 8),  # 20.17亿元 13.88亿元 6.39亿元 45.4% 5.72亿元 3.69亿元 2.03亿元 55.2%
    ("梳理户管清单", 6),  # 4718家 2506家 2212家 91家 31.17亿元 (500万元 is a threshold, skipped) 36家
    ("自治金项目立项", 4),  # 39个 9个 15个 15个
    ("上半年完成工程审价", 3),  # 125项 590.20万元 5.46%
    ("备案公文总数", 4),  # 43件 42件 1件 98%
    ("市民服务热线及时处置率", 3),  # 100% 96.27% 89.75%
]


def seed_text() -> str:
    return SEED_002.read_text(encoding="utf-8")


def seed_rows(text: str, doc_id: str = "d002") -> list[ClaimRow]:
    rows = []
    for anchor, count in SEED_002_FIGURES:
        rows += hand_claims(text, doc_id, anchor, count)
    return rows


def run(text: str) -> tuple[list, dict[str, ClaimRow]]:
    rows = seed_rows(text)
    doc = Document("d002", "002.txt", "embedded", "sha", text)
    return validate_document(doc, rows), {r.claim_id: r for r in rows}


def find(checks, kind: str, *surfaces: str, rows: dict[str, ClaimRow]):
    """The checks of a kind whose claims include all the given surfaces."""
    out = []
    for c in checks:
        have = [rows[i].claim.surface for i in c.claim_ids if i in rows]
        if c.kind == kind and all(s in have for s in surfaces):
            out.append(c)
    return out


def test_tax_difference_inconsistent_growth_consistent_and_6_39_blamed():
    checks, rows = run(seed_text())
    [diff] = find(checks, "difference", "20.17亿元", "6.39亿元", rows=rows)
    [growth] = find(checks, "growth_rate", "20.17亿元", "45.4%", rows=rows)
    assert diff.verdict == "inconsistent"
    assert growth.verdict == "consistent"
    assert rows[diff.suspect_claim_id].claim.surface == "6.39亿元"
    assert "6.39 → 6.29" in diff.message
    assert "6.29亿元" in diff.message
    assert diff.expected_low == pytest.approx(628000000) and diff.expected_high == pytest.approx(630000000)
    assert diff.observed_low == pytest.approx(638500000)
    assert "完成税收20.17亿元" in diff.quote


def test_district_revenue_all_consistent():
    checks, rows = run(seed_text())
    found = find(checks, "difference", "5.72亿元", rows=rows) + find(checks, "growth_rate", "5.72亿元", rows=rows)
    assert [c.verdict for c in found] == ["consistent", "consistent"]
    assert all(c.suspect_claim_id is None for c in found)


def test_partitions_subsets_shares_and_rate_bounds():
    checks, rows = run(seed_text())
    [enterprises] = find(checks, "part_sum", "4718家", "2506家", "2212家", rows=rows)
    [projects] = find(checks, "part_sum", "39个", "9个", rows=rows)
    [filings] = find(checks, "part_sum", "43件", "42件", "1件", rows=rows)
    [share] = find(checks, "share", "42件", "43件", "98%", rows=rows)
    [subset] = find(checks, "bound", "91家", "36家", rows=rows)
    assert {c.verdict for c in (enterprises, projects, filings, share, subset)} == {"consistent"}
    assert "97.67%" in share.message
    rate_bounds = [c for c in checks if c.kind == "bound" and len(c.claim_ids) == 1]
    assert {rows[c.claim_ids[0]].claim.surface for c in rate_bounds} >= {"5.46%", "98%", "100%", "96.27%", "89.75%"}


def test_rate_without_printed_base_is_skipped():
    """核减金额590.20万元,核减率5.46%: the base is not printed, so no share check is recorded."""
    checks, rows = run(seed_text())
    assert not find(checks, "share", "590.20万元", rows=rows)
    assert not find(checks, "growth_rate", "590.20万元", rows=rows)


def test_no_false_flags_besides_the_tax_increment():
    checks, rows = run(seed_text())
    flagged = [c for c in checks if c.verdict == "inconsistent"]
    assert [c.kind for c in flagged] == ["difference"]


def test_enumerations_and_glossary_counts_found():
    checks, _ = run(seed_text())
    enums = {c.message.split("”")[0].lstrip("“"): c for c in checks if c.kind == "enumeration_count"}
    assert enums["四大应用场景"].verdict == "consistent"
    assert "数字孪生、零碳行动、未来农场、智能互联" in enums["四大应用场景"].message
    assert enums["十二工作法"].verdict == "consistent"
    assert "“盘账”工作法" in enums["十二工作法"].message
    assert enums["10个必备专项"].verdict == "consistent"
    assert "舆情应对" in enums["10个必备专项"].message
    assert enums["8家楼宇"].verdict == "consistent"  # open list (等): 4 named, at least 4
    assert all(c.verdict != "inconsistent" for c in enums.values())


PLANTED = [
    # (original, mutant, kind that must turn inconsistent)
    ("镇域企业2506家", "镇域企业2516家", "part_sum"),
    ("户管清单4718家", "户管清单4728家", "part_sum"),
    ("增幅45.4%", "增幅47.4%", "growth_rate"),
    ("增幅55.2%", "增幅57.2%", "growth_rate"),
    ("比去年同期3.69亿元", "比去年同期3.96亿元", "difference"),
    ("智能互联四大应用场景", "智能互联五大应用场景", "enumeration_count"),
    ("立项39个", "立项38个", "part_sum"),
    ("三星项目9个", "三星项目8个", "part_sum"),
    ("主动公开率98%", "主动公开率96%", "share"),
    ("主动公开42件", "主动公开41件", "part_sum"),
    ("以上36家", "以上96家", "bound"),
    ("实际解决率96.27%", "实际解决率106.27%", "bound"),
    ("基层治理“十二工作法”:", "基层治理“十一工作法”:", "enumeration_count"),
    ("10个必备专项预案", "9个必备专项预案", "enumeration_count"),
    ("五有:", "六有:", "enumeration_count"),
]


@pytest.mark.parametrize(("original", "mutant", "kind"), PLANTED, ids=[p[1] for p in PLANTED])
def test_planted_error_is_caught(original, mutant, kind):
    text = seed_text()
    assert text.count(original) == 1
    checks, rows = run(text.replace(original, mutant))
    flagged = [c for c in checks if c.verdict == "inconsistent" and c.kind == kind]
    assert flagged, f"{mutant} not caught"


def test_planted_rate_error_is_localised_to_the_rate():
    checks, rows = run(seed_text().replace("增幅55.2%", "增幅57.2%"))
    [growth] = find(checks, "growth_rate", "5.72亿元", rows=rows)
    assert rows[growth.suspect_claim_id].claim.surface == "57.2%"
    assert "57.2 → 55.0" in growth.message


def test_planted_level_error_is_localised_by_the_internal_rate_check():
    checks, rows = run(seed_text().replace("区级财政收入5.72亿元", "区级财政收入5.92亿元"))
    flagged = [c for c in checks if c.verdict == "inconsistent" and c.kind in ("difference", "growth_rate")]
    assert len(flagged) == 3  # the tax increment, and both 区级财政收入 checks
    suspects = {rows[c.suspect_claim_id].claim.surface for c in flagged}
    assert suspects == {"6.39亿元", "5.92亿元"}


def test_validate_sorts_by_check_id_and_is_deterministic():
    text = seed_text()
    doc = Document("d002", "002.txt", "embedded", "sha", text)
    rows = seed_rows(text)
    first = validate([doc], rows)
    second = validate([doc], list(reversed(rows)))
    assert [c.check_id for c in first] == sorted(c.check_id for c in first)
    assert first == second
    assert len({c.check_id for c in first}) == len(first)
