"""A small hand-built release around the seed report's 6.39亿元 flag.

The release tests share it: one work report with the printed difference that
does not add up, one news post whose title needs escaping, one quarantined
input. The tests in this file keep the sample true to the data contract.
"""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from pipeline import ids, schema

REPORT_TEXT = (
    "一、2023年上半年工作回顾\n"
    "经济形势稳中向好：1-5月，共计完成税收20.17亿元，比去年同期13.88亿元增长6.39亿元，增幅45.4%；"
    "完成区级财政收入5.72亿元。\n"
)
REPORT_SENTENCE = "经济形势稳中向好：1-5月，共计完成税收20.17亿元，比去年同期13.88亿元增长6.39亿元，增幅45.4%；"
NEWS_TEXT = "今年以来，张江镇新增就业岗位约1200个，超额完成全年目标。"
NEWS_TITLE = '张江<科学城>"双创"&简报'
FLAG_MESSAGE = "税收: 20.17亿元 − 13.88亿元 = 6.29亿元, not the printed 6.39亿元"

REPORT_ID = ids.doc_id("013173d67734eaa2" * 4)
NEWS_ID = ids.doc_id("5e1f" * 16)


def _claim(doc: str, text: str, surface: str, occurrence_after: str, **fields) -> dict:
    sentence_start = text.index(fields["sentence"])
    start = text.index(surface, text.index(occurrence_after) + len(occurrence_after))
    end = start + len(surface)
    row = {
        "claim_id": ids.claim_id(doc, start, end, surface),
        "doc_id": doc,
        "char_start": start,
        "char_end": end,
        "surface": surface,
        "sentence_start": sentence_start,
    }
    row.update(fields)
    row.setdefault("comparison", "level")
    sign = -1 if row.get("direction") == "decrease" else 1
    row.setdefault("signed_value", sign * row["value"])
    row.setdefault("place_code", "310115125000")
    return row


def _report_claims() -> list[dict]:
    common = {
        "unit": "元",
        "qualifier": "exact",
        "metric": "税收",
        "period": "1-5月",
        "period_start": date(2023, 1, 1),
        "period_end": date(2023, 5, 31),
        "role": "actual",
        "sentence": REPORT_SENTENCE,
    }
    level = _claim(REPORT_ID, REPORT_TEXT, "20.17亿元", "共计完成税收", value=2017000000.0,
                   value_low=2016500000.0, value_high=2017500000.0, comparison="level", **common)
    base = _claim(REPORT_ID, REPORT_TEXT, "13.88亿元", "比去年同期", value=1388000000.0,
                  value_low=1387500000.0, value_high=1388500000.0, comparison="base",
                  compared_to=level["claim_id"], **common)
    increment = _claim(REPORT_ID, REPORT_TEXT, "6.39亿元", "增长", value=639000000.0,
                       value_low=638500000.0, value_high=639500000.0, comparison="increment", direction="increase",
                       compared_to=level["claim_id"], **common)
    rate = _claim(REPORT_ID, REPORT_TEXT, "45.4%", "增幅", value=45.4, value_low=45.35,
                  value_high=45.45, comparison="rate", direction="increase", compared_to=level["claim_id"],
                  **{**common, "unit": "%"})
    return [level, base, increment, rate]


def _news_claims() -> list[dict]:
    return [
        _claim(NEWS_ID, NEWS_TEXT, "约1200个", "新增就业岗位", value=1200.0, value_low=1150.0,
               value_high=1250.0, unit="个", qualifier="approx", metric="新增就业岗位",
               period="今年", period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
               role="actual", sentence=NEWS_TEXT)
    ]


def _check(kind: str, doc: str, claims: list[dict], **fields) -> dict:
    claim_ids = [c["claim_id"] for c in claims]
    return {"check_id": ids.check_id(kind, doc, claim_ids), "kind": kind, "doc_id": doc,
            "claim_ids": claim_ids, **fields}


def seed_rows() -> dict[str, list[dict]]:
    report_claims = _report_claims()
    level, base, increment, rate = report_claims
    news_claims = _news_claims()
    documents = [
        {"doc_id": REPORT_ID, "source_uri": "002_013173d67734eaa2.txt", "source_id": "embedded",
         "publisher": "张江镇人民政府", "title": "张江镇第五届人民代表大会第四次会议政府工作报告",
         "published_date": "2023-08-03", "doc_kind": "work_report", "place_code": "310115125000",
         "place_name": "上海市浦东新区张江镇", "reference_period": "2023-H1",
         "part": 0, "encoding": "utf-8", "content_sha256": "013173d67734eaa2" * 4, "text": REPORT_TEXT},
        {"doc_id": NEWS_ID, "source_uri": "https://www.pudong.gov.cn/zjz/news/2023/1.html?a=1&b=2",
         "source_id": "pudong_news", "publisher": "张江镇", "title": NEWS_TITLE,
         "published_date": "2023-11", "doc_kind": "news_post", "part": 0, "encoding": "gb18030",
         "content_sha256": "5e1f" * 16, "text": NEWS_TEXT},
    ]
    checks = [
        _check("difference", REPORT_ID, [level, base, increment], verdict="inconsistent",
               expected_low=628000000.0, expected_high=630000000.0, observed_low=638500000.0,
               observed_high=639500000.0, suspect_claim_id=increment["claim_id"],
               arithmetic="20.17 − 13.88 = 6.29 ≠ 6.39", quote=REPORT_SENTENCE, message=FLAG_MESSAGE),
        _check("growth_rate", REPORT_ID, [level, base, rate], verdict="consistent",
               expected_low=45.24, expected_high=45.41, observed_low=45.35, observed_high=45.45,
               arithmetic="20.17 / 13.88 − 1 = 45.3%", quote=REPORT_SENTENCE,
               message="税收: 20.17亿元 / 13.88亿元 − 1 = 45.3%, matching the printed 45.4%"),
        _check("bound", NEWS_ID, news_claims, verdict="undecidable",
               message="新增就业岗位: no target figure to compare 约1200个 with"),
    ]
    quarantine = [
        {"source_id": "embedded", "source_uri": "broken.html", "stage": "decode",
         "reason": "broken.html: not decodable as GB18030 or UTF-8", "content_sha256": "ab" * 32},
    ]
    return {"documents": documents, "claims": report_claims + news_claims, "checks": checks,
            "quarantine": quarantine}


def seed_tables() -> dict[str, pa.Table]:
    return {name: schema.to_arrow(schema.TABLES[name], rows) for name, rows in seed_rows().items()}


def test_sample_offsets_point_at_surfaces():
    texts = {d["doc_id"]: d["text"] for d in seed_rows()["documents"]}
    for c in seed_rows()["claims"]:
        text = texts[c["doc_id"]]
        assert text[c["char_start"]:c["char_end"]] == c["surface"]
        assert text[c["sentence_start"]:].startswith(c["sentence"])


def test_sample_tables_follow_the_schema():
    for name, table in seed_tables().items():
        assert table.schema.equals(schema.arrow_schema(schema.TABLES[name]))
        assert table.num_rows > 0
